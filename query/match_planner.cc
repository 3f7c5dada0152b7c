// Greedy planning of one MATCH's patterns (see match_planner.h for the strategy).
#include "query/match_planner.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/derived_cache.h"
#include "query/expr_printer.h"
#include "query/scan_policy.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

BoundExpr Variable(int slot) {
  BoundExpr expr;
  expr.kind = ExprKind::kVariable;
  expr.slot = slot;
  return expr;
}

BoundExpr PropertyEquals(int slot, const std::string& key, const BoundExpr& value) {
  BoundExpr property;
  property.kind = ExprKind::kProperty;
  property.name = key;
  property.offset = value.offset;
  property.children.push_back(Variable(slot));
  BoundExpr equals;
  equals.kind = ExprKind::kBinary;
  equals.op = BinaryOp::kEq;
  equals.offset = value.offset;
  equals.children.push_back(std::move(property));
  equals.children.push_back(value);
  return equals;
}

BoundExpr HasLabel(int slot, const std::string& label) {
  BoundExpr expr;
  expr.kind = ExprKind::kHasLabels;
  expr.labels.push_back(label);
  expr.children.push_back(Variable(slot));
  return expr;
}

BoundExpr IsNotNull(int slot) {
  BoundExpr expr;
  expr.kind = ExprKind::kIsNotNull;
  expr.children.push_back(Variable(slot));
  return expr;
}

void SplitConjunction(const BoundExpr& expr, std::vector<BoundExpr>* out) {
  if (expr.kind == ExprKind::kAnd) {
    SplitConjunction(expr.children[0], out);
    SplitConjunction(expr.children[1], out);
  } else {
    out->push_back(expr);
  }
}

Direction Reverse(Direction direction) {
  if (direction == Direction::kOut) return Direction::kIn;
  if (direction == Direction::kIn) return Direction::kOut;
  return Direction::kBoth;
}

// Matches `n.key = literal` (either way round): the slot, key and literal.
bool AsPropertyEquality(const BoundExpr& expr, int* slot, std::string* key, Datum* value) {
  if (expr.kind != ExprKind::kBinary || expr.op != BinaryOp::kEq) return false;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& property = expr.children[side];
    const BoundExpr& literal = expr.children[1 - side];
    if (property.kind == ExprKind::kProperty && property.children[0].kind == ExprKind::kVariable &&
        literal.kind == ExprKind::kLiteral && !literal.literal.is_null()) {
      *slot = property.children[0].slot;
      *key = property.name;
      *value = literal.literal;
      return true;
    }
  }
  return false;
}

// Whether relationships typed `a` and typed `b` can be the same one (empty: any type).
bool TypesMayOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  for (const std::string& type : a) {
    if (std::find(b.begin(), b.end(), type) != b.end()) return true;
  }
  return false;
}

}  // namespace

void CollectSlots(const BoundExpr& expr, std::set<int>* slots) {
  if (expr.kind == ExprKind::kIterate) {
    // The iteration variable is the expression's own, not one of the row it reads.
    CollectSlots(expr.children[0], slots);
    std::set<int> inner;
    for (size_t index = 1; index < expr.children.size(); ++index) {
      CollectSlots(expr.children[index], &inner);
    }
    inner.erase(expr.slot);
    slots->insert(inner.begin(), inner.end());
    return;
  }
  if (expr.kind == ExprKind::kVariable) slots->insert(expr.slot);
  if (expr.kind == ExprKind::kPattern) {
    for (const BoundNode& node : expr.pattern->nodes) {
      if (!node.variable.empty()) slots->insert(node.slot);
    }
    for (const BoundRel& rel : expr.pattern->rels) {
      if (!rel.variable.empty()) slots->insert(rel.slot);
    }
  }
  for (const BoundExpr& child : expr.children) CollectSlots(child, slots);
}

MatchPlanner::MatchPlanner(const PlannerContext& context) : context_(context) {}

std::string MatchPlanner::Name(int slot) const { return (*context_.slot_names)[slot]; }

void MatchPlanner::Push(std::unique_ptr<LogicalOp> op, double rows) {
  rows_ = rows;
  op->estimated_rows = rows;
  op->input = std::move(root_);
  root_ = std::move(op);
}

