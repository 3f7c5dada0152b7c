// Chunker: the mention stage. Turns a sentence's tokens into units: gazetteer entities
// (countries, demonyms, organizations, places, metonyms), titles, honorifics, modifiers,
// pronouns, group references ("the group") and capitalized name runs, each typed by
// gazetteers, capitalization and head words ("Ministry" makes an organization).
#ifndef QUARRY_LOADERS_CHUNKER_H_
#define QUARRY_LOADERS_CHUNKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "loaders/knowledge.h"
#include "loaders/sentence_splitter.h"
#include "loaders/tokenizer.h"

namespace quarry::loaders {

enum class UnitKind {
  kWord,
  kPunct,
  kName,  // a capitalized run not in a gazetteer: a person candidate
  kCountry,
  kDemonym,       // target: the country
  kOrganization,  // target: canonical name (gazetteer) or the run's text
  kPlace,         // target: canonical place name
  kMetonym,       // target: the country or organization it stands for
  kEvent,         // a named event ("Trans-Himalayan Forum"): no entity
  kTitle,
  kHonorific,
  kRoleModifier,
  kTitleModifier,
  kPronoun,
  kGroupRef,
};

// One unit: tokens [token_begin, token_end) of the article.
struct Unit {
  UnitKind kind = UnitKind::kWord;
  int token_begin = 0;
  int token_end = 0;
  // Followed by a possessive "'s" (which is not part of any unit).
  bool possessive = false;
  // Canonical entity (see UnitKind) or, for names and titles, the text as written.
  std::string target;
  // kWord, kTitle, modifiers: lower-cased text.
  std::string lower;
  uint32_t title_flags = 0;
  bool plural = false;  // a plural title ("presidents")
  // Organizations that are state organs ("the Chinese Foreign Ministry") and the country
  // they belong to when the text says it (empty for a bare "the ministry"); for other
  // organizations, the country of a name ending "of COUNTRY" ("the Central Bank of Nigeria").
  bool organ = false;
  std::string organ_country;
  // kPlace: the country of a gazetteer place ("" when unknown).
  std::string place_country;
};

// Chunks the body of `sentence` (after any dateline). `text` is the normalized text the
// tokens index. Never fails.
std::vector<Unit> ChunkSentence(const std::vector<Token>& tokens, absl::string_view text,
                                const Sentence& sentence, const Knowledge& knowledge);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_CHUNKER_H_
