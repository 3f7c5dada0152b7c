// Running the large part of a counting query on two threads. Lowering splits the input of
// an Aggregate whose aggregates are all plain counts into a prefix, run once, and a suffix
// (expands, filters, projections), lowered once per worker. The prefix's rows are handed
// to the workers in morsels through a MorselSource, at whose place each worker's pipeline
// has an Exchange leaf; each worker folds its rows into its own groups, which the
// Aggregate merges. A count does not depend on the order of rows, so the answer is the
// one a single thread gives.
#ifndef QUARRY_QUERY_PARALLEL_H_
#define QUARRY_QUERY_PARALLEL_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "query/physical_operator.h"

namespace quarry::query {

// An Aggregate runs its input on two workers when the input is estimated at this many
// rows or more (and the machine has two cores): below it, starting a thread costs more
// than it saves.
inline constexpr int64_t kDefaultParallelMinRows = 100'000;
// The prefix ends at the first operator, from the leaf up, estimated at this many rows:
// enough morsels to keep both workers busy.
inline constexpr int64_t kMinMorselSourceRows = 1024;

// The current threshold: kDefaultParallelMinRows, or none (-1) on a one-core machine,
// unless a test set it.
int64_t ParallelMinRows();
// For tests: plan two workers from `min_rows` estimated rows on (0: always, -1: never),
// handing out morsels of `morsel_rows` rows. Not synchronized with running queries.
void SetParallelForTesting(int64_t min_rows, size_t morsel_rows);
// Restores the defaults.
void ResetParallelForTesting();

// Hands the rows of a prefix pipeline to the workers, a morsel at a time. Thread-safe: the
// prefix runs under a lock, on the thread that asks, with the context given at Open (which
// no worker uses).
class MorselSource {
 public:
  explicit MorselSource(std::unique_ptr<PhysicalOperator> prefix) : prefix_(std::move(prefix)) {}
  MorselSource(const MorselSource&) = delete;
  MorselSource& operator=(const MorselSource&) = delete;

  // (Re)starts the prefix under `context`, which must outlive the run.
  absl::Status Open(ExecContext* context);
  // Replaces `batch` with the next morsel; empty at the end of the prefix or after Stop.
  absl::Status Take(std::vector<Row>* batch);
  // Makes every later Take return no rows: a worker failed, the others finish early.
  void Stop();

  // The prefix, for printing plans.
  const PhysicalOperator& prefix() const { return *prefix_; }

 private:
  // Run only under mutex_ (printing plans reads it after the run).
  const std::unique_ptr<PhysicalOperator> prefix_;
  absl::Mutex mutex_;
  // Rows of the prefix's last batch not handed out yet.
  std::deque<Row> pending_ ABSL_GUARDED_BY(mutex_);
  std::vector<Row> batch_ ABSL_GUARDED_BY(mutex_);
  bool done_ ABSL_GUARDED_BY(mutex_) = false;
};

// What lowering hands an Aggregate that runs on two workers: the source, and the second
// worker's copy of the pipeline (the first is the Aggregate's input).
struct ParallelInput {
  std::shared_ptr<MorselSource> source;
  std::unique_ptr<PhysicalOperator> second_worker;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PARALLEL_H_
