// The morsel source shared by the workers of a parallel Aggregate, and the Exchange leaf
// through which each worker's pipeline reads it.
#include "query/parallel.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "query/physical_operators.h"
#include "util/status_macros.h"
#include "util/tasks.h"

namespace quarry::query {
namespace {

constexpr int64_t kUnset = -2;
std::atomic<int64_t> parallel_min_rows{kUnset};
std::atomic<size_t> morsel_rows{kBatchSize};

// A worker's leaf: the morsels it takes from the source. The first worker's shows the
// prefix under it in plans.
class ExchangeOperator : public PhysicalOperator {
 public:
  ExchangeOperator(const LogicalOp& cut, std::shared_ptr<MorselSource> source, bool show_prefix)
      : PhysicalOperator("Exchange", "morsels for 2 workers", cut.estimated_rows, nullptr),
        source_(std::move(source)) {
    if (show_prefix) subplan_for_display_ = &source_->prefix();
  }

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override { return source_->Take(batch); }

  std::shared_ptr<MorselSource> source_;
};

}  // namespace

int64_t ParallelMinRows() {
  const int64_t set = parallel_min_rows.load(std::memory_order_relaxed);
  if (set != kUnset) return set;
  static const int64_t by_cores = WorkerThreads(2) >= 2 ? kDefaultParallelMinRows : -1;
  return by_cores;
}

void SetParallelForTesting(int64_t min_rows, size_t rows) {
  parallel_min_rows.store(min_rows, std::memory_order_relaxed);
  morsel_rows.store(std::max<size_t>(rows, 1), std::memory_order_relaxed);
}

void ResetParallelForTesting() { SetParallelForTesting(kUnset, kBatchSize); }

absl::Status MorselSource::Open(ExecContext* context) {
  absl::MutexLock lock(&mutex_);
  pending_.clear();
  done_ = false;
  return prefix_->Open(context);
}

absl::Status MorselSource::Take(std::vector<Row>* batch) {
  batch->clear();
  absl::MutexLock lock(&mutex_);
  if (done_) return absl::OkStatus();
  const size_t morsel = morsel_rows.load(std::memory_order_relaxed);
  if (pending_.empty()) {
    absl::Status status = prefix_->Next(&batch_);
    if (!status.ok() || batch_.empty()) {
      done_ = true;
      return status;
    }
    if (batch_.size() <= morsel) {
      batch->swap(batch_);
      return absl::OkStatus();
    }
    for (Row& row : batch_) pending_.push_back(std::move(row));
  }
  while (!pending_.empty() && batch->size() < morsel) {
    batch->push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  return absl::OkStatus();
}

void MorselSource::Stop() {
  absl::MutexLock lock(&mutex_);
  done_ = true;
}

OperatorPtr MakeExchange(const LogicalOp& cut, std::shared_ptr<MorselSource> source,
                         bool show_prefix) {
  return std::make_unique<ExchangeOperator>(cut, std::move(source), show_prefix);
}

}  // namespace quarry::query
