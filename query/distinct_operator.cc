// Distinct: passes the first row of each combination of the key slots.
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class DistinctOperator : public PhysicalOperator {
 public:
  DistinctOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Distinct", op.description, op.estimated_rows, std::move(input)),
        op_(op) {}

 private:
  absl::Status OpenImpl() override {
    seen_.clear();
    return absl::OkStatus();
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    const Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      std::vector<Datum> key;
      key.reserve(op_.slots.size());
      for (int slot : op_.slots) key.push_back((*row)[slot]);
      if (!seen_.insert(std::move(key)).second) continue;
      QUARRY_RETURN_IF_ERROR(context_->CheckHeld(static_cast<int64_t>(seen_.size())));
      batch->push_back(*row);
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  absl::flat_hash_set<std::vector<Datum>, DatumVectorHash, DatumVectorEq> seen_;
};

}  // namespace

OperatorPtr MakeDistinct(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<DistinctOperator>(op, std::move(input));
}

}  // namespace quarry::query
