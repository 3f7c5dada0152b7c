// Expression evaluation over one row. Functions live in functions.cc.
#include "query/evaluator.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <regex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

using Kind = Datum::Kind;

Ternary ToTernary(const Datum& value) {
  if (value.kind() == Kind::kBool) return value.bool_value() ? Ternary::kTrue : Ternary::kFalse;
  return Ternary::kNull;
}

Ternary Not(Ternary value) {
  if (value == Ternary::kNull) return value;
  return value == Ternary::kTrue ? Ternary::kFalse : Ternary::kTrue;
}

absl::Status TypeError(ExecContext* context, int offset, absl::string_view what,
                       const Datum& value) {
  return context->Error(offset, absl::StrCat(what, " but got ", Datum::KindName(value.kind())));
}

absl::StatusOr<Datum> Arithmetic(BinaryOp op, const Datum& a, const Datum& b, int offset,
                                 ExecContext* context) {
  if (a.is_null() || b.is_null()) return Datum();
  if (op == BinaryOp::kAdd) {
    if (a.kind() == Kind::kList || b.kind() == Kind::kList) {
      DatumList list;
      if (a.kind() == Kind::kList) {
        list = a.list();
      } else {
        list.push_back(a);
      }
      if (b.kind() == Kind::kList) {
        list.insert(list.end(), b.list().begin(), b.list().end());
      } else {
        list.push_back(b);
      }
      return Datum::List(std::move(list));
    }
    if (a.kind() == Kind::kString || b.kind() == Kind::kString) {
      auto text = [](const Datum& value) -> std::string {
        if (value.kind() == Kind::kString) return value.string_value();
        if (value.kind() == Kind::kInt) return absl::StrCat(value.int_value());
        if (value.kind() == Kind::kDouble) return absl::StrCat(value.double_value());
        if (value.kind() == Kind::kBool) return value.bool_value() ? "true" : "false";
        return "";
      };
      if ((a.kind() == Kind::kString || a.is_number() || a.kind() == Kind::kBool) &&
          (b.kind() == Kind::kString || b.is_number() || b.kind() == Kind::kBool)) {
        return Datum::String(text(a) + text(b));
      }
    }
  }
  if (!a.is_number()) return TypeError(context, offset, "arithmetic expects numbers", a);
  if (!b.is_number()) return TypeError(context, offset, "arithmetic expects numbers", b);
  if (op == BinaryOp::kPow) return Datum::Double(std::pow(a.number(), b.number()));
  if (a.kind() == Kind::kInt && b.kind() == Kind::kInt) {
    int64_t x = a.int_value();
    int64_t y = b.int_value();
    int64_t result = 0;
    bool overflow = false;
    switch (op) {
      case BinaryOp::kAdd:
        overflow = __builtin_add_overflow(x, y, &result);
        break;
      case BinaryOp::kSub:
        overflow = __builtin_sub_overflow(x, y, &result);
        break;
      case BinaryOp::kMul:
        overflow = __builtin_mul_overflow(x, y, &result);
        break;
      case BinaryOp::kDiv:
      case BinaryOp::kMod:
        if (y == 0) return context->Error(offset, "division by zero");
        if (x == INT64_MIN && y == -1) {
          overflow = op == BinaryOp::kDiv;
          result = 0;
        } else {
          result = op == BinaryOp::kDiv ? x / y : x % y;
        }
        break;
      default:
        break;
    }
    if (overflow) return context->Error(offset, "integer overflow");
    return Datum::Int(result);
  }
  double x = a.number();
  double y = b.number();
  switch (op) {
    case BinaryOp::kAdd:
      return Datum::Double(x + y);
    case BinaryOp::kSub:
      return Datum::Double(x - y);
    case BinaryOp::kMul:
      return Datum::Double(x * y);
    case BinaryOp::kDiv:
      return Datum::Double(x / y);
    case BinaryOp::kMod:
      return Datum::Double(std::fmod(x, y));
    default:
      return Datum();
  }
}

// Whether `expr` is `<something>.name`.
bool IsName(const BoundExpr& expr) {
  return expr.kind == ExprKind::kProperty && expr.name == "name";
}

