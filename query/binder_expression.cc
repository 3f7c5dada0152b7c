// The binder's expression level: variables to slots, parameters to literals, function
// names to ids, aggregates out of projections, and the type checks known statically.
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "query/binder.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

struct FunctionInfo {
  const char* name;
  Function function;
  int min_args;
  int max_args;
};

constexpr FunctionInfo kFunctions[] = {
    {"id", Function::kId, 1, 1},
    {"labels", Function::kLabels, 1, 1},
    {"type", Function::kType, 1, 1},
    {"nodes", Function::kNodes, 1, 1},
    {"relationships", Function::kRelationships, 1, 1},
    {"rels", Function::kRelationships, 1, 1},
    {"length", Function::kLength, 1, 1},
    {"tolower", Function::kToLower, 1, 1},
    {"toupper", Function::kToUpper, 1, 1},
    {"size", Function::kSize, 1, 1},
    {"coalesce", Function::kCoalesce, 1, 64},
    {"date", Function::kDate, 0, 1},
    {"exists", Function::kExists, 1, 1},
    {"tostring", Function::kToString, 1, 1},
    {"tointeger", Function::kToInteger, 1, 1},
    {"tofloat", Function::kToFloat, 1, 1},
    {"abs", Function::kAbs, 1, 1},
    {"head", Function::kHead, 1, 1},
    {"last", Function::kLast, 1, 1},
    {"tail", Function::kTail, 1, 1},
    {"range", Function::kRange, 2, 3},
    {"startnode", Function::kStartNode, 1, 1},
    {"endnode", Function::kEndNode, 1, 1},
    {"properties", Function::kProperties, 1, 1},
    {"keys", Function::kKeys, 1, 1},
    {"trim", Function::kTrim, 1, 1},
    {"substring", Function::kSubstring, 2, 3},
    {"replace", Function::kReplace, 3, 3},
    {"split", Function::kSplit, 2, 2},
    {"reverse", Function::kReverse, 1, 1},
    {"round", Function::kRound, 1, 1},
    {"floor", Function::kFloor, 1, 1},
    {"ceil", Function::kCeil, 1, 1},
    {"rand", Function::kRand, 0, 0},
    {"sqrt", Function::kSqrt, 1, 1},
    {"sign", Function::kSign, 1, 1},
    {"toboolean", Function::kToBoolean, 1, 1},
    {"count", Function::kCount, 1, 1},
    {"collect", Function::kCollect, 1, 1},
    {"min", Function::kMin, 1, 1},
    {"max", Function::kMax, 1, 1},
    {"sum", Function::kSum, 1, 1},
    {"avg", Function::kAvg, 1, 1},
    {"percentiledisc", Function::kPercentileDisc, 2, 2},
    {"percentilecont", Function::kPercentileCont, 2, 2},
};

const char* TypeWord(VarType type) {
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

const char* FunctionName(Function function) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.function == function) return info.name;
  }
  return "?";
}

VarType Binder::StaticType(const BoundExpr& expr) const {
  if (expr.kind == ExprKind::kVariable && expr.slot >= 0 &&
      expr.slot < static_cast<int>(slot_types_.size())) {
    return slot_types_[expr.slot];
  }
  if (expr.kind == ExprKind::kFunction &&
      (expr.function == Function::kStartNode || expr.function == Function::kEndNode)) {
    return VarType::kNode;
  }
  return VarType::kValue;
}

bool Binder::SurelyPlainValue(const BoundExpr& expr) const {
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return !expr.literal.is_null();
    case ExprKind::kVariable:
      return PlainSlot(expr.slot);
    case ExprKind::kList:
    case ExprKind::kMap:
    case ExprKind::kNot:
    case ExprKind::kNegate:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor:
    case ExprKind::kBinary:
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
    case ExprKind::kIn:
    case ExprKind::kStartsWith:
    case ExprKind::kEndsWith:
    case ExprKind::kContains:
    case ExprKind::kRegex:
    case ExprKind::kHasLabels:
    case ExprKind::kCountStar:
      return true;
    default:
      return false;
  }
}

