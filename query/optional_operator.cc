// Optional: runs the OPTIONAL MATCH subplan once per input row; a row without matches
// comes out once with the clause's new variables set to null.
#include <utility>

#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class OptionalOperator : public PhysicalOperator {
 public:
  OptionalOperator(const LogicalOp& op, OperatorPtr input, OperatorPtr subplan,
                   ArgumentOperator* argument)
      : PhysicalOperator("Optional", op.description, op.estimated_rows, std::move(input)),
        op_(op),
        subplan_(std::move(subplan)),
        argument_(argument) {
    subplan_for_display_ = subplan_.get();
  }

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override {
    const Row* row;
    std::vector<Row> matches;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      current_ = *row;
      argument_->SetRow(&current_);
      QUARRY_RETURN_IF_ERROR(subplan_->Open(context_));
      bool any = false;
      while (true) {
        QUARRY_RETURN_IF_ERROR(subplan_->Next(&matches));
        if (matches.empty()) break;
        any = true;
        for (Row& match : matches) batch->push_back(std::move(match));
      }
      if (!any) {
        Row out = current_;
        for (int slot : op_.slots) out[slot] = Datum();
        batch->push_back(std::move(out));
      }
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  OperatorPtr subplan_;
  ArgumentOperator* argument_;
  Row current_;
};

}  // namespace

OperatorPtr MakeOptional(const LogicalOp& op, OperatorPtr input, OperatorPtr subplan,
                         ArgumentOperator* argument) {
  return std::make_unique<OptionalOperator>(op, std::move(input), std::move(subplan), argument);
}

}  // namespace quarry::query
