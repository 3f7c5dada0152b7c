// Sentence splitter: groups tokens into sentences. Survives abbreviations ("U.S.", "Sept.",
// "Mr."), initials, decimals, quotations and parentheses; treats a line break as a boundary
// unless the next line continues the sentence in lower case; recognizes datelines
// ("KABUL, Afghanistan (AP) -", "ISLAMABAD, Aug 22:") so that they are not read as prose.
#ifndef QUARRY_LOADERS_SENTENCE_SPLITTER_H_
#define QUARRY_LOADERS_SENTENCE_SPLITTER_H_

#include <vector>

#include "loaders/knowledge.h"
#include "loaders/tokenizer.h"

namespace quarry::loaders {

// A sentence: tokens [token_begin, token_end). Tokens [token_begin, body_begin) are a
// dateline (body_begin == token_begin when there is none).
struct Sentence {
  int token_begin = 0;
  int token_end = 0;
  int body_begin = 0;
  // Title-case text without final punctuation (a headline): names in it are only matched
  // against people named elsewhere in the article.
  bool headline = false;
};

// Splits `tokens` into sentences. Never fails; every token belongs to exactly one sentence.
std::vector<Sentence> SplitSentences(const std::vector<Token>& tokens, const Knowledge& knowledge);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_SENTENCE_SPLITTER_H_
