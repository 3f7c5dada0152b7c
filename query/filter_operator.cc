// Filter: keeps the rows for which the predicate is true (not false, not null).
#include <utility>

#include "query/evaluator.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class FilterOperator : public PhysicalOperator {
 public:
  FilterOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Filter", op.description, op.estimated_rows, std::move(input)), op_(op) {}

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      QUARRY_ASSIGN_OR_RETURN(Ternary keep, EvaluatePredicate(op_.predicate, *row, context_));
      if (keep == Ternary::kTrue) batch->push_back(std::move(*row));
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
};

}  // namespace

OperatorPtr MakeFilter(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<FilterOperator>(op, std::move(input));
}

}  // namespace quarry::query
