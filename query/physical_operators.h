// Factories of the physical operators, one per logical operator kind (each implemented in
// its own *_operator.cc file). Lowering calls these.
#ifndef QUARRY_QUERY_PHYSICAL_OPERATORS_H_
#define QUARRY_QUERY_PHYSICAL_OPERATORS_H_

#include <memory>

#include "query/logical_plan.h"
#include "query/physical_operator.h"

namespace quarry::query {

using OperatorPtr = std::unique_ptr<PhysicalOperator>;

// The leaf of a subplan: yields the row set by SetRow once per Open.
class ArgumentOperator : public PhysicalOperator {
 public:
  explicit ArgumentOperator(double estimated_rows)
      : PhysicalOperator("Argument", "", estimated_rows, nullptr) {}
  // `row` must outlive the next Open/Next cycle.
  void SetRow(const Row* row) { row_ = row; }

 private:
  absl::Status OpenImpl() override;
  absl::Status NextImpl(std::vector<Row>* batch) override;
  const Row* row_ = nullptr;
  bool done_ = false;
};

// scan_operator.cc: SingleRow and the node scans (all, label, name, property).
OperatorPtr MakeSingleRow(const LogicalOp& op, int num_slots);
OperatorPtr MakeNodeScan(const LogicalOp& op, OperatorPtr input);
// expand_operator.cc
OperatorPtr MakeExpand(const LogicalOp& op, OperatorPtr input);
// var_expand_operator.cc
OperatorPtr MakeVarExpand(const LogicalOp& op, OperatorPtr input);
// shortest_path_operator.cc
OperatorPtr MakeShortestPath(const LogicalOp& op, OperatorPtr input);
// filter_operator.cc
OperatorPtr MakeFilter(const LogicalOp& op, OperatorPtr input);
// optional_operator.cc: `subplan` starts at `argument`.
OperatorPtr MakeOptional(const LogicalOp& op, OperatorPtr input, OperatorPtr subplan,
                         ArgumentOperator* argument);
// unwind_operator.cc
OperatorPtr MakeUnwind(const LogicalOp& op, OperatorPtr input);
// project_operator.cc: Project and BuildPath.
OperatorPtr MakeProject(const LogicalOp& op, OperatorPtr input);
OperatorPtr MakeBuildPath(const LogicalOp& op, OperatorPtr input);
// aggregate_operator.cc; with `parallel`, `input` is the first worker's pipeline (see
// query/parallel.h).
struct ParallelInput;
OperatorPtr MakeAggregate(const LogicalOp& op, OperatorPtr input, int num_slots,
                          ParallelInput* parallel = nullptr);
// parallel.cc: a worker's leaf, reading the morsels of `cut`'s rows from `source` (see
// query/parallel.h); `show_prefix` puts the source's pipeline under it in plans.
class MorselSource;
OperatorPtr MakeExchange(const LogicalOp& cut, std::shared_ptr<MorselSource> source,
                         bool show_prefix);
// distinct_operator.cc
OperatorPtr MakeDistinct(const LogicalOp& op, OperatorPtr input);
// sort_operator.cc
OperatorPtr MakeSort(const LogicalOp& op, OperatorPtr input);
// limit_operator.cc: Skip, Limit and ProduceResults.
OperatorPtr MakeSkip(const LogicalOp& op, OperatorPtr input);
OperatorPtr MakeLimit(const LogicalOp& op, OperatorPtr input);
OperatorPtr MakeProduceResults(const LogicalOp& op, OperatorPtr input);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PHYSICAL_OPERATORS_H_
