// The parser's clause level: a statement is [EXPLAIN|PROFILE] clause... RETURN.
#include "query/parser.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "query/lexer.h"
#include "query/query_error.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

// Clause keywords of openCypher that Quarry's read-only subset does not run.
constexpr absl::string_view kUnsupportedClauses[] = {
    "CREATE",  "MERGE", "DELETE", "DETACH", "SET",   "REMOVE", "CALL",
    "FOREACH", "LOAD",  "UNION",  "USE",    "START", "DROP",
};

}  // namespace

const Token& Parser::Peek(int ahead) const {
  size_t index = pos_ + ahead;
  if (index >= tokens_.size()) return tokens_.back();
  return tokens_[index];
}

bool Parser::CheckKeyword(absl::string_view keyword, int ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kIdentifier && !token.quoted &&
         absl::EqualsIgnoreCase(token.text, keyword);
}

bool Parser::Match(TokenKind kind) {
  if (!Check(kind)) return false;
  ++pos_;
  return true;
}

bool Parser::MatchKeyword(absl::string_view keyword) {
  if (!CheckKeyword(keyword)) return false;
  ++pos_;
  return true;
}

absl::StatusOr<Token> Parser::Expect(TokenKind kind, absl::string_view what) {
  if (!Check(kind)) return ErrorExpected(what);
  return tokens_[pos_++];
}

absl::Status Parser::ExpectKeyword(absl::string_view keyword) {
  if (!CheckKeyword(keyword)) return ErrorExpected(keyword);
  ++pos_;
  return absl::OkStatus();
}

absl::Status Parser::ErrorExpected(absl::string_view what) const {
  const Token& token = Peek();
  std::string found = token.kind == TokenKind::kEnd
                          ? "end of query"
                          : absl::StrCat("'", text_.substr(token.offset, token.length), "'");
  return ErrorAt(token.offset, absl::StrCat("expected ", what, " but found ", found));
}

absl::Status Parser::ErrorAt(int offset, absl::string_view message) const {
  return QuerySyntaxError(text_, offset, message);
}

absl::Status Parser::Unsupported(int offset, absl::string_view message) const {
  return QueryUnsupportedError(text_, offset, message);
}

int Parser::PreviousEnd() const {
  if (pos_ == 0) return 0;
  const Token& token = tokens_[pos_ - 1];
  return token.offset + token.length;
}

absl::StatusOr<std::string> Parser::ParseName(absl::string_view what) {
  QUARRY_ASSIGN_OR_RETURN(Token token, Expect(TokenKind::kIdentifier, what));
  return token.text;
}

absl::StatusOr<std::string> Parser::ParseVariableName() { return ParseName("a variable name"); }

absl::StatusOr<Statement> Parser::Parse() {
  QUARRY_ASSIGN_OR_RETURN(tokens_, Lexer(text_).Tokenize());
  pos_ = 0;
  Statement statement;
  if (MatchKeyword("EXPLAIN")) {
    statement.mode = StatementMode::kExplain;
  } else if (MatchKeyword("PROFILE")) {
    statement.mode = StatementMode::kProfile;
  }
  // An empty query, or one that is only ';' (found by fuzzing: clauses.back() below).
  if (Check(TokenKind::kEnd) || Check(TokenKind::kSemicolon)) {
    return ErrorExpected("a clause such as MATCH or RETURN");
  }
  while (!Check(TokenKind::kEnd) && !Check(TokenKind::kSemicolon)) {
    if (!statement.clauses.empty() && statement.clauses.back().kind == ClauseKind::kReturn) {
      if (CheckKeyword("UNION")) return Unsupported(Peek().offset, "UNION is not supported");
      return ErrorExpected("end of query after RETURN");
    }
    QUARRY_ASSIGN_OR_RETURN(Clause clause, ParseClause());
    statement.clauses.push_back(std::move(clause));
  }
  if (Match(TokenKind::kSemicolon) && !Check(TokenKind::kEnd)) {
    return ErrorExpected("end of query after ';'");
  }
  if (statement.clauses.back().kind != ClauseKind::kReturn) {
    return ErrorAt(Peek().offset, "a query must end with RETURN");
  }
  return statement;
}

