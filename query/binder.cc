// The binder's clause and pattern level: scopes of variables flow from clause to clause;
// WITH and RETURN replace the scope with their projected names.
#include "query/binder.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "query/query_error.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

const char* TypeName(VarType type) {
  switch (type) {
    case VarType::kNode:
      return "a node";
    case VarType::kRel:
      return "a relationship";
    case VarType::kRelList:
      return "a list of relationships";
    case VarType::kPath:
      return "a path";
    case VarType::kValue:
      return "a value";
  }
  return "a value";
}

}  // namespace

int Binder::NewSlot(const std::string& name) {
  int slot = query_->num_slots++;
  query_->slot_names.push_back(name.empty() ? absl::StrCat("anon_", slot) : name);
  slot_types_.push_back(VarType::kValue);
  return slot;
}

absl::Status Binder::Error(int offset, absl::string_view message) const {
  return QuerySyntaxError(text_, offset, message);
}

absl::Status Binder::Unsupported(int offset, absl::string_view message) const {
  return QueryUnsupportedError(text_, offset, message);
}

absl::StatusOr<BoundQuery> Binder::Bind(const Statement& statement) {
  BoundQuery query;
  query.mode = statement.mode;
  query_ = &query;
  for (const Clause& clause : statement.clauses) {
    BoundClause bound;
    bound.kind = clause.kind;
    switch (clause.kind) {
      case ClauseKind::kMatch:
        QUARRY_RETURN_IF_ERROR(BindMatch(clause, &bound.match));
        break;
      case ClauseKind::kUnwind:
        QUARRY_RETURN_IF_ERROR(BindUnwind(clause, &bound.unwind));
        break;
      case ClauseKind::kWith:
      case ClauseKind::kReturn:
        QUARRY_RETURN_IF_ERROR(BindProjection(clause, &bound.projection));
        break;
    }
    query.clauses.push_back(std::move(bound));
  }
  const BoundProjection& last = query.clauses.back().projection;
  for (const BoundItem& item : last.items) {
    query.columns.push_back(item.name);
    query.column_slots.push_back(item.slot);
  }
  query_ = nullptr;
  return query;
}

absl::Status Binder::BindMatch(const Clause& clause, BoundMatch* match) {
  match->optional = clause.optional;
  for (const auto& [name, variable] : scope_) match->bound_slots.push_back(variable.slot);
  int first_new_slot = query_->num_slots;
  std::set<std::string> clause_rel_variables;
  for (const PatternPart& part : clause.patterns) {
    BoundPatternPart bound;
    QUARRY_RETURN_IF_ERROR(BindPatternPart(part, false, &clause_rel_variables, &bound));
    match->parts.push_back(std::move(bound));
  }
  for (int slot = first_new_slot; slot < query_->num_slots; ++slot) {
    match->new_slots.push_back(slot);
  }
  if (clause.where != nullptr) {
    QUARRY_ASSIGN_OR_RETURN(BoundExpr where, BindExpr(*clause.where, ExprContext{}));
    match->where = std::move(where);
  }
  return absl::OkStatus();
}

absl::Status Binder::BindPatternPart(const PatternPart& part, bool predicate,
                                     std::set<std::string>* clause_rel_variables,
                                     BoundPatternPart* bound) {
  bound->shortest = part.shortest;
  if (part.shortest != ShortestKind::kNone) {
    const RelPattern& rel = part.rels[0];
    if (!rel.variable_length) {
      return Error(rel.offset, "a shortest path needs a variable-length relationship, e.g. [*]");
    }
    if (rel.min_hops > 1) {
      return Unsupported(rel.offset,
                         "a shortest path with a minimum length above 1 is not "
                         "supported");
    }
  }
  for (size_t index = 0; index < part.nodes.size(); ++index) {
    BoundNode node;
    QUARRY_RETURN_IF_ERROR(BindNode(part.nodes[index], predicate, &node));
    bound->nodes.push_back(std::move(node));
    if (index < part.rels.size()) {
      BoundRel rel;
      QUARRY_RETURN_IF_ERROR(BindRel(part.rels[index], predicate, clause_rel_variables, &rel));
      bound->rels.push_back(std::move(rel));
    }
  }
  if (!part.path_variable.empty()) {
    if (scope_.count(part.path_variable) > 0) {
      return Error(part.offset,
                   absl::StrCat("variable '", part.path_variable, "' is already defined"));
    }
    int slot = NewSlot(part.path_variable);
    slot_types_[slot] = VarType::kPath;
    scope_[part.path_variable] = Variable{slot, VarType::kPath};
    bound->path_slot = slot;
  } else if (part.shortest != ShortestKind::kNone) {
    bound->path_slot = NewSlot("");
    slot_types_[bound->path_slot] = VarType::kPath;
  }
  return absl::OkStatus();
}

