// Relations: matches the trigger patterns of triggers.tsv over a sentence whose person
// mentions are resolved, in active and passive voice, coordination ("X and Y met", "met X
// and Y"), possessives ("his visit to China"), nominal forms ("a meeting between X and
// Y") and reciprocal forms ("X and Y shook hands"). A meeting under a plan word ("will
// meet", "was expected to") becomes plans_to_meet; under a negation or hypothetical word,
// nothing. A subject pronoun resolves to the sentence's first person or the previous
// sentence's, one inside ", who …" to the clause's person, an object pronoun ("met her")
// to the previous sentence's first person. Title-only mentions that coreference leaves open
// are settled by context (loaders/referents.h) and the sentences matched again.
#ifndef QUARRY_LOADERS_RELATIONS_H_
#define QUARRY_LOADERS_RELATIONS_H_

#include <string>
#include <vector>

#include "loaders/chunker.h"
#include "loaders/coreference.h"
#include "loaders/knowledge.h"
#include "loaders/persons.h"

namespace quarry::loaders {

// The analysed sentences of an article, as relation matching needs them.
struct AnalyzedSentence {
  std::vector<Unit> units;
  std::vector<int> unit_person;  // per unit: index into the article's mentions, or -1
  std::string lower_text;        // lower-cased words joined by spaces (for `requires`)
};

// One extracted relation. The object is a person (object_person >= 0) or a named entity.
struct RelationFact {
  std::string relation;  // met, talked_with, plans_to_meet, visited, invited
  int subject = -1;      // index into the article's people
  int object_person = -1;
  std::string object_name;   // for visited: a country, place or organization
  std::string object_label;  // "Country", "Place" or "Organization"
  int sentence = 0;
  int token_begin = 0;  // span of the supporting words
  int token_end = 0;
  std::string rule;
  float confidence = 0.8f;
};

// Where an article's dateline says it was written ("NEW DELHI, Nov 7 (PTI) -"): what "here"
// means in its text ("arrived here on Monday"). Empty when it has no dateline.
struct Dateline {
  std::string place;    // the place or country named, as the gazetteer writes it
  std::string label;    // "Place" or "Country"
  std::string country;  // the country it is in
};

// Finds the relations of every sentence. Never fails.
std::vector<RelationFact> FindRelations(const std::vector<AnalyzedSentence>& sentences,
                                        const std::vector<PersonMention>& mentions,
                                        const std::vector<PersonEntity>& people,
                                        const Knowledge& knowledge, const Dateline& dateline);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_RELATIONS_H_