void MatchPlanner::AddConjunct(BoundExpr expr) {
  Conjunct conjunct;
  CollectSlots(expr, &conjunct.slots);
  conjunct.expr = std::move(expr);
  conjuncts_.push_back(std::move(conjunct));
}

double MatchPlanner::NodeCount() {
  double total = 0;
  for (const auto& [label, count] : context_.stats->label_counts) total += count;
  return std::max({1.0, total, context_.stats->triples / 4.0});
}

double MatchPlanner::LabelCount(const std::string& label) {
  absl::StatusOr<std::optional<TermId>> id = context_.reader->LabelId(label);
  if (!id.ok() || !id->has_value()) return 0;
  auto it = context_.stats->label_counts.find(**id);
  return it == context_.stats->label_counts.end() ? 0 : static_cast<double>(it->second);
}

int64_t MatchPlanner::TypesTripleCount(const BoundRel& rel) {
  if (rel.types.empty()) return 0;
  int64_t total = 0;
  for (const std::string& type : rel.types) {
    absl::StatusOr<std::optional<TermId>> id = context_.reader->PredicateId(type);
    if (!id.ok() || !id->has_value()) continue;
    auto it = context_.stats->predicate_counts.find(**id);
    if (it != context_.stats->predicate_counts.end()) total += it->second;
  }
  return total;
}

double MatchPlanner::FromCount(int from) {
  double smallest = NodeCount();
  for (const Conjunct& conjunct : conjuncts_) {
    if (conjunct.expr.kind != ExprKind::kHasLabels ||
        conjunct.expr.children[0].kind != ExprKind::kVariable ||
        conjunct.expr.children[0].slot != from) {
      continue;
    }
    for (const std::string& label : conjunct.expr.labels) {
      smallest = std::min(smallest, LabelCount(label));
    }
  }
  return std::max(smallest, 1.0);
}

double MatchPlanner::Fanout(const BoundRel& rel, int from) {
  double edges = 0;
  if (rel.types.empty()) {
    edges = static_cast<double>(context_.stats->triples);
  } else {
    for (const std::string& type : rel.types) {
      absl::StatusOr<std::optional<TermId>> id = context_.reader->PredicateId(type);
      if (!id.ok() || !id->has_value()) continue;
      auto it = context_.stats->predicate_counts.find(**id);
      if (it != context_.stats->predicate_counts.end()) edges += it->second;
    }
  }
  // The relationships are assumed spread over the nodes that can start them: those with
  // the labels `from` must have (Country -> its 5,000 persons), else every node.
  double fanout = edges / FromCount(from);
  if (rel.direction == Direction::kBoth) fanout *= 2;
  if (rel.variable_length) {
    int max_hops = rel.max_hops.value_or(context_.options->max_hops);
    double total = 0;
    double level = 1;
    for (int hop = 1; hop <= std::min(max_hops, 8); ++hop) {
      level *= std::max(fanout, 1.0);
      if (hop >= rel.min_hops) total += level;
    }
    fanout = std::min(total, 1e12);
  }
  return fanout;
}

double MatchPlanner::ExpandEstimate(const RelInfo& info, int from) {
  const BoundRel& rel = *info.rel;
  auto constant = constant_ids_.find(from);
  if (constant == constant_ids_.end() || rel.variable_length) return rows_ * Fanout(rel, from);
  if (!constant->second.has_value()) return 0;
  Direction direction = from == info.left ? rel.direction : Reverse(rel.direction);
  std::vector<TermId> predicates;
  for (const std::string& type : rel.types) {
    absl::StatusOr<std::optional<TermId>> id = context_.reader->PredicateId(type);
    if (id.ok() && id->has_value()) predicates.push_back(**id);
  }
  if (!rel.types.empty() && predicates.empty()) return 0;
  absl::StatusOr<int64_t> degree =
      ConstantDegree(*constant->second, direction, rel.types.empty() ? nullptr : &predicates);
  if (!degree.ok()) return rows_ * Fanout(rel, from);
  return rows_ * static_cast<double>(*degree);
}