absl::Status Binder::BindNode(const NodePattern& node, bool predicate, BoundNode* bound) {
  bound->offset = node.offset;
  bound->variable = node.variable;
  bound->labels = node.labels;
  if (!node.variable.empty()) {
    auto it = scope_.find(node.variable);
    if (it != scope_.end()) {
      if ((it->second.type != VarType::kNode && it->second.type != VarType::kValue) ||
          PlainSlot(it->second.slot)) {
        return Error(node.offset, absl::StrCat("variable '", node.variable, "' is ",
                                               TypeName(it->second.type), ", not a node"));
      }
      bound->slot = it->second.slot;
    } else if (predicate) {
      return Error(node.offset, absl::StrCat("variable '", node.variable,
                                             "' is not defined (a pattern predicate cannot "
                                             "introduce new variables)"));
    } else {
      bound->slot = NewSlot(node.variable);
      slot_types_[bound->slot] = VarType::kNode;
      scope_[node.variable] = Variable{bound->slot, VarType::kNode};
    }
  } else {
    bound->slot = NewSlot("");
    slot_types_[bound->slot] = VarType::kNode;
  }
  return BindPropertyMap(node.properties.get(), &bound->properties);
}

absl::Status Binder::BindRel(const RelPattern& rel, bool predicate,
                             std::set<std::string>* clause_rel_variables, BoundRel* bound) {
  bound->offset = rel.offset;
  bound->variable = rel.variable;
  bound->types = rel.types;
  bound->direction = rel.direction;
  bound->variable_length = rel.variable_length;
  bound->min_hops = rel.min_hops;
  bound->max_hops = rel.max_hops;
  if (rel.variable_length && rel.properties != nullptr) {
    return Unsupported(rel.offset,
                       "properties on a variable-length relationship are not supported");
  }
  VarType type = rel.variable_length ? VarType::kRelList : VarType::kRel;
  if (!rel.variable.empty()) {
    if (!clause_rel_variables->insert(rel.variable).second) {
      return Error(rel.offset, absl::StrCat("relationship variable '", rel.variable,
                                            "' is used more than once in the pattern"));
    }
    auto it = scope_.find(rel.variable);
    if (it != scope_.end()) {
      if ((it->second.type != VarType::kRel && it->second.type != VarType::kValue) ||
          PlainSlot(it->second.slot)) {
        return Error(rel.offset, absl::StrCat("variable '", rel.variable, "' is ",
                                              TypeName(it->second.type), ", not a relationship"));
      }
      if (rel.variable_length) {
        return Unsupported(rel.offset,
                           "a variable-length relationship cannot reuse a bound "
                           "variable");
      }
      bound->slot = it->second.slot;
      bound->bound_before = true;
    } else if (predicate) {
      return Error(rel.offset, absl::StrCat("variable '", rel.variable,
                                            "' is not defined (a pattern predicate cannot "
                                            "introduce new variables)"));
    } else {
      bound->slot = NewSlot(rel.variable);
      slot_types_[bound->slot] = type;
      scope_[rel.variable] = Variable{bound->slot, type};
    }
  } else {
    bound->slot = NewSlot("");
    slot_types_[bound->slot] = type;
  }
  return BindPropertyMap(rel.properties.get(), &bound->properties);
}

absl::Status Binder::BindPropertyMap(const Expr* properties,
                                     std::vector<std::pair<std::string, BoundExpr>>* out) {
  if (properties == nullptr) return absl::OkStatus();
  if (properties->kind == ExprKind::kParameter) {
    auto it = params_.find(properties->name);
    if (it == params_.end()) {
      return Error(properties->offset, absl::StrCat("missing parameter $", properties->name));
    }
    if (!it->second.is<Map>()) {
      return Error(properties->offset,
                   absl::StrCat("parameter $", properties->name, " must be a map"));
    }
    for (const auto& [key, value] : it->second.as<Map>()) {
      BoundExpr literal;
      literal.offset = properties->offset;
      literal.literal = FromValue(value);
      out->emplace_back(key, std::move(literal));
    }
    return absl::OkStatus();
  }
  for (size_t index = 0; index < properties->keys.size(); ++index) {
    ExprContext context;
    context.clause = "a pattern";
    QUARRY_ASSIGN_OR_RETURN(BoundExpr value, BindExpr(*properties->children[index], context));
    out->emplace_back(properties->keys[index], std::move(value));
  }
  return absl::OkStatus();
}

