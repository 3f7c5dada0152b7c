// What every physical operator shares while one query runs: the graph, the budgets and
// the cancellation flag, and how to run pattern predicates. Rows and batches live here too.
#ifndef QUARRY_QUERY_EXEC_CONTEXT_H_
#define QUARRY_QUERY_EXEC_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "quarry/query_result.h"
#include "query/datum.h"
#include "query/graph_reader.h"

namespace quarry::query {

// A row holds one value per slot of the bound query.
using Row = std::vector<Datum>;
// Operators pass rows in batches of about this many.
inline constexpr size_t kBatchSize = 256;

struct BoundPatternPart;

// Runs pattern predicates (`WHERE (a)-[:met]->(b)`): implemented by the lowering, which
// owns their subplans.
class PatternRunner {
 public:
  virtual ~PatternRunner() = default;
  // Whether `pattern` matches at least once with the slots of `row` bound.
  virtual absl::StatusOr<bool> Exists(const BoundPatternPart* pattern, const Row& row) = 0;
};

// Shared state of one running query. Not thread-safe (the cancel flag excepted): a part of
// the query run on another thread gets its own context (see the worker constructor).
class ExecContext {
 public:
  ExecContext(absl::string_view query_text, const QueryOptions& options, GraphReader* reader);
  // A context for another thread of `parent`'s query, reading through `reader` (a reader
  // serves one thread). It shares the parent's deadline and row budget; it runs no pattern
  // predicates.
  ExecContext(const ExecContext& parent, GraphReader* reader);

  GraphReader& reader() { return *reader_; }
  const QueryOptions& options() const { return options_; }
  absl::string_view query_text() const { return query_text_; }
  PatternRunner* patterns() const { return patterns_; }
  void set_patterns(PatternRunner* patterns) { patterns_ = patterns; }

  // Called once per batch: counts `rows` produced and checks cancellation (kCancelled),
  // the deadline (kDeadlineExceeded) and the row budget (kResourceExhausted).
  absl::Status CheckBudget(int64_t rows);
  // Checks that `rows` held in memory by one operator stay within the row budget.
  absl::Status CheckHeld(int64_t rows) const;

  // A located runtime error in the query (kInvalidArgument).
  absl::Status Error(int offset, absl::string_view message) const;

 private:
  absl::string_view query_text_;
  const QueryOptions& options_;
  GraphReader* reader_;
  PatternRunner* patterns_ = nullptr;
  absl::Time deadline_ = absl::InfiniteFuture();
  // Rows produced by every thread of the query.
  std::shared_ptr<std::atomic<int64_t>> rows_produced_;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_EXEC_CONTEXT_H_
