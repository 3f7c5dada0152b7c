// The lexer: one pass over the text, producing tokens that keep their byte offsets.
#include "query/lexer.h"

#include <cerrno>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "query/query_error.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

bool IsIdentifierStart(unsigned char c) { return absl::ascii_isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentifierPart(unsigned char c) { return IsIdentifierStart(c) || absl::ascii_isdigit(c); }

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of query";
    case TokenKind::kIdentifier:
      return "a name";
    case TokenKind::kString:
      return "a string";
    case TokenKind::kInteger:
      return "an integer";
    case TokenKind::kFloat:
      return "a number";
    case TokenKind::kParameter:
      return "a parameter";
    case TokenKind::kLParen:
      return "'('";
    case TokenKind::kRParen:
      return "')'";
    case TokenKind::kLBracket:
      return "'['";
    case TokenKind::kRBracket:
      return "']'";
    case TokenKind::kLBrace:
      return "'{'";
    case TokenKind::kRBrace:
      return "'}'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kDot:
      return "'.'";
    case TokenKind::kDotDot:
      return "'..'";
    case TokenKind::kColon:
      return "':'";
    case TokenKind::kSemicolon:
      return "';'";
    case TokenKind::kPipe:
      return "'|'";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kPercent:
      return "'%'";
    case TokenKind::kCaret:
      return "'^'";
    case TokenKind::kEq:
      return "'='";
    case TokenKind::kNe:
      return "'<>'";
    case TokenKind::kLt:
      return "'<'";
    case TokenKind::kLe:
      return "'<='";
    case TokenKind::kGt:
      return "'>'";
    case TokenKind::kGe:
      return "'>='";
    case TokenKind::kRegexMatch:
      return "'=~'";
  }
  return "a token";
}

absl::Status Lexer::Error(int offset, absl::string_view message) const {
  return QuerySyntaxError(text_, offset, message);
}

