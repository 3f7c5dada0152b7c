// Tokenizer: splits normalized article text into words and punctuation with byte spans.
// Possessive "'s" is its own token; abbreviations ("Sept.", "U.S.", initials "J.") keep
// their period; decimals ("3.5") and hyphenated words ("co-founder") stay whole.
#ifndef QUARRY_LOADERS_TOKENIZER_H_
#define QUARRY_LOADERS_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace quarry::loaders {

// Token flags.
enum TokenFlag : uint16_t {
  kTokWord = 1u << 0,        // letters or digits
  kTokCap = 1u << 1,         // starts with an upper-case letter
  kTokAllCaps = 1u << 2,     // two or more letters, all upper case
  kTokDigit = 1u << 3,       // starts with a digit
  kTokPunct = 1u << 4,       // punctuation
  kTokAbbrev = 1u << 5,      // a word that kept its trailing period
  kTokInitial = 1u << 6,     // a single capital letter with a period ("J.")
  kTokLowerStart = 1u << 7,  // starts with a lower-case letter
};

// One token: bytes [begin, end) of the text it came from.
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string lower;  // lower-cased text (ASCII case folding; other bytes unchanged)
  uint16_t flags = 0;
  uint8_t newlines_before = 0;  // line breaks between the previous token and this one (max 255)
  bool Is(uint16_t flag) const { return (flags & flag) != 0; }
};

// Tokenizes `text` (UTF-8, quotes and dashes already straightened). A word followed by a
// period keeps it when the lower-cased word is in `abbreviations`, is a single letter, or
// has inner periods ("u.s"); with `abbreviations` null every such period is kept (for
// tokenizing data-file phrases). Never fails.
std::vector<Token> Tokenize(absl::string_view text,
                            const absl::flat_hash_set<std::string>* abbreviations);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_TOKENIZER_H_
