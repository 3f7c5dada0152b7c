// The parser's write level: CREATE statements (the patterns to create).
#include <utility>

#include "query/lexer.h"
#include "query/parser.h"
#include "util/status_macros.h"

namespace quarry::query {

absl::StatusOr<std::vector<PatternPart>> Parser::ParseCreate() {
  QUARRY_ASSIGN_OR_RETURN(tokens_, Lexer(text_).Tokenize());
  pos_ = 0;
  std::vector<PatternPart> parts;
  QUARRY_RETURN_IF_ERROR(ExpectKeyword("CREATE"));
  while (true) {
    do {
      QUARRY_ASSIGN_OR_RETURN(PatternPart part, ParsePatternPart());
      if (part.shortest != ShortestKind::kNone) {
        return ErrorAt(part.offset, "CREATE cannot create a shortest path");
      }
      parts.push_back(std::move(part));
    } while (Match(TokenKind::kComma));
    if (!MatchKeyword("CREATE")) break;
  }
  Match(TokenKind::kSemicolon);
  if (!Check(TokenKind::kEnd)) {
    if (Check(TokenKind::kIdentifier)) {
      return Unsupported(Peek().offset, "only CREATE clauses may follow CREATE");
    }
    return ErrorExpected("end of query");
  }
  return parts;
}

bool Parser::StartsWithCreate(absl::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Lexer(text).Tokenize();
  if (!tokens.ok() || tokens->empty()) return false;
  Parser parser(text);
  parser.tokens_ = *std::move(tokens);
  return parser.CheckKeyword("CREATE");
}

}  // namespace quarry::query
