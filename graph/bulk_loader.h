// Bulk loading: many documents (the batches of `quarry ingest`) or one large one (a structured
// file of millions of triples) are dictionary-encoded, sorted per index permutation, written
// as SST files and ingested into all column families in one atomic step. No per-triple
// read-before-write into a memtable.
#ifndef QUARRY_GRAPH_BULK_LOADER_H_
#define QUARRY_GRAPH_BULK_LOADER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/store.h"
#include "graph/wire_batch.h"
#include "proto/quarry.pb.h"

namespace quarry::graph {

class BulkLoaderState;

// Triples whose evidence is one line of a structured file, flattened for BulkLoader::AddLines:
// the dictionary keys of their terms back to back, and each line's span. The bulk path fills
// one on the reading thread and adds it on the encoding thread, which then walks one buffer
// instead of each triple's message and its strings.
class LineBatch {
 public:
  // Appends `triple` when it is well formed and plain: a node subject, one piece of evidence
  // that is a line as structured readers make it (sentence -1, confidence 1, no dates or
  // place), and no properties. Otherwise appends nothing and returns false: the triple must
  // then go through BulkLoader::Add (which also reports what is malformed).
  bool Append(const proto::Triple& triple);

  // Removes every line, keeping the memory for the next.
  void Clear();

  // The lines appended.
  size_t size() const { return lines_.size(); }

 private:
  friend class BulkLoader;
  // One triple: its subject, predicate and object keys and its rule, at `offset` in keys_
  // one after another, and its line's span.
  struct Line {
    uint32_t offset = 0;
    uint32_t subject_size = 0;
    uint32_t predicate_size = 0;
    uint32_t object_size = 0;
    uint32_t rule_size = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
  };
  std::string keys_;
  std::vector<Line> lines_;
};

// The dictionary ids of terms, kept from one bulk load into a store to the next (the groups
// of one `quarry load`), so that each does not look up again in RocksDB the terms that the
// ones before it added or found: a term's id never changes once given. Holds at most
// `most_terms` terms. Not thread-safe: the loads that share it run one after another.
class KnownTerms {
 public:
  explicit KnownTerms(size_t most_terms = size_t{1} << 22) : most_terms_(most_terms) {}

 private:
  friend class BulkLoaderState;
  // Remembers the id of the term whose forward key is `key`, unless full.
  void Add(absl::string_view key, TermId id) {
    if (ids_.size() < most_terms_) ids_.emplace(key, id);
  }
  absl::flat_hash_map<std::string, TermId> ids_;  // forward key -> id
  size_t most_terms_;
};

// Settings of a bulk load.
struct BulkLoadOptions {
  // About how much memory the sort buffers may take, in bytes: the triples are sorted in runs
  // sized from it and spilled to work files. 0 means kDefaultSortMemoryBytes.
  size_t sort_memory_bytes = 0;
  // Term ids kept from the loads into the same store before this one, which this one extends
  // with the terms it finds and, once written, those it adds. May be null.
  KnownTerms* known_terms = nullptr;
};

// The default sort memory: runs of a million triples.
inline constexpr size_t kDefaultSortMemoryBytes = size_t{160} << 20;

// What the caller of BulkLoader::BeginDocument knows of the document's being in the store:
// looked up in a snapshot taken after BulkLoader::Start (so that no other writer can have
// changed the answer), or not known, which BeginDocument then looks up itself.
enum class StoredDocument { kUnknown, kAbsent, kPresent };

// Loads documents through SST ingestion. Holds the store's writer lock from Start to Finish
// (or destruction), so other writers wait. The result equals Store::Apply of the same
// documents one after another, in the order they were begun: the same term ids, evidence
// order, indexes and stats, and the same doc_triples (except that a load of one large
// document may cut its runs elsewhere, which the format allows). Memory: the new terms and
// their names, the evidence of triples that are not plain lines of a structured file (only a
// pointer to each piece, for batches read in place), the ids of each document's triples for
// doc_triples (24 bytes a triple, for documents of up to 65,536 triples; larger ones are
// sorted from the entries), and the sort buffers (BulkLoadOptions); the triples themselves
// are sorted in runs written to files in a work directory inside the database (about 40
// bytes a triple, and 48 more per new triple, removed when the load ends).
class BulkLoader {
 public:
  // Begins a bulk load into `store`. kFailedPrecondition when read-only.
  static absl::StatusOr<std::unique_ptr<BulkLoader>> Start(Store& store,
                                                           const BulkLoadOptions& options = {});
  ~BulkLoader();

  // Begins the next document: the triples added after it belong to it. A document already
  // in the store, or begun before in this load, is skipped: its triples are validated but
  // not loaded, and Finish reports it as already_present. kInvalidArgument for a bad id.
  absl::Status BeginDocument(const proto::Document& document);
  absl::Status BeginDocument(proto::Document&& document,  // moves it instead of copying
                             StoredDocument stored = StoredDocument::kUnknown);

  // Adds one triple of the current document (validated as Store::Apply does;
  // kInvalidArgument otherwise). Its evidence is kept when given, else a default piece is
  // made. The rvalue form moves the evidence instead of copying it.
  absl::Status Add(const proto::Triple& triple);
  absl::Status Add(proto::Triple&& triple);

  // Asks the CPU to load the dictionary entries `triple`'s terms will need: called
  // kPrefetchDistance triples ahead of their Add, it lets the cache misses of those lookups
  // overlap. Only a hint.
  void Prefetch(const proto::Triple& triple);
  static constexpr int kPrefetchDistance = 8;

  // Reserves room for about `count` more triples: a large file then fills one buffer instead
  // of one that is copied each time it doubles. Only a hint; an overestimate costs address
  // space, not memory, until used.
  void ExpectTriples(int64_t count);

  // As ExpectTriples, for triples with sentence evidence (the batches of articles): also
  // reserves room for their evidence, which would otherwise be copied as it doubles.
  void ExpectArticleTriples(int64_t count);

  // Makes the sorted runs of later loads hold `records` each instead of the default (0
  // restores it), so that tests exercise the merging of many runs.
  static void SetRunRecordsForTesting(size_t records);

  // Adds lines [begin, end) of `lines` to the current document: the same as Add of the
  // triples they were made from.
  absl::Status AddLines(const LineBatch& lines, size_t begin, size_t end);

  // BeginDocument(batch.document(), stored) and Add of each triple.
  absl::Status AddBatch(proto::TripleBatch&& batch,
                        StoredDocument stored = StoredDocument::kUnknown);

  // As AddBatch of the TripleBatch that `batch` read, without copying its document or its
  // evidence: the bytes `batch` read must stay unchanged until Finish returns.
  absl::Status AddWireBatch(WireBatch& batch, StoredDocument stored = StoredDocument::kUnknown);

  // Sorts, writes and ingests everything atomically: one result per document begun, in
  // order. After an error the store is unchanged.
  absl::StatusOr<std::vector<ApplyResult>> Finish();

 private:
  explicit BulkLoader(std::unique_ptr<BulkLoaderState> state);
  absl::Status AddTriple(const proto::Triple& triple, proto::Triple* movable);
  absl::Status AddLine(const LineBatch& lines, const LineBatch::Line& line);
  std::unique_ptr<BulkLoaderState> state_;
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_BULK_LOADER_H_