absl::StatusOr<BoundExpr> Binder::BindExpr(const Expr& expr, ExprContext context) {
  BoundExpr bound;
  bound.kind = expr.kind;
  bound.op = expr.op;
  bound.offset = expr.offset;
  bound.name = expr.name;
  bound.keys = expr.keys;
  bound.labels = expr.labels;
  bound.distinct = expr.distinct;
  bound.has_case_subject = expr.has_case_subject;
  bound.has_case_else = expr.has_case_else;
  switch (expr.kind) {
    case ExprKind::kLiteral:
      bound.literal = FromValue(expr.literal);
      return bound;
    case ExprKind::kParameter: {
      auto it = params_.find(expr.name);
      if (it == params_.end()) {
        return Error(expr.offset, absl::StrCat("missing parameter $", expr.name));
      }
      bound.kind = ExprKind::kLiteral;
      bound.literal = FromValue(it->second);
      return bound;
    }
    case ExprKind::kVariable: {
      auto it = scope_.find(expr.name);
      if (it == scope_.end()) {
        return Error(expr.offset, absl::StrCat("variable '", expr.name, "' is not defined"));
      }
      bound.slot = it->second.slot;
      return bound;
    }
    case ExprKind::kFunction:
      return BindFunction(expr, context);
    case ExprKind::kCountStar: {
      if (context.aggregates == nullptr) {
        return Error(expr.offset,
                     absl::StrCat("aggregate functions are not allowed in ", context.clause));
      }
      if (context.inside_aggregate) {
        return Error(expr.offset, "aggregate functions cannot be nested");
      }
      BoundAggregate aggregate;
      aggregate.slot = NewSlot("count(*)");
      aggregate.count_star = true;
      aggregate.function = Function::kCount;
      bound.kind = ExprKind::kVariable;
      bound.slot = aggregate.slot;
      context.aggregates->push_back(std::move(aggregate));
      return bound;
    }
    case ExprKind::kPattern:
      return BindPatternPredicate(expr);
    case ExprKind::kIterate: {
      bound.has_filter = expr.has_filter;
      bound.has_map = expr.has_map;
      QUARRY_ASSIGN_OR_RETURN(BoundExpr list, BindExpr(*expr.children[0], context));
      bound.children.push_back(std::move(list));
      Scope saved = scope_;
      bound.slot = NewSlot(expr.keys[0]);
      scope_[expr.keys[0]] = Variable{bound.slot, VarType::kValue};
      for (size_t index = 1; index < expr.children.size(); ++index) {
        absl::StatusOr<BoundExpr> child = BindExpr(*expr.children[index], context);
        if (!child.ok()) {
          scope_ = std::move(saved);
          return child.status();
        }
        bound.children.push_back(*std::move(child));
      }
      scope_ = std::move(saved);
      return bound;
    }
    default:
      break;
  }
  for (const auto& child : expr.children) {
    QUARRY_ASSIGN_OR_RETURN(BoundExpr bound_child, BindExpr(*child, context));
    bound.children.push_back(std::move(bound_child));
  }
  if (expr.kind == ExprKind::kProperty) {
    VarType type = StaticType(bound.children[0]);
    if (type == VarType::kPath || type == VarType::kRelList) {
      return Error(expr.offset,
                   absl::StrCat("cannot read property '", expr.name, "' of ", TypeWord(type)));
    }
  }
  if (expr.kind == ExprKind::kHasLabels) {
    VarType type = StaticType(bound.children[0]);
    if (type != VarType::kNode && type != VarType::kValue) {
      return Error(expr.offset, absl::StrCat("a label test needs a node but got ", TypeWord(type)));
    }
  }
  return bound;
}

