// Persons: reads person mentions out of a sentence's units. A name preceded by a title
// phrase ("Afghanistan's acting deputy Prime Minister", "Taliban co-founder Mullah") or
// followed by an appositive (", the President of the European Council,") gets roles and
// affiliations; a title phrase without a name ("the Saudi Crown Prince") is a title-only
// mention that coreference may resolve. Honorifics are stripped from names.
#ifndef QUARRY_LOADERS_PERSONS_H_
#define QUARRY_LOADERS_PERSONS_H_

#include <string>
#include <vector>

#include "loaders/chunker.h"
#include "loaders/knowledge.h"
#include "loaders/tokenizer.h"

namespace quarry::loaders {

// A role as written, and its title's lower-case form for matching title-only mentions.
struct Role {
  std::string text;
  std::string title;
};

// One mention of a person in a sentence: units [unit_begin, unit_end) (its title phrase,
// name and appositive).
struct PersonMention {
  int sentence = 0;
  int unit_begin = 0;
  int unit_end = 0;
  int name_unit = -1;  // -1: title-only
  std::string name;    // without honorifics
  std::vector<std::string> honorifics;
  std::vector<Role> roles;
  std::vector<std::string> affiliations;  // canonical country or organization names
  // Evidence that a name is a person's: a title, honorific, appositive or speech verb.
  bool strong = false;
  bool possessive = false;  // followed by "'s"
  bool headline = false;
  // Title-only: the phrase's title (lower case) and its plural form.
  std::string title;
  bool plural = false;
  bool visiting = false;  // "the visiting minister": the one of that title who came
  // Title-only after a determiner ("the Brazilian president", "a new Nepali prime
  // minister"), not a country's possessive ("Guinea-Bissau's President").
  bool determined = false;
  // A preceding "X's" person whose affiliations this mention shares ("the President's envoy").
  int possessor = -1;
  // The country whose stance the person states as the sentence's subject ("Bekele reaffirmed
  // Ethiopia's solidarity"): the person's affiliation when nothing else gives one.
  std::string speaks_for;
  int cluster = -1;  // set by coreference
};

// Article-level state the person reader carries from sentence to sentence: the
// organization in focus (for "the group") and the last state organ's country (for a bare
// "the ministry").
struct FocusState {
  std::string organization;
  std::string organ_country;
};

// Appends the person mentions of sentence `sentence_index` to `mentions`, and for each unit
// the index of the mention that covers it (or -1) to `unit_person`. In a headline a comma
// after a name starts no appositive ("Egypt's X, Jordan's king discuss"). `tokens` and
// `text` are what the units index (for a body's name as written). Never fails.
void FindPersons(const std::vector<Unit>& units, const std::vector<Token>& tokens,
                 absl::string_view text, int sentence_index, bool headline,
                 const Knowledge& knowledge, FocusState* focus,
                 std::vector<PersonMention>* mentions, std::vector<int>* unit_person);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_PERSONS_H_
