// Renders bound expressions back to Cypher-like text for EXPLAIN and PROFILE.
#ifndef QUARRY_QUERY_EXPR_PRINTER_H_
#define QUARRY_QUERY_EXPR_PRINTER_H_

#include <string>
#include <vector>

#include "query/bound_query.h"

namespace quarry::query {

// `expr` as text, naming slots by `slot_names`.
std::string ExprToString(const BoundExpr& expr, const std::vector<std::string>& slot_names);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_EXPR_PRINTER_H_
