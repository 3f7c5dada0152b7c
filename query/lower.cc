// Lowering: one case per logical operator kind, and the split of a large count over two
// workers (query/parallel.h).
#include "query/lower.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "query/parallel.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

// What lowering needs besides the operator at hand.
struct Lowering {
  int num_slots = 0;
  // Whether an Aggregate may run its input on two workers: not when the plan has pattern
  // predicates, whose subplans run in the query's one context.
  bool parallel = false;
};

absl::StatusOr<OperatorPtr> LowerOp(const LogicalOp& op, const Lowering& lowering,
                                    ArgumentOperator** argument);

// Lowers `op` over its lowered `input`; the Argument leaf of a subplan is reported in
// *argument.
absl::StatusOr<OperatorPtr> LowerOne(const LogicalOp& op, OperatorPtr input,
                                     const Lowering& lowering, ArgumentOperator** argument) {
  const int num_slots = lowering.num_slots;
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
      QUARRY_ASSIGN_OR_RETURN(OperatorPtr subplan, LowerOp(*op.subplan, lowering, &sub_argument));
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

// Whether `kind` can run as a copy per worker: it keeps no state but its own, shared with
// no other operator.
bool RunsPerWorker(LogicalKind kind) {
  switch (kind) {
    case LogicalKind::kAllNodesScan:
    case LogicalKind::kLabelScan:
    case LogicalKind::kNodeByName:
    case LogicalKind::kNodeByProperty:
    case LogicalKind::kExpand:
    case LogicalKind::kVarExpand:
    case LogicalKind::kFilter:
    case LogicalKind::kUnwind:
    case LogicalKind::kProject:
    case LogicalKind::kBuildPath:
      return true;
    default:
      return false;
  }
}

// Where to split the input of `aggregate` for two workers (query/parallel.h): the operator
// whose rows become the morsels, or null to run on one thread. Only plain counts merge
// exactly. The operators above the cut must run per worker and include an expand, and
// their estimated rows (the work shared) must be many. The cut is the deepest such operator
// estimated at enough rows to make many morsels.
const LogicalOp* ParallelCut(const LogicalOp& aggregate, const Lowering& lowering) {
  const int64_t min_rows = ParallelMinRows();
  if (!lowering.parallel || min_rows < 0 || aggregate.input == nullptr) return nullptr;
  for (const BoundAggregate& counted : aggregate.aggregates) {
    if (counted.function != Function::kCount || counted.distinct) return nullptr;
  }
  const double min_source_rows =
      static_cast<double>(std::clamp<int64_t>(min_rows, 2, kMinMorselSourceRows));
  const LogicalOp* leaf = aggregate.input.get();
  while (leaf->input != nullptr) leaf = leaf->input.get();
  if (leaf->kind != LogicalKind::kSingleRow) return nullptr;
  const LogicalOp* cut = nullptr;
  double cut_work = 0;
  double work = 0;  // estimated rows of the operators above `op`
  bool expand_above = false;
  for (const LogicalOp* op = aggregate.input.get(); op != leaf; op = op->input.get()) {
    if (expand_above && op->estimated_rows >= min_source_rows) {
      cut = op;
      cut_work = work;
    }
    if (!RunsPerWorker(op->kind) || op->subplan != nullptr) break;
    if (op->kind == LogicalKind::kExpand || op->kind == LogicalKind::kVarExpand) {
      expand_above = true;
    }
    work += op->estimated_rows;
  }
  return cut_work >= static_cast<double>(min_rows) ? cut : nullptr;
}

// Lowers the operators from `op` down to `cut` for one worker, with an Exchange reading
// `source` in the cut's place.
absl::StatusOr<OperatorPtr> LowerWorker(const LogicalOp& op, const LogicalOp& cut,
                                        const std::shared_ptr<MorselSource>& source,
                                        bool show_prefix, const Lowering& lowering) {
  if (&op == &cut) return MakeExchange(cut, source, show_prefix);
  QUARRY_ASSIGN_OR_RETURN(OperatorPtr input,
                          LowerWorker(*op.input, cut, source, show_prefix, lowering));
  ArgumentOperator* unused = nullptr;
  return LowerOne(op, std::move(input), lowering, &unused);
}

// Lowers `op` and its inputs; the Argument leaf of a subplan is reported in *argument.
absl::StatusOr<OperatorPtr> LowerOp(const LogicalOp& op, const Lowering& lowering,
                                    ArgumentOperator** argument) {
  if (op.kind == LogicalKind::kAggregate) {
    if (const LogicalOp* cut = ParallelCut(op, lowering); cut != nullptr) {
      QUARRY_ASSIGN_OR_RETURN(OperatorPtr prefix, LowerOp(*cut, lowering, argument));
      ParallelInput parallel;
      parallel.source = std::make_shared<MorselSource>(std::move(prefix));
      QUARRY_ASSIGN_OR_RETURN(OperatorPtr first,
                              LowerWorker(*op.input, *cut, parallel.source, true, lowering));
      QUARRY_ASSIGN_OR_RETURN(parallel.second_worker,
                              LowerWorker(*op.input, *cut, parallel.source, false, lowering));
      return MakeAggregate(op, std::move(first), lowering.num_slots, &parallel);
    }
  }
  OperatorPtr input;
  if (op.input != nullptr) {
    QUARRY_ASSIGN_OR_RETURN(input, LowerOp(*op.input, lowering, argument));
  }
  return LowerOne(op, std::move(input), lowering, argument);
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
  Lowering lowering;
  lowering.num_slots = plan.num_slots;
  lowering.parallel = plan.pattern_plans.empty();
  QUARRY_ASSIGN_OR_RETURN(physical.root, LowerOp(*plan.root, lowering, &argument));
  physical.patterns = std::make_unique<PatternSubplans>();
  for (const auto& [pattern, logical] : plan.pattern_plans) {
    PatternSubplans::Subplan subplan;
    QUARRY_ASSIGN_OR_RETURN(subplan.root, LowerOp(*logical, lowering, &subplan.argument));
    if (subplan.argument == nullptr) return absl::InternalError("pattern subplan has no argument");
    physical.patterns->subplans()[pattern] = std::move(subplan);
  }
  return physical;
}

}  // namespace quarry::query
