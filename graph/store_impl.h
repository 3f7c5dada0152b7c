// The state behind Store and Snapshot: the RocksDB handle, column families, and the
// writer's term dictionary cache. Internal to graph/.
#ifndef QUARRY_GRAPH_STORE_IMPL_H_
#define QUARRY_GRAPH_STORE_IMPL_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "graph/derived_cache.h"
#include "graph/layout.h"
#include "graph/store.h"
#include "graph/term_cache.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace quarry::graph {

class StoreImpl {
 public:
  ~StoreImpl();

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* family(int family) const { return families_[family]; }

  std::string path;
  bool read_only = false;
  // Dictionary entries read by snapshots (immutable once written, so shared by all).
  mutable TermCache term_cache;
  // Writes begun and ended (WriteScope), for Snapshot::version.
  std::atomic<uint64_t> writes_started{0};
  std::atomic<uint64_t> writes_finished{0};
  // Readers' derived data (Snapshot::derived_cache); set by OpenDatabase.
  std::unique_ptr<DerivedCache> derived_cache;

  // Opens the RocksDB database with all column families; see Store::Open.
  absl::Status OpenDatabase(const StoreOptions& options, bool creating);

  // Writer state, guarded by writer_mutex.
  absl::Mutex writer_mutex;
  // Returns the id of `term` (kind `kind`, encoded value `encoded`), adding it to `batch`
  // when new. Requires writer_mutex.
  absl::StatusOr<TermId> InternTerm(TermKind kind, const std::string& encoded,
                                    rocksdb::WriteBatch* batch);
  // Forgets ids handed out since the last successful write (after a failed write).
  absl::Status ResetTermCache();
  // Puts the next-term counter into `batch`.
  void SaveNextTerm(rocksdb::WriteBatch* batch);

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> families_;
  // Encoded forward key -> id, for terms seen by this writer.
  absl::flat_hash_map<std::string, TermId> term_cache_;
  uint64_t next_term_ = 0;
};

// Brackets every write to the database: a snapshot taken while one runs has no version.
class WriteScope {
 public:
  explicit WriteScope(StoreImpl& store) : store_(store) { store_.writes_started.fetch_add(1); }
  ~WriteScope() { store_.writes_finished.fetch_add(1); }
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;

 private:
  StoreImpl& store_;
};

// Column-family options shared by Open and tools that open the database directly.
std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors(const StoreOptions& options);

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_STORE_IMPL_H_
