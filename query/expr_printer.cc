// Expression text for plans.
#include "query/expr_printer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace quarry::query {
namespace {

const char* OpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEq:
      return " = ";
    case BinaryOp::kNe:
      return " <> ";
    case BinaryOp::kLt:
      return " < ";
    case BinaryOp::kLe:
      return " <= ";
    case BinaryOp::kGt:
      return " > ";
    case BinaryOp::kGe:
      return " >= ";
    case BinaryOp::kAdd:
      return " + ";
    case BinaryOp::kSub:
      return " - ";
    case BinaryOp::kMul:
      return " * ";
    case BinaryOp::kDiv:
      return " / ";
    case BinaryOp::kMod:
      return " % ";
    case BinaryOp::kPow:
      return " ^ ";
  }
  return " ? ";
}

}  // namespace

std::string ExprToString(const BoundExpr& expr, const std::vector<std::string>& names) {
  auto child = [&](size_t index) { return ExprToString(expr.children[index], names); };
  auto children = [&](size_t from) {
    std::vector<std::string> parts;
    for (size_t index = from; index < expr.children.size(); ++index) parts.push_back(child(index));
    return absl::StrJoin(parts, ", ");
  };
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return DebugString(expr.literal);
    case ExprKind::kParameter:
      return absl::StrCat("$", expr.name);
    case ExprKind::kVariable:
      return expr.slot >= 0 && expr.slot < static_cast<int>(names.size()) ? names[expr.slot] : "?";
    case ExprKind::kProperty:
      return absl::StrCat(child(0), ".", expr.name);
    case ExprKind::kList:
      return absl::StrCat("[", children(0), "]");
    case ExprKind::kMap: {
      std::vector<std::string> parts;
      for (size_t index = 0; index < expr.children.size(); ++index) {
        parts.push_back(absl::StrCat(expr.keys[index], ": ", child(index)));
      }
      return absl::StrCat("{", absl::StrJoin(parts, ", "), "}");
    }
    case ExprKind::kNot:
      return absl::StrCat("NOT ", child(0));
    case ExprKind::kNegate:
      return absl::StrCat("-", child(0));
    case ExprKind::kAnd:
      return absl::StrCat("(", child(0), " AND ", child(1), ")");
    case ExprKind::kOr:
      return absl::StrCat("(", child(0), " OR ", child(1), ")");
    case ExprKind::kXor:
      return absl::StrCat("(", child(0), " XOR ", child(1), ")");
    case ExprKind::kBinary:
      return absl::StrCat(child(0), OpText(expr.op), child(1));
    case ExprKind::kIsNull:
      return absl::StrCat(child(0), " IS NULL");
    case ExprKind::kIsNotNull:
      return absl::StrCat(child(0), " IS NOT NULL");
    case ExprKind::kIn:
      return absl::StrCat(child(0), " IN ", child(1));
    case ExprKind::kStartsWith:
      return absl::StrCat(child(0), " STARTS WITH ", child(1));
    case ExprKind::kEndsWith:
      return absl::StrCat(child(0), " ENDS WITH ", child(1));
    case ExprKind::kContains:
      return absl::StrCat(child(0), " CONTAINS ", child(1));
    case ExprKind::kRegex:
      return absl::StrCat(child(0), " =~ ", child(1));
    case ExprKind::kFunction:
      return absl::StrCat(expr.name, "(", expr.distinct ? "DISTINCT " : "", children(0), ")");
    case ExprKind::kCountStar:
      return "count(*)";
    case ExprKind::kIndex:
      return absl::StrCat(child(0), "[", child(1), "]");
    case ExprKind::kSlice: {
      auto written = [&](absl::string_view bound) {
        return std::find(expr.keys.begin(), expr.keys.end(), bound) != expr.keys.end();
      };
      return absl::StrCat(child(0), "[", written("lower") ? child(1) : std::string(), "..",
                          written("upper") ? child(2) : std::string(), "]");
    }
    case ExprKind::kHasLabels:
      return absl::StrCat(child(0), ":", absl::StrJoin(expr.labels, ":"));
    case ExprKind::kPattern:
      return "<pattern>";
    case ExprKind::kCase:
      return absl::StrCat("CASE ", children(0), " END");
    case ExprKind::kIterate:
      return absl::StrCat(expr.name, "(", children(0), ")");
  }
  return "?";
}

}  // namespace quarry::query
