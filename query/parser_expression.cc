// The parser's expression level: one function per precedence level, loosest first:
// OR, XOR, AND, NOT, comparison, string/list/null predicates, + -, * / %, ^, unary, postfix
// (.property, [index], :Label), atoms.
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "query/parser.h"
#include "util/status_macros.h"

namespace quarry::query {

std::unique_ptr<Expr> Parser::MakeExpr(ExprKind kind, int offset) const {
  auto expr = std::make_unique<Expr>();
  expr->kind = kind;
  expr->offset = offset;
  return expr;
}

namespace {

std::unique_ptr<Expr> Combine(std::unique_ptr<Expr> expr, ExprKind kind, std::unique_ptr<Expr> left,
                              std::unique_ptr<Expr> right) {
  expr->kind = kind;
  expr->offset = left->offset;
  expr->children.push_back(std::move(left));
  if (right != nullptr) expr->children.push_back(std::move(right));
  return expr;
}

// The comparison operator a token stands for, if any.
std::optional<BinaryOp> ComparisonOperator(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
      return BinaryOp::kEq;
    case TokenKind::kNe:
      return BinaryOp::kNe;
    case TokenKind::kLt:
      return BinaryOp::kLt;
    case TokenKind::kLe:
      return BinaryOp::kLe;
    case TokenKind::kGt:
      return BinaryOp::kGt;
    case TokenKind::kGe:
      return BinaryOp::kGe;
    default:
      return std::nullopt;
  }
}

// A deep copy of `expr` (patterns, which are never changed, are shared).
std::unique_ptr<Expr> CloneExpr(const Expr& expr) {
  auto copy = std::make_unique<Expr>();
  copy->kind = expr.kind;
  copy->offset = expr.offset;
  copy->end_offset = expr.end_offset;
  copy->op = expr.op;
  copy->name = expr.name;
  copy->literal = expr.literal;
  for (const std::unique_ptr<Expr>& child : expr.children) {
    copy->children.push_back(child != nullptr ? CloneExpr(*child) : nullptr);
  }
  copy->keys = expr.keys;
  copy->labels = expr.labels;
  copy->distinct = expr.distinct;
  copy->pattern = expr.pattern;
  copy->has_case_subject = expr.has_case_subject;
  copy->has_case_else = expr.has_case_else;
  copy->has_filter = expr.has_filter;
  copy->has_map = expr.has_map;
  return copy;
}

// Nesting depth of the expression parser on this thread. The parser recurses once per level
// of parentheses, brackets, NOT and unary sign; a bound turns hostile input (10,000 nested
// parentheses) into an error instead of a stack overflow, here and in every later phase that
// walks the tree recursively.
thread_local int expression_depth = 0;
constexpr int kMaxExpressionDepth = 200;

class DepthGuard {
 public:
  DepthGuard() { ++expression_depth; }
  ~DepthGuard() { --expression_depth; }
  bool too_deep() const { return expression_depth > kMaxExpressionDepth; }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseExpression() {
  DepthGuard depth;
  if (depth.too_deep()) {
    return ErrorAt(tokens_[pos_].offset,
                   absl::StrCat("expression nested more than ", kMaxExpressionDepth, " deep"));
  }
  QUARRY_ASSIGN_OR_RETURN(auto expr, ParseOr());
  expr->end_offset = PreviousEnd();
  return expr;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseOr() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParseXor());
  while (MatchKeyword("OR")) {
    QUARRY_ASSIGN_OR_RETURN(auto right, ParseXor());
    left = Combine(std::make_unique<Expr>(), ExprKind::kOr, std::move(left), std::move(right));
  }
  return left;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseXor() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParseAnd());
  while (MatchKeyword("XOR")) {
    QUARRY_ASSIGN_OR_RETURN(auto right, ParseAnd());
    left = Combine(std::make_unique<Expr>(), ExprKind::kXor, std::move(left), std::move(right));
  }
  return left;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseAnd() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParseNot());
  while (MatchKeyword("AND")) {
    QUARRY_ASSIGN_OR_RETURN(auto right, ParseNot());
    left = Combine(std::make_unique<Expr>(), ExprKind::kAnd, std::move(left), std::move(right));
  }
  return left;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseNot() {
  if (CheckKeyword("NOT")) {
    DepthGuard depth;
    if (depth.too_deep()) {
      return ErrorAt(tokens_[pos_].offset,
                     absl::StrCat("expression nested more than ", kMaxExpressionDepth, " deep"));
    }
    int offset = tokens_[pos_++].offset;
    QUARRY_ASSIGN_OR_RETURN(auto operand, ParseNot());
    auto expr = MakeExpr(ExprKind::kNot, offset);
    expr->children.push_back(std::move(operand));
    return expr;
  }
  return ParseComparison();
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseComparison() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParsePredicate());
  // A chain "a < b = c" means "a < b AND b = c": each comparison after the first compares a
  // copy of the operand before it.
  std::vector<std::unique_ptr<Expr>> comparisons;
  while (std::optional<BinaryOp> op = ComparisonOperator(Peek().kind)) {
    ++pos_;
    QUARRY_ASSIGN_OR_RETURN(auto right, ParsePredicate());
    if (!comparisons.empty()) left = CloneExpr(*comparisons.back()->children[1]);
    auto expr = std::make_unique<Expr>();
    expr->op = *op;
    comparisons.push_back(
        Combine(std::move(expr), ExprKind::kBinary, std::move(left), std::move(right)));
  }
  if (comparisons.empty()) return left;
  std::unique_ptr<Expr> all = std::move(comparisons[0]);
  for (size_t index = 1; index < comparisons.size(); ++index) {
    all = Combine(std::make_unique<Expr>(), ExprKind::kAnd, std::move(all),
                  std::move(comparisons[index]));
  }
  return all;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParsePredicate() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParseAdditive());
  while (true) {
    ExprKind kind;
    if (CheckKeyword("STARTS")) {
      ++pos_;
      QUARRY_RETURN_IF_ERROR(ExpectKeyword("WITH"));
      kind = ExprKind::kStartsWith;
    } else if (CheckKeyword("ENDS")) {
      ++pos_;
      QUARRY_RETURN_IF_ERROR(ExpectKeyword("WITH"));
      kind = ExprKind::kEndsWith;
    } else if (MatchKeyword("CONTAINS")) {
      kind = ExprKind::kContains;
    } else if (MatchKeyword("IN")) {
      kind = ExprKind::kIn;
    } else if (Match(TokenKind::kRegexMatch)) {
      kind = ExprKind::kRegex;
    } else if (MatchKeyword("IS")) {
      bool negated = MatchKeyword("NOT");
      QUARRY_RETURN_IF_ERROR(ExpectKeyword("NULL"));
      left = Combine(std::make_unique<Expr>(), negated ? ExprKind::kIsNotNull : ExprKind::kIsNull,
                     std::move(left), nullptr);
      continue;
    } else {
      return left;
    }
    QUARRY_ASSIGN_OR_RETURN(auto right, ParseAdditive());
    left = Combine(std::make_unique<Expr>(), kind, std::move(left), std::move(right));
  }
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseAdditive() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParseMultiplicative());
  while (Check(TokenKind::kPlus) || Check(TokenKind::kMinus)) {
    BinaryOp op = tokens_[pos_++].kind == TokenKind::kPlus ? BinaryOp::kAdd : BinaryOp::kSub;
    QUARRY_ASSIGN_OR_RETURN(auto right, ParseMultiplicative());
    auto expr = std::make_unique<Expr>();
    expr->op = op;
    left = Combine(std::move(expr), ExprKind::kBinary, std::move(left), std::move(right));
  }
  return left;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseMultiplicative() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParsePower());
  while (Check(TokenKind::kStar) || Check(TokenKind::kSlash) || Check(TokenKind::kPercent)) {
    TokenKind kind = tokens_[pos_++].kind;
    BinaryOp op = kind == TokenKind::kStar    ? BinaryOp::kMul
                  : kind == TokenKind::kSlash ? BinaryOp::kDiv
                                              : BinaryOp::kMod;
    QUARRY_ASSIGN_OR_RETURN(auto right, ParsePower());
    auto expr = std::make_unique<Expr>();
    expr->op = op;
    left = Combine(std::move(expr), ExprKind::kBinary, std::move(left), std::move(right));
  }
  return left;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParsePower() {
  QUARRY_ASSIGN_OR_RETURN(auto left, ParseUnary());
  while (Match(TokenKind::kCaret)) {
    QUARRY_ASSIGN_OR_RETURN(auto right, ParseUnary());
    auto expr = std::make_unique<Expr>();
    expr->op = BinaryOp::kPow;
    left = Combine(std::move(expr), ExprKind::kBinary, std::move(left), std::move(right));
  }
  return left;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseUnary() {
  if (Check(TokenKind::kMinus) || Check(TokenKind::kPlus)) {
    const Token& sign = tokens_[pos_++];
    // Fold "-<number>" into a literal so that the smallest int64 is representable.
    if (sign.kind == TokenKind::kMinus && Check(TokenKind::kInteger)) {
      const Token& number = tokens_[pos_++];
      auto expr = MakeExpr(ExprKind::kLiteral, sign.offset);
      expr->literal = Value(number.int_only_negated ? number.int_value : -number.int_value);
      return expr;
    }
    DepthGuard depth;
    if (depth.too_deep()) {
      return ErrorAt(sign.offset,
                     absl::StrCat("expression nested more than ", kMaxExpressionDepth, " deep"));
    }
    QUARRY_ASSIGN_OR_RETURN(auto operand, ParseUnary());
    if (sign.kind == TokenKind::kPlus) return operand;
    auto expr = MakeExpr(ExprKind::kNegate, sign.offset);
    expr->children.push_back(std::move(operand));
    return expr;
  }
  return ParsePostfix();
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParsePostfix() {
  QUARRY_ASSIGN_OR_RETURN(auto expr, ParseAtom());
  while (true) {
    if (Match(TokenKind::kDot)) {
      auto property = std::make_unique<Expr>();
      QUARRY_ASSIGN_OR_RETURN(property->name, ParseName("a property name after '.'"));
      expr = Combine(std::move(property), ExprKind::kProperty, std::move(expr), nullptr);
    } else if (Check(TokenKind::kLBracket)) {
      ++pos_;
      std::unique_ptr<Expr> low;
      if (!Check(TokenKind::kDotDot)) {
        QUARRY_ASSIGN_OR_RETURN(low, ParseExpression());
      }
      if (Match(TokenKind::kDotDot)) {
        std::unique_ptr<Expr> high;
        if (!Check(TokenKind::kRBracket)) {
          QUARRY_ASSIGN_OR_RETURN(high, ParseExpression());
        }
        int offset = expr->offset;
        auto slice = MakeExpr(ExprKind::kSlice, offset);
        if (low) slice->keys.push_back("lower");
        if (high) slice->keys.push_back("upper");
        slice->children.push_back(std::move(expr));
        slice->children.push_back(low ? std::move(low) : MakeExpr(ExprKind::kLiteral, offset));
        slice->children.push_back(high ? std::move(high) : MakeExpr(ExprKind::kLiteral, offset));
        expr = std::move(slice);
      } else {
        expr = Combine(std::make_unique<Expr>(), ExprKind::kIndex, std::move(expr), std::move(low));
      }
      QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kRBracket, "']'").status());
    } else if (Check(TokenKind::kColon) && Peek(1).kind == TokenKind::kIdentifier) {
      auto has_labels = std::make_unique<Expr>();
      while (Match(TokenKind::kColon)) {
        QUARRY_ASSIGN_OR_RETURN(std::string label, ParseName("a label name after ':'"));
        has_labels->labels.push_back(std::move(label));
      }
      expr = Combine(std::move(has_labels), ExprKind::kHasLabels, std::move(expr), nullptr);
    } else {
      return expr;
    }
  }
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseAtom() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kInteger: {
      if (token.int_only_negated) {
        return ErrorAt(token.offset, absl::StrCat("integer '", token.text, "' is too large"));
      }
      ++pos_;
      auto expr = MakeExpr(ExprKind::kLiteral, token.offset);
      expr->literal = Value(token.int_value);
      return expr;
    }
    case TokenKind::kFloat: {
      ++pos_;
      auto expr = MakeExpr(ExprKind::kLiteral, token.offset);
      expr->literal = Value(token.float_value);
      return expr;
    }
    case TokenKind::kString: {
      ++pos_;
      auto expr = MakeExpr(ExprKind::kLiteral, token.offset);
      expr->literal = Value(token.text);
      return expr;
    }
    case TokenKind::kParameter: {
      ++pos_;
      auto expr = MakeExpr(ExprKind::kParameter, token.offset);
      expr->name = token.text;
      return expr;
    }
    case TokenKind::kLBracket:
      return ParseListLiteral();
    case TokenKind::kLBrace:
      return ParseMapLiteral();
    case TokenKind::kLParen:
      return ParseParenthesized();
    case TokenKind::kIdentifier:
      break;
    default:
      return ErrorExpected("an expression");
  }
  if (!token.quoted) {
    if (CheckKeyword("TRUE") || CheckKeyword("FALSE")) {
      ++pos_;
      auto expr = MakeExpr(ExprKind::kLiteral, token.offset);
      expr->literal = Value(absl::EqualsIgnoreCase(token.text, "TRUE"));
      return expr;
    }
    if (CheckKeyword("NULL")) {
      ++pos_;
      return MakeExpr(ExprKind::kLiteral, token.offset);
    }
    if (CheckKeyword("CASE")) return ParseCase();
    if ((CheckKeyword("EXISTS") || CheckKeyword("COUNT")) && Peek(1).kind == TokenKind::kLBrace) {
      return Unsupported(token.offset, "subquery expressions are not supported");
    }
    static constexpr absl::string_view kReserved[] = {
        "MATCH", "RETURN", "WITH", "WHERE", "UNWIND",   "OPTIONAL", "ORDER", "SKIP", "LIMIT",
        "AND",   "OR",     "XOR",  "AS",    "DISTINCT", "BY",       "IN",    "IS"};
    for (absl::string_view reserved : kReserved) {
      if (CheckKeyword(reserved)) return ErrorExpected("an expression");
    }
  }
  ++pos_;
  if (Check(TokenKind::kLParen)) return ParseFunctionCall(token);
  if (Check(TokenKind::kDot) && Peek(1).kind == TokenKind::kIdentifier &&
      Peek(2).kind == TokenKind::kLParen) {
    return Unsupported(token.offset, "namespaced functions are not supported");
  }
  auto expr = MakeExpr(ExprKind::kVariable, token.offset);
  expr->name = token.text;
  return expr;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseParenthesized() {
  // "(a)-[:r]->(b)" in an expression is a pattern predicate; try that first and fall back
  // to a parenthesized expression.
  size_t start = pos_;
  int offset = Peek().offset;
  if (Peek(1).kind == TokenKind::kIdentifier || Peek(1).kind == TokenKind::kColon ||
      Peek(1).kind == TokenKind::kRParen) {
    PatternPart part;
    part.offset = offset;
    absl::Status status = ParsePatternChain(&part);
    if (status.ok() && !part.rels.empty()) {
      auto expr = MakeExpr(ExprKind::kPattern, offset);
      expr->pattern = std::make_shared<PatternPart>(std::move(part));
      return expr;
    }
    pos_ = start;
  }
  ++pos_;
  QUARRY_ASSIGN_OR_RETURN(auto inner, ParseExpression());
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kRParen, "')'").status());
  return inner;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseListLiteral() {
  auto expr = MakeExpr(ExprKind::kList, Peek().offset);
  ++pos_;
  if (Check(TokenKind::kIdentifier) && CheckKeyword("IN", 1)) {
    expr->kind = ExprKind::kIterate;
    expr->name = "list";
    QUARRY_RETURN_IF_ERROR(ParseIteration(expr.get(), true));
    QUARRY_RETURN_IF_ERROR(
        Expect(TokenKind::kRBracket, "']' to close the list comprehension").status());
    return expr;
  }
  if (Check(TokenKind::kLParen)) {
    // A pattern comprehension starts like a pattern; a parenthesized element does not.
    size_t start = pos_;
    PatternPart part;
    if (ParsePatternChain(&part).ok() && !part.rels.empty()) {
      return Unsupported(expr->offset, "pattern comprehensions are not supported");
    }
    pos_ = start;
  }
  if (Match(TokenKind::kRBracket)) return expr;
  do {
    QUARRY_ASSIGN_OR_RETURN(auto element, ParseExpression());
    expr->children.push_back(std::move(element));
  } while (Match(TokenKind::kComma));
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kRBracket, "',' or ']' in the list").status());
  return expr;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseMapLiteral() {
  auto expr = MakeExpr(ExprKind::kMap, Peek().offset);
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kLBrace, "'{'").status());
  if (Match(TokenKind::kRBrace)) return expr;
  do {
    QUARRY_ASSIGN_OR_RETURN(std::string key, ParseName("a property name"));
    QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kColon, "':' after the property name").status());
    QUARRY_ASSIGN_OR_RETURN(auto value, ParseExpression());
    expr->keys.push_back(std::move(key));
    expr->children.push_back(std::move(value));
  } while (Match(TokenKind::kComma));
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kRBrace, "',' or '}' in the map").status());
  return expr;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseFunctionCall(const Token& name_token) {
  ++pos_;  // '('
  if (absl::EqualsIgnoreCase(name_token.text, "count") && Match(TokenKind::kStar)) {
    QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kRParen, "')' after count(*").status());
    return MakeExpr(ExprKind::kCountStar, name_token.offset);
  }
  auto expr = MakeExpr(ExprKind::kFunction, name_token.offset);
  expr->name = name_token.text;
  for (const char* quantifier : {"all", "any", "none", "single"}) {
    if (absl::EqualsIgnoreCase(name_token.text, quantifier) && Check(TokenKind::kIdentifier) &&
        CheckKeyword("IN", 1)) {
      expr->kind = ExprKind::kIterate;
      expr->name = quantifier;
      QUARRY_RETURN_IF_ERROR(ParseIteration(expr.get(), false));
      if (!expr->has_filter) return ErrorExpected("WHERE in the quantifier");
      QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kRParen, "')' to close the quantifier").status());
      return expr;
    }
  }
  expr->distinct = MatchKeyword("DISTINCT");
  if (!Match(TokenKind::kRParen)) {
    do {
      QUARRY_ASSIGN_OR_RETURN(auto argument, ParseExpression());
      expr->children.push_back(std::move(argument));
    } while (Match(TokenKind::kComma));
    QUARRY_RETURN_IF_ERROR(
        Expect(TokenKind::kRParen, "',' or ')' after the function argument").status());
  }
  return expr;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParseCase() {
  auto expr = MakeExpr(ExprKind::kCase, Peek().offset);
  ++pos_;
  if (!CheckKeyword("WHEN")) {
    expr->has_case_subject = true;
    QUARRY_ASSIGN_OR_RETURN(auto subject, ParseExpression());
    expr->children.push_back(std::move(subject));
  }
  if (!CheckKeyword("WHEN")) return ErrorExpected("WHEN");
  while (MatchKeyword("WHEN")) {
    QUARRY_ASSIGN_OR_RETURN(auto when, ParseExpression());
    QUARRY_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    QUARRY_ASSIGN_OR_RETURN(auto then, ParseExpression());
    expr->children.push_back(std::move(when));
    expr->children.push_back(std::move(then));
  }
  if (MatchKeyword("ELSE")) {
    expr->has_case_else = true;
    QUARRY_ASSIGN_OR_RETURN(auto otherwise, ParseExpression());
    expr->children.push_back(std::move(otherwise));
  }
  QUARRY_RETURN_IF_ERROR(ExpectKeyword("END"));
  return expr;
}

absl::Status Parser::ParseIteration(Expr* expr, bool allow_map) {
  QUARRY_ASSIGN_OR_RETURN(std::string variable, ParseVariableName());
  expr->keys.push_back(std::move(variable));
  QUARRY_RETURN_IF_ERROR(ExpectKeyword("IN"));
  QUARRY_ASSIGN_OR_RETURN(auto list, ParseExpression());
  expr->children.push_back(std::move(list));
  if (MatchKeyword("WHERE")) {
    QUARRY_ASSIGN_OR_RETURN(auto filter, ParseExpression());
    expr->children.push_back(std::move(filter));
    expr->has_filter = true;
  }
  if (allow_map && Match(TokenKind::kPipe)) {
    QUARRY_ASSIGN_OR_RETURN(auto map, ParseExpression());
    expr->children.push_back(std::move(map));
    expr->has_map = true;
  }
  return absl::OkStatus();
}

}  // namespace quarry::query
