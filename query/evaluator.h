// The expression evaluator: computes a bound expression over one row with openCypher's
// semantics (null propagation, three-valued logic, integer/float arithmetic).
#ifndef QUARRY_QUERY_EVALUATOR_H_
#define QUARRY_QUERY_EVALUATOR_H_

#include <vector>

#include "absl/status/statusor.h"
#include "query/bound_query.h"
#include "query/datum.h"
#include "query/exec_context.h"

namespace quarry::query {

// The value of `expr` over `row`. kInvalidArgument (located) on a runtime type error such
// as 'a' - 1, or integer division by zero.
absl::StatusOr<Datum> Evaluate(const BoundExpr& expr, const Row& row, ExecContext* context);

// `expr` as a predicate: true, false or null (WHERE keeps only true).
absl::StatusOr<Ternary> EvaluatePredicate(const BoundExpr& expr, const Row& row,
                                          ExecContext* context);

// A non-aggregate function applied to evaluated arguments (functions.cc).
absl::StatusOr<Datum> CallFunction(const BoundExpr& expr, const std::vector<Datum>& arguments,
                                   ExecContext* context);

// Property `key` of a node, relationship, map or date; null for null.
absl::StatusOr<Datum> ReadProperty(const Datum& base, const std::string& key, int offset,
                                   ExecContext* context);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_EVALUATOR_H_