absl::StatusOr<int64_t> MatchPlanner::ConstantDegree(TermId node, Direction direction,
                                                     const std::vector<TermId>* predicates) {
  const std::string key =
      absl::StrCat("degree/", static_cast<int>(direction), "/",
                   predicates == nullptr ? "*" : absl::StrJoin(*predicates, ","), "/", node);
  if (auto known = degrees_.find(key); known != degrees_.end()) return known->second;
  const graph::Snapshot& snapshot = context_.reader->snapshot();
  graph::DerivedCache* shared = snapshot.derived_cache();
  if (shared != nullptr) {
    if (auto found =
            std::static_pointer_cast<const int64_t>(shared->Find(key, *snapshot.version()))) {
      degrees_[key] = *found;
      return *found;
    }
  }
  std::vector<Edge> edges;
  QUARRY_RETURN_IF_ERROR(context_.reader->Neighbors(node, direction, predicates, &edges));
  const int64_t degree = static_cast<int64_t>(edges.size());
  degrees_[key] = degree;
  if (shared != nullptr) {
    shared->Insert(key, *snapshot.version(), std::make_shared<const int64_t>(degree),
                   key.size() + 64);
  }
  return degree;
}

double MatchPlanner::AnchorEstimate(int slot, const Conjunct** anchor) {
  double best = NodeCount();
  *anchor = nullptr;
  for (const Conjunct& conjunct : conjuncts_) {
    if (conjunct.applied || conjunct.slots.size() != 1 || *conjunct.slots.begin() != slot) {
      continue;
    }
    int property_slot;
    std::string key;
    Datum value;
    double estimate = best;
    if (AsPropertyEquality(conjunct.expr, &property_slot, &key, &value)) {
      // A name equality left here was declined by PlanNameAnchors (a blank node carries the
      // name as a property): a scan of `name` triples would miss canonical names, so it
      // stays a filter.
      if (key == "name") continue;
      absl::StatusOr<std::optional<TermId>> id = context_.reader->PredicateId(key);
      double count = 0;
      if (id.ok() && id->has_value()) {
        auto it = context_.stats->predicate_counts.find(**id);
        if (it != context_.stats->predicate_counts.end()) count = it->second;
      }
      estimate = std::max(1.0, count / 20);
    } else if (conjunct.expr.kind == ExprKind::kHasLabels && conjunct.expr.labels.size() == 1 &&
               conjunct.expr.children[0].kind == ExprKind::kVariable) {
      estimate = LabelCount(conjunct.expr.labels[0]);
    } else {
      continue;
    }
    if (estimate < best || *anchor == nullptr) {
      if (estimate <= best) {
        best = estimate;
        *anchor = &conjunct;
      }
    }
  }
  return best;
}

