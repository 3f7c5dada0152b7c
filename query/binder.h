// The binder: resolves variables to row slots, checks their types, resolves parameters and
// function names, and splits projections into grouping keys and aggregates. Rejects
// unknown variables and static type errors before anything runs.
#ifndef QUARRY_QUERY_BINDER_H_
#define QUARRY_QUERY_BINDER_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "quarry/value.h"
#include "query/ast.h"
#include "query/bound_query.h"

namespace quarry::query {

// Binds one statement. `text` is the query (for error locations); `params` the values of
// `$name` parameters. Use once.
class Binder {
 public:
  Binder(absl::string_view text, const Params& params) : text_(text), params_(params) {}

  // The bound query. kInvalidArgument (with line, column and caret) for an unknown variable
  // or function, a type conflict, a missing parameter, a misplaced aggregate, a duplicate
  // column; kUnimplemented for constructs outside the subset.
  absl::StatusOr<BoundQuery> Bind(const Statement& statement);

 private:
  struct Variable {
    int slot = -1;
    VarType type = VarType::kValue;
  };
  using Scope = std::map<std::string, Variable>;

  // How an expression may use aggregates.
  struct ExprContext {
    // Where aggregates go; null when they are not allowed here.
    std::vector<BoundAggregate>* aggregates = nullptr;
    const char* clause = "WHERE";
    bool inside_aggregate = false;
  };

  int NewSlot(const std::string& name);
  absl::Status Error(int offset, absl::string_view message) const;
  absl::Status Unsupported(int offset, absl::string_view message) const;

  // Clauses and patterns (binder.cc).
  absl::Status BindMatch(const Clause& clause, BoundMatch* match);
  absl::Status BindPatternPart(const PatternPart& part, bool predicate,
                               std::set<std::string>* clause_rel_variables,
                               BoundPatternPart* bound);
  absl::Status BindNode(const NodePattern& node, bool predicate, BoundNode* bound);
  absl::Status BindRel(const RelPattern& rel, bool predicate,
                       std::set<std::string>* clause_rel_variables, BoundRel* bound);
  absl::Status BindPropertyMap(const Expr* properties,
                               std::vector<std::pair<std::string, BoundExpr>>* out);
  absl::Status BindUnwind(const Clause& clause, BoundUnwind* unwind);
  absl::Status BindProjection(const Clause& clause, BoundProjection* projection);
  absl::StatusOr<int64_t> BindCount(const Expr& expr, const char* what);

  // Expressions (binder_expression.cc).
  absl::StatusOr<BoundExpr> BindExpr(const Expr& expr, ExprContext context);
  absl::StatusOr<BoundExpr> BindFunction(const Expr& expr, ExprContext context);
  absl::StatusOr<BoundExpr> BindPatternPredicate(const Expr& expr);
  // The static type of a bound expression when the binder knows it.
  VarType StaticType(const BoundExpr& expr) const;
  // Whether a bound expression is surely no node, relationship or path: a literal other
  // than null, a list or map literal, an operator's result, or a slot projected from one.
  bool SurelyPlainValue(const BoundExpr& expr) const;
  bool PlainSlot(int slot) const {
    return slot >= 0 && slot < static_cast<int>(plain_slots_.size()) && plain_slots_[slot];
  }

  absl::string_view text_;
  const Params& params_;
  Scope scope_;
  std::vector<VarType> slot_types_;
  // Slots of kValue whose value is surely plain (SurelyPlainValue): a pattern cannot use
  // them as a node or relationship ("WITH 123 AS n MATCH (n)").
  std::vector<bool> plain_slots_;
  BoundQuery* query_ = nullptr;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_BINDER_H_
