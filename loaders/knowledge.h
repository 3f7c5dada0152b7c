// Knowledge: the gazetteers, word classes and relation triggers the extractor reads from
// the text files under loaders/data/ (and users' --gazetteer files). Nothing about a
// particular article, person or event lives in code; it is all here, as data.
#ifndef QUARRY_LOADERS_KNOWLEDGE_H_
#define QUARRY_LOADERS_KNOWLEDGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders {

// Word classes of lexicon.tsv (and titles.tsv), as bits: one phrase may have several.
enum WordClass : uint32_t {
  kHonorific = 1u << 0,
  kRoleModifier = 1u << 1,
  kTitleModifier = 1u << 2,
  kAbbreviation = 1u << 3,
  kNameParticle = 1u << 4,
  kCommon = 1u << 5,
  kOrgHead = 1u << 6,
  kPlaceHead = 1u << 7,
  kEventHead = 1u << 8,
  kGroupNoun = 1u << 9,
  kGroupRef = 1u << 10,
  kSpeechVerb = 1u << 11,
  kNegation = 1u << 12,
  kPlan = 1u << 13,
  kHypothetical = 1u << 14,
  kPosition = 1u << 15,
  kTitle = 1u << 16,
  kPortfolio = 1u << 17,
  kNameAbbreviation = 1u << 18,
  kBusinessNoun = 1u << 19,
};

// Flags of a title in titles.tsv.
enum TitleFlag : uint32_t {
  kTitleNoRole = 1u << 0,
  kTitleForeign = 1u << 1,
  kTitleMaybeName = 1u << 2,
  kTitleMilitary = 1u << 3,
  // A scholar's or analyst's title: "at X" names the employer, even a body the gazetteer
  // lacks ("a senior fellow at the Baltic Policy Institute").
  kTitleExpert = 1u << 4,
  // A business's officer: "of X" names the employer, even a body the gazetteer lacks.
  kTitleCorporate = 1u << 5,
  // A title only when capitalized right before a name ("Major X", not "a major step").
  kTitleBeforeName = 1u << 6,
  // A title only right before a name, in any case ("Taliban official X"; "officials said"
  // names no one).
  kTitleOnlyBeforeName = 1u << 7,
};

// What a gazetteer phrase names.
enum class EntityType { kCountry, kDemonym, kOrganization, kPlace, kMetonym };

// One gazetteer meaning of a phrase.
struct EntityEntry {
  EntityType type = EntityType::kPlace;
  // The canonical name of the country, organization or place it denotes.
  std::string target;
  // The phrase as written in the data file (an all-capital surface must match exactly).
  std::string surface;
};

// Everything known about one phrase (its words lower-cased and joined by single spaces,
// tokenized like article text).
struct PhraseInfo {
  uint32_t classes = 0;      // WordClass bits
  uint32_t title_flags = 0;  // TitleFlag bits when classes has kTitle
  std::string canonical;     // a title's written-out form ("Secretary" for "Secy"), or empty
  std::vector<EntityEntry> entities;
};

// A canonical country, organization or place.
struct EntityInfo {
  std::string name;
  EntityType type = EntityType::kPlace;  // kCountry, kOrganization or kPlace
  std::string org_kind;                  // organizations: intl, party, armed, media, ...
  std::string country;                   // places and national organizations
};

// An organization controlling a country's government over a date range.
struct GovernmentEntry {
  std::string country;
  std::string organization;
  proto::Date from;
  proto::Date to;  // year 0: open-ended
  bool both = true;
};

// One element of a trigger pattern.
struct PatternElement {
  std::vector<std::string> alternatives;  // lower-case words
  bool optional = false;
  bool gap = false;    // "~": up to four plain words
  bool place = false;  // "@place": one place or country, a visit's destination
};

// How a trigger's arguments are arranged around it (see triggers.tsv).
enum class TriggerForm {
  kActive,
  kPassive,
  kBetween,
  kPossessive,
  kReciprocal,
  kJoins,
  kLeads,
  kCompanions,
};

// A relation trigger from triggers.tsv.
struct Trigger {
  std::string relation;  // met, talked_with, visited, invited
  TriggerForm form = TriggerForm::kActive;
  std::vector<PatternElement> pattern;
  std::vector<std::string> requires_words;  // one must occur (lower-case)
  bool requires_in_document = false;
  // Words that, right after the last object, cancel the trigger ("called on X to resign").
  std::vector<std::string> unless_followed_by;
  std::string rule;  // e.g. "met/active:held ~ talks with"
};

