// Affiliations from context (see affiliations.h).
#include "loaders/affiliations.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace quarry::loaders {
namespace {

// Whether `sentence` names a place the gazetteer puts in another country than `country`.
bool NamesPlaceOutside(const AnalyzedSentence& sentence, const std::string& country) {
  return std::any_of(sentence.units.begin(), sentence.units.end(), [&](const Unit& unit) {
    return unit.kind == UnitKind::kPlace && !unit.place_country.empty() &&
           unit.place_country != country;
  });
}

// Whether a role is an office of a national government ("Prime Minister", "Foreign
// Secretary", "Speaker", a ruling party's "General Secretary"), which a report from the
// country names without the country. Not an envoy, an international body's "Secretary
// General" or "Executive Secretary", or a general.
bool NationalOffice(const std::string& title) {
  static const char* kOffices[] = {"president",    "prime minister", "premier",
                                   "chancellor",   "minister",       "secretary",
                                   "speaker",      "senator",        "adviser",
                                   "advisor",      "spokesman",      "spokeswoman",
                                   "spokesperson", "king",           "queen",
                                   "amir",         "emir",           "sultan",
                                   "crown prince", "head of state",  "head of government",
                                   "taoiseach",    "tánaiste",       "tanaiste"};
  // A governor-general stands for the head of state.
  if (absl::StrContains(title, "governor-general") ||
      absl::StrContains(title, "governor general")) {
    return true;
  }
  if (absl::StrContains(title, "ambassador") || absl::StrContains(title, "envoy") ||
      absl::StrContains(title, "executive secretary") ||
      (absl::StrContains(title, "general") && !absl::StartsWith(title, "general secretary"))) {
    return false;
  }
  for (const char* office : kOffices) {
    if (absl::StrContains(title, office)) return true;
  }
  return false;
}

// A national office holder of a party that the gazetteer places in a country serves that
// country too ("General Secretary of the Communist Party of Vietnam", "First Secretary of the
// Communist Party of Cuba and President of the Republic").
void AddPartyCountries(const Knowledge& knowledge, std::vector<PersonEntity>* people) {
  for (PersonEntity& person : *people) {
    if (std::none_of(person.roles.begin(), person.roles.end(),
                     [](const Role& role) { return NationalOffice(role.title); })) {
      continue;
    }
    std::vector<std::string> countries;
    for (const std::string& affiliation : person.affiliations) {
      const EntityInfo* info = knowledge.FindEntity(affiliation);
      if (info == nullptr || info->org_kind != "party" || info->country.empty()) continue;
      if (std::find(person.affiliations.begin(), person.affiliations.end(), info->country) ==
              person.affiliations.end() &&
          std::find(countries.begin(), countries.end(), info->country) == countries.end()) {
        countries.push_back(info->country);
      }
    }
    person.affiliations.insert(person.affiliations.end(), countries.begin(), countries.end());
  }
}

// The country a visit goes to: the place's country, or the country itself; empty when the
// gazetteer cannot place it.
std::string CountryVisited(const Knowledge& knowledge, const RelationFact& visit) {
  if (visit.object_label == "Country") return visit.object_name;
  const EntityInfo* place = knowledge.FindEntity(visit.object_name);
  return place != nullptr ? place->country : "";
}

// A national office holder the article names without a country belongs to `home`, the
// country of its dateline: reports name the visitors' countries and not their own. Not one
// who travelled to that country, or to a place the gazetteer cannot place (a visitor's own
// paper may write from where they went); a trip elsewhere ("during his visit to Cairo")
// says nothing against it.
// `only` (may be null: everyone) limits it to some people.
void AffiliateWithDatelineCountry(const Knowledge& knowledge, const std::string& home,
                                  const std::vector<RelationFact>& facts, const std::set<int>* only,
                                  std::vector<PersonEntity>* people) {
  if (home.empty()) return;
  std::set<int> travellers;
  for (const RelationFact& fact : facts) {
    if (fact.relation != "visited") continue;
    const std::string country = CountryVisited(knowledge, fact);
    if (country.empty() || country == home) travellers.insert(fact.subject);
  }
  for (int p = 0; p < static_cast<int>(people->size()); ++p) {
    PersonEntity& person = (*people)[p];
    if (!person.affiliations.empty() || travellers.count(p) > 0) continue;
    if (only != nullptr && only->count(p) == 0) continue;
    for (const Role& role : person.roles) {
      // A former office holder's country is the text's to name.
      if (absl::StartsWithIgnoreCase(role.text, "former ") ||
          absl::StartsWithIgnoreCase(role.text, "ex-")) {
        continue;
      }
      if (NationalOffice(role.title)) {
        person.affiliations.push_back(home);
        break;
      }
    }
  }
}

// A national office holder named without a country whom a visitor met in the sentence
// that reports the visit serves the country visited ("Solano travelled to Panama City,
// where he was received by President X"), when that is not `home`, the report's own.
void AffiliateHostsAbroad(const Knowledge& knowledge, const std::string& home,
                          const std::vector<RelationFact>& facts,
                          const std::vector<AnalyzedSentence>& sentences,
                          std::vector<PersonEntity>* people) {
  std::map<int, std::string> hosted_in;  // person -> country; "" when two disagree
  for (const RelationFact& visit : facts) {
    if (visit.relation != "visited") continue;
    const std::string country = CountryVisited(knowledge, visit);
    if (country.empty() || country == home) continue;
    // A place of another country in the sentence puts the meeting elsewhere ("held talks in
    // Paris with X, who visited Delhi last year").
    if (NamesPlaceOutside(sentences[visit.sentence], country)) continue;
    for (const RelationFact& meeting : facts) {
      if (meeting.relation != "met" || meeting.sentence != visit.sentence ||
          meeting.object_person < 0) {
        continue;
      }
      int host = -1;
      if (meeting.subject == visit.subject) host = meeting.object_person;
      if (meeting.object_person == visit.subject) host = meeting.subject;
      if (host < 0) continue;
      auto [it, inserted] = hosted_in.emplace(host, country);
      if (!inserted && it->second != country) it->second.clear();
    }
  }
  for (const auto& [host, country] : hosted_in) {
    PersonEntity& person = (*people)[host];
    if (country.empty() || !person.affiliations.empty()) continue;
    if (std::any_of(person.roles.begin(), person.roles.end(),
                    [](const Role& role) { return NationalOffice(role.title); })) {
      person.affiliations.push_back(country);
    }
  }
}

// The home country of a report without a dateline, when its visits say it: every visit by
// someone named with a country of their own goes to one other country ("Lao Prime Minister
// X arrived in Bangkok"). A national paper names its visitors' countries and not its own
// officials', whose trips abroad go elsewhere ("when Okamura made a trip to Hanoi"): one
// named without a country who went to that country leaves none. Empty when there is none.
std::string ImpliedHomeCountry(const Knowledge& knowledge, const std::vector<RelationFact>& facts,
                               const std::vector<PersonEntity>& people) {
  std::string home;
  std::set<std::string> unnamed_went_to;  // countries visited by people without a country
  for (const RelationFact& fact : facts) {
    if (fact.relation != "visited") continue;
    const std::string country = CountryVisited(knowledge, fact);
    if (country.empty()) return "";
    const std::vector<std::string>& own = people[fact.subject].affiliations;
    if (own.empty()) {
      unnamed_went_to.insert(country);
      continue;
    }
    if ((!home.empty() && country != home) ||
        std::find(own.begin(), own.end(), country) != own.end()) {
      return "";
    }
    home = country;
  }
  return unnamed_went_to.count(home) > 0 ? "" : home;
}

// The hosts of the visitors to `home`: who met one of them by a host's verb ("hosted",
// "received", "welcomed", "was received by"), or in a sentence that puts the meeting in a
// place they came to ("held talks in Tokyo") or in no other country's place. A meeting
// elsewhere (the visitor's stop on the way) makes no host.
std::set<int> HostsOfVisitors(const Knowledge& knowledge, const std::string& home,
                              const std::vector<RelationFact>& facts,
                              const std::vector<AnalyzedSentence>& sentences) {
  std::set<int> visitors;
  std::set<std::string> places;  // " in tokyo "
  for (const RelationFact& fact : facts) {
    if (fact.relation != "visited" || CountryVisited(knowledge, fact) != home) continue;
    visitors.insert(fact.subject);
    places.insert(absl::StrCat(" in ", absl::AsciiStrToLower(fact.object_name), " "));
  }
  std::set<int> hosts;
  for (const RelationFact& fact : facts) {
    if (fact.relation != "met" || fact.object_person < 0) continue;
    const bool hosting = absl::StrContains(fact.rule, "host") ||
                         absl::StrContains(fact.rule, "receiv") ||
                         absl::StrContains(fact.rule, "welcom");
    if (hosting) {
      // The subject hosts: "X hosted Y", "Y was received by X".
      if (visitors.count(fact.object_person) > 0) hosts.insert(fact.subject);
      continue;
    }
    // Met in a place they came to, or in a sentence that names no place of another country
    // ("X, who met Y on Tuesday, flew to Kabul from Delhi" puts the meeting abroad).
    const std::string& text = sentences[fact.sentence].lower_text;
    const bool here = std::any_of(places.begin(), places.end(), [&](const std::string& place) {
      return absl::StrContains(text, place);
    });
    if (!here && NamesPlaceOutside(sentences[fact.sentence], home)) continue;
    if (visitors.count(fact.object_person) > 0) hosts.insert(fact.subject);
    if (visitors.count(fact.subject) > 0) hosts.insert(fact.object_person);
  }
  return hosts;
}

}  // namespace

void AffiliateFromContext(const Knowledge& knowledge, const Dateline& dateline,
                          const std::vector<RelationFact>& facts,
                          const std::vector<AnalyzedSentence>& sentences,
                          std::vector<PersonEntity>* people) {
  AddPartyCountries(knowledge, people);
  AffiliateHostsAbroad(knowledge, dateline.country, facts, sentences, people);
  if (!dateline.country.empty()) {
    AffiliateWithDatelineCountry(knowledge, dateline.country, facts, nullptr, people);
  } else if (const std::string home = ImpliedHomeCountry(knowledge, facts, *people);
             !home.empty()) {
    const std::set<int> hosts = HostsOfVisitors(knowledge, home, facts, sentences);
    AffiliateWithDatelineCountry(knowledge, home, facts, &hosts, people);
  }
}

}  // namespace quarry::loaders
