// Coreference implementation.
#include "loaders/coreference.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace quarry::loaders {
namespace {

// True when `part` occurs as a contiguous run of words in `whole`.
bool ContainsRun(const std::vector<std::string>& whole, const std::vector<std::string>& part) {
  if (part.empty() || part.size() > whole.size()) return false;
  for (size_t start = 0; start + part.size() <= whole.size(); ++start) {
    if (std::equal(part.begin(), part.end(), whole.begin() + start)) return true;
  }
  return false;
}

// Whether `part` is `whole` with middle names left out: the same first and last words, the
// rest in order ("Sergey Lavrov" in "Sergey Viktorovich Lavrov", "Luis Quispe" in "Luis
// Alberto Quispe").
bool SameEnds(const std::vector<std::string>& whole, const std::vector<std::string>& part) {
  if (part.size() < 2 || part.size() >= whole.size() || part.front() != whole.front() ||
      part.back() != whole.back()) {
    return false;
  }
  size_t next = 1;
  for (size_t i = 1; i + 1 < whole.size() && next + 1 < part.size(); ++i) {
    if (whole[i] == part[next]) ++next;
  }
  return next + 1 == part.size();
}

void AddUnique(std::vector<std::string>* out, const std::string& value) {
  if (std::find(out->begin(), out->end(), value) == out->end()) out->push_back(value);
}

void AddRole(std::vector<Role>* roles, const Role& role) {
  for (const Role& existing : *roles) {
    if (absl::AsciiStrToLower(existing.text) == absl::AsciiStrToLower(role.text)) return;
  }
  roles->push_back(role);
}

int WordCount(absl::string_view name) {
  return static_cast<int>(std::count(name.begin(), name.end(), ' ')) + 1;
}

}  // namespace

std::vector<std::string> NameKey(absl::string_view name) {
  std::vector<std::string> key;
  for (absl::string_view word : absl::StrSplit(name, ' ', absl::SkipEmpty())) {
    if (word.size() == 2 && word[1] == '.') continue;  // an initial
    // "D.Altanshagai", "Ts.Oyunbileg": an initial glued to the name.
    if (const size_t dot = word.find('.');
        dot != absl::string_view::npos && dot >= 1 && dot <= 2 && dot + 1 < word.size() &&
        absl::ascii_isupper(static_cast<unsigned char>(word[0])) &&
        absl::ascii_isupper(static_cast<unsigned char>(word[dot + 1]))) {
      word.remove_prefix(dot + 1);
    }
    std::string lower = absl::AsciiStrToLower(word);
    // "el-Sisi" is "Sisi": an Arabic article joined by a hyphen is left out.
    for (absl::string_view article :
         {"al-", "el-", "ad-", "ud-", "ul-", "as-", "ash-", "at-", "az-", "ar-", "an-", "ath-"}) {
      if (lower.size() > article.size() + 1 && absl::StartsWith(lower, article)) {
        lower.erase(0, article.size());
        break;
      }
    }
    key.push_back(std::move(lower));
  }
  return key;
}

