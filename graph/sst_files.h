// The SST files of one bulk load (internal to graph/): writers per column family, possibly
// several key-disjoint parts of one family written on different threads, ingested together
// in one atomic IngestExternalFiles call; and the writers of the families a bulk load
// builds from sorted ids alone.
#ifndef QUARRY_GRAPH_SST_FILES_H_
#define QUARRY_GRAPH_SST_FILES_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "graph/store.h"
#include "graph/store_impl.h"
#include "rocksdb/sst_file_writer.h"

namespace quarry::graph {

// A work directory inside the database, removed when this goes away (Store::Open also
// removes one left by a killed process).
class SstFiles {
 public:
  SstFiles(StoreImpl& impl, std::filesystem::path dir);
  ~SstFiles();
  SstFiles(const SstFiles&) = delete;
  SstFiles& operator=(const SstFiles&) = delete;

  // Creates the (empty) work directory.
  absl::Status CreateDirectory();

  // Opens a writer for part `part` of `family`. Parts of one family must hold disjoint key
  // ranges. Thread-safe.
  absl::StatusOr<std::unique_ptr<rocksdb::SstFileWriter>> Open(int family, int part = 0);

  // Finishes `writer`; its file joins the ingestion when it has entries. Thread-safe.
  absl::Status Finish(int family, int part, rocksdb::SstFileWriter& writer,
                      uint64_t entries_written);

  // Ingests every finished file in one atomic step.
  absl::Status IngestAll();

  // The work directory, for other temporary files of the load.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::string FileOf(int family, int part) const;

  StoreImpl& impl_;
  std::filesystem::path dir_;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors_;
  absl::Mutex mutex_;
  // family -> part -> file, of the finished non-empty files.
  std::map<int, std::map<int, std::string>> finished_ ABSL_GUARDED_BY(mutex_);
};

// Writers of whole column families from a bulk load's data, each one SST file.

// The new terms, forward and reverse entries.
absl::Status WriteTerms(const absl::flat_hash_map<std::string, TermId>& new_terms, SstFiles& files);

// The names index: (folded name, node) pairs, duplicates dropped.
absl::Status WriteNames(const std::vector<std::pair<std::string, TermId>>& names, SstFiles& files);

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_SST_FILES_H_
