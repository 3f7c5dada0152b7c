// The triple store: a RocksDB database with a term dictionary, three index permutations,
// per-triple evidence, documents, names and statistics (layout in graph/layout.h).
#ifndef QUARRY_GRAPH_STORE_H_
#define QUARRY_GRAPH_STORE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/term.h"
#include "proto/quarry.pb.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Iterator;
class Snapshot;
}  // namespace rocksdb

namespace quarry::graph {

class DerivedCache;
class StoreImpl;

// A triple of term ids.
struct IdTriple {
  TermId subject = 0;
  TermId predicate = 0;
  TermId object = 0;
  friend bool operator==(const IdTriple& a, const IdTriple& b) {
    return a.subject == b.subject && a.predicate == b.predicate && a.object == b.object;
  }
  friend bool operator<(const IdTriple& a, const IdTriple& b) {
    if (a.subject != b.subject) return a.subject < b.subject;
    if (a.predicate != b.predicate) return a.predicate < b.predicate;
    return a.object < b.object;
  }
  template <typename H>
  friend H AbslHashValue(H h, const IdTriple& t) {
    return H::combine(std::move(h), t.subject, t.predicate, t.object);
  }
};

// A triple pattern: each unset position matches anything. Each of the eight shapes is
// answered by one prefix scan (or a point read when all three are set).
struct TriplePattern {
  std::optional<TermId> subject;
  std::optional<TermId> predicate;
  std::optional<TermId> object;
};

struct StoreOptions {
  // Create the database when `path` does not exist (or is an empty directory).
  bool create_if_missing = true;
  // Open without the write lock; Apply/Unload fail with kFailedPrecondition. Other processes
  // may write meanwhile; a read-only store sees the state as of Open.
  bool read_only = false;
  // Block cache size in bytes: an upper bound, filled only by reads. 1 GiB keeps a graph of
  // about ten million triples in memory once warm.
  size_t block_cache_bytes = size_t{1} << 30;
  // Memory for data that queries derive and reuse while the store is unchanged (hash-join
  // adjacency, label sets; see DerivedCache). 0 turns the reuse off.
  size_t derived_cache_bytes = size_t{512} << 20;
};

// What Apply did.
struct ApplyResult {
  // The document was already loaded: nothing changed.
  bool already_present = false;
  // Triples that did not exist before this batch.
  int64_t triples_added = 0;
  // Distinct triples in the batch.
  int64_t triples_in_batch = 0;
};

// What Unload did.
struct UnloadResult {
  // Triples that lost their last evidence and were removed.
  int64_t triples_removed = 0;
  // Triples that lost this document's evidence but remain.
  int64_t triples_kept = 0;
};

// Counts the planner uses, kept current by every write.
struct GraphStats {
  int64_t triples = 0;
  int64_t documents = 0;
  // Triples per predicate id (label triples under kLabelPredicateId).
  absl::flat_hash_map<TermId, int64_t> predicate_counts;
  // Nodes per label term id.
  absl::flat_hash_map<TermId, int64_t> label_counts;
};

// Iterates the triples matching a pattern in one snapshot. Reusable: Seek again with
// another pattern. Not thread-safe; use one cursor per thread.
class Cursor {
 public:
  ~Cursor();
  Cursor(Cursor&&) noexcept;
  Cursor& operator=(Cursor&&) noexcept;

  // Positions the cursor at the first triple matching `pattern`.
  void Seek(const TriplePattern& pattern);
  // True while positioned on a matching triple.
  bool Valid() const { return valid_; }
  const IdTriple& triple() const { return triple_; }
  void Next();
  // Not OK when the underlying read failed; Valid() is then false.
  absl::Status status() const { return status_; }

 private:
  friend class Snapshot;
  // `families` are the handles of spo, pos and osp.
  Cursor(rocksdb::DB* db, const rocksdb::Snapshot* snapshot,
         std::array<rocksdb::ColumnFamilyHandle*, 3> families);
  // Sets valid_ and triple_ from the current iterator position.
  void Settle();

  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
  std::array<rocksdb::ColumnFamilyHandle*, 3> families_;
  std::array<std::unique_ptr<rocksdb::Iterator>, 3> iterators_;
  int index_ = 0;  // 0 spo, 1 pos, 2 osp
  std::string prefix_;
  bool point_ = false;
  bool valid_ = false;
  IdTriple triple_;
  absl::Status status_;
};

// A consistent, read-only view of the store at one moment. Thread-safe: share it between
// threads, each with its own Cursor. Must not outlive its Store.
class Snapshot {
 public:
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // A new cursor over this snapshot; call Seek before use.
  Cursor NewCursor() const;
  // Calls `visit` for each triple matching `pattern` until it returns false.
  absl::Status Scan(const TriplePattern& pattern,
                    const std::function<bool(const IdTriple&)>& visit) const;
  // Whether the triple exists (a point read of its `pos` key).
  absl::StatusOr<bool> Contains(const IdTriple& triple) const;
  // The evidence and metadata of a triple; nullopt when it does not exist.
  absl::StatusOr<std::optional<proto::TripleMeta>> GetMeta(const IdTriple& triple) const;