absl::StatusOr<Datum> Compare(BinaryOp op, const Datum& a, const Datum& b) {
  if (op == BinaryOp::kEq) return Datum::FromTernary(Equals(a, b));
  if (op == BinaryOp::kNe) return Datum::FromTernary(Not(Equals(a, b)));
  // NaN is a number no number is below, above or equal to.
  if (a.is_number() && b.is_number() && (IsNaN(a) || IsNaN(b))) return Datum::Bool(false);
  std::optional<int> order = CompareValues(a, b);
  if (!order.has_value()) return Datum();
  switch (op) {
    case BinaryOp::kLt:
      return Datum::Bool(*order < 0);
    case BinaryOp::kLe:
      return Datum::Bool(*order <= 0);
    case BinaryOp::kGt:
      return Datum::Bool(*order > 0);
    case BinaryOp::kGe:
      return Datum::Bool(*order >= 0);
    default:
      return Datum();
  }
}

absl::StatusOr<bool> RegexMatches(const std::string& text, std::string pattern, int offset,
                                  ExecContext* context) {
  // Compiled patterns are cached per thread: a WHERE runs the same pattern on every row.
  thread_local absl::flat_hash_map<std::string, std::shared_ptr<std::regex>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    auto flags = std::regex::ECMAScript;
    std::string body = pattern;
    if (absl::StartsWith(body, "(?i)")) {
      flags |= std::regex::icase;
      body = body.substr(4);
    }
    std::regex compiled;
    try {
      compiled = std::regex(body, flags);
    } catch (const std::regex_error&) {
      return context->Error(offset, absl::StrCat("invalid regular expression '", pattern, "'"));
    }
    if (cache.size() > 256) cache.clear();
    it = cache.emplace(pattern, std::make_shared<std::regex>(std::move(compiled))).first;
  }
  return std::regex_match(text, *it->second);
}

}  // namespace

absl::StatusOr<Datum> ReadProperty(const Datum& base, const std::string& key, int offset,
                                   ExecContext* context) {
  switch (base.kind()) {
    case Kind::kNull:
      return Datum();
    case Kind::kNode:
      return context->reader().NodeProperty(base.node_id(), key);
    case Kind::kRel:
      return context->reader().RelProperty(base.rel(), key);
    case Kind::kMap:
      for (const auto& [name, value] : base.map()) {
        if (name == key) return value;
      }
      return Datum();
    case Kind::kDate:
      if (key == "year") return Datum::Int(base.date_value().year);
      if (key == "month") return Datum::Int(base.date_value().month);
      if (key == "day") return Datum::Int(base.date_value().day);
      return Datum();
    default:
      return context->Error(offset, absl::StrCat("cannot read property '", key, "' of a ",
                                                 Datum::KindName(base.kind())));
  }
}

// A list comprehension or a quantifier (ExprKind::kIterate).
static absl::StatusOr<Datum> EvaluateIteration(const BoundExpr& expr, const Row& row,
                                               ExecContext* context) {
  QUARRY_ASSIGN_OR_RETURN(Datum list, Evaluate(expr.children[0], row, context));
  if (list.is_null()) return Datum();
  if (list.kind() != Kind::kList) {
    return TypeError(context, expr.children[0].offset, "expected a list", list);
  }
  Row inner = row;
  if (static_cast<int>(inner.size()) <= expr.slot) inner.resize(expr.slot + 1);
  DatumList out;
  int trues = 0;
  int nulls = 0;
  int falses = 0;
  for (const Datum& element : list.list()) {
    inner[expr.slot] = element;
    Ternary keep = Ternary::kTrue;
    if (expr.has_filter) {
      QUARRY_ASSIGN_OR_RETURN(keep, EvaluatePredicate(expr.children[1], inner, context));
    }
    if (keep == Ternary::kTrue) ++trues;
    if (keep == Ternary::kNull) ++nulls;
    if (keep == Ternary::kFalse) ++falses;
    if (expr.name != "list" || keep != Ternary::kTrue) continue;
    if (expr.has_map) {
      QUARRY_ASSIGN_OR_RETURN(Datum mapped, Evaluate(expr.children.back(), inner, context));
      out.push_back(std::move(mapped));
    } else {
      out.push_back(element);
    }
  }
  if (expr.name == "list") return Datum::List(std::move(out));
  if (expr.name == "all") {
    if (falses > 0) return Datum::Bool(false);
    return nulls > 0 ? Datum() : Datum::Bool(true);
  }
  if (expr.name == "any") {
    if (trues > 0) return Datum::Bool(true);
    return nulls > 0 ? Datum() : Datum::Bool(false);
  }
  if (expr.name == "none") {
    if (trues > 0) return Datum::Bool(false);
    return nulls > 0 ? Datum() : Datum::Bool(true);
  }
  if (trues > 1) return Datum::Bool(false);
  if (nulls > 0) return Datum();
  return Datum::Bool(trues == 1);
}