absl::StatusOr<std::unique_ptr<LogicalOp>> MatchPlanner::Plan(
    std::unique_ptr<LogicalOp> input, const std::vector<BoundPatternPart>& parts,
    const BoundExpr* where, const std::set<int>& bound) {
  root_ = std::move(input);
  rows_ = root_->estimated_rows;
  bound_ = bound;
  for (const BoundPatternPart& part : parts) {
    for (const BoundNode& node : part.nodes) {
      if (std::find(node_slots_.begin(), node_slots_.end(), node.slot) == node_slots_.end()) {
        node_slots_.push_back(node.slot);
        // A node bound before may be null (from OPTIONAL MATCH or a WITH): it matches
        // nothing then. An expansion from it finds nothing; standing alone, it is checked.
        if (bound.count(node.slot) > 0 && part.rels.empty()) AddConjunct(IsNotNull(node.slot));
      }
      for (const std::string& label : node.labels) AddConjunct(HasLabel(node.slot, label));
      for (const auto& [key, value] : node.properties) {
        AddConjunct(PropertyEquals(node.slot, key, value));
      }
    }
    for (size_t index = 0; index < part.rels.size(); ++index) {
      const BoundRel& rel = part.rels[index];
      for (const auto& [key, value] : rel.properties) {
        AddConjunct(PropertyEquals(rel.slot, key, value));
      }
      if (part.shortest != ShortestKind::kNone) continue;
      rels_.push_back(RelInfo{&rel, part.nodes[index].slot, part.nodes[index + 1].slot, false});
    }
  }
  if (where != nullptr) {
    std::vector<BoundExpr> split;
    SplitConjunction(*where, &split);
    for (BoundExpr& conjunct : split) AddConjunct(std::move(conjunct));
  }
  for (const Conjunct& conjunct : conjuncts_) {
    QUARRY_RETURN_IF_ERROR(context_.track_patterns(conjunct.expr));
  }
  QUARRY_RETURN_IF_ERROR(ApplyReadyConjuncts());
  QUARRY_RETURN_IF_ERROR(PlanNameAnchors());
  while (true) {
    // Relationships between bound nodes only filter: check them before anything else
    // (before label filters too, which cost a read per row).
    RelInfo* into = nullptr;
    for (RelInfo& info : rels_) {
      if (!info.planned && bound_.count(info.left) > 0 && bound_.count(info.right) > 0) {
        into = &info;
        break;
      }
    }
    if (into != nullptr) {
      QUARRY_RETURN_IF_ERROR(PlanRel(into));
      continue;
    }
    QUARRY_RETURN_IF_ERROR(ApplyReadyConjuncts());
    RelInfo* next = nullptr;
    double best = 0;
    for (RelInfo& info : rels_) {
      if (info.planned) continue;
      bool left = bound_.count(info.left) > 0;
      bool right = bound_.count(info.right) > 0;
      if (!left && !right) continue;
      double estimate = ExpandEstimate(info, left ? info.left : info.right);
      if (next == nullptr || estimate < best) {
        next = &info;
        best = estimate;
      }
    }
    if (next != nullptr) {
      QUARRY_RETURN_IF_ERROR(PlanRel(next));
      continue;
    }
    int anchor = -1;
    double anchor_rows = 0;
    for (int slot : node_slots_) {
      if (bound_.count(slot) > 0) continue;
      const Conjunct* ignored;
      double estimate = AnchorEstimate(slot, &ignored);
      if (anchor < 0 || estimate < anchor_rows) {
        anchor = slot;
        anchor_rows = estimate;
      }
    }
    if (anchor < 0) break;
    QUARRY_RETURN_IF_ERROR(PlanAnchor(anchor));
    QUARRY_RETURN_IF_ERROR(ApplyReadyConjuncts());
  }
  for (const BoundPatternPart& part : parts) {
    if (part.shortest != ShortestKind::kNone) {
      QUARRY_RETURN_IF_ERROR(PlanShortest(part));
      QUARRY_RETURN_IF_ERROR(ApplyReadyConjuncts());
    }
  }
  for (const BoundPatternPart& part : parts) {
    if (part.shortest == ShortestKind::kNone && part.path_slot >= 0) PlanBuildPath(part);
  }
  QUARRY_RETURN_IF_ERROR(ApplyReadyConjuncts());
  for (Conjunct& conjunct : conjuncts_) {
    if (conjunct.applied) continue;
    // Variables of other clauses not bound here: should not happen after binding.
    return absl::InternalError("unplaced filter " +
                               ExprToString(conjunct.expr, *context_.slot_names));
  }
  return std::move(root_);
}

absl::Status MatchPlanner::ApplyReadyConjuncts() {
  for (Conjunct& conjunct : conjuncts_) {
    if (conjunct.applied) continue;
    bool ready = std::all_of(conjunct.slots.begin(), conjunct.slots.end(),
                             [&](int slot) { return bound_.count(slot) > 0; });
    if (!ready) continue;
    conjunct.applied = true;
    // A label test on the node an Expand just reached is checked inside the Expand, before
    // any row is made.
    if (conjunct.expr.kind == ExprKind::kHasLabels &&
        conjunct.expr.children[0].kind == ExprKind::kVariable && root_ != nullptr &&
        root_->kind == LogicalKind::kExpand && !root_->into &&
        root_->to_slot == conjunct.expr.children[0].slot) {
      for (const std::string& label : conjunct.expr.labels) root_->to_labels.push_back(label);
      absl::StrAppend(&root_->description, " ", ExprToString(conjunct.expr, *context_.slot_names));
      rows_ = std::max(rows_ * 0.5, std::min(rows_, 1.0));
      root_->estimated_rows = rows_;
      continue;
    }
    auto op = std::make_unique<LogicalOp>();
    op->kind = LogicalKind::kFilter;
    op->predicate = conjunct.expr;
    op->description = ExprToString(conjunct.expr, *context_.slot_names);
    double selectivity = conjunct.expr.kind == ExprKind::kHasLabels ? 0.5 : 0.3;
    Push(std::move(op), std::max(rows_ * selectivity, std::min(rows_, 1.0)));
  }
  return absl::OkStatus();
}

