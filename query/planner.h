// The planner: turns a bound query into a logical plan, clause by clause. MATCH patterns go
// to MatchPlanner; projections become Aggregate/Project, Distinct, Sort, Skip, Limit.
#ifndef QUARRY_QUERY_PLANNER_H_
#define QUARRY_QUERY_PLANNER_H_

#include <set>

#include "absl/status/statusor.h"
#include "query/bound_query.h"
#include "query/logical_plan.h"
#include "query/match_planner.h"

namespace quarry::query {

// Plans one bound query using graph statistics from `stats` and names from `reader`.
class Planner {
 public:
  Planner(const graph::GraphStats& stats, GraphReader* reader, const QueryOptions& options)
      : stats_(stats), reader_(reader), options_(options) {}

  // The logical plan. kInternal only on a planner bug.
  absl::StatusOr<LogicalPlan> Plan(const BoundQuery& query);

 private:
  absl::StatusOr<std::unique_ptr<LogicalOp>> PlanMatch(std::unique_ptr<LogicalOp> input,
                                                       const BoundMatch& match);
  absl::StatusOr<std::unique_ptr<LogicalOp>> PlanProjection(std::unique_ptr<LogicalOp> input,
                                                            const BoundProjection& projection);
  // Plans every pattern predicate inside `expr` into plan_.pattern_plans.
  absl::Status TrackPatterns(const BoundExpr& expr);
  std::unique_ptr<LogicalOp> Wrap(std::unique_ptr<LogicalOp> input, LogicalKind kind, double rows);

  const graph::GraphStats& stats_;
  GraphReader* reader_;
  const QueryOptions& options_;
  const BoundQuery* query_ = nullptr;
  LogicalPlan plan_;
  PlannerContext context_;
  std::set<int> bound_;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PLANNER_H_
