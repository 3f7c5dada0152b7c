// The abstract syntax tree the parser produces: a statement of clauses, patterns and
// expressions, each node keeping the byte offset of its source text for error messages.
#ifndef QUARRY_QUERY_AST_H_
#define QUARRY_QUERY_AST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quarry/value.h"

namespace quarry::query {

struct PatternPart;

enum class ExprKind {
  kLiteral,    // `literal`
  kParameter,  // `name`
  kVariable,   // `name`
  kProperty,   // children[0].`name`
  kList,       // [children...]
  kMap,        // {keys[i]: children[i]}
  kNot,        // NOT children[0]
  kNegate,     // -children[0]
  kAnd,        // children[0] AND children[1]
  kOr,
  kXor,
  kBinary,     // children[0] `op` children[1]
  kIsNull,     // children[0] IS NULL
  kIsNotNull,  // children[0] IS NOT NULL
  kIn,         // children[0] IN children[1]
  kStartsWith,
  kEndsWith,
  kContains,
  kRegex,      // children[0] =~ children[1]
  kFunction,   // name(children...), `distinct` for aggregates
  kCountStar,  // count(*)
  kIndex,      // children[0][children[1]]
  kSlice,      // children[0][children[1]..children[2]]; a missing bound is a null literal,
               // and `keys` names the bounds written ("lower", "upper")
  kHasLabels,  // children[0]:labels[0]:labels[1]...
  kPattern,    // a pattern predicate; `pattern`
  kCase,       // CASE [children[0]] WHEN .. THEN .. [ELSE ..] END; see Expr::case_*
  kIterate,    // [keys[0] IN children[0] WHERE .. | ..] (`name` "list") or a quantifier
               // all/any/none/single(keys[0] IN children[0] WHERE ..) (`name`); the filter
               // and map follow children[0] when has_filter / has_map
};

enum class BinaryOp { kEq, kNe, kLt, kLe, kGt, kGe, kAdd, kSub, kMul, kDiv, kMod, kPow };

// An expression. Which fields are meaningful depends on `kind` (see ExprKind).
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  int offset = 0;
  int end_offset = 0;
  BinaryOp op = BinaryOp::kEq;
  std::string name;
  Value literal;
  std::vector<std::unique_ptr<Expr>> children;
  std::vector<std::string> keys;
  std::vector<std::string> labels;
  bool distinct = false;
  std::shared_ptr<PatternPart> pattern;
  // CASE: has_case_subject says children[0] is the subject; then WHEN/THEN pairs; then
  // ELSE when has_case_else.
  bool has_case_subject = false;
  bool has_case_else = false;
  bool has_filter = false;
  bool has_map = false;
};

enum class Direction { kOut, kIn, kBoth };

// (var:Label1:Label2 {properties})
struct NodePattern {
  std::string variable;  // empty when anonymous
  int offset = 0;
  std::vector<std::string> labels;
  std::unique_ptr<Expr> properties;  // a kMap or kParameter expression, or null
};

// -[var:T1|T2*min..max {properties}]->
struct RelPattern {
  std::string variable;
  int offset = 0;
  std::vector<std::string> types;
  Direction direction = Direction::kBoth;
  bool variable_length = false;
  int min_hops = 1;
  std::optional<int> max_hops;
  std::unique_ptr<Expr> properties;
};

enum class ShortestKind { kNone, kShortest, kAllShortest };

// One comma-separated part of a pattern: nodes[0], rels[0], nodes[1], ...
struct PatternPart {
  std::string path_variable;
  int offset = 0;
  ShortestKind shortest = ShortestKind::kNone;
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;
};

// An item of RETURN or WITH.
struct ProjectionItem {
  std::unique_ptr<Expr> expr;
  std::string alias;  // the column name: the AS name, else the expression's text
  bool has_alias = false;
  int offset = 0;
};

struct SortItem {
  std::unique_ptr<Expr> expr;
  bool descending = false;
};

// The body of RETURN and WITH.
struct Projection {
  bool distinct = false;
  bool star = false;
  int offset = 0;
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  std::unique_ptr<Expr> skip;
  std::unique_ptr<Expr> limit;
};

enum class ClauseKind { kMatch, kUnwind, kWith, kReturn };

// One clause. MATCH uses optional/patterns/where; UNWIND unwind_expr/unwind_variable;
// WITH projection/where; RETURN projection.
struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  int offset = 0;
  bool optional = false;
  std::vector<PatternPart> patterns;
  std::unique_ptr<Expr> where;
  std::unique_ptr<Expr> unwind_expr;
  std::string unwind_variable;
  int unwind_variable_offset = 0;
  Projection projection;
};

enum class StatementMode { kRun, kExplain, kProfile };

// A parsed query.
struct Statement {
  StatementMode mode = StatementMode::kRun;
  std::vector<Clause> clauses;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_AST_H_
