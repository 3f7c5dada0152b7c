// The logical plan: a tree of operators (each with one input, the leaves excepted) that
// says what to compute, with estimated row counts. The planner builds it; lowering turns
// each node into its physical operator.
#ifndef QUARRY_QUERY_LOGICAL_PLAN_H_
#define QUARRY_QUERY_LOGICAL_PLAN_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "query/bound_query.h"

namespace quarry::query {

enum class LogicalKind {
  kSingleRow,       // one empty row: the start of a query
  kArgument,        // the row handed to a subplan (OPTIONAL MATCH, pattern predicates)
  kAllNodesScan,    // for each input row, every node into `slot`
  kLabelScan,       // ... every node with `label`
  kNodeByName,      // ... the node named `value` (a literal), if any
  kNodeByProperty,  // ... nodes with literal property `property` = `value`
  kExpand,          // from `from_slot` along `types`/`direction` to `to_slot` (bound when `into`)
  kVarExpand,       // the same, min_hops..max_hops hops, relationship-unique (trails)
  kShortestPath,    // shortest path(s) from `from_slot` to `to_slot` into `slot`
  kFilter,          // keeps rows where `predicate` is true
  kOptional,        // `subplan` per input row, or the row with `slots` set to null
  kUnwind,          // one row per element of `predicate` (the list) into `slot`
  kProject,         // computes `items`
  kAggregate,       // groups by `items` (keys) and computes `aggregates`
  kDistinct,        // drops rows equal on `slots`
  kSort,            // orders by `sort`
  kSkip,            // drops the first `count` rows
  kLimit,           // stops after `count` rows
  kBuildPath,       // builds the path `slot` from `path_nodes` and `path_rels`
  kProduceResults,  // the result columns `slots`
};

struct LogicalOp {
  LogicalKind kind = LogicalKind::kSingleRow;
  std::unique_ptr<LogicalOp> input;
  std::unique_ptr<LogicalOp> subplan;
  double estimated_rows = 1;
  // A one-line description for EXPLAIN, e.g. "Expand (c)-[:met]-(t)".
  std::string description;

  int slot = -1;
  std::string label;
  std::string property;
  BoundExpr value;
  BoundExpr predicate;

  int from_slot = -1;
  int rel_slot = -1;
  int to_slot = -1;
  std::vector<std::string> types;
  Direction direction = Direction::kOut;
  bool into = false;
  // kExpand into a node that stays the same across rows: index that node's side once.
  bool index_target = false;
  // kExpand (not into) from a node named in the query, the same in every row: its list is
  // kept for later queries over the same state.
  bool from_constant = false;
  // kExpand (not into): labels the reached node must have (a label filter folded in).
  std::vector<std::string> to_labels;
  // kExpand/kVarExpand: the triples of `types` (statistics), which bounds the cost of
  // building every adjacency list from one scan instead of one seek per node (0: never).
  int64_t build_rows = 0;
  // kExpand: build them at once (a hash join: "Expand(HashJoin)"), because the estimated
  // input rows make seeking dearer; otherwise the operator switches when its seeks do.
  bool hash_join = false;
  bool rel_bound = false;
  int min_hops = 1;
  int max_hops = 1;
  bool all_shortest = false;
  // kVarExpand running right to left: reverse its list so that it is in pattern order.
  bool reverse_list = false;
  // Relationship uniqueness within a MATCH: earlier relationships (and lists of them).
  std::vector<int> unique_rels;
  std::vector<int> unique_rel_lists;

  std::vector<std::pair<int, BoundExpr>> items;
  std::vector<BoundAggregate> aggregates;
  std::vector<int> slots;
  std::vector<BoundSortItem> sort;
  int64_t count = 0;
  std::vector<int> path_nodes;
  std::vector<int> path_rels;
  std::vector<bool> path_rel_is_list;
};

// A planned query: the operator tree and the subplans of its pattern predicates.
struct LogicalPlan {
  std::unique_ptr<LogicalOp> root;
  std::map<const BoundPatternPart*, std::unique_ptr<LogicalOp>> pattern_plans;
  std::vector<std::string> columns;
  std::vector<int> column_slots;
  int num_slots = 0;
};

// The name of an operator kind for plans, e.g. "Expand(Into)".
std::string LogicalKindName(const LogicalOp& op);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_LOGICAL_PLAN_H_
