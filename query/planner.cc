// Clause-by-clause planning; see planner.h.
#include "query/planner.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "query/expr_printer.h"
#include "util/status_macros.h"

namespace quarry::query {

std::unique_ptr<LogicalOp> Planner::Wrap(std::unique_ptr<LogicalOp> input, LogicalKind kind,
                                         double rows) {
  auto op = std::make_unique<LogicalOp>();
  op->kind = kind;
  op->estimated_rows = rows;
  op->input = std::move(input);
  return op;
}

absl::StatusOr<LogicalPlan> Planner::Plan(const BoundQuery& query) {
  query_ = &query;
  plan_ = LogicalPlan();
  context_.stats = &stats_;
  context_.reader = reader_;
  context_.options = &options_;
  context_.slot_names = &query.slot_names;
  context_.track_patterns = [this](const BoundExpr& expr) { return TrackPatterns(expr); };
  auto root = std::make_unique<LogicalOp>();
  root->kind = LogicalKind::kSingleRow;
  for (const BoundClause& clause : query.clauses) {
    switch (clause.kind) {
      case ClauseKind::kMatch: {
        QUARRY_ASSIGN_OR_RETURN(root, PlanMatch(std::move(root), clause.match));
        break;
      }
      case ClauseKind::kUnwind: {
        QUARRY_RETURN_IF_ERROR(TrackPatterns(clause.unwind.expr));
        double rows = root->estimated_rows * 10;
        root = Wrap(std::move(root), LogicalKind::kUnwind, rows);
        root->predicate = clause.unwind.expr;
        root->slot = clause.unwind.slot;
        root->description = absl::StrCat(ExprToString(clause.unwind.expr, query.slot_names), " AS ",
                                         query.slot_names[clause.unwind.slot]);
        bound_.insert(clause.unwind.slot);
        break;
      }
      case ClauseKind::kWith:
      case ClauseKind::kReturn: {
        QUARRY_ASSIGN_OR_RETURN(root, PlanProjection(std::move(root), clause.projection));
        break;
      }
    }
  }
  plan_.columns = query.columns;
  plan_.column_slots = query.column_slots;
  plan_.num_slots = query.num_slots;
  double rows = root->estimated_rows;
  root = Wrap(std::move(root), LogicalKind::kProduceResults, rows);
  root->slots = query.column_slots;
  root->description = absl::StrJoin(query.columns, ", ");
  plan_.root = std::move(root);
  return std::move(plan_);
}

absl::StatusOr<std::unique_ptr<LogicalOp>> Planner::PlanMatch(std::unique_ptr<LogicalOp> input,
                                                              const BoundMatch& match) {
  std::set<int> bound(match.bound_slots.begin(), match.bound_slots.end());
  const BoundExpr* where = match.where.has_value() ? &*match.where : nullptr;
  std::unique_ptr<LogicalOp> result;
  if (!match.optional) {
    QUARRY_ASSIGN_OR_RETURN(
        result, MatchPlanner(context_).Plan(std::move(input), match.parts, where, bound));
  } else {
    auto argument = std::make_unique<LogicalOp>();
    argument->kind = LogicalKind::kArgument;
    argument->estimated_rows = 1;
    QUARRY_ASSIGN_OR_RETURN(
        std::unique_ptr<LogicalOp> subplan,
        MatchPlanner(context_).Plan(std::move(argument), match.parts, where, bound));
    double rows = input->estimated_rows * std::max(1.0, subplan->estimated_rows);
    result = Wrap(std::move(input), LogicalKind::kOptional, rows);
    result->subplan = std::move(subplan);
    result->slots = match.new_slots;
    std::vector<std::string> names;
    for (int slot : match.new_slots) names.push_back(query_->slot_names[slot]);
    result->description = absl::StrJoin(names, ", ");
  }
  for (int slot : match.new_slots) bound_.insert(slot);
  return result;
}

absl::StatusOr<std::unique_ptr<LogicalOp>> Planner::PlanProjection(
    std::unique_ptr<LogicalOp> input, const BoundProjection& projection) {
  const auto& names = query_->slot_names;
  std::unique_ptr<LogicalOp> root = std::move(input);
  double rows = root->estimated_rows;
  auto describe_items = [&](const std::vector<std::pair<int, BoundExpr>>& items) {
    std::vector<std::string> parts;
    for (const auto& [slot, expr] : items) {
      std::string text = ExprToString(expr, names);
      parts.push_back(text == names[slot] ? text : absl::StrCat(text, " AS ", names[slot]));
    }
    return absl::StrJoin(parts, ", ");
  };
  for (const BoundItem& item : projection.items) QUARRY_RETURN_IF_ERROR(TrackPatterns(item.expr));
  if (projection.grouped) {
    std::vector<std::pair<int, BoundExpr>> keys;
    std::vector<std::pair<int, BoundExpr>> computed;
    for (const BoundItem& item : projection.items) {
      std::set<int> slots;
      CollectSlots(item.expr, &slots);
      bool uses_aggregate =
          std::any_of(projection.aggregates.begin(), projection.aggregates.end(),
                      [&](const BoundAggregate& a) { return slots.count(a.slot) > 0; });
      (uses_aggregate ? computed : keys).emplace_back(item.slot, item.expr);
    }
    for (const BoundAggregate& aggregate : projection.aggregates) {
      if (aggregate.argument.has_value())
        QUARRY_RETURN_IF_ERROR(TrackPatterns(*aggregate.argument));
      if (aggregate.percentile.has_value())
        QUARRY_RETURN_IF_ERROR(TrackPatterns(*aggregate.percentile));
    }
    rows = keys.empty() ? 1 : std::max(1.0, std::sqrt(rows));
    root = Wrap(std::move(root), LogicalKind::kAggregate, rows);
    std::vector<std::string> aggregate_text;
    for (const BoundAggregate& aggregate : projection.aggregates) {
      aggregate_text.push_back(absl::StrCat(
          FunctionName(aggregate.function), "(", aggregate.distinct ? "DISTINCT " : "",
          aggregate.count_star ? "*" : ExprToString(*aggregate.argument, names),
          aggregate.percentile ? ", " + ExprToString(*aggregate.percentile, names) : "", ")"));
    }
    root->description = absl::StrCat("keys: [", describe_items(keys), "] aggregates: [",
                                     absl::StrJoin(aggregate_text, ", "), "]");
    root->items = std::move(keys);
    root->aggregates = projection.aggregates;
    if (!computed.empty()) {
      root = Wrap(std::move(root), LogicalKind::kProject, rows);
      root->description = describe_items(computed);
      root->items = std::move(computed);
    }
  } else {
    std::vector<std::pair<int, BoundExpr>> items;
    for (const BoundItem& item : projection.items) {
      if (item.expr.kind == ExprKind::kVariable && item.expr.slot == item.slot) continue;
      items.emplace_back(item.slot, item.expr);
    }
    if (!items.empty()) {
      root = Wrap(std::move(root), LogicalKind::kProject, rows);
      root->description = describe_items(items);
      root->items = std::move(items);
    }
  }
  if (projection.distinct) {
    rows = std::max(1.0, rows / 2);
    root = Wrap(std::move(root), LogicalKind::kDistinct, rows);
    std::vector<std::string> parts;
    for (const BoundItem& item : projection.items) {
      root->slots.push_back(item.slot);
      parts.push_back(names[item.slot]);
    }
    root->description = absl::StrJoin(parts, ", ");
  }
  if (!projection.order_by.empty()) {
    root = Wrap(std::move(root), LogicalKind::kSort, rows);
    std::vector<std::string> parts;
    for (const BoundSortItem& item : projection.order_by) {
      QUARRY_RETURN_IF_ERROR(TrackPatterns(item.expr));
      parts.push_back(absl::StrCat(ExprToString(item.expr, names), item.descending ? " DESC" : ""));
    }
    root->sort = projection.order_by;
    root->description = absl::StrJoin(parts, ", ");
  }
  if (projection.skip.has_value()) {
    int64_t skip = projection.skip->literal.int_value();
    rows = std::max(0.0, rows - skip);
    root = Wrap(std::move(root), LogicalKind::kSkip, rows);
    root->count = skip;
    root->description = absl::StrCat(skip);
  }
  if (projection.limit.has_value()) {
    int64_t limit = projection.limit->literal.int_value();
    rows = std::min(rows, static_cast<double>(limit));
    root = Wrap(std::move(root), LogicalKind::kLimit, rows);
    root->count = limit;
    root->description = absl::StrCat(limit);
  }
  bound_.clear();
  for (const BoundItem& item : projection.items) bound_.insert(item.slot);
  if (projection.where.has_value()) {
    QUARRY_RETURN_IF_ERROR(TrackPatterns(*projection.where));
    rows = std::max(1.0, rows * 0.3);
    root = Wrap(std::move(root), LogicalKind::kFilter, rows);
    root->predicate = *projection.where;
    root->description = ExprToString(*projection.where, names);
  }
  return root;
}

absl::Status Planner::TrackPatterns(const BoundExpr& expr) {
  if (expr.kind == ExprKind::kPattern && plan_.pattern_plans.count(expr.pattern.get()) == 0) {
    std::set<int> bound;
    for (const BoundNode& node : expr.pattern->nodes) {
      if (!node.variable.empty()) bound.insert(node.slot);
    }
    for (const BoundRel& rel : expr.pattern->rels) {
      if (!rel.variable.empty()) bound.insert(rel.slot);
    }
    auto argument = std::make_unique<LogicalOp>();
    argument->kind = LogicalKind::kArgument;
    std::vector<BoundPatternPart> parts = {*expr.pattern};
    // Plan from a copy whose rels point into `parts`; keep the plan keyed by the original.
    QUARRY_ASSIGN_OR_RETURN(
        std::unique_ptr<LogicalOp> subplan,
        MatchPlanner(context_).Plan(std::move(argument), parts, nullptr, bound));
    plan_.pattern_plans[expr.pattern.get()] = std::move(subplan);
  }
  for (const BoundExpr& child : expr.children) QUARRY_RETURN_IF_ERROR(TrackPatterns(child));
  return absl::OkStatus();
}

}  // namespace quarry::query