// The loaded knowledge. Immutable after Load; safe to share between threads.
class Knowledge {
 public:
  // Loads every known data file in each directory of `paths` and every file named in it.
  // Files are recognized by name (countries.tsv, organizations.tsv, metonyms.tsv,
  // governments.tsv, places.tsv, titles.tsv, lexicon.tsv, triggers.tsv) or by a first line
  // "#! kind: NAME" naming one of those kinds. Later files add to earlier ones.
  // Errors: kNotFound (a path does not exist), kInvalidArgument "file:line: ..." (a
  // malformed line or an unknown file kind).
  static absl::StatusOr<std::unique_ptr<Knowledge>> Load(const std::vector<std::string>& paths);

  // Adds the content of one data file of kind `kind` ("countries", "titles", ...);
  // `file_name` is used in error messages. For tests and for embedding.
  absl::Status AddFile(absl::string_view kind, absl::string_view content,
                       absl::string_view file_name);

  // The phrase entry for lower-cased words joined by spaces, or nullptr.
  const PhraseInfo* FindPhrase(absl::string_view key) const;
  // True when `key` (lower-case words joined by spaces) is a proper prefix of a phrase.
  bool IsPhrasePrefix(absl::string_view key) const;
  // Indexes into triggers() of the triggers whose pattern can start with `lower_word`,
  // followed by those that can start with any word.
  const std::vector<int>& TriggersStartingWith(absl::string_view lower_word) const;
  // The longest phrase length in words.
  int max_phrase_words() const { return max_phrase_words_; }
  // The canonical entity by name, or nullptr.
  const EntityInfo* FindEntity(absl::string_view name) const;

  // The capital of a country of countries.tsv ("Latvia": "Riga"), or "" when none is listed.
  std::string CapitalOf(absl::string_view country) const {
    auto it = capitals_.find(country);
    return it == capitals_.end() ? "" : it->second;
  }
  const std::vector<GovernmentEntry>& governments() const { return governments_; }
  const std::vector<Trigger>& triggers() const { return triggers_; }

  // True when the lower-cased word or phrase has any of the WordClass bits in `classes`.
  bool WordHas(absl::string_view lower_word, uint32_t classes) const;
  // Lower-case words (without their period) that keep a following period.
  const absl::flat_hash_set<std::string>& abbreviations() const { return abbreviations_; }

 private:
  Knowledge() = default;
  PhraseInfo& Phrase(absl::string_view text);
  void AddEntity(const EntityInfo& info);
  void AddEntityPhrase(absl::string_view phrase, EntityType type, absl::string_view target);
  absl::Status AddCountries(absl::string_view content, absl::string_view file);
  absl::Status AddOrganizations(absl::string_view content, absl::string_view file);
  absl::Status AddMetonyms(absl::string_view content, absl::string_view file);
  absl::Status AddGovernments(absl::string_view content, absl::string_view file);
  absl::Status AddPlaces(absl::string_view content, absl::string_view file);
  absl::Status AddTitles(absl::string_view content, absl::string_view file);
  absl::Status AddLexicon(absl::string_view content, absl::string_view file);
  absl::Status AddTriggers(absl::string_view content, absl::string_view file);

  absl::flat_hash_map<std::string, PhraseInfo> phrases_;
  absl::flat_hash_map<std::string, EntityInfo> entities_;
  absl::flat_hash_map<std::string, std::string> capitals_;  // country: its capital
  std::vector<GovernmentEntry> governments_;
  std::vector<Trigger> triggers_;
  absl::flat_hash_set<std::string> abbreviations_;
  absl::flat_hash_set<std::string> prefixes_;
  absl::flat_hash_map<std::string, std::vector<int>> trigger_index_;
  std::vector<int> unindexed_triggers_;
  int max_phrase_words_ = 1;
};

// The key of a phrase: its tokens (tokenized like article text) lower-cased and joined
// by single spaces.
std::string PhraseKey(absl::string_view phrase);

// Parses "YYYY-MM-DD" (or "-" for an open end: a zero date). kInvalidArgument otherwise.
absl::StatusOr<proto::Date> ParseIsoDate(absl::string_view text);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_KNOWLEDGE_H_
