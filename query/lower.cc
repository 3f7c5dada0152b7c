// Lowering: one case per logical operator kind.
#include "query/lower.h"

#include <utility>

#include "util/status_macros.h"

namespace quarry::query {
namespace {

// Lowers `op` and its inputs; the Argument leaf of a subplan is reported in *argument.
absl::StatusOr<OperatorPtr> LowerOp(const LogicalOp& op, int num_slots,
                                    ArgumentOperator** argument) {
  OperatorPtr input;
  if (op.input != nullptr) {
    QUARRY_ASSIGN_OR_RETURN(input, LowerOp(*op.input, num_slots, argument));
  }
  switch (op.kind) {
    case LogicalKind::kSingleRow:
      return MakeSingleRow(op, num_slots);
    case LogicalKind::kArgument: {
      auto leaf = std::make_unique<ArgumentOperator>(op.estimated_rows);
      *argument = leaf.get();
      return OperatorPtr(std::move(leaf));
    }
    case LogicalKind::kAllNodesScan:
    case LogicalKind::kLabelScan:
    case LogicalKind::kNodeByName:
    case LogicalKind::kNodeByProperty:
      return MakeNodeScan(op, std::move(input));
    case LogicalKind::kExpand:
      return MakeExpand(op, std::move(input));
    case LogicalKind::kVarExpand:
      return MakeVarExpand(op, std::move(input));
    case LogicalKind::kShortestPath:
      return MakeShortestPath(op, std::move(input));
    case LogicalKind::kFilter:
      return MakeFilter(op, std::move(input));
    case LogicalKind::kOptional: {
      ArgumentOperator* sub_argument = nullptr;
      QUARRY_ASSIGN_OR_RETURN(OperatorPtr subplan, LowerOp(*op.subplan, num_slots, &sub_argument));
      if (sub_argument == nullptr) return absl::InternalError("optional subplan has no argument");
      return MakeOptional(op, std::move(input), std::move(subplan), sub_argument);
    }
    case LogicalKind::kUnwind:
      return MakeUnwind(op, std::move(input));
    case LogicalKind::kProject:
      return MakeProject(op, std::move(input));
    case LogicalKind::kAggregate:
      return MakeAggregate(op, std::move(input), num_slots);
    case LogicalKind::kDistinct:
      return MakeDistinct(op, std::move(input));
    case LogicalKind::kSort:
      return MakeSort(op, std::move(input));
    case LogicalKind::kSkip:
      return MakeSkip(op, std::move(input));
    case LogicalKind::kLimit:
      return MakeLimit(op, std::move(input));
    case LogicalKind::kBuildPath:
      return MakeBuildPath(op, std::move(input));
    case LogicalKind::kProduceResults:
      return MakeProduceResults(op, std::move(input));
  }
  return absl::InternalError("unknown logical operator");
}

}  // namespace

absl::StatusOr<bool> PatternSubplans::Exists(const BoundPatternPart* pattern, const Row& row) {
  auto it = subplans_.find(pattern);
  if (it == subplans_.end()) return absl::InternalError("pattern predicate was not planned");
  // The subplan may run nested inside another's evaluation: keep this row alive locally.
  Row saved = row;
  it->second.argument->SetRow(&saved);
  QUARRY_RETURN_IF_ERROR(it->second.root->Open(context_));
  std::vector<Row> batch;
  QUARRY_RETURN_IF_ERROR(it->second.root->Next(&batch));
  return !batch.empty();
}

absl::StatusOr<PhysicalPlan> Lower(const LogicalPlan& plan) {
  PhysicalPlan physical;
  ArgumentOperator* argument = nullptr;
  QUARRY_ASSIGN_OR_RETURN(physical.root, LowerOp(*plan.root, plan.num_slots, &argument));
  physical.patterns = std::make_unique<PatternSubplans>();
  for (const auto& [pattern, logical] : plan.pattern_plans) {
    PatternSubplans::Subplan subplan;
    QUARRY_ASSIGN_OR_RETURN(subplan.root, LowerOp(*logical, plan.num_slots, &subplan.argument));
    if (subplan.argument == nullptr) return absl::InternalError("pattern subplan has no argument");
    physical.patterns->subplans()[pattern] = std::move(subplan);
  }
  return physical;
}

}  // namespace quarry::query
