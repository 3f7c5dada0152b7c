// SST files of a bulk load and the task runner (see graph/sst_files.h).
#include "graph/sst_files.h"

#include "absl/strings/str_cat.h"
#include "graph/layout.h"
#include "graph/rocksdb_status.h"
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
  return FromRocksStatus(impl_.db()->IngestExternalFiles(ingest), impl_.path);
}

std::string SstFiles::FileOf(int family, int part) const {
  return (dir_ / absl::StrCat(layout::kFamilyNames[family], "-", part, ".sst")).string();
}

}  // namespace quarry::graph