absl::StatusOr<BoundExpr> Binder::BindFunction(const Expr& expr, ExprContext context) {
  std::string lower = absl::AsciiStrToLower(expr.name);
  const FunctionInfo* info = nullptr;
  for (const FunctionInfo& candidate : kFunctions) {
    if (lower == candidate.name) info = &candidate;
  }
  if (info == nullptr) {
    static constexpr absl::string_view kKnownElsewhere[] = {
        "stdev",      "stdevp",        "reduce", "any",       "all",      "none",  "single",
        "datetime",   "localdatetime", "time",   "localtime", "duration", "point", "distance",
        "randomuuid", "timestamp",     "log",    "exp",       "sin",      "cos",   "tan",
        "left",       "right",         "ltrim",  "rtrim",     "e",        "pi",    "isempty"};
    for (absl::string_view known : kKnownElsewhere) {
      if (lower == known) {
        return Unsupported(expr.offset,
                           absl::StrCat("function '", expr.name, "' is not supported"));
      }
    }
    return Error(expr.offset, absl::StrCat("unknown function '", expr.name, "'"));
  }
  int count = static_cast<int>(expr.children.size());
  if (count < info->min_args || count > info->max_args) {
    std::string expected =
        info->min_args == info->max_args
            ? absl::StrCat(info->min_args, info->min_args == 1 ? " argument" : " arguments")
            : absl::StrCat(info->min_args, " to ", info->max_args, " arguments");
    return Error(expr.offset,
                 absl::StrCat("function '", expr.name, "' expects ", expected, " but got ", count));
  }
  bool aggregate = IsAggregate(info->function);
  if (expr.distinct && !aggregate) {
    return Error(expr.offset, absl::StrCat("DISTINCT is only allowed in aggregate functions, "
                                           "not in '",
                                           expr.name, "'"));
  }
  if (aggregate) {
    if (context.aggregates == nullptr) {
      return Error(expr.offset,
                   absl::StrCat("aggregate functions are not allowed in ", context.clause));
    }
    if (context.inside_aggregate) {
      return Error(expr.offset, "aggregate functions cannot be nested");
    }
  }
  ExprContext child_context = context;
  child_context.inside_aggregate = context.inside_aggregate || aggregate;
  BoundExpr bound;
  bound.kind = ExprKind::kFunction;
  bound.offset = expr.offset;
  bound.function = info->function;
  bound.name = info->name;
  bound.distinct = expr.distinct;
  for (const auto& child : expr.children) {
    QUARRY_ASSIGN_OR_RETURN(BoundExpr bound_child, BindExpr(*child, child_context));
    bound.children.push_back(std::move(bound_child));
  }
  // Static argument types.
  if (!bound.children.empty()) {
    VarType type = StaticType(bound.children[0]);
    auto mismatch = [&](const char* wanted) {
      return Error(expr.children[0]->offset,
                   absl::StrCat(info->name, "() expects ", wanted, " but got ", TypeWord(type)));
    };
    switch (info->function) {
      case Function::kLabels:
        if (type != VarType::kNode && type != VarType::kValue) return mismatch("a node");
        break;
      case Function::kType:
      case Function::kStartNode:
      case Function::kEndNode:
        if (type != VarType::kRel && type != VarType::kValue) return mismatch("a relationship");
        break;
      case Function::kNodes:
      case Function::kRelationships:
      case Function::kLength:
        if (type != VarType::kPath && type != VarType::kValue) return mismatch("a path");
        break;
      case Function::kToLower:
      case Function::kToUpper:
      case Function::kTrim:
        if (type != VarType::kValue) return mismatch("a string");
        break;
      default:
        break;
    }
  }
  if (!aggregate) return bound;
  BoundAggregate bound_aggregate;
  bound_aggregate.slot = NewSlot(absl::StrCat(info->name, "(...)"));
  bound_aggregate.function = info->function;
  bound_aggregate.distinct = expr.distinct;
  bound_aggregate.argument = std::move(bound.children[0]);
  if (bound.children.size() > 1) bound_aggregate.percentile = std::move(bound.children[1]);
  BoundExpr reference;
  reference.kind = ExprKind::kVariable;
  reference.offset = expr.offset;
  reference.slot = bound_aggregate.slot;
  context.aggregates->push_back(std::move(bound_aggregate));
  return reference;
}

absl::StatusOr<BoundExpr> Binder::BindPatternPredicate(const Expr& expr) {
  BoundExpr bound;
  bound.kind = ExprKind::kPattern;
  bound.offset = expr.offset;
  std::set<std::string> rel_variables;
  auto part = std::make_shared<BoundPatternPart>();
  QUARRY_RETURN_IF_ERROR(BindPatternPart(*expr.pattern, true, &rel_variables, part.get()));
  bound.pattern = std::move(part);
  return bound;
}

}  // namespace quarry::query
