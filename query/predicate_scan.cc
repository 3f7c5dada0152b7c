// Predicate scans over `pos`, split at the middle of the key range's ids.
#include "query/predicate_scan.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "graph/layout.h"
#include "query/scan_policy.h"
#include "rocksdb/iterator.h"
#include "util/coding.h"
#include "util/status_macros.h"
#include "util/tasks.h"

namespace quarry::query {
namespace {

using graph::IdTriple;
using graph::TermId;

// A pos key's ids after the prefix, as one number: (object, subject) or subject.
using KeyNumber = unsigned __int128;

KeyNumber Number(const rocksdb::Slice& key, size_t prefix_size) {
  KeyNumber value = 0;
  for (size_t offset = prefix_size; offset + 8 <= key.size(); offset += 8) {
    value = (value << 64) | GetBigEndian64(key.data() + offset);
  }
  return value;
}

std::string KeyOf(const std::string& prefix, KeyNumber number) {
  std::string key = prefix;
  if (prefix.size() == 8) PutBigEndian64(&key, static_cast<uint64_t>(number >> 64));
  PutBigEndian64(&key, static_cast<uint64_t>(number));
  return key;
}

// Reads keys in [begin, end) (end empty: to the end of `prefix`) into `out`.
absl::Status ReadRange(const graph::Snapshot& snapshot, const std::string& prefix,
                       const std::string& begin, const std::string& end,
                       std::vector<IdTriple>* out) {
  std::unique_ptr<rocksdb::Iterator> iterator = snapshot.NewIterator(graph::layout::kPos);
  for (iterator->Seek(begin); iterator->Valid(); iterator->Next()) {
    const rocksdb::Slice key = iterator->key();
    if (!key.starts_with(prefix)) break;
    if (!end.empty() && key.compare(end) >= 0) break;
    if (key.size() != 24) return absl::DataLossError("malformed index key");
    out->push_back(IdTriple{GetBigEndian64(key.data() + 16), GetBigEndian64(key.data()),
                            GetBigEndian64(key.data() + 8)});
  }
  if (!iterator->status().ok()) {
    return absl::InternalError(absl::StrCat("scan: ", iterator->status().ToString()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<IdTriple>> ScanPredicate(const graph::Snapshot& snapshot,
                                                    TermId predicate, std::optional<TermId> object,
                                                    int64_t expected_rows) {
  std::string prefix;
  PutBigEndian64(&prefix, predicate);
  if (object.has_value()) PutBigEndian64(&prefix, *object);
  std::vector<IdTriple> first;
  // A scanned entry costs a few times less than a seek.
  const bool split = expected_rows >= static_cast<int64_t>(MinParallelProbes()) * 32;
  if (!split) {
    QUARRY_RETURN_IF_ERROR(ReadRange(snapshot, prefix, prefix, "", &first));
    return first;
  }
  // The first and last keys bound the ids; split at their middle.
  std::unique_ptr<rocksdb::Iterator> iterator = snapshot.NewIterator(graph::layout::kPos);
  iterator->Seek(prefix);
  if (!iterator->Valid() || !iterator->key().starts_with(prefix)) {
    if (!iterator->status().ok()) {
      return absl::InternalError(absl::StrCat("scan: ", iterator->status().ToString()));
    }
    return first;
  }
  const KeyNumber low = Number(iterator->key(), prefix.size());
  iterator->SeekForPrev(prefix + std::string(24 - prefix.size(), '\xff'));
  if (!iterator->Valid() || !iterator->key().starts_with(prefix)) {
    return absl::InternalError("scan: the last key of a range vanished");
  }
  const KeyNumber high = Number(iterator->key(), prefix.size());
  const std::string middle = KeyOf(prefix, low + (high - low) / 2);
  std::vector<IdTriple> second;
  static const int threads = WorkerThreads(2);
  QUARRY_RETURN_IF_ERROR(
      RunTasks({[&] { return ReadRange(snapshot, prefix, prefix, middle, &first); },
                [&] { return ReadRange(snapshot, prefix, middle, "", &second); }},
               threads));
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

}  // namespace quarry::query