absl::Status Lexer::SkipSpaceAndComments() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      ++pos_;
    } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
      size_t end = text_.find("*/", pos_ + 2);
      if (end == absl::string_view::npos) {
        return Error(static_cast<int>(pos_), "unterminated comment");
      }
      pos_ = end + 2;
    } else {
      break;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Token>> Lexer::Tokenize() {
  std::vector<Token> tokens;
  while (true) {
    QUARRY_RETURN_IF_ERROR(SkipSpaceAndComments());
    Token token;
    token.offset = static_cast<int>(pos_);
    if (pos_ >= text_.size()) {
      token.kind = TokenKind::kEnd;
      tokens.push_back(token);
      return tokens;
    }
    unsigned char c = text_[pos_];
    auto next_is = [&](char expected) {
      return pos_ + 1 < text_.size() && text_[pos_ + 1] == expected;
    };
    auto single = [&](TokenKind kind, int length) {
      token.kind = kind;
      token.length = length;
      token.text = std::string(text_.substr(pos_, length));
      pos_ += length;
    };
    if (c == '\'' || c == '"') {
      QUARRY_ASSIGN_OR_RETURN(token, LexString());
    } else if (c == '`') {
      QUARRY_ASSIGN_OR_RETURN(token, LexQuotedIdentifier());
    } else if (absl::ascii_isdigit(c) ||
               (c == '.' && pos_ + 1 < text_.size() &&
                absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_ + 1])) &&
                (pos_ == 0 || text_[pos_ - 1] != '.'))) {
      QUARRY_ASSIGN_OR_RETURN(token, LexNumber());
    } else if (IsIdentifierStart(c)) {
      size_t start = pos_;
      while (pos_ < text_.size() && IsIdentifierPart(text_[pos_])) ++pos_;
      token.kind = TokenKind::kIdentifier;
      token.text = std::string(text_.substr(start, pos_ - start));
      token.length = static_cast<int>(pos_ - start);
    } else if (c == '$') {
      size_t start = ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '`') {
        QUARRY_ASSIGN_OR_RETURN(Token quoted, LexQuotedIdentifier());
        token.text = quoted.text;
      } else {
        while (pos_ < text_.size() && IsIdentifierPart(text_[pos_])) ++pos_;
        token.text = std::string(text_.substr(start, pos_ - start));
      }
      if (token.text.empty()) return Error(token.offset, "expected a parameter name after '$'");
      token.kind = TokenKind::kParameter;
      token.length = static_cast<int>(pos_) - token.offset;
    } else {
      switch (c) {
        case '(':
          single(TokenKind::kLParen, 1);
          break;
        case ')':
          single(TokenKind::kRParen, 1);
          break;
        case '[':
          single(TokenKind::kLBracket, 1);
          break;
        case ']':
          single(TokenKind::kRBracket, 1);
          break;
        case '{':
          single(TokenKind::kLBrace, 1);
          break;
        case '}':
          single(TokenKind::kRBrace, 1);
          break;
        case ',':
          single(TokenKind::kComma, 1);
          break;
        case ':':
          single(TokenKind::kColon, 1);
          break;
        case ';':
          single(TokenKind::kSemicolon, 1);
          break;
        case '|':
          single(TokenKind::kPipe, 1);
          break;
        case '+':
          single(TokenKind::kPlus, 1);
          break;
        case '-':
          single(TokenKind::kMinus, 1);
          break;
        case '*':
          single(TokenKind::kStar, 1);
          break;
        case '/':
          single(TokenKind::kSlash, 1);
          break;
        case '%':
          single(TokenKind::kPercent, 1);
          break;
        case '^':
          single(TokenKind::kCaret, 1);
          break;
        case '.':
          if (next_is('.')) {
            single(TokenKind::kDotDot, 2);
          } else {
            single(TokenKind::kDot, 1);
          }
          break;
        case '=':
          if (next_is('~')) {
            single(TokenKind::kRegexMatch, 2);
          } else {
            single(TokenKind::kEq, 1);
          }
          break;
        case '<':
          if (next_is('>')) {
            single(TokenKind::kNe, 2);
          } else if (next_is('=')) {
            single(TokenKind::kLe, 2);
          } else {
            single(TokenKind::kLt, 1);
          }
          break;
        case '>':
          if (next_is('=')) {
            single(TokenKind::kGe, 2);
          } else {
            single(TokenKind::kGt, 1);
          }
          break;
        case '!':
          if (next_is('=')) {
            single(TokenKind::kNe, 2);
            break;
          }
          [[fallthrough]];
        default:
          return Error(token.offset,
                       absl::StrCat("unexpected character '", text_.substr(pos_, 1), "'"));
      }
    }
    tokens.push_back(std::move(token));
  }
}

absl::StatusOr<Token> Lexer::LexString() {
  Token token;
  token.kind = TokenKind::kString;
  token.offset = static_cast<int>(pos_);
  char quote = text_[pos_++];
  while (true) {
    if (pos_ >= text_.size()) return Error(token.offset, "unterminated string literal");
    char c = text_[pos_];
    if (c == quote) {
      ++pos_;
      break;
    }
    if (c != '\\') {
      token.text.push_back(c);
      ++pos_;
      continue;
    }
    int escape_offset = static_cast<int>(pos_);
    if (pos_ + 1 >= text_.size()) return Error(token.offset, "unterminated string literal");
    char escaped = text_[pos_ + 1];
    pos_ += 2;
    switch (escaped) {
      case '\\':
        token.text.push_back('\\');
        break;
      case '\'':
        token.text.push_back('\'');
        break;
      case '"':
        token.text.push_back('"');
        break;
      case 'n':
        token.text.push_back('\n');
        break;
      case 't':
        token.text.push_back('\t');
        break;
      case 'r':
        token.text.push_back('\r');
        break;
      case 'b':
        token.text.push_back('\b');
        break;
      case 'f':
        token.text.push_back('\f');
        break;
      case 'u':
      case 'U': {
        size_t digits = escaped == 'u' ? 4 : 8;
        if (pos_ + digits > text_.size()) {
          return Error(escape_offset, "expected hex digits after '\\u'");
        }
        uint32_t code_point = 0;
        for (size_t index = 0; index < digits; ++index) {
          char hex = text_[pos_ + index];
          if (!absl::ascii_isxdigit(static_cast<unsigned char>(hex))) {
            return Error(escape_offset, "expected hex digits after '\\u'");
          }
          code_point = code_point * 16 +
                       (absl::ascii_isdigit(hex) ? hex - '0' : absl::ascii_tolower(hex) - 'a' + 10);
        }
        pos_ += digits;
        if (code_point > 0x10FFFF) return Error(escape_offset, "invalid unicode escape");
        AppendUtf8(code_point, &token.text);
        break;
      }
      default:
        return Error(escape_offset,
                     absl::StrCat("invalid escape sequence '\\", std::string(1, escaped), "'"));
    }
  }
  token.length = static_cast<int>(pos_) - token.offset;
  return token;
}