absl::Status MatchPlanner::PlanNameAnchors() {
  for (int slot : node_slots_) {
    if (bound_.count(slot) > 0) continue;
    for (Conjunct& conjunct : conjuncts_) {
      int property_slot;
      std::string key;
      Datum value;
      if (conjunct.applied || !AsPropertyEquality(conjunct.expr, &property_slot, &key, &value) ||
          property_slot != slot || key != "name") {
        continue;
      }
      // The name index knows canonical names only: when a blank node carries this `name`
      // as a property, the equality stays an ordinary filter.
      QUARRY_ASSIGN_OR_RETURN(bool blank_named, context_.reader->SomeBlankNodeNamed(value));
      if (blank_named) continue;
      auto op = std::make_unique<LogicalOp>();
      op->kind = LogicalKind::kNodeByName;
      op->slot = slot;
      op->value.literal = value;
      op->description = absl::StrCat("(", Name(slot), ") name = ", DebugString(value));
      conjunct.applied = true;
      bound_.insert(slot);
      constant_nodes_.insert(slot);
      std::optional<TermId> id;
      if (value.kind() == Datum::Kind::kString) {
        QUARRY_ASSIGN_OR_RETURN(id, context_.reader->NodeByName(value.string_value()));
      }
      constant_ids_[slot] = id;
      Push(std::move(op), rows_);
      break;
    }
  }
  return ApplyReadyConjuncts();
}

absl::Status MatchPlanner::PlanAnchor(int slot) {
  const Conjunct* anchor = nullptr;
  double estimate = AnchorEstimate(slot, &anchor);
  auto op = std::make_unique<LogicalOp>();
  op->slot = slot;
  int property_slot;
  std::string key;
  Datum value;
  if (anchor != nullptr && AsPropertyEquality(anchor->expr, &property_slot, &key, &value)) {
    op->kind = LogicalKind::kNodeByProperty;
    op->property = key;
    op->value.literal = value;
    op->description = absl::StrCat("(", Name(slot), ") ", key, " = ", DebugString(value));
    // The filter stays: it also picks the smallest of several values, as n.key does.
  } else if (anchor != nullptr) {
    op->kind = LogicalKind::kLabelScan;
    op->label = anchor->expr.labels[0];
    op->description = absl::StrCat("(", Name(slot), ":", op->label, ")");
    for (Conjunct& conjunct : conjuncts_) {
      if (&conjunct == anchor) conjunct.applied = true;
    }
  } else {
    op->kind = LogicalKind::kAllNodesScan;
    op->description = absl::StrCat("(", Name(slot), ")");
  }
  bound_.insert(slot);
  Push(std::move(op), rows_ * std::max(estimate, 0.0));
  return absl::OkStatus();
}

std::string MatchPlanner::RelText(const BoundRel& rel, int from, int to,
                                  Direction direction) const {
  std::string types = rel.types.empty() ? "" : absl::StrCat(":", absl::StrJoin(rel.types, "|"));
  std::string length;
  if (rel.variable_length) {
    length = absl::StrCat("*", rel.min_hops, "..",
                          rel.max_hops.has_value() ? absl::StrCat(*rel.max_hops)
                                                   : absl::StrCat(context_.options->max_hops));
  }
  std::string name = rel.variable.empty() ? "" : rel.variable;
  return absl::StrCat("(", Name(from), ")", direction == Direction::kIn ? "<-" : "-", "[", name,
                      types, length, "]", direction == Direction::kOut ? "->" : "-", "(", Name(to),
                      ")");
}

