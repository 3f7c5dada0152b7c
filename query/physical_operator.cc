// The shared part of every physical operator: profiling, budgets and input buffering.
#include "query/physical_operator.h"

#include "util/status_macros.h"

namespace quarry::query {

absl::Status PhysicalOperator::Open(ExecContext* context) {
  context_ = context;
  input_batch_.clear();
  input_index_ = 0;
  input_done_ = false;
  input_batches_ = 0;
  if (input_ != nullptr) QUARRY_RETURN_IF_ERROR(input_->Open(context));
  return OpenImpl();
}

absl::Status PhysicalOperator::Next(std::vector<Row>* batch) {
  batch->clear();
  absl::Time start = absl::Now();
  absl::Status status = NextImpl(batch);
  time_ += absl::Now() - start;
  QUARRY_RETURN_IF_ERROR(status);
  actual_rows_ += static_cast<int64_t>(batch->size());
  return context_->CheckBudget(static_cast<int64_t>(batch->size()));
}

absl::StatusOr<absl::Span<const Row>> PhysicalOperator::PendingInputRows() {
  while (input_index_ >= input_batch_.size()) {
    if (input_done_) return absl::Span<const Row>();
    QUARRY_RETURN_IF_ERROR(input_->Next(&input_batch_));
    input_index_ = 0;
    ++input_batches_;
    if (input_batch_.empty()) {
      input_done_ = true;
      return absl::Span<const Row>();
    }
  }
  return absl::Span<const Row>(input_batch_.data() + input_index_,
                               input_batch_.size() - input_index_);
}

absl::StatusOr<bool> PhysicalOperator::NextInputRow(Row** row) {
  QUARRY_ASSIGN_OR_RETURN(absl::Span<const Row> pending, PendingInputRows());
  if (pending.empty()) return false;
  *row = &input_batch_[input_index_++];
  return true;
}

void PhysicalOperator::AddProfile(const PhysicalOperator& other) {
  actual_rows_ += other.actual_rows_;
  time_ += other.time_;
  if (input_ != nullptr && other.input_ != nullptr) input_->AddProfile(*other.input_);
}

std::vector<const PhysicalOperator*> PhysicalOperator::children() const {
  std::vector<const PhysicalOperator*> result;
  if (input_ != nullptr) result.push_back(input_.get());
  if (subplan_for_display_ != nullptr) result.push_back(subplan_for_display_);
  return result;
}

}  // namespace quarry::query
