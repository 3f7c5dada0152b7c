// SST files of a bulk load and the task runner (see graph/sst_files.h).
#include "graph/sst_files.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
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

// Writes the new terms: forward keys ('f...') sort before reverse keys ('r...').
absl::Status WriteTerms(absl::flat_hash_map<std::string, TermId> new_terms, SstFiles& files) {
  std::vector<std::pair<std::string, TermId>> forward(new_terms.begin(), new_terms.end());
  absl::flat_hash_map<std::string, TermId>().swap(new_terms);
  std::sort(forward.begin(), forward.end());
  std::vector<std::pair<TermId, size_t>> reverse;
  reverse.reserve(forward.size());
  for (size_t index = 0; index < forward.size(); ++index)
    reverse.emplace_back(forward[index].second, index);
  std::sort(reverse.begin(), reverse.end());
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(layout::kTerms));
  std::string id_bytes;
  for (const auto& [key, id] : forward) {
    id_bytes.clear();
    PutBigEndian64(&id_bytes, id);
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Put(key, id_bytes), "bulk load terms"));
  }
  for (const auto& [id, index] : reverse) {
    const std::string& key = forward[index].first;
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(
        writer->Put(layout::TermReverseKey(id), rocksdb::Slice(key.data() + 2, key.size() - 2)),
        "bulk load terms"));
  }
  return files.Finish(layout::kTerms, 0, *writer, forward.size());
}

// Writes the names index: (folded name, node) pairs.
absl::Status WriteNames(const std::vector<std::pair<std::string, TermId>>& names, SstFiles& files) {
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const auto& [folded, id] : names) keys.push_back(layout::NamesKey(folded, id));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(layout::kNames));
  for (const std::string& key : keys) {
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Put(key, rocksdb::Slice()), "bulk load names"));
  }
  return files.Finish(layout::kNames, 0, *writer, keys.size());
}

}  // namespace quarry::graph