absl::StatusOr<Clause> Parser::ParseClause() {
  int offset = Peek().offset;
  if (MatchKeyword("MATCH")) return ParseMatch(false, offset);
  if (MatchKeyword("OPTIONAL")) {
    QUARRY_RETURN_IF_ERROR(ExpectKeyword("MATCH"));
    return ParseMatch(true, offset);
  }
  if (MatchKeyword("UNWIND")) return ParseUnwind(offset);
  if (MatchKeyword("WITH")) return ParseWith(offset);
  if (MatchKeyword("RETURN")) return ParseReturn(offset);
  for (absl::string_view keyword : kUnsupportedClauses) {
    if (CheckKeyword(keyword)) {
      return Unsupported(offset, absl::StrCat(absl::AsciiStrToUpper(Peek().text),
                                              " is not supported: queries are read-only"));
    }
  }
  return ErrorExpected("a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN)");
}

absl::StatusOr<Clause> Parser::ParseMatch(bool optional, int offset) {
  Clause clause;
  clause.kind = ClauseKind::kMatch;
  clause.offset = offset;
  clause.optional = optional;
  do {
    QUARRY_ASSIGN_OR_RETURN(PatternPart part, ParsePatternPart());
    clause.patterns.push_back(std::move(part));
  } while (Match(TokenKind::kComma));
  if (MatchKeyword("WHERE")) {
    QUARRY_ASSIGN_OR_RETURN(clause.where, ParseExpression());
  }
  return clause;
}

absl::StatusOr<Clause> Parser::ParseUnwind(int offset) {
  Clause clause;
  clause.kind = ClauseKind::kUnwind;
  clause.offset = offset;
  QUARRY_ASSIGN_OR_RETURN(clause.unwind_expr, ParseExpression());
  QUARRY_RETURN_IF_ERROR(ExpectKeyword("AS"));
  clause.unwind_variable_offset = Peek().offset;
  QUARRY_ASSIGN_OR_RETURN(clause.unwind_variable, ParseVariableName());
  return clause;
}

absl::StatusOr<Clause> Parser::ParseWith(int offset) {
  Clause clause;
  clause.kind = ClauseKind::kWith;
  clause.offset = offset;
  QUARRY_RETURN_IF_ERROR(ParseProjection(&clause.projection));
  if (MatchKeyword("WHERE")) {
    QUARRY_ASSIGN_OR_RETURN(clause.where, ParseExpression());
  }
  return clause;
}

absl::StatusOr<Clause> Parser::ParseReturn(int offset) {
  Clause clause;
  clause.kind = ClauseKind::kReturn;
  clause.offset = offset;
  QUARRY_RETURN_IF_ERROR(ParseProjection(&clause.projection));
  return clause;
}

absl::Status Parser::ParseProjection(Projection* projection) {
  projection->offset = Peek().offset;
  projection->distinct = MatchKeyword("DISTINCT");
  bool has_items = true;
  if (Match(TokenKind::kStar)) {
    projection->star = true;
    has_items = Match(TokenKind::kComma);
  }
  while (has_items) {
    ProjectionItem item;
    item.offset = Peek().offset;
    if (Check(TokenKind::kEnd)) return ErrorExpected("an expression to return");
    QUARRY_ASSIGN_OR_RETURN(item.expr, ParseExpression());
    if (MatchKeyword("AS")) {
      QUARRY_ASSIGN_OR_RETURN(item.alias, ParseName("a name after AS"));
      item.has_alias = true;
    } else {
      item.alias = std::string(text_.substr(item.offset, PreviousEnd() - item.offset));
    }
    projection->items.push_back(std::move(item));
    has_items = Match(TokenKind::kComma);
  }
  if (MatchKeyword("ORDER")) {
    QUARRY_RETURN_IF_ERROR(ExpectKeyword("BY"));
    do {
      SortItem item;
      QUARRY_ASSIGN_OR_RETURN(item.expr, ParseExpression());
      if (MatchKeyword("DESC") || MatchKeyword("DESCENDING")) {
        item.descending = true;
      } else if (!MatchKeyword("ASC")) {
        MatchKeyword("ASCENDING");
      }
      projection->order_by.push_back(std::move(item));
    } while (Match(TokenKind::kComma));
  }
  if (MatchKeyword("SKIP")) {
    QUARRY_ASSIGN_OR_RETURN(projection->skip, ParseExpression());
  }
  if (MatchKeyword("LIMIT")) {
    QUARRY_ASSIGN_OR_RETURN(projection->limit, ParseExpression());
  }
  return absl::OkStatus();
}

}  // namespace quarry::query