absl::Status MatchPlanner::PlanRel(RelInfo* info) {
  const BoundRel& rel = *info->rel;
  info->planned = true;
  bool left_bound = bound_.count(info->left) > 0;
  bool right_bound = bound_.count(info->right) > 0;
  bool into = left_bound && right_bound;
  int from = left_bound ? info->left : info->right;
  int to = left_bound ? info->right : info->left;
  // Into a node that is the same in every row: scan from the other side and index it.
  if (into && constant_nodes_.count(info->left) > 0 && constant_nodes_.count(info->right) == 0) {
    from = info->right;
    to = info->left;
  }
  Direction direction = from == info->left ? rel.direction : Reverse(rel.direction);
  auto op = std::make_unique<LogicalOp>();
  op->kind = rel.variable_length ? LogicalKind::kVarExpand : LogicalKind::kExpand;
  op->from_slot = from;
  op->to_slot = to;
  op->rel_slot = rel.slot;
  op->types = rel.types;
  op->direction = direction;
  op->into = into;
  op->index_target = into && !rel.variable_length && constant_nodes_.count(to) > 0;
  op->from_constant = !into && !rel.variable_length && constant_nodes_.count(from) > 0;
  op->rel_bound = rel.bound_before;
  op->min_hops = rel.min_hops;
  op->max_hops = rel.max_hops.value_or(context_.options->max_hops);
  // The list of a variable-length relationship is in pattern order: reverse it when the
  // expansion runs right to left.
  op->reverse_list = from != info->left;
  // Uniqueness needs checking only against relationships that can share a type.
  for (int slot : planned_rels_) {
    if (TypesMayOverlap(planned_rel_types_[slot], rel.types)) op->unique_rels.push_back(slot);
  }
  for (int slot : planned_rel_lists_) {
    if (TypesMayOverlap(planned_rel_types_[slot], rel.types)) {
      op->unique_rel_lists.push_back(slot);
    }
  }
  planned_rel_types_[rel.slot] = rel.types;
  op->description = RelText(rel, from, to, direction);
  op->build_rows = TypesTripleCount(rel);
  // Seeking once per input row, or one scan of the types into a hash table? (A constant
  // target is indexed from its own side already.)
  op->hash_join = !rel.variable_length && !op->index_target &&
                  PreferScan(static_cast<int64_t>(std::min(rows_, 1e15)), op->build_rows);
  double fanout = Fanout(rel, from);
  // From a named node the rows are its degree, known exactly.
  double rows =
      into ? rows_ * std::min(1.0, fanout / NodeCount() * 10) : ExpandEstimate(*info, from);
  if (rel.variable_length) {
    planned_rel_lists_.push_back(rel.slot);
  } else {
    planned_rels_.push_back(rel.slot);
  }
  bound_.insert(to);
  bound_.insert(rel.slot);
  Push(std::move(op), rows);
  return absl::OkStatus();
}

absl::Status MatchPlanner::PlanShortest(const BoundPatternPart& part) {
  const BoundRel& rel = part.rels[0];
  auto op = std::make_unique<LogicalOp>();
  op->kind = LogicalKind::kShortestPath;
  op->from_slot = part.nodes[0].slot;
  op->to_slot = part.nodes[1].slot;
  op->rel_slot = rel.slot;
  op->slot = part.path_slot;
  op->types = rel.types;
  op->direction = rel.direction;
  op->min_hops = rel.min_hops;
  op->max_hops = rel.max_hops.value_or(context_.options->max_hops);
  op->all_shortest = part.shortest == ShortestKind::kAllShortest;
  op->unique_rels = planned_rels_;
  op->unique_rel_lists = planned_rel_lists_;
  planned_rel_types_[rel.slot] = {};  // checked against any type
  op->description = absl::StrCat(op->all_shortest ? "all " : "",
                                 RelText(rel, op->from_slot, op->to_slot, rel.direction));
  planned_rel_lists_.push_back(rel.slot);
  bound_.insert(rel.slot);
  bound_.insert(part.path_slot);
  Push(std::move(op), rows_);
  return absl::OkStatus();
}

void MatchPlanner::PlanBuildPath(const BoundPatternPart& part) {
  auto op = std::make_unique<LogicalOp>();
  op->kind = LogicalKind::kBuildPath;
  op->slot = part.path_slot;
  for (const BoundNode& node : part.nodes) op->path_nodes.push_back(node.slot);
  for (const BoundRel& rel : part.rels) {
    op->path_rels.push_back(rel.slot);
    op->path_rel_is_list.push_back(rel.variable_length);
  }
  op->description = Name(part.path_slot);
  bound_.insert(part.path_slot);
  Push(std::move(op), rows_);
}

}  // namespace quarry::query