absl::StatusOr<Ternary> EvaluatePredicate(const BoundExpr& expr, const Row& row,
                                          ExecContext* context) {
  switch (expr.kind) {
    case ExprKind::kAnd: {
      QUARRY_ASSIGN_OR_RETURN(Ternary left, EvaluatePredicate(expr.children[0], row, context));
      if (left == Ternary::kFalse) return Ternary::kFalse;
      QUARRY_ASSIGN_OR_RETURN(Ternary right, EvaluatePredicate(expr.children[1], row, context));
      if (right == Ternary::kFalse) return Ternary::kFalse;
      return left == Ternary::kTrue && right == Ternary::kTrue ? Ternary::kTrue : Ternary::kNull;
    }
    case ExprKind::kOr: {
      QUARRY_ASSIGN_OR_RETURN(Ternary left, EvaluatePredicate(expr.children[0], row, context));
      if (left == Ternary::kTrue) return Ternary::kTrue;
      QUARRY_ASSIGN_OR_RETURN(Ternary right, EvaluatePredicate(expr.children[1], row, context));
      if (right == Ternary::kTrue) return Ternary::kTrue;
      return left == Ternary::kFalse && right == Ternary::kFalse ? Ternary::kFalse : Ternary::kNull;
    }
    case ExprKind::kXor: {
      QUARRY_ASSIGN_OR_RETURN(Ternary left, EvaluatePredicate(expr.children[0], row, context));
      QUARRY_ASSIGN_OR_RETURN(Ternary right, EvaluatePredicate(expr.children[1], row, context));
      if (left == Ternary::kNull || right == Ternary::kNull) return Ternary::kNull;
      return left != right ? Ternary::kTrue : Ternary::kFalse;
    }
    case ExprKind::kNot: {
      QUARRY_ASSIGN_OR_RETURN(Ternary operand, EvaluatePredicate(expr.children[0], row, context));
      return Not(operand);
    }
    default:
      break;
  }
  QUARRY_ASSIGN_OR_RETURN(Datum value, Evaluate(expr, row, context));
  if (!value.is_null() && value.kind() != Kind::kBool) {
    return TypeError(context, expr.offset, "expected a boolean", value);
  }
  return ToTernary(value);
}

