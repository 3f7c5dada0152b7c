// The query engine's entry point: one function that runs the whole pipeline.
#ifndef QUARRY_QUERY_ENGINE_H_
#define QUARRY_QUERY_ENGINE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "quarry/query_result.h"
#include "quarry/value.h"

namespace quarry::query {

// Parses, binds, plans and executes `text` on `snapshot`. EXPLAIN returns no rows and sets
// result.plan(); PROFILE returns rows and sets plan() with actual rows/time per operator.
// Errors: kInvalidArgument (syntax, unknown variable or function, type error; the message
// has "line L, column C: ..." then the query line and a caret line), kUnimplemented
// (openCypher outside the supported subset), kResourceExhausted (row budget),
// kDeadlineExceeded (time budget), kCancelled (options.cancel set), or a storage error.
// Thread-safe: concurrent calls may share a snapshot.
absl::StatusOr<quarry::QueryResult> RunQuery(const graph::Snapshot& snapshot,
                                             absl::string_view text, const quarry::Params& params,
                                             const quarry::QueryOptions& options);

// Runs one statement on `store`: a statement of CREATE clauses is written as one document
// (query/create.h; the result has no columns and no rows); any other statement runs with
// RunQuery on a fresh snapshot. Defined in create.cc.
absl::StatusOr<quarry::QueryResult> RunStatement(graph::Store& store, absl::string_view text,
                                                 const quarry::Params& params,
                                                 const quarry::QueryOptions& options);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_ENGINE_H_
