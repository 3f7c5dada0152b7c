// CREATE: writes the nodes and relationships of a pattern as one document of triples.
#ifndef QUARRY_QUERY_CREATE_H_
#define QUARRY_QUERY_CREATE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "quarry/query_result.h"
#include "quarry/value.h"

namespace quarry::query {

// The evidence rule of triples written by CREATE; their relationships show no
// evidence-derived properties (count, confidence, ...).
inline constexpr absl::string_view kCreateRule = "cypher/create";
// The predicate of the marker triple (node, ":node", true) that makes every created node
// exist even without labels, properties or relationships. Hidden from properties.
inline constexpr absl::string_view kNodeMarkerPredicate = ":node";

// What one CREATE statement did, and where the triple model departed from a property graph.
struct CreateSummary {
  int64_t nodes_created = 0;
  int64_t relationships_created = 0;
  // Named nodes that already existed (a node's `name` is its identity in Quarry).
  int64_t merged_nodes = 0;
  // Relationships that already existed: one relationship per (subject, type, object).
  int64_t merged_relationships = 0;
};

// Runs a statement of CREATE clauses (`CREATE (a:L {k: v})-[:T {k: v}]->(b), ...`) as one
// atomic load of a fresh document. A node with a string `name` property is keyed by it;
// any other node gets a fresh blank key. Property values are any expression without
// variables (literals, parameters, arithmetic). Errors: kInvalidArgument (syntax, an
// undirected or untyped relationship), kUnimplemented (list or map property values,
// variable-length relationships, clauses other than CREATE), or a storage error.
absl::StatusOr<CreateSummary> ExecuteCreate(graph::Store& store, absl::string_view text,
                                            const quarry::Params& params,
                                            const quarry::QueryOptions& options);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_CREATE_H_
