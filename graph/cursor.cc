// Cursor: each of the eight triple patterns as one prefix scan over the permutation whose
// key order puts the bound positions first (or a point read when all three are bound).
#include <utility>

#include "graph/layout.h"
#include "graph/rocksdb_status.h"
#include "graph/store.h"
#include "rocksdb/db.h"

namespace quarry::graph {
namespace {

constexpr int kSpoIndex = 0;
constexpr int kPosIndex = 1;
constexpr int kOspIndex = 2;

}  // namespace

Cursor::Cursor(rocksdb::DB* db, const rocksdb::Snapshot* snapshot,
               std::array<rocksdb::ColumnFamilyHandle*, 3> families)
    : db_(db), snapshot_(snapshot), families_(families) {}

Cursor::~Cursor() = default;
Cursor::Cursor(Cursor&&) noexcept = default;
Cursor& Cursor::operator=(Cursor&&) noexcept = default;

void Cursor::Seek(const TriplePattern& pattern) {
  status_ = absl::OkStatus();
  valid_ = false;
  point_ = false;
  prefix_.clear();
  const bool s = pattern.subject.has_value();
  const bool p = pattern.predicate.has_value();
  const bool o = pattern.object.has_value();

  if (s && p && o) {
    // A point read: the only shape that needs no iterator.
    point_ = true;
    triple_ = {*pattern.subject, *pattern.predicate, *pattern.object};
    rocksdb::ReadOptions options;
    options.snapshot = snapshot_;
    rocksdb::PinnableSlice value;
    rocksdb::Status status =
        db_->Get(options, families_[kSpoIndex], layout::SpoKey(triple_), &value);
    if (status.ok()) {
      valid_ = true;
    } else if (!status.IsNotFound()) {
      status_ = FromRocksStatus(status, "spo");
    }
    return;
  }
  if (s) {
    index_ = kSpoIndex;
    PutBigEndian64(&prefix_, *pattern.subject);
    if (p) PutBigEndian64(&prefix_, *pattern.predicate);
    if (o) {  // (s, ?, o): osp orders o then s
      index_ = kOspIndex;
      prefix_.clear();
      PutBigEndian64(&prefix_, *pattern.object);
      PutBigEndian64(&prefix_, *pattern.subject);
    }
  } else if (p) {
    index_ = kPosIndex;
    PutBigEndian64(&prefix_, *pattern.predicate);
    if (o) PutBigEndian64(&prefix_, *pattern.object);
  } else if (o) {
    index_ = kOspIndex;
    PutBigEndian64(&prefix_, *pattern.object);
  } else {
    index_ = kSpoIndex;
  }

  std::unique_ptr<rocksdb::Iterator>& iterator = iterators_[index_];
  if (iterator == nullptr) {
    rocksdb::ReadOptions options;
    options.snapshot = snapshot_;
    iterator.reset(db_->NewIterator(options, families_[index_]));
  }
  if (prefix_.empty()) {
    iterator->SeekToFirst();
  } else {
    iterator->Seek(prefix_);
  }
  Settle();
}

void Cursor::Next() {
  if (!valid_) return;
  if (point_) {
    valid_ = false;
    return;
  }
  iterators_[index_]->Next();
  Settle();
}

void Cursor::Settle() {
  rocksdb::Iterator* iterator = iterators_[index_].get();
  valid_ = false;
  if (!iterator->Valid()) {
    if (!iterator->status().ok()) status_ = FromRocksStatus(iterator->status(), "scan");
    return;
  }
  const rocksdb::Slice key = iterator->key();
  if (!key.starts_with(prefix_)) return;
  if (key.size() != 24) {
    status_ = absl::DataLossError("malformed index key");
    return;
  }
  const uint64_t first = GetBigEndian64(key.data());
  const uint64_t second = GetBigEndian64(key.data() + 8);
  const uint64_t third = GetBigEndian64(key.data() + 16);
  switch (index_) {
    case kSpoIndex:
      triple_ = {first, second, third};
      break;
    case kPosIndex:
      triple_ = {third, first, second};
      break;
    default:
      triple_ = {second, third, first};
      break;
  }
  valid_ = true;
}

}  // namespace quarry::graph
