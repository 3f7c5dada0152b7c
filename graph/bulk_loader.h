// Bulk loading of one large document (a structured file of millions of triples): triples are
// dictionary-encoded, sorted per index permutation, written as SST files and ingested into
// all column families in one atomic step. No per-triple read-before-write into a memtable.
#ifndef QUARRY_GRAPH_BULK_LOADER_H_
#define QUARRY_GRAPH_BULK_LOADER_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/store.h"
#include "proto/quarry.pb.h"

namespace quarry::graph {

class BulkLoaderState;

// Loads one document through SST ingestion. Holds the store's writer lock from Start to
// Finish (or destruction), so other writers wait. The result equals Store::Apply of the same
// batch. Memory: about 40 bytes a triple plus the new terms.
class BulkLoader {
 public:
  // Begins loading `document` into `store`. kFailedPrecondition when read-only.
  static absl::StatusOr<std::unique_ptr<BulkLoader>> Start(Store& store,
                                                           const proto::Document& document);
  ~BulkLoader();

  // Adds one triple (validated as Store::Apply does; kInvalidArgument otherwise). Its
  // evidence is kept when given, else a default piece is made.
  absl::Status Add(const proto::Triple& triple);

  // Sorts, writes and ingests everything atomically. After an error the store is unchanged.
  // A document already loaded is reported as already_present and nothing is written.
  absl::StatusOr<ApplyResult> Finish();

 private:
  explicit BulkLoader(std::unique_ptr<BulkLoaderState> state);
  std::unique_ptr<BulkLoaderState> state_;
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_BULK_LOADER_H_
