// SST files of a bulk load and the task runner (see graph/sst_files.h).
#include "graph/sst_files.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "graph/layout.h"
#include "graph/rocksdb_status.h"
#include "graph/term.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace quarry::graph {

SstFiles::SstFiles(StoreImpl& impl, std::filesystem::path dir)
    : impl_(impl), dir_(std::move(dir)), descriptors_(FamilyDescriptors(StoreOptions())) {}

SstFiles::~SstFiles() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

absl::Status SstFiles::CreateDirectory() {
  std::error_code error;
  std::filesystem::remove_all(dir_, error);
  std::filesystem::create_directories(dir_, error);
  if (error) return absl::InternalError(absl::StrCat("cannot create ", dir_.string()));
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<rocksdb::SstFileWriter>> SstFiles::Open(int family, int part) {
  rocksdb::Options options(rocksdb::DBOptions(), descriptors_[family].options);
  // Ingested files land in the bottommost level, whose ZSTD would take a third of a bulk
  // load's time; LZ4 is several times faster, and compaction recompresses them later.
  options.bottommost_compression = rocksdb::kLZ4Compression;
  auto writer = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options,
                                                         impl_.family(family));
  const std::string file = FileOf(family, part);
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Open(file), file));
  return writer;
}

absl::Status SstFiles::Finish(int family, int part, rocksdb::SstFileWriter& writer,
                              uint64_t entries_written) {
  if (entries_written == 0) return absl::OkStatus();
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer.Finish(), "bulk load"));
  absl::MutexLock lock(&mutex_);
  finished_[family][part] = FileOf(family, part);
  return absl::OkStatus();
}

absl::Status SstFiles::IngestAll() {
  std::vector<rocksdb::IngestExternalFileArg> ingest;
  {
    absl::MutexLock lock(&mutex_);
    for (const auto& [family, parts] : finished_) {
      rocksdb::IngestExternalFileArg& arg = ingest.emplace_back();
      arg.column_family = impl_.family(family);
      for (const auto& [part, file] : parts) arg.external_files.push_back(file);
      arg.options.move_files = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
    }
  }
  WriteScope scope(impl_);
  return FromRocksStatus(impl_.db()->IngestExternalFiles(ingest), impl_.path);
}

std::string SstFiles::FileOf(int family, int part) const {
  return (dir_ / absl::StrCat(layout::kFamilyNames[family], "-", part, ".sst")).string();
}

// Writes the new terms: forward keys ('f...') sort before reverse keys ('r...'). The map's
// entries are sorted by pointer, not copied; their ids are numbered densely from the least,
// so putting each entry at its number orders them by number, leaving only the kind (the
// ids' top byte) to sort by.
namespace {

// The first 8 bytes of `bytes` (zeros past its end) as a number that orders like them: where
// two keys' prefixes differ, they order as their keys do; sorting by prefix first compares
// mostly numbers held in the array, not strings elsewhere in memory.
uint64_t KeyPrefix(absl::string_view bytes) {
  uint64_t prefix = 0;
  for (size_t index = 0; index < 8; ++index) {
    prefix = (prefix << 8) | (index < bytes.size() ? static_cast<uint8_t>(bytes[index]) : 0);
  }
  return prefix;
}

// Sorts `items` by `less`, comparing their KeyPrefix (`prefix(item)`) first.
template <typename Item, typename Prefix, typename Less>
void SortByPrefix(std::vector<Item>& items, Prefix prefix, Less less) {
  std::vector<std::pair<uint64_t, Item>> keyed;
  keyed.reserve(items.size());
  for (const Item& item : items) keyed.emplace_back(prefix(item), item);
  std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : less(a.second, b.second);
  });
  for (size_t index = 0; index < items.size(); ++index) items[index] = keyed[index].second;
}

}  // namespace

