// Renders a physical plan as an indented operator tree for EXPLAIN and PROFILE.
#ifndef QUARRY_QUERY_PLAN_PRINTER_H_
#define QUARRY_QUERY_PLAN_PRINTER_H_

#include <string>

#include "query/lower.h"

namespace quarry::query {

// One line per operator, children indented below their parent:
//   ProduceResults official, figure  (est. rows 3)
// With `profile`, each line also carries the actual rows and the time spent in the operator
// and its inputs. Pattern predicate subplans follow the main tree.
std::string FormatPlan(const PhysicalPlan& plan, bool profile);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PLAN_PRINTER_H_