absl::StatusOr<Datum> Evaluate(const BoundExpr& expr, const Row& row, ExecContext* context) {
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return expr.literal;
    case ExprKind::kVariable:
      return row[expr.slot];
    case ExprKind::kParameter:
      return Datum();
    case ExprKind::kProperty: {
      QUARRY_ASSIGN_OR_RETURN(Datum base, Evaluate(expr.children[0], row, context));
      return ReadProperty(base, expr.name, expr.offset, context);
    }
    case ExprKind::kList: {
      DatumList list;
      for (const BoundExpr& child : expr.children) {
        QUARRY_ASSIGN_OR_RETURN(Datum element, Evaluate(child, row, context));
        list.push_back(std::move(element));
      }
      return Datum::List(std::move(list));
    }
    case ExprKind::kMap: {
      DatumMap map;
      for (size_t index = 0; index < expr.children.size(); ++index) {
        QUARRY_ASSIGN_OR_RETURN(Datum element, Evaluate(expr.children[index], row, context));
        map.emplace_back(expr.keys[index], std::move(element));
      }
      return Datum::Map(std::move(map));
    }
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor:
    case ExprKind::kNot: {
      QUARRY_ASSIGN_OR_RETURN(Ternary value, EvaluatePredicate(expr, row, context));
      return Datum::FromTernary(value);
    }
    case ExprKind::kNegate: {
      QUARRY_ASSIGN_OR_RETURN(Datum operand, Evaluate(expr.children[0], row, context));
      if (operand.is_null()) return Datum();
      if (operand.kind() == Kind::kInt) {
        if (operand.int_value() == INT64_MIN)
          return context->Error(expr.offset, "integer overflow");
        return Datum::Int(-operand.int_value());
      }
      if (operand.kind() == Kind::kDouble) return Datum::Double(-operand.double_value());
      return TypeError(context, expr.offset, "'-' expects a number", operand);
    }
    case ExprKind::kBinary: {
      if ((expr.op == BinaryOp::kEq || expr.op == BinaryOp::kNe) && IsName(expr.children[0]) &&
          IsName(expr.children[1])) {
        // x.name = y.name on two nodes: compare ids, not strings.
        QUARRY_ASSIGN_OR_RETURN(Datum left, Evaluate(expr.children[0].children[0], row, context));
        QUARRY_ASSIGN_OR_RETURN(Datum right, Evaluate(expr.children[1].children[0], row, context));
        if (left.kind() == Kind::kNode && right.kind() == Kind::kNode) {
          QUARRY_ASSIGN_OR_RETURN(std::optional<bool> equal,
                                  context->reader().NamesEqual(left.node_id(), right.node_id()));
          if (equal.has_value()) return Datum::Bool(*equal == (expr.op == BinaryOp::kEq));
        }
        QUARRY_ASSIGN_OR_RETURN(left, ReadProperty(left, "name", expr.children[0].offset, context));
        QUARRY_ASSIGN_OR_RETURN(right,
                                ReadProperty(right, "name", expr.children[1].offset, context));
        return Compare(expr.op, left, right);
      }
      QUARRY_ASSIGN_OR_RETURN(Datum left, Evaluate(expr.children[0], row, context));
      QUARRY_ASSIGN_OR_RETURN(Datum right, Evaluate(expr.children[1], row, context));
      switch (expr.op) {
        case BinaryOp::kEq:
        case BinaryOp::kNe:
        case BinaryOp::kLt:
        case BinaryOp::kLe:
        case BinaryOp::kGt:
        case BinaryOp::kGe:
          return Compare(expr.op, left, right);
        default:
          return Arithmetic(expr.op, left, right, expr.offset, context);
      }
    }
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      QUARRY_ASSIGN_OR_RETURN(Datum operand, Evaluate(expr.children[0], row, context));
      return Datum::Bool(operand.is_null() == (expr.kind == ExprKind::kIsNull));
    }
    case ExprKind::kIn: {
      QUARRY_ASSIGN_OR_RETURN(Datum needle, Evaluate(expr.children[0], row, context));
      QUARRY_ASSIGN_OR_RETURN(Datum haystack, Evaluate(expr.children[1], row, context));
      if (haystack.is_null()) return Datum();
      if (haystack.kind() != Kind::kList) {
        return TypeError(context, expr.children[1].offset, "IN expects a list", haystack);
      }
      bool unknown = false;
      for (const Datum& element : haystack.list()) {
        Ternary equal = Equals(needle, element);
        if (equal == Ternary::kTrue) return Datum::Bool(true);
        if (equal == Ternary::kNull) unknown = true;
      }
      return unknown ? Datum() : Datum::Bool(false);
    }
    case ExprKind::kStartsWith:
    case ExprKind::kEndsWith:
    case ExprKind::kContains:
    case ExprKind::kRegex: {
      QUARRY_ASSIGN_OR_RETURN(Datum left, Evaluate(expr.children[0], row, context));
      QUARRY_ASSIGN_OR_RETURN(Datum right, Evaluate(expr.children[1], row, context));
      if (left.kind() != Kind::kString || right.kind() != Kind::kString) return Datum();
      const std::string& text = left.string_value();
      const std::string& pattern = right.string_value();
      if (expr.kind == ExprKind::kStartsWith) return Datum::Bool(absl::StartsWith(text, pattern));
      if (expr.kind == ExprKind::kEndsWith) return Datum::Bool(absl::EndsWith(text, pattern));
      if (expr.kind == ExprKind::kContains) return Datum::Bool(absl::StrContains(text, pattern));
      QUARRY_ASSIGN_OR_RETURN(bool matches,
                              RegexMatches(text, pattern, expr.children[1].offset, context));
      return Datum::Bool(matches);
    }
    case ExprKind::kFunction: {
      if (expr.function == Function::kExists && expr.children[0].kind == ExprKind::kPattern) {
        return Evaluate(expr.children[0], row, context);
      }
      std::vector<Datum> arguments;
      arguments.reserve(expr.children.size());
      for (const BoundExpr& child : expr.children) {
        QUARRY_ASSIGN_OR_RETURN(Datum argument, Evaluate(child, row, context));
        arguments.push_back(std::move(argument));
      }
      return CallFunction(expr, arguments, context);
    }
    case ExprKind::kIndex: {
      QUARRY_ASSIGN_OR_RETURN(Datum base, Evaluate(expr.children[0], row, context));
      QUARRY_ASSIGN_OR_RETURN(Datum index, Evaluate(expr.children[1], row, context));
      if (base.is_null() || index.is_null()) return Datum();
      if (base.kind() == Kind::kList) {
        if (index.kind() != Kind::kInt) {
          return TypeError(context, expr.children[1].offset, "a list index must be an integer",
                           index);
        }
        int64_t size = static_cast<int64_t>(base.list().size());
        int64_t position = index.int_value() < 0 ? size + index.int_value() : index.int_value();
        if (position < 0 || position >= size) return Datum();
        return base.list()[position];
      }
      if (index.kind() != Kind::kString) {
        return TypeError(context, expr.children[1].offset, "a key must be a string", index);
      }
      return ReadProperty(base, index.string_value(), expr.offset, context);
    }
    case ExprKind::kSlice: {
      QUARRY_ASSIGN_OR_RETURN(Datum base, Evaluate(expr.children[0], row, context));
      QUARRY_ASSIGN_OR_RETURN(Datum low, Evaluate(expr.children[1], row, context));
      QUARRY_ASSIGN_OR_RETURN(Datum high, Evaluate(expr.children[2], row, context));
      if (base.is_null()) return Datum();
      if (base.kind() != Kind::kList) {
        return TypeError(context, expr.offset, "slicing expects a list", base);
      }
      // A bound written as null makes the slice null; a bound left out is the list's end.
      const auto written = [&](absl::string_view bound) {
        return std::find(expr.keys.begin(), expr.keys.end(), bound) != expr.keys.end();
      };
      if ((low.is_null() && written("lower")) || (high.is_null() && written("upper"))) {
        return Datum();
      }
      int64_t size = static_cast<int64_t>(base.list().size());
      auto clamp = [&](const Datum& bound, int64_t fallback) -> int64_t {
        if (bound.kind() != Kind::kInt) return fallback;
        int64_t position = bound.int_value() < 0 ? size + bound.int_value() : bound.int_value();
        return std::max<int64_t>(0, std::min(position, size));
      };
      int64_t begin = clamp(low, 0);
      int64_t end = clamp(high, size);
      DatumList slice;
      for (int64_t position = begin; position < end; ++position) {
        slice.push_back(base.list()[position]);
      }
      return Datum::List(std::move(slice));
    }
    case ExprKind::kHasLabels: {
      QUARRY_ASSIGN_OR_RETURN(Datum base, Evaluate(expr.children[0], row, context));
      if (base.is_null()) return Datum();
      if (base.kind() != Kind::kNode) {
        return TypeError(context, expr.offset, "a label test needs a node", base);
      }
      for (const std::string& label : expr.labels) {
        QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, context->reader().LabelId(label));
        if (!id.has_value()) return Datum::Bool(false);
        QUARRY_ASSIGN_OR_RETURN(bool has, context->reader().HasLabel(base.node_id(), *id));
        if (!has) return Datum::Bool(false);
      }
      return Datum::Bool(true);
    }
    case ExprKind::kPattern: {
      QUARRY_ASSIGN_OR_RETURN(bool exists, context->patterns()->Exists(expr.pattern.get(), row));
      return Datum::Bool(exists);
    }
    case ExprKind::kCase: {
      size_t index = 0;
      Datum subject;
      if (expr.has_case_subject) {
        QUARRY_ASSIGN_OR_RETURN(subject, Evaluate(expr.children[0], row, context));
        index = 1;
      }
      size_t end = expr.children.size() - (expr.has_case_else ? 1 : 0);
      for (; index + 1 < end + 1 && index < end; index += 2) {
        bool hit = false;
        if (expr.has_case_subject) {
          QUARRY_ASSIGN_OR_RETURN(Datum when, Evaluate(expr.children[index], row, context));
          hit = Equals(subject, when) == Ternary::kTrue;
        } else {
          QUARRY_ASSIGN_OR_RETURN(Ternary when,
                                  EvaluatePredicate(expr.children[index], row, context));
          hit = when == Ternary::kTrue;
        }
        if (hit) return Evaluate(expr.children[index + 1], row, context);
      }
      if (expr.has_case_else) return Evaluate(expr.children.back(), row, context);
      return Datum();
    }
    case ExprKind::kCountStar:
      return Datum();
    case ExprKind::kIterate:
      return EvaluateIteration(expr, row, context);
  }
  return Datum();
}

}  // namespace quarry::query