std::vector<PersonEntity> ResolvePersons(std::vector<PersonMention>* mentions,
                                         const NameResolver* resolver) {
  std::vector<PersonEntity> people;
  std::vector<std::vector<std::string>> keys;
  std::vector<int> order;
  for (int i = 0; i < static_cast<int>(mentions->size()); ++i) {
    if ((*mentions)[i].name_unit >= 0) order.push_back(i);
  }
  // Fullest names first, so that partial names find them.
  std::vector<size_t> key_sizes(mentions->size(), 0);
  for (int index : order) key_sizes[index] = NameKey((*mentions)[index].name).size();
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const PersonMention& x = (*mentions)[a];
    const PersonMention& y = (*mentions)[b];
    size_t kx = key_sizes[a], ky = key_sizes[b];
    if (kx != ky) return kx > ky;
    int wx = WordCount(x.name), wy = WordCount(y.name);
    if (wx != wy) return wx > wy;
    return x.strong && !y.strong;
  });
  for (int index : order) {
    PersonMention& mention = (*mentions)[index];
    std::vector<std::string> key = NameKey(mention.name);
    if (key.empty()) continue;
    int match = -1;
    int matches = 0;
    for (int p = 0; p < static_cast<int>(people.size()); ++p) {
      if (ContainsRun(keys[p], key) || SameEnds(keys[p], key)) {
        match = p;
        ++matches;
      }
    }
    if (matches == 1) {
      mention.cluster = match;
    } else if (matches == 0 && !mention.headline && (mention.strong || key.size() >= 2)) {
      PersonEntity person;
      person.name = mention.name;
      people.push_back(person);
      keys.push_back(key);
      mention.cluster = static_cast<int>(people.size()) - 1;
    }
  }
  // Title-only mentions join the one person with that title (and affiliation), or of
  // several the one named at least twice as often as any other; failing that, the one
  // person with a title that contains it ("the prime minister" is the Prime Minister when a
  // Deputy Prime Minister is named too, else the deputy); failing that, a generic title with
  // a country ("the Uzbek leader", "the Gabonese diplomat") the one titled person of it;
  // failing that, a title with a country the one person of it named with no title, who
  // then holds it; failing that, a title with a country ("the Brazilian president") the one
  // holder of the title named with no country, when every other holder has another, who
  // then serves it.
  std::vector<const PersonMention*> titles_for_untitled;
  std::vector<const PersonMention*> countries_for_unaffiliated;
  for (PersonMention& mention : *mentions) {
    if (mention.name_unit >= 0 || mention.plural || mention.title.empty()) continue;
    int match = -1, matches = 0;
    int containing_match = -1, containing_matches = 0;
    // "the Vietnamese leader": a generic title joins the one titled person of its country.
    const bool generic = !mention.affiliations.empty() &&
                         (mention.title == "leader" || mention.title == "head of state" ||
                          mention.title == "head of government" || mention.title == "diplomat");
    int generic_match = -1, generic_matches = 0;
    // "his German counterpart Katrin Vollmer … Germany's Foreign Minister": the one person of
    // that country named with no title at all.
    int untitled_match = -1, untitled_matches = 0;
    // "… Bolivian President Y. The Brazilian president": the one president with no country.
    int unaffiliated_match = -1, unaffiliated_matches = 0, affiliated_holders = 0;
    // Of several holders of the title, the one named at least twice as often as any other
    // ("Secretary Harlan … Mexico's Secretary of Security X … The Secretary noted").
    std::vector<std::pair<int, int>> title_holders;  // (named mentions, person)
    for (int p = 0; p < static_cast<int>(people.size()); ++p) {
      bool title = false, containing = false, affiliation = mention.affiliations.empty();
      bool titled = false, affiliated = false;
      bool plain_title = false;  // the title as the mention has it, no modifier before it
      int named = 0;
      for (const PersonMention& other : *mentions) {
        if (other.cluster != p || other.name_unit < 0) continue;
        ++named;
        for (const Role& role : other.roles) {
          if (role.title == mention.title) title = true;
          if (absl::EqualsIgnoreCase(role.text, mention.title)) plain_title = true;
          if (role.title.find(mention.title) != std::string::npos) containing = true;
          titled = true;
        }
        for (const std::string& a : mention.affiliations) {
          if (std::find(other.affiliations.begin(), other.affiliations.end(), a) !=
              other.affiliations.end()) {
            affiliation = true;
          }
        }
        affiliated = affiliated || !other.affiliations.empty();
      }
      if (plain_title && !affiliated && mention.determined && !mention.affiliations.empty()) {
        unaffiliated_match = p;
        ++unaffiliated_matches;
      }
      if (title && affiliated && !affiliation) ++affiliated_holders;
      if (title && affiliation) {
        match = p;
        ++matches;
        title_holders.emplace_back(named, p);
      }
      if (containing && affiliation) {
        containing_match = p;
        ++containing_matches;
      }
      if (generic && titled && affiliation) {
        generic_match = p;
        ++generic_matches;
      }
      if (!titled && affiliation && !mention.affiliations.empty()) {
        untitled_match = p;
        ++untitled_matches;
      }
    }
    if (matches > 1) {
      std::sort(title_holders.rbegin(), title_holders.rend());
      if (title_holders[0].first >= 2 && title_holders[0].first >= 2 * title_holders[1].first) {
        mention.cluster = title_holders[0].second;
      }
    } else if (matches == 1) {
      mention.cluster = match;
    } else if (matches == 0 && containing_matches == 1) {
      mention.cluster = containing_match;
    } else if (matches == 0 && containing_matches == 0 && generic_matches == 1) {
      mention.cluster = generic_match;
    } else if (matches == 0 && containing_matches == 0 && generic_matches == 0 &&
               untitled_matches == 1) {
      mention.cluster = untitled_match;
      titles_for_untitled.push_back(&mention);
    } else if (matches == 0 && generic_matches == 0 && untitled_matches == 0 &&
               unaffiliated_matches == 1 && affiliated_holders > 0) {
      mention.cluster = unaffiliated_match;
      countries_for_unaffiliated.push_back(&mention);
    }
  }
  // Gather roles, affiliations and aliases.
  for (int i = 0; i < static_cast<int>(mentions->size()); ++i) {
    PersonMention& mention = (*mentions)[i];
    if (mention.cluster < 0) continue;
    PersonEntity& person = people[mention.cluster];
    person.mentions.push_back(i);
    if (mention.name_unit < 0) continue;
    person.strong = person.strong || mention.strong;
    for (const Role& role : mention.roles) AddRole(&person.roles, role);
    for (const std::string& affiliation : mention.affiliations)
      AddUnique(&person.affiliations, affiliation);
    if (mention.name != person.name) AddUnique(&person.aliases, mention.name);
    if (!mention.honorifics.empty()) {
      AddUnique(&person.aliases, absl::StrJoin(mention.honorifics, " ") + " " + mention.name);
    }
  }
  for (const PersonMention* mention : titles_for_untitled) {
    for (const Role& role : mention->roles) AddRole(&people[mention->cluster].roles, role);
  }
  for (const PersonMention* mention : countries_for_unaffiliated) {
    for (const std::string& affiliation : mention->affiliations) {
      AddUnique(&people[mention->cluster].affiliations, affiliation);
    }
  }
  // "X's envoy, Y": Y serves X's country when nothing else says whom.
  for (PersonMention& mention : *mentions) {
    if (mention.possessor < 0 || mention.cluster < 0) continue;
    const PersonMention& possessor = (*mentions)[mention.possessor];
    if (possessor.cluster < 0) continue;
    PersonEntity& person = people[mention.cluster];
    if (!person.affiliations.empty()) continue;
    for (const std::string& affiliation : people[possessor.cluster].affiliations) {
      AddUnique(&person.affiliations, affiliation);
    }
  }
  // "Bekele reaffirmed Ethiopia's solidarity": the country a person speaks for, likewise.
  for (const PersonMention& mention : *mentions) {
    if (mention.speaks_for.empty() || mention.cluster < 0) continue;
    PersonEntity& person = people[mention.cluster];
    if (person.affiliations.empty()) person.affiliations.push_back(mention.speaks_for);
  }
  if (resolver != nullptr) {
    for (PersonEntity& person : people) {
      if (WordCount(person.name) != 1) continue;
      std::vector<NameCandidate> candidates = resolver->Candidates(person.name);
      const NameCandidate* only = nullptr;
      int persons = 0;
      for (const NameCandidate& candidate : candidates) {
        if (std::find(candidate.labels.begin(), candidate.labels.end(), "Person") ==
            candidate.labels.end())
          continue;
        ++persons;
        only = &candidate;
      }
      if (persons == 1 && only->name != person.name) {
        AddUnique(&person.aliases, person.name);
        person.name = only->name;
      }
    }
  }
  return people;
}

}  // namespace quarry::loaders
