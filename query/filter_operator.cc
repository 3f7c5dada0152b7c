// Filter: keeps the rows for which the predicate is true (not false, not null). A label
// test on a variable looks up the labels of a whole input batch at once.
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  absl::Status OpenImpl() override {
    prefetched_batch_ = 0;
    label_probes_.clear();
    return absl::OkStatus();
  }

  absl::Status Prefetch(absl::Span<const Row> rows) {
    const BoundExpr& predicate = op_.predicate;
    if (predicate.kind != ExprKind::kHasLabels ||
        predicate.children[0].kind != ExprKind::kVariable) {
      return absl::OkStatus();
    }
    std::vector<TermId> nodes;
    for (const Row& row : rows) {
      const Datum& value = row[predicate.children[0].slot];
      if (value.kind() == Datum::Kind::kNode) nodes.push_back(value.node_id());
    }
    label_probes_.resize(predicate.labels.size());
    for (size_t index = 0; index < predicate.labels.size(); ++index) {
      QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                              context_->reader().LabelId(predicate.labels[index]));
      if (!id.has_value()) break;
      QUARRY_RETURN_IF_ERROR(context_->reader().PrefetchLabel(*id, nodes, &label_probes_[index]));
    }
    return absl::OkStatus();
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(absl::Span<const Row> pending, PendingInputRows());
      if (pending.empty()) break;
      if (input_batches() != prefetched_batch_) {
        prefetched_batch_ = input_batches();
        QUARRY_RETURN_IF_ERROR(Prefetch(pending));
      }
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      QUARRY_ASSIGN_OR_RETURN(Ternary keep, EvaluatePredicate(op_.predicate, *row, context_));
      if (keep == Ternary::kTrue) batch->push_back(std::move(*row));
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  int64_t prefetched_batch_ = 0;
  // Label probes made so far, per label of the predicate.
  std::vector<int64_t> label_probes_;
};

}  // namespace

OperatorPtr MakeFilter(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<FilterOperator>(op, std::move(input));
}

}  // namespace quarry::query
