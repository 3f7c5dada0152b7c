// The lexer: splits query text into tokens with byte offsets. Keywords are identifiers;
// the parser compares them case-insensitively. Skips whitespace and comments.
#ifndef QUARRY_QUERY_LEXER_H_
#define QUARRY_QUERY_LEXER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "query/token.h"

namespace quarry::query {

// Tokenizes a whole query. Not thread-safe per instance; cheap to construct.
class Lexer {
 public:
  explicit Lexer(absl::string_view text) : text_(text) {}

  // All tokens, ending with one kEnd token. kInvalidArgument (with line, column and caret)
  // on an unterminated string or comment, a bad escape, a bad number or a stray character.
  absl::StatusOr<std::vector<Token>> Tokenize();

 private:
  absl::Status SkipSpaceAndComments();
  absl::StatusOr<Token> LexString();
  absl::StatusOr<Token> LexNumber();
  absl::StatusOr<Token> LexQuotedIdentifier();
  absl::Status Error(int offset, absl::string_view message) const;

  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace quarry::query

#endif  // QUARRY_QUERY_LEXER_H_
