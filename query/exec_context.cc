// Budgets and cancellation for one running query.
#include "query/exec_context.h"

#include "absl/strings/str_cat.h"
#include "query/query_error.h"

namespace quarry::query {

ExecContext::ExecContext(absl::string_view query_text, const QueryOptions& options,
                         GraphReader* reader)
    : query_text_(query_text),
      options_(options),
      reader_(reader),
      rows_produced_(std::make_shared<std::atomic<int64_t>>(0)) {
  if (options.timeout_ms > 0) deadline_ = absl::Now() + absl::Milliseconds(options.timeout_ms);
}

ExecContext::ExecContext(const ExecContext& parent, GraphReader* reader)
    : query_text_(parent.query_text_),
      options_(parent.options_),
      reader_(reader),
      deadline_(parent.deadline_),
      rows_produced_(parent.rows_produced_) {}

absl::Status ExecContext::CheckBudget(int64_t rows) {
  const int64_t produced = rows_produced_->fetch_add(rows, std::memory_order_relaxed) + rows;
  if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
    return absl::CancelledError("query cancelled");
  }
  if (deadline_ != absl::InfiniteFuture() && absl::Now() > deadline_) {
    return absl::DeadlineExceededError(
        absl::StrCat("query exceeded its time budget of ", options_.timeout_ms, " ms"));
  }
  if (options_.max_rows > 0 && produced > options_.max_rows) {
    return absl::ResourceExhaustedError(
        absl::StrCat("query exceeded its row budget of ", options_.max_rows, " rows produced"));
  }
  return absl::OkStatus();
}

absl::Status ExecContext::CheckHeld(int64_t rows) const {
  if (options_.max_rows > 0 && rows > options_.max_rows) {
    return absl::ResourceExhaustedError(
        absl::StrCat("query exceeded its row budget of ", options_.max_rows, " rows held"));
  }
  return absl::OkStatus();
}

absl::Status ExecContext::Error(int offset, absl::string_view message) const {
  return QuerySyntaxError(query_text_, offset, message);
}

}  // namespace quarry::query
