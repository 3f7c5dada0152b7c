// Lowering: the logical plan to physical operators, one case per logical kind, plus the
// subplans of pattern predicates.
#ifndef QUARRY_QUERY_LOWER_H_
#define QUARRY_QUERY_LOWER_H_

#include <map>
#include <memory>

#include "absl/status/statusor.h"
#include "query/logical_plan.h"
#include "query/physical_operators.h"

namespace quarry::query {

// The subplans of pattern predicates, run once per tested row.
class PatternSubplans : public PatternRunner {
 public:
  struct Subplan {
    OperatorPtr root;
    ArgumentOperator* argument = nullptr;
  };

  void set_context(ExecContext* context) { context_ = context; }
  std::map<const BoundPatternPart*, Subplan>& subplans() { return subplans_; }
  absl::StatusOr<bool> Exists(const BoundPatternPart* pattern, const Row& row) override;

 private:
  ExecContext* context_ = nullptr;
  std::map<const BoundPatternPart*, Subplan> subplans_;
  Row row_;
};

// An executable plan. It refers to the LogicalPlan it came from, which must outlive it.
struct PhysicalPlan {
  OperatorPtr root;
  std::unique_ptr<PatternSubplans> patterns;
};

// Builds the physical operators for `plan`. kInternal on an unknown operator kind.
absl::StatusOr<PhysicalPlan> Lower(const LogicalPlan& plan);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_LOWER_H_
