// Tokens of the openCypher lexer: a kind, the text it covers and its byte offset in the query.
#ifndef QUARRY_QUERY_TOKEN_H_
#define QUARRY_QUERY_TOKEN_H_

#include <cstdint>
#include <string>

namespace quarry::query {

enum class TokenKind {
  kEnd,
  kIdentifier,  // a name or keyword; `quoted` when written in backticks
  kString,      // `text` holds the unescaped value
  kInteger,
  kFloat,
  kParameter,  // `$name`; `text` holds the name
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kComma,
  kDot,
  kDotDot,
  kColon,
  kSemicolon,
  kPipe,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kCaret,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kRegexMatch,  // =~
};

// One token. `offset` and `length` locate its source text in the query.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  int offset = 0;
  int length = 0;
  bool quoted = false;
  int64_t int_value = 0;
  // An integer literal of 2^63: valid only after a unary minus (-9223372036854775808, the
  // smallest integer); int_value then holds that negative value.
  bool int_only_negated = false;
  double float_value = 0;
};

// A short description of a token kind for messages, e.g. "')'".
const char* TokenKindName(TokenKind kind);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_TOKEN_H_
