// The result of a query: column names and rows of typed values.
#ifndef QUARRY_QUERY_RESULT_H_
#define QUARRY_QUERY_RESULT_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "quarry/value.h"

namespace quarry {

// Limits and controls for one query.
struct QueryOptions {
  // Stop with kResourceExhausted past this many rows produced by any operator, or
  // intermediate rows held in memory. 0 means no limit.
  int64_t max_rows = 50'000'000;
  // Stop with kDeadlineExceeded after this many milliseconds. 0 means no limit.
  int64_t timeout_ms = 0;
  // The cap on variable-length relationships written with no upper bound (`*`, `*2..`).
  int max_hops = 15;
  // When set and becoming true from another thread, the query stops with kCancelled.
  const std::atomic<bool>* cancel = nullptr;
};

// Rows of a finished query, plus the plan for EXPLAIN and PROFILE.
class QueryResult {
 public:
  QueryResult() = default;
  QueryResult(std::vector<std::string> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<std::vector<Value>>& rows() const { return rows_; }
  // For EXPLAIN: the operator tree with estimated rows; for PROFILE: also actual rows and
  // time per operator. Empty otherwise.
  const std::string& plan() const { return plan_; }
  void set_plan(std::string plan) { plan_ = std::move(plan); }
  // False for EXPLAIN: the columns are the query's, but it did not run, so there are no
  // rows to show (an empty result of a query that ran is executed()).
  bool executed() const { return executed_; }
  void set_executed(bool executed) { executed_ = executed; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
  std::string plan_;
  bool executed_ = true;
};

}  // namespace quarry

#endif  // QUARRY_QUERY_RESULT_H_
