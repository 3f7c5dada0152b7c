// The binder's output: clauses whose variables are resolved to row slots, parameters to
// values and function names to ids. The planner consumes it.
#ifndef QUARRY_QUERY_BOUND_QUERY_H_
#define QUARRY_QUERY_BOUND_QUERY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/datum.h"

namespace quarry::query {

// Built-in functions. Aggregates come last (see IsAggregate).
enum class Function {
  kId,
  kLabels,
  kType,
  kNodes,
  kRelationships,
  kLength,
  kToLower,
  kToUpper,
  kSize,
  kCoalesce,
  kDate,
  kExists,
  kToString,
  kToInteger,
  kToFloat,
  kAbs,
  kHead,
  kLast,
  kRange,
  kStartNode,
  kEndNode,
  kProperties,
  kKeys,
  kTrim,
  kSubstring,
  kReplace,
  kSplit,
  kReverse,
  kRound,
  kFloor,
  kCeil,
  kTail,
  kRand,
  kSqrt,
  kSign,
  kToBoolean,
  // Aggregates.
  kCount,
  kCollect,
  kMin,
  kMax,
  kSum,
  kAvg,
  kPercentileDisc,
  kPercentileCont,
};

inline bool IsAggregate(Function function) { return function >= Function::kCount; }
const char* FunctionName(Function function);

// The static type of a variable, as far as the binder knows it.
enum class VarType { kNode, kRel, kRelList, kPath, kValue };

struct BoundPatternPart;

// A bound expression: like Expr, with variables as slots. kVariable reads `slot`; kFunction
// uses `function`; kParameter never appears (parameters become literals).
struct BoundExpr {
  ExprKind kind = ExprKind::kLiteral;
  BinaryOp op = BinaryOp::kEq;
  int offset = 0;
  int slot = -1;
  Datum literal;
  std::string name;  // property key; a variable's name for messages
  Function function = Function::kId;
  bool distinct = false;
  bool has_case_subject = false;
  bool has_case_else = false;
  bool has_filter = false;  // kIterate: children[1] is the WHERE predicate
  bool has_map = false;     // kIterate: the last child is the `| expression`
  std::vector<BoundExpr> children;
  std::vector<std::string> keys;
  std::vector<std::string> labels;
  std::shared_ptr<const BoundPatternPart> pattern;
};

struct BoundNode {
  int slot = -1;
  int offset = 0;
  std::string variable;  // empty when anonymous
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, BoundExpr>> properties;
};

struct BoundRel {
  int slot = -1;
  int offset = 0;
  std::string variable;
  // True when the variable was bound by an earlier clause: the match must use that
  // relationship.
  bool bound_before = false;
  std::vector<std::string> types;
  Direction direction = Direction::kBoth;
  bool variable_length = false;
  int min_hops = 1;
  std::optional<int> max_hops;
  std::vector<std::pair<std::string, BoundExpr>> properties;
};

struct BoundPatternPart {
  int path_slot = -1;
  ShortestKind shortest = ShortestKind::kNone;
  std::vector<BoundNode> nodes;
  std::vector<BoundRel> rels;
};

struct BoundMatch {
  bool optional = false;
  std::vector<BoundPatternPart> parts;
  std::optional<BoundExpr> where;
  // Slots that were bound before this clause.
  std::vector<int> bound_slots;
  // Slots this clause introduces (set to null when an OPTIONAL MATCH finds nothing).
  std::vector<int> new_slots;
};

struct BoundUnwind {
  BoundExpr expr;
  int slot = -1;
};

struct BoundItem {
  int slot = -1;
  std::string name;
  BoundExpr expr;  // after aggregation, aggregates are read from their slots
};

struct BoundAggregate {
  int slot = -1;
  Function function = Function::kCount;  // kCount with no argument is count(*)
  bool distinct = false;
  bool count_star = false;
  std::optional<BoundExpr> argument;
  std::optional<BoundExpr> percentile;  // percentileDisc and percentileCont: the second argument
};

struct BoundSortItem {
  BoundExpr expr;
  bool descending = false;
};

// RETURN or WITH.
struct BoundProjection {
  bool is_return = false;
  bool distinct = false;
  std::vector<BoundItem> items;
  // When non-empty or `grouped`: items without aggregates are grouping keys and the others
  // are computed from `aggregates` after grouping.
  bool grouped = false;
  std::vector<BoundAggregate> aggregates;
  std::vector<BoundSortItem> order_by;
  std::optional<BoundExpr> skip;
  std::optional<BoundExpr> limit;
  std::optional<BoundExpr> where;
};

struct BoundClause {
  ClauseKind kind = ClauseKind::kMatch;
  BoundMatch match;
  BoundUnwind unwind;
  BoundProjection projection;
};

struct BoundQuery {
  StatementMode mode = StatementMode::kRun;
  std::vector<BoundClause> clauses;
  int num_slots = 0;
  // Names of slots for plans ("  anon_3" for anonymous ones).
  std::vector<std::string> slot_names;
  std::vector<std::string> columns;
  std::vector<int> column_slots;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_BOUND_QUERY_H_
