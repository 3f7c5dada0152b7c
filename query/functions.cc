// Built-in scalar functions. Aggregates are computed by the aggregate operator instead.
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "graph/term.h"
#include "query/evaluator.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

using Kind = Datum::Kind;

absl::Status ArgumentError(const BoundExpr& expr, ExecContext* context, const char* wanted,
                           const Datum& got) {
  return context->Error(expr.offset, absl::StrCat(expr.name, "() expects ", wanted, " but got ",
                                                  Datum::KindName(got.kind())));
}

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::optional<quarry::Date> ParseDate(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() < 1 || parts.size() > 3) return std::nullopt;
  int values[3] = {0, 0, 0};
  for (size_t index = 0; index < parts.size(); ++index) {
    if (parts[index].empty() || !absl::SimpleAtoi(parts[index], &values[index])) {
      return std::nullopt;
    }
  }
  if (values[1] < 0 || values[1] > 12 || values[2] < 0 || values[2] > 31) return std::nullopt;
  return quarry::Date{values[0], values[1], values[2]};
}

PathDatum AsPath(const Datum& value) {
  if (value.kind() == Kind::kPath) return value.path();
  return PathDatum();
}

}  // namespace

absl::StatusOr<Datum> CallFunction(const BoundExpr& expr, const std::vector<Datum>& arguments,
                                   ExecContext* context) {
  const Datum& first = arguments.empty() ? Datum() : arguments[0];
  Function function = expr.function;
  if (function == Function::kCoalesce) {
    for (const Datum& argument : arguments) {
      if (!argument.is_null()) return argument;
    }
    return Datum();
  }
  if (function == Function::kDate && arguments.empty()) {
    return context->Error(expr.offset, "date() needs an argument such as '2021-07-28'");
  }
  if (function == Function::kExists) return Datum::Bool(!first.is_null());
  if (function == Function::kRand) {
    static thread_local std::mt19937_64 generator{std::random_device{}()};
    return Datum::Double(std::uniform_real_distribution<double>(0.0, 1.0)(generator));
  }
  // Every other function returns null for a null first argument.
  if (first.is_null()) return Datum();
  GraphReader& reader = context->reader();
  switch (function) {
    case Function::kId:
      if (first.kind() == Kind::kNode) return Datum::Int(static_cast<int64_t>(first.node_id()));
      if (first.kind() == Kind::kRel) {
        return Datum::Int(static_cast<int64_t>(absl::HashOf(first.rel()) >> 1));
      }
      return ArgumentError(expr, context, "a node or relationship", first);
    case Function::kLabels: {
      if (first.kind() != Kind::kNode) return ArgumentError(expr, context, "a node", first);
      QUARRY_ASSIGN_OR_RETURN(std::vector<std::string> labels, reader.Labels(first.node_id()));
      DatumList list;
      for (std::string& label : labels) list.push_back(Datum::String(std::move(label)));
      return Datum::List(std::move(list));
    }
    case Function::kType: {
      if (first.kind() != Kind::kRel) return ArgumentError(expr, context, "a relationship", first);
      QUARRY_ASSIGN_OR_RETURN(std::string name, reader.PredicateName(first.rel().predicate));
      return Datum::String(std::move(name));
    }
    case Function::kStartNode:
    case Function::kEndNode:
      if (first.kind() != Kind::kRel) return ArgumentError(expr, context, "a relationship", first);
      return Datum::Node(function == Function::kStartNode ? first.rel().subject
                                                          : first.rel().object);
    case Function::kNodes: {
      if (first.kind() != Kind::kPath) return ArgumentError(expr, context, "a path", first);
      DatumList list;
      for (TermId node : first.path().nodes) list.push_back(Datum::Node(node));
      return Datum::List(std::move(list));
    }
    case Function::kRelationships: {
      if (first.kind() != Kind::kPath) return ArgumentError(expr, context, "a path", first);
      DatumList list;
      for (const IdTriple& rel : first.path().rels) list.push_back(Datum::Rel(rel));
      return Datum::List(std::move(list));
    }
    case Function::kLength:
      if (first.kind() == Kind::kPath) {
        return Datum::Int(static_cast<int64_t>(AsPath(first).rels.size()));
      }
      if (first.kind() == Kind::kString) {
        return Datum::Int(static_cast<int64_t>(CodePoints(first.string_value())));
      }
      if (first.kind() == Kind::kList) return Datum::Int(static_cast<int64_t>(first.list().size()));
      return ArgumentError(expr, context, "a path", first);
    case Function::kSize:
      if (first.kind() == Kind::kString) {
        return Datum::Int(static_cast<int64_t>(CodePoints(first.string_value())));
      }
      if (first.kind() == Kind::kList) return Datum::Int(static_cast<int64_t>(first.list().size()));
      return ArgumentError(expr, context, "a string or a list", first);
    case Function::kToLower:
    case Function::kToUpper:
    case Function::kTrim:
      if (first.kind() != Kind::kString) return ArgumentError(expr, context, "a string", first);
      if (function == Function::kToLower) {
        return Datum::String(absl::AsciiStrToLower(first.string_value()));
      }
      if (function == Function::kToUpper) {
        return Datum::String(absl::AsciiStrToUpper(first.string_value()));
      }
      return Datum::String(std::string(absl::StripAsciiWhitespace(first.string_value())));
    case Function::kDate: {
      if (first.kind() == Kind::kDate) return first;
      if (first.kind() == Kind::kString) {
        std::optional<quarry::Date> date = ParseDate(first.string_value());
        if (!date.has_value()) {
          return context->Error(expr.offset,
                                absl::StrCat("invalid date '", first.string_value(), "'"));
        }
        return Datum::FromDate(*date);
      }
      if (first.kind() == Kind::kMap) {
        quarry::Date date;
        for (const auto& [key, value] : first.map()) {
          if (value.kind() != Kind::kInt) continue;
          if (key == "year") date.year = static_cast<int>(value.int_value());
          if (key == "month") date.month = static_cast<int>(value.int_value());
          if (key == "day") date.day = static_cast<int>(value.int_value());
        }
        return Datum::FromDate(date);
      }
      return ArgumentError(expr, context, "a string or a map", first);
    }
    case Function::kToString:
      switch (first.kind()) {
        case Kind::kString:
          return first;
        case Kind::kInt:
          return Datum::String(absl::StrCat(first.int_value()));
        case Kind::kDouble: {
          Value value(first.double_value());
          return Datum::String(value.ToString());
        }
        case Kind::kBool:
          return Datum::String(first.bool_value() ? "true" : "false");
        case Kind::kDate: {
          std::string text = Value(first.date_value()).ToString();
          return Datum::String(text.substr(6, text.size() - 8));
        }
        default:
          return ArgumentError(expr, context, "a string, number, boolean or date", first);
      }
    case Function::kToInteger:
      if (first.kind() == Kind::kInt) return first;
      if (first.kind() == Kind::kDouble) {
        if (!std::isfinite(first.double_value())) return Datum();
        return Datum::Int(static_cast<int64_t>(first.double_value()));
      }
      if (first.kind() == Kind::kString) {
        int64_t integer;
        if (absl::SimpleAtoi(first.string_value(), &integer)) return Datum::Int(integer);
        double number;
        if (absl::SimpleAtod(first.string_value(), &number) && std::isfinite(number)) {
          return Datum::Int(static_cast<int64_t>(number));
        }
        return Datum();
      }
      return ArgumentError(expr, context, "a number or a string", first);
    case Function::kToFloat:
      if (first.is_number()) return Datum::Double(first.number());
      if (first.kind() == Kind::kString) {
        double number;
        if (absl::SimpleAtod(first.string_value(), &number)) return Datum::Double(number);
        return Datum();
      }
      return ArgumentError(expr, context, "a number or a string", first);
    case Function::kSqrt:
      if (!first.is_number()) return ArgumentError(expr, context, "a number", first);
      return Datum::Double(std::sqrt(first.number()));
    case Function::kSign:
      if (!first.is_number()) return ArgumentError(expr, context, "a number", first);
      return Datum::Int(first.number() > 0 ? 1 : (first.number() < 0 ? -1 : 0));
    case Function::kToBoolean:
      if (first.kind() == Kind::kBool) return first;
      if (first.kind() == Kind::kString) {
        std::string lower = absl::AsciiStrToLower(first.string_value());
        if (lower == "true") return Datum::Bool(true);
        if (lower == "false") return Datum::Bool(false);
        return Datum();
      }
      return ArgumentError(expr, context, "a boolean or a string", first);
    case Function::kAbs:
      if (first.kind() == Kind::kInt) {
        if (first.int_value() == INT64_MIN) return context->Error(expr.offset, "integer overflow");
        return Datum::Int(std::llabs(first.int_value()));
      }
      if (first.kind() == Kind::kDouble) return Datum::Double(std::fabs(first.double_value()));
      return ArgumentError(expr, context, "a number", first);
    case Function::kRound:
    case Function::kFloor:
    case Function::kCeil: {
      if (!first.is_number()) return ArgumentError(expr, context, "a number", first);
      double number = first.number();
      if (function == Function::kRound) return Datum::Double(std::floor(number + 0.5));
      if (function == Function::kFloor) return Datum::Double(std::floor(number));
      return Datum::Double(std::ceil(number));
    }
    case Function::kHead:
    case Function::kLast:
    case Function::kTail: {
      if (first.kind() != Kind::kList) return ArgumentError(expr, context, "a list", first);
      const DatumList& list = first.list();
      if (function == Function::kTail) {
        if (list.empty()) return first;
        return Datum::List(DatumList(list.begin() + 1, list.end()));
      }
      if (list.empty()) return Datum();
      return function == Function::kHead ? list.front() : list.back();
    }
    case Function::kRange: {
      for (const Datum& argument : arguments) {
        if (argument.kind() != Kind::kInt) {
          return ArgumentError(expr, context, "integers", argument);
        }
      }
      int64_t start = arguments[0].int_value();
      int64_t end = arguments[1].int_value();
      int64_t step = arguments.size() > 2 ? arguments[2].int_value() : 1;
      if (step == 0) return context->Error(expr.offset, "range() step must not be zero");
      DatumList list;
      for (int64_t value = start; step > 0 ? value <= end : value >= end; value += step) {
        list.push_back(Datum::Int(value));
        QUARRY_RETURN_IF_ERROR(context->CheckHeld(static_cast<int64_t>(list.size())));
      }
      return Datum::List(std::move(list));
    }
    case Function::kProperties:
    case Function::kKeys: {
      DatumMap map;
      if (first.kind() == Kind::kNode) {
        QUARRY_ASSIGN_OR_RETURN(map, reader.NodeProperties(first.node_id()));
      } else if (first.kind() == Kind::kRel) {
        QUARRY_ASSIGN_OR_RETURN(map, reader.RelProperties(first.rel(), true));
      } else if (first.kind() == Kind::kMap) {
        map = first.map();
      } else {
        return ArgumentError(expr, context, "a node, relationship or map", first);
      }
      if (function == Function::kProperties) return Datum::Map(std::move(map));
      DatumList keys;
      for (auto& entry : map) keys.push_back(Datum::String(entry.first));
      return Datum::List(std::move(keys));
    }
    case Function::kSubstring: {
      if (first.kind() != Kind::kString) return ArgumentError(expr, context, "a string", first);
      if (arguments[1].kind() != Kind::kInt ||
          (arguments.size() > 2 && arguments[2].kind() != Kind::kInt)) {
        return context->Error(expr.offset, "substring() expects integer positions");
      }
      const std::string& text = first.string_value();
      int64_t start = std::max<int64_t>(0, arguments[1].int_value());
      if (start >= static_cast<int64_t>(text.size())) return Datum::String("");
      int64_t length = arguments.size() > 2 ? std::max<int64_t>(0, arguments[2].int_value())
                                            : static_cast<int64_t>(text.size());
      return Datum::String(text.substr(start, length));
    }
    case Function::kReplace:
      if (first.kind() != Kind::kString || arguments[1].kind() != Kind::kString ||
          arguments[2].kind() != Kind::kString) {
        if (arguments[1].is_null() || arguments[2].is_null()) return Datum();
        return ArgumentError(expr, context, "strings", first);
      }
      if (arguments[1].string_value().empty()) return first;
      return Datum::String(absl::StrReplaceAll(
          first.string_value(), {{arguments[1].string_value(), arguments[2].string_value()}}));
    case Function::kSplit: {
      if (arguments[1].is_null()) return Datum();
      if (first.kind() != Kind::kString || arguments[1].kind() != Kind::kString) {
        return ArgumentError(expr, context, "strings", first);
      }
      DatumList parts;
      for (absl::string_view part :
           absl::StrSplit(first.string_value(), arguments[1].string_value())) {
        parts.push_back(Datum::String(std::string(part)));
      }
      return Datum::List(std::move(parts));
    }
    case Function::kReverse:
      if (first.kind() == Kind::kString) {
        std::string text(first.string_value().rbegin(), first.string_value().rend());
        return Datum::String(std::move(text));
      }
      if (first.kind() == Kind::kList) {
        return Datum::List(DatumList(first.list().rbegin(), first.list().rend()));
      }
      return ArgumentError(expr, context, "a string or a list", first);
    default:
      return context->Error(expr.offset,
                            absl::StrCat("aggregate function ", expr.name, "() used as a value"));
  }
}

}  // namespace quarry::query