absl::StatusOr<Token> Lexer::LexQuotedIdentifier() {
  Token token;
  token.kind = TokenKind::kIdentifier;
  token.quoted = true;
  token.offset = static_cast<int>(pos_);
  ++pos_;
  while (true) {
    if (pos_ >= text_.size()) return Error(token.offset, "unterminated quoted name");
    if (text_[pos_] == '`') {
      // A doubled backtick stands for one backtick.
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '`') {
        token.text.push_back('`');
        pos_ += 2;
        continue;
      }
      ++pos_;
      break;
    }
    token.text.push_back(text_[pos_++]);
  }
  if (token.text.empty()) return Error(token.offset, "empty quoted name");
  token.length = static_cast<int>(pos_) - token.offset;
  return token;
}

absl::StatusOr<Token> Lexer::LexNumber() {
  Token token;
  token.offset = static_cast<int>(pos_);
  size_t start = pos_;
  bool is_float = false;
  int base = 10;
  if (text_[pos_] == '0' && pos_ + 1 < text_.size() &&
      (text_[pos_ + 1] == 'x' || text_[pos_ + 1] == 'X')) {
    base = 16;
    pos_ += 2;
    while (pos_ < text_.size() && absl::ascii_isxdigit(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    if (pos_ == start + 2) return Error(token.offset, "invalid hexadecimal integer");
  } else if (text_[pos_] == '0' && pos_ + 1 < text_.size() && text_[pos_ + 1] == 'o') {
    base = 8;
    pos_ += 2;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7') ++pos_;
    if (pos_ == start + 2) return Error(token.offset, "invalid octal integer");
  } else {
    while (pos_ < text_.size() && absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    // "1..3" is a range, not a float: a '.' counts only when a digit follows it.
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' &&
        absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      is_float = true;
      ++pos_;
      while (pos_ < text_.size() && absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      }
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t exponent = pos_ + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) {
        ++exponent;
      }
      if (exponent < text_.size() &&
          absl::ascii_isdigit(static_cast<unsigned char>(text_[exponent]))) {
        is_float = true;
        pos_ = exponent;
        while (pos_ < text_.size() &&
               absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_]))) {
          ++pos_;
        }
      }
    }
  }
  if (pos_ < text_.size() && IsIdentifierStart(text_[pos_])) {
    return Error(token.offset,
                 absl::StrCat("invalid number '", text_.substr(start, pos_ - start + 1), "'"));
  }
  token.text = std::string(text_.substr(start, pos_ - start));
  token.length = static_cast<int>(pos_ - start);
  errno = 0;
  if (is_float) {
    token.kind = TokenKind::kFloat;
    token.float_value = std::strtod(token.text.c_str(), nullptr);
  } else {
    token.kind = TokenKind::kInteger;
    std::string digits = base == 10 ? token.text : token.text.substr(2);
    unsigned long long value = std::strtoull(digits.c_str(), nullptr, base);
    constexpr unsigned long long kSmallestMagnitude =
        static_cast<unsigned long long>(INT64_MAX) + 1;
    if (errno == ERANGE || value > kSmallestMagnitude) {
      return Error(token.offset, absl::StrCat("integer '", token.text, "' is too large"));
    }
    if (value == kSmallestMagnitude) {
      token.int_only_negated = true;  // the parser accepts it only after a unary minus
      token.int_value = INT64_MIN;
    } else {
      token.int_value = static_cast<int64_t>(value);
    }
  }
  return token;
}

}  // namespace quarry::query