absl::Status WriteTerms(const absl::flat_hash_map<std::string, TermId>& new_terms,
                        SstFiles& files) {
  using Term = std::pair<const std::string, TermId>;
  std::vector<const Term*> forward;
  forward.reserve(new_terms.size());
  uint64_t least = UINT64_MAX;
  for (const Term& term : new_terms) {
    forward.push_back(&term);
    least = std::min(least, TermSequence(term.second));
  }
  std::vector<const Term*> by_id(forward.size(), nullptr);
  for (const Term* term : forward) {
    const uint64_t slot = TermSequence(term->second) - least;
    if (slot >= by_id.size() || by_id[slot] != nullptr) {
      return absl::InternalError("bulk load: new term ids are not consecutive");
    }
    by_id[slot] = term;
  }
  SortByPrefix(
      forward, [](const Term* term) { return KeyPrefix(term->first); },
      [](const Term* a, const Term* b) { return a->first < b->first; });
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(layout::kTerms));
  std::string id_bytes;
  for (const Term* term : forward) {
    id_bytes.clear();
    PutBigEndian64(&id_bytes, term->second);
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Put(term->first, id_bytes), "bulk load terms"));
  }
  // Reverse keys order by the whole id, whose top byte is the kind: a stable pass per kind.
  std::stable_sort(by_id.begin(), by_id.end(), [](const Term* a, const Term* b) {
    return KindOf(a->second) < KindOf(b->second);
  });
  for (const Term* term : by_id) {
    const std::string& key = term->first;
    QUARRY_RETURN_IF_ERROR(
        FromRocksStatus(writer->Put(layout::TermReverseKey(term->second),
                                    rocksdb::Slice(key.data() + 2, key.size() - 2)),
                        "bulk load terms"));
  }
  return files.Finish(layout::kTerms, 0, *writer, forward.size());
}

namespace {

// Whether the names key of `a` (NamesKey: folded name, a zero byte, the id's 8 bytes) sorts
// before that of `b`, without making either key.
bool NamesKeyLess(const std::pair<std::string, TermId>& a,
                  const std::pair<std::string, TermId>& b) {
  const std::string& x = a.first;
  const std::string& y = b.first;
  if (x.size() == y.size()) {
    const int order = std::memcmp(x.data(), y.data(), x.size());
    return order != 0 ? order < 0 : a.second < b.second;  // big-endian: by number
  }
  const size_t common = std::min(x.size(), y.size());
  const int order = std::memcmp(x.data(), y.data(), common);
  if (order != 0) return order < 0;
  // One name begins the other: its key goes on with the zero byte. Only a zero byte in the
  // longer name leaves the order to the bytes after it.
  const char next = x.size() < y.size() ? y[common] : x[common];
  if (next != '\0') return x.size() < y.size();
  return layout::NamesKey(x, a.second) < layout::NamesKey(y, b.second);
}

}  // namespace

// Writes the names index: (folded name, node) pairs, sorted by pointer, not copied.
absl::Status WriteNames(const std::vector<std::pair<std::string, TermId>>& names, SstFiles& files) {
  std::vector<const std::pair<std::string, TermId>*> sorted;
  sorted.reserve(names.size());
  for (const auto& name : names) sorted.push_back(&name);
  // The prefix of a names key: the folded name, then its zero byte and id when it is short.
  std::string key;
  SortByPrefix(
      sorted,
      [&key](const std::pair<std::string, TermId>* name) {
        key.assign(name->first, 0, std::min<size_t>(name->first.size(), 8));
        if (key.size() < 8) key = layout::NamesKey(key, name->second);
        return KeyPrefix(key);
      },
      [](const auto* a, const auto* b) { return NamesKeyLess(*a, *b); });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const auto* a, const auto* b) { return *a == *b; }),
               sorted.end());
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(layout::kNames));
  for (const auto* name : sorted) {
    QUARRY_RETURN_IF_ERROR(
        FromRocksStatus(writer->Put(layout::NamesKey(name->first, name->second), rocksdb::Slice()),
                        "bulk load names"));
  }
  return files.Finish(layout::kNames, 0, *writer, sorted.size());
}

}  // namespace quarry::graph
