// Plan text for EXPLAIN and PROFILE.
#include "query/plan_printer.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace quarry::query {
namespace {

void Print(const PhysicalOperator& op, int depth, bool profile, std::string* out) {
  absl::StrAppend(out, std::string(depth * 2, ' '), op.name());
  if (!op.description().empty()) absl::StrAppend(out, " ", op.description());
  absl::StrAppend(out, "  (est. rows ", static_cast<int64_t>(std::llround(op.estimated_rows())));
  if (profile) {
    absl::StrAppend(out, absl::StrFormat(", rows %d, time %.3f ms", op.actual_rows(),
                                         absl::ToDoubleMilliseconds(op.time())));
  }
  absl::StrAppend(out, ")\n");
  for (const PhysicalOperator* child : op.children()) Print(*child, depth + 1, profile, out);
}

}  // namespace

std::string FormatPlan(const PhysicalPlan& plan, bool profile) {
  std::string out;
  Print(*plan.root, 0, profile, &out);
  if (plan.patterns != nullptr) {
    for (auto& [pattern, subplan] : plan.patterns->subplans()) {
      absl::StrAppend(&out, "Pattern predicate:\n");
      Print(*subplan.root, 1, profile, &out);
    }
  }
  return out;
}

}  // namespace quarry::query
