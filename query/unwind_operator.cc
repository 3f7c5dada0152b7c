// Unwind: one row per list element; null gives no rows, a non-list value one row.
#include <utility>

#include "query/evaluator.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class UnwindOperator : public PhysicalOperator {
 public:
  UnwindOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Unwind", op.description, op.estimated_rows, std::move(input)), op_(op) {}

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override {
    const Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      QUARRY_ASSIGN_OR_RETURN(Datum value, Evaluate(op_.predicate, *row, context_));
      if (value.is_null()) continue;
      if (value.kind() != Datum::Kind::kList) {
        Row out = *row;
        out[op_.slot] = std::move(value);
        batch->push_back(std::move(out));
        continue;
      }
      for (const Datum& element : value.list()) {
        Row out = *row;
        out[op_.slot] = element;
        batch->push_back(std::move(out));
      }
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
};

}  // namespace

OperatorPtr MakeUnwind(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<UnwindOperator>(op, std::move(input));
}

}  // namespace quarry::query
