// Physical operators: pull-based, each Next() returns a batch of rows (empty at the end).
// The base class counts rows and time for PROFILE and checks the budgets once per batch.
// Each operator lives in its own file and is created through physical_operators.h.
#ifndef QUARRY_QUERY_PHYSICAL_OPERATOR_H_
#define QUARRY_QUERY_PHYSICAL_OPERATOR_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "query/exec_context.h"

namespace quarry::query {

class PhysicalOperator {
 public:
  PhysicalOperator(std::string name, std::string description, double estimated_rows,
                   std::unique_ptr<PhysicalOperator> input)
      : input_(std::move(input)),
        name_(std::move(name)),
        description_(std::move(description)),
        estimated_rows_(estimated_rows) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  // (Re)starts the operator and its input from the beginning.
  absl::Status Open(ExecContext* context);
  // Replaces `batch` with the next rows; leaves it empty at the end. Errors: the budgets'
  // (kCancelled, kDeadlineExceeded, kResourceExhausted) and evaluation errors.
  absl::Status Next(std::vector<Row>* batch);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  double estimated_rows() const { return estimated_rows_; }
  int64_t actual_rows() const { return actual_rows_; }
  absl::Duration time() const { return time_; }
  // Adds the rows and time of `other`, a copy of this operator's pipeline run by another
  // thread, to this one's and its inputs', so that PROFILE shows the totals.
  void AddProfile(const PhysicalOperator& other);
  // Children for printing plans: the input, then any subplan.
  std::vector<const PhysicalOperator*> children() const;

 protected:
  virtual absl::Status OpenImpl() { return absl::OkStatus(); }
  virtual absl::Status NextImpl(std::vector<Row>* batch) = 0;
  // Renames the operator (for PROFILE, when it changes strategy while running).
  void set_name(std::string name) { name_ = std::move(name); }
  // Pulls the next input row into *row; false at the end of the input. The row belongs
  // to this operator until the next call: it may be moved from.
  absl::StatusOr<bool> NextInputRow(Row** row);
  // The input rows not pulled yet from the current input batch, loading the next batch
  // when this one is used up (empty at the end of the input); for looking ahead.
  absl::StatusOr<absl::Span<const Row>> PendingInputRows();
  // How many input batches have been loaded since Open (a new value means new rows).
  int64_t input_batches() const { return input_batches_; }
  absl::StatusOr<bool> NextInputRow(const Row** row) {
    Row* mutable_row = nullptr;
    absl::StatusOr<bool> more = NextInputRow(&mutable_row);
    *row = mutable_row;
    return more;
  }

  ExecContext* context_ = nullptr;
  std::unique_ptr<PhysicalOperator> input_;
  const PhysicalOperator* subplan_for_display_ = nullptr;

 private:
  std::string name_;
  std::string description_;
  double estimated_rows_;
  int64_t actual_rows_ = 0;
  absl::Duration time_;
  std::vector<Row> input_batch_;
  size_t input_index_ = 0;
  bool input_done_ = false;
  int64_t input_batches_ = 0;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PHYSICAL_OPERATOR_H_