absl::Status Binder::BindUnwind(const Clause& clause, BoundUnwind* unwind) {
  ExprContext context;
  context.clause = "UNWIND";
  QUARRY_ASSIGN_OR_RETURN(unwind->expr, BindExpr(*clause.unwind_expr, context));
  if (scope_.count(clause.unwind_variable) > 0) {
    return Error(clause.unwind_variable_offset,
                 absl::StrCat("variable '", clause.unwind_variable, "' is already defined"));
  }
  unwind->slot = NewSlot(clause.unwind_variable);
  scope_[clause.unwind_variable] = Variable{unwind->slot, VarType::kValue};
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Binder::BindCount(const Expr& expr, const char* what) {
  QUARRY_ASSIGN_OR_RETURN(BoundExpr bound, BindExpr(expr, ExprContext{nullptr, what, false}));
  if (bound.kind != ExprKind::kLiteral || bound.literal.kind() != Datum::Kind::kInt ||
      bound.literal.int_value() < 0) {
    return Error(expr.offset, absl::StrCat(what, " expects a non-negative integer"));
  }
  return bound.literal.int_value();
}

absl::Status Binder::BindProjection(const Clause& clause, BoundProjection* projection) {
  const Projection& source = clause.projection;
  projection->is_return = clause.kind == ClauseKind::kReturn;
  projection->distinct = source.distinct;
  const char* clause_name = projection->is_return ? "RETURN" : "WITH";
  Scope new_scope;
  std::set<std::string> names;
  if (source.star) {
    bool any = false;
    for (const auto& [name, variable] : scope_) {
      BoundItem item;
      item.slot = variable.slot;
      item.name = name;
      item.expr.kind = ExprKind::kVariable;
      item.expr.slot = variable.slot;
      item.expr.name = name;
      names.insert(name);
      new_scope[name] = variable;
      projection->items.push_back(std::move(item));
      any = true;
    }
    if (!any) {
      return Error(source.offset,
                   absl::StrCat(clause_name, " * needs at least one variable in scope"));
    }
  }
  for (const ProjectionItem& source_item : source.items) {
    ExprContext context;
    context.aggregates = &projection->aggregates;
    context.clause = clause_name;
    QUARRY_ASSIGN_OR_RETURN(BoundExpr expr, BindExpr(*source_item.expr, context));
    // The written expression: a bound aggregate reads a slot too ("WITH a, count(*)").
    if (!projection->is_return && !source_item.has_alias &&
        source_item.expr->kind != ExprKind::kVariable) {
      return Error(source_item.offset, "an expression in WITH must be aliased (use AS)");
    }
    if (!names.insert(source_item.alias).second) {
      return Error(source_item.offset,
                   absl::StrCat("column name '", source_item.alias, "' is used twice"));
    }
    BoundItem item;
    item.name = source_item.alias;
    VarType type = StaticType(expr);
    if (expr.kind == ExprKind::kVariable && expr.name == item.name) {
      item.slot = expr.slot;
    } else {
      item.slot = NewSlot(item.name);
      slot_types_[item.slot] = type;
      if (type == VarType::kValue && SurelyPlainValue(expr)) {
        plain_slots_.resize(slot_types_.size());
        plain_slots_[item.slot] = true;
      }
    }
    item.expr = std::move(expr);
    new_scope[item.name] = Variable{item.slot, type};
    projection->items.push_back(std::move(item));
  }
  projection->grouped = !projection->aggregates.empty();
  // ORDER BY and WITH's WHERE see the projected names; without aggregation or DISTINCT also
  // the old ones (a projected name hides an old one it shadows).
  Scope order_scope = new_scope;
  if (!projection->grouped && !projection->distinct) {
    for (const auto& entry : scope_) order_scope.insert(entry);
  }
  Scope saved = std::move(scope_);
  scope_ = order_scope;
  for (const SortItem& sort_item : source.order_by) {
    BoundSortItem bound;
    bound.descending = sort_item.descending;
    // An ORDER BY expression written like a projected one reads that column.
    absl::string_view sort_text =
        text_.substr(sort_item.expr->offset, sort_item.expr->end_offset - sort_item.expr->offset);
    bool matched = false;
    for (size_t index = 0; index < source.items.size(); ++index) {
      const Expr& item_expr = *source.items[index].expr;
      if (text_.substr(item_expr.offset, item_expr.end_offset - item_expr.offset) == sort_text) {
        const BoundItem& item =
            projection->items[index + (projection->items.size() - source.items.size())];
        bound.expr.kind = ExprKind::kVariable;
        bound.expr.slot = item.slot;
        bound.expr.name = item.name;
        matched = true;
        break;
      }
    }
    if (!matched) {
      ExprContext context;
      context.clause = "ORDER BY";
      absl::StatusOr<BoundExpr> expr = BindExpr(*sort_item.expr, context);
      if (!expr.ok()) {
        scope_ = std::move(saved);
        return expr.status();
      }
      bound.expr = std::move(*expr);
    }
    projection->order_by.push_back(std::move(bound));
  }
  scope_ = std::move(saved);
  if (source.skip != nullptr) {
    QUARRY_ASSIGN_OR_RETURN(int64_t skip, BindCount(*source.skip, "SKIP"));
    BoundExpr literal;
    literal.literal = Datum::Int(skip);
    projection->skip = std::move(literal);
  }
  if (source.limit != nullptr) {
    QUARRY_ASSIGN_OR_RETURN(int64_t limit, BindCount(*source.limit, "LIMIT"));
    BoundExpr literal;
    literal.literal = Datum::Int(limit);
    projection->limit = std::move(literal);
  }
  if (clause.where != nullptr) {
    scope_ = std::move(order_scope);
    absl::StatusOr<BoundExpr> where = BindExpr(*clause.where, ExprContext{});
    if (!where.ok()) {
      scope_ = std::move(saved);
      return where.status();
    }
    projection->where = *std::move(where);
  }
  scope_ = std::move(new_scope);
  return absl::OkStatus();
}

}  // namespace quarry::query
