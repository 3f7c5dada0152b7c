// Tokenizer implementation: a single left-to-right scan over bytes.
#include "loaders/tokenizer.h"

#include <utf8proc.h>

namespace quarry::loaders {
namespace {

bool IsAsciiAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
// Non-ASCII bytes are letters here: quotes and dashes were straightened before.
bool IsWordByte(unsigned char c) { return IsAsciiAlpha(c) || IsDigit(c) || c >= 0x80; }

// The category of a word's first letter at `text[pos]`, past modifier letters that may open
// it (the Hawaiian and Tongan okina in "ʻAisake").
utf8proc_category_t FirstLetterCategory(absl::string_view text, size_t pos, size_t end) {
  while (pos < end) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + pos,
                         static_cast<utf8proc_ssize_t>(end - pos), &cp);
    if (n <= 0) return UTF8PROC_CATEGORY_CN;
    const utf8proc_category_t category = utf8proc_category(cp);
    if (category != UTF8PROC_CATEGORY_LM) return category;
    pos += static_cast<size_t>(n);
  }
  return UTF8PROC_CATEGORY_LM;
}

}  // namespace

std::vector<Token> Tokenize(absl::string_view text,
                            const absl::flat_hash_set<std::string>* abbreviations) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 4);
  size_t pos = 0;
  int newlines = 0;
  const size_t n = text.size();
  auto at = [&](size_t i) -> unsigned char {
    return i < n ? static_cast<unsigned char>(text[i]) : 0;
  };
  while (pos < n) {
    unsigned char c = at(pos);
    if (c == '\n') {
      ++newlines;
      ++pos;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++pos;
      continue;
    }
    Token token;
    token.begin = static_cast<uint32_t>(pos);
    token.newlines_before = static_cast<uint8_t>(newlines > 255 ? 255 : newlines);
    newlines = 0;
    if (IsWordByte(c)) {
      size_t end = pos;
      bool inner_period = false;
      while (end < n) {
        unsigned char d = at(end);
        if (IsWordByte(d)) {
          ++end;
        } else if ((d == '-' || d == '\'') && IsWordByte(at(end + 1))) {
          // "'s" at a word end is a separate possessive token.
          if (d == '\'' && (at(end + 1) == 's' || at(end + 1) == 'S') && !IsWordByte(at(end + 2))) {
            break;
          }
          end += 2;
        } else if (d == '.' && IsWordByte(at(end + 1)) &&
                   ((IsDigit(at(end - 1)) && IsDigit(at(end + 1))) ||
                    (end - pos <= 3 && IsAsciiAlpha(at(end + 1)) && !IsWordByte(at(end + 2))) ||
                    (inner_period && IsAsciiAlpha(at(end + 1))))) {
          // Decimals ("3.5") and dotted abbreviations ("U.S", "D.C").
          inner_period = inner_period || !IsDigit(at(end - 1));
          end += 2;
        } else {
          break;
        }
      }
      std::string lower(text.substr(pos, end - pos));
      for (char& ch : lower) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      }
      token.flags |= kTokWord;
      if (IsDigit(c)) token.flags |= kTokDigit;
      utf8proc_category_t category = FirstLetterCategory(text, pos, end);
      if (category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT) {
        token.flags |= kTokCap;
      } else if (category == UTF8PROC_CATEGORY_LL) {
        token.flags |= kTokLowerStart;
      }
      int letters = 0;
      bool all_upper = true;
      for (size_t i = pos; i < end; ++i) {
        unsigned char d = at(i);
        if (IsAsciiAlpha(d)) {
          ++letters;
          if (d >= 'a' && d <= 'z') all_upper = false;
        }
      }
      if (letters >= 2 && all_upper) token.flags |= kTokAllCaps;
      if (at(end) == '.') {
        bool keep = false;
        if (abbreviations == nullptr) {
          keep = true;
        } else if (inner_period || (end - pos == 1 && IsAsciiAlpha(c))) {
          keep = true;
        } else if (end - pos == 2 && c >= 'A' && c <= 'Z' && at(end + 1) >= 'A' &&
                   at(end + 1) <= 'Z') {
          // "Ts.Oyunbileg": a two-letter initial glued to the name, as Mongolian names write
          // the patronymic.
          keep = true;
          token.flags |= kTokInitial;
        } else {
          keep = abbreviations->contains(lower);
        }
        if (keep) {
          if (end - pos == 1 && c >= 'A' && c <= 'Z') token.flags |= kTokInitial;
          token.flags |= kTokAbbrev;
          lower.push_back('.');
          ++end;
        }
      }
      token.lower = std::move(lower);
      token.end = static_cast<uint32_t>(end);
      pos = end;
    } else if (c == '\'' && (at(pos + 1) == 's' || at(pos + 1) == 'S') &&
               !IsWordByte(at(pos + 2)) && !tokens.empty() && tokens.back().end == pos) {
      token.end = static_cast<uint32_t>(pos + 2);
      token.lower = "'s";
      token.flags |= kTokPunct;
      pos += 2;
    } else if (c == '\'' && !tokens.empty() && tokens.back().end == pos &&
               !tokens.back().lower.empty() && tokens.back().lower.back() == 's' &&
               tokens.back().Is(kTokWord) && !IsWordByte(at(pos + 1))) {
      // "the Comoros' minister": a plural's possessive is the same token as "'s".
      token.end = static_cast<uint32_t>(pos + 1);
      token.lower = "'s";
      token.flags |= kTokPunct;
      pos += 1;
    } else if ((c == '-' && at(pos + 1) == '-') || (c == '.' && at(pos + 1) == '.')) {
      size_t end = pos;
      while (at(end) == c) ++end;
      token.end = static_cast<uint32_t>(end);
      token.lower = std::string(text.substr(pos, end - pos));
      token.flags |= kTokPunct;
      pos = end;
    } else {
      token.end = static_cast<uint32_t>(pos + 1);
      token.lower = std::string(1, static_cast<char>(c));
      token.flags |= kTokPunct;
      pos += 1;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace quarry::loaders
