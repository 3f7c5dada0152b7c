// The parser: hand-written recursive descent from tokens to a Statement (ast.h). Clauses in
// parser.cc, patterns in parser_pattern.cc, expressions (one precedence ladder) in
// parser_expression.cc.
#ifndef QUARRY_QUERY_PARSER_H_
#define QUARRY_QUERY_PARSER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "query/ast.h"
#include "query/token.h"

namespace quarry::query {

// Parses one query. Use once per query text.
class Parser {
 public:
  explicit Parser(absl::string_view text) : text_(text) {}

  // The statement. kInvalidArgument with line, column and caret on a syntax error;
  // kUnimplemented for valid openCypher outside the supported read subset (CREATE, CALL,
  // UNION, list comprehensions, ...).
  absl::StatusOr<Statement> Parse();

  // A write statement of CREATE clauses only: CREATE part, part ... [CREATE ...]. Returns
  // every pattern part in order (parser_create.cc).
  absl::StatusOr<std::vector<PatternPart>> ParseCreate();

  // Whether `text` starts with the CREATE keyword (after EXPLAIN/PROFILE none allowed).
  static bool StartsWithCreate(absl::string_view text);

 private:
  // Token helpers, in the style of clox: Peek, Check, Match, Expect.
  const Token& Peek(int ahead = 0) const;
  bool Check(TokenKind kind) const { return Peek().kind == kind; }
  bool CheckKeyword(absl::string_view keyword, int ahead = 0) const;
  bool Match(TokenKind kind);
  bool MatchKeyword(absl::string_view keyword);
  absl::StatusOr<Token> Expect(TokenKind kind, absl::string_view what);
  absl::Status ExpectKeyword(absl::string_view keyword);
  // "expected <what> but found '<token>'" at the current token.
  absl::Status ErrorExpected(absl::string_view what) const;
  absl::Status ErrorAt(int offset, absl::string_view message) const;
  absl::Status Unsupported(int offset, absl::string_view message) const;
  int PreviousEnd() const;
  absl::StatusOr<std::string> ParseName(absl::string_view what);
  absl::StatusOr<std::string> ParseVariableName();

  // Clauses (parser.cc).
  absl::StatusOr<Clause> ParseClause();
  absl::StatusOr<Clause> ParseMatch(bool optional, int offset);
  absl::StatusOr<Clause> ParseUnwind(int offset);
  absl::StatusOr<Clause> ParseWith(int offset);
  absl::StatusOr<Clause> ParseReturn(int offset);
  absl::Status ParseProjection(Projection* projection);

  // Patterns (parser_pattern.cc).
  absl::StatusOr<PatternPart> ParsePatternPart();
  absl::Status ParsePatternChain(PatternPart* part);
  absl::StatusOr<NodePattern> ParseNodePattern();
  absl::StatusOr<RelPattern> ParseRelPattern();
  absl::StatusOr<std::unique_ptr<Expr>> ParsePropertiesOrParameter();
  absl::Status ParseRangeLiteral(RelPattern* rel);

  // Expressions (parser_expression.cc), from the loosest binding to the tightest.
  absl::StatusOr<std::unique_ptr<Expr>> ParseExpression();
  absl::StatusOr<std::unique_ptr<Expr>> ParseOr();
  absl::StatusOr<std::unique_ptr<Expr>> ParseXor();
  absl::StatusOr<std::unique_ptr<Expr>> ParseAnd();
  absl::StatusOr<std::unique_ptr<Expr>> ParseNot();
  absl::StatusOr<std::unique_ptr<Expr>> ParseComparison();
  absl::StatusOr<std::unique_ptr<Expr>> ParsePredicate();
  absl::StatusOr<std::unique_ptr<Expr>> ParseAdditive();
  absl::StatusOr<std::unique_ptr<Expr>> ParseMultiplicative();
  absl::StatusOr<std::unique_ptr<Expr>> ParsePower();
  absl::StatusOr<std::unique_ptr<Expr>> ParseUnary();
  absl::StatusOr<std::unique_ptr<Expr>> ParsePostfix();
  absl::StatusOr<std::unique_ptr<Expr>> ParseAtom();
  absl::StatusOr<std::unique_ptr<Expr>> ParseParenthesized();
  absl::StatusOr<std::unique_ptr<Expr>> ParseListLiteral();
  absl::StatusOr<std::unique_ptr<Expr>> ParseMapLiteral();
  absl::StatusOr<std::unique_ptr<Expr>> ParseFunctionCall(const Token& name_token);
  absl::StatusOr<std::unique_ptr<Expr>> ParseCase();
  // After `[` or `quantifier(`: variable IN list [WHERE predicate] [| expression] (the map
  // only when `allow_map`), up to but not including the closing token.
  absl::Status ParseIteration(Expr* expr, bool allow_map);
  std::unique_ptr<Expr> MakeExpr(ExprKind kind, int offset) const;

  absl::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_PARSER_H_