  // The id of a term, nullopt when the dictionary does not have it.
  absl::StatusOr<std::optional<TermId>> FindTerm(const proto::Term& term) const;
  absl::StatusOr<std::optional<TermId>> FindPredicate(absl::string_view predicate) const;
  // The term behind an id. kNotFound for an unknown id.
  absl::StatusOr<proto::Term> DecodeTerm(TermId id) const;
  absl::StatusOr<std::string> PredicateName(TermId id) const;
  // All predicate ids with their names (the predicate vocabulary).
  absl::StatusOr<std::vector<std::pair<TermId, std::string>>> ListPredicates() const;

  // Nodes whose canonical name or alias case-folds to `name`'s, in id order. Entries may
  // be stale (a node whose triples were all unloaded); check with Scan when it matters.
  absl::StatusOr<std::vector<TermId>> FindNodesByName(absl::string_view name) const;
  // Visits every (folded name, node id) entry of `names` whose key starts with the folded
  // `prefix` (for completion), until `visit` returns false.
  absl::Status ScanNames(absl::string_view prefix,
                         const std::function<bool(absl::string_view, TermId)>& visit) const;

  absl::StatusOr<GraphStats> ReadStats() const;

  absl::StatusOr<std::optional<proto::Document>> GetDocument(absl::string_view id) const;
  // Every document in id order; texts are left empty unless `with_text`.
  absl::StatusOr<std::vector<proto::Document>> ListDocuments(bool with_text = false) const;
  // The triples a document supports, from `doc_triples`.
  absl::StatusOr<std::vector<IdTriple>> DocumentTriples(absl::string_view id) const;

  // Reads one key of a column family (layout::Family) in this snapshot.
  absl::StatusOr<std::optional<std::string>> Get(int family, absl::string_view key) const;
  // An iterator over a column family (layout::Family) in this snapshot.
  std::unique_ptr<rocksdb::Iterator> NewIterator(int family) const;

  // The store's state this snapshot sees, as a number that changes with every write made
  // through this Store; nullopt when a write was under way as it was taken (its state is
  // then not known to be one a version names).
  std::optional<uint64_t> version() const { return version_; }
  // Where readers keep data derived from this state for later snapshots of the same
  // version; null without a version or when the store keeps none.
  DerivedCache* derived_cache() const;

 private:
  friend class Store;
  Snapshot(const StoreImpl* store, const rocksdb::Snapshot* snapshot,
           std::optional<uint64_t> version);

  const StoreImpl* store_;
  const rocksdb::Snapshot* snapshot_;
  std::optional<uint64_t> version_;
};

// The store. Writes are serialized inside the process and locked against other processes;
// reads go through snapshots. Thread-safe.
class Store {
 public:
  // Opens or creates the database at `path`. Errors: kNotFound (missing and not
  // create_if_missing), kFailedPrecondition ("database is locked by another process",
  // or `path` is not a Quarry database), kDataLoss (corrupt), kUnimplemented (a newer
  // format version).
  static absl::StatusOr<std::unique_ptr<Store>> Open(absl::string_view path,
                                                     const StoreOptions& options = {});
  ~Store();

  // Loads one document and its triples in one atomic write. A document whose id is already
  // stored is skipped (already_present). Errors: kInvalidArgument (a malformed triple, e.g.
  // a literal subject; nothing is written), kFailedPrecondition (read-only).
  absl::StatusOr<ApplyResult> Apply(const proto::TripleBatch& batch);

  // Retracts exactly the evidence of document `id` and removes triples left with none, in
  // one atomic write. kNotFound when no such document is loaded.
  absl::StatusOr<UnloadResult> Unload(absl::string_view id);

  // A consistent view of the store as of now.
  std::unique_ptr<Snapshot> GetSnapshot() const;

  // Flushes memtables to disk (used before measuring size, and by tests).
  absl::Status Flush();

  const std::string& path() const;
  bool read_only() const;

 private:
  friend class BulkLoader;
  explicit Store(std::unique_ptr<StoreImpl> impl);
  std::unique_ptr<StoreImpl> impl_;
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_STORE_H_
