// Sort: materializes its input and orders it by the sort keys (openCypher orderability;
// nulls last ascending, first descending). Stable, so ties keep their input order.
#include <algorithm>
#include <numeric>
#include <utility>

#include "query/evaluator.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class SortOperator : public PhysicalOperator {
 public:
  SortOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Sort", op.description, op.estimated_rows, std::move(input)), op_(op) {}

 private:
  absl::Status OpenImpl() override {
    rows_.clear();
    keys_.clear();
    position_ = 0;
    sorted_ = false;
    return absl::OkStatus();
  }

  absl::Status Materialize() {
    const Row* row;
    while (true) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      std::vector<Datum> key;
      for (const BoundSortItem& item : op_.sort) {
        QUARRY_ASSIGN_OR_RETURN(Datum value, Evaluate(item.expr, *row, context_));
        key.push_back(std::move(value));
      }
      keys_.push_back(std::move(key));
      rows_.push_back(*row);
      QUARRY_RETURN_IF_ERROR(context_->CheckHeld(static_cast<int64_t>(rows_.size())));
    }
    order_.resize(rows_.size());
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
      for (size_t index = 0; index < op_.sort.size(); ++index) {
        int compare = OrderCompare(keys_[a][index], keys_[b][index]);
        if (compare != 0) return op_.sort[index].descending ? compare > 0 : compare < 0;
      }
      return false;
    });
    return absl::OkStatus();
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    if (!sorted_) {
      QUARRY_RETURN_IF_ERROR(Materialize());
      sorted_ = true;
    }
    while (position_ < order_.size() && batch->size() < kBatchSize) {
      batch->push_back(std::move(rows_[order_[position_++]]));
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  std::vector<Row> rows_;
  std::vector<std::vector<Datum>> keys_;
  std::vector<size_t> order_;
  size_t position_ = 0;
  bool sorted_ = false;
};

}  // namespace

OperatorPtr MakeSort(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<SortOperator>(op, std::move(input));
}

}  // namespace quarry::query
