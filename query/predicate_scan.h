// Reading every triple of one predicate (optionally with one object) from the `pos` index
// in index order, the key range split in two halves read on two threads when it is large.
// The builds of hash joins and label sets start here.
#ifndef QUARRY_QUERY_PREDICATE_SCAN_H_
#define QUARRY_QUERY_PREDICATE_SCAN_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/store.h"

namespace quarry::query {

// The triples (?, predicate, object) — (?, predicate, ?) without `object` — in `pos` order
// (object, then subject). `expected_rows` (from the statistics) decides whether the scan
// is worth splitting over two threads.
absl::StatusOr<std::vector<graph::IdTriple>> ScanPredicate(const graph::Snapshot& snapshot,
                                                           graph::TermId predicate,
                                                           std::optional<graph::TermId> object,
                                                           int64_t expected_rows);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PREDICATE_SCAN_H_
