// Referents by context implementation.
#include "loaders/referents.h"

#include <algorithm>
#include <string>

#include "absl/strings/match.h"

namespace quarry::loaders {
namespace {

// Whether a person holds the office that "the Head of State" (or, with `government`, "the
// Head of Government") refers to.
bool HoldsTopOffice(const PersonEntity& person, bool government) {
  for (const Role& role : person.roles) {
    const std::string& title = role.title;
    if (government ? (title == "prime minister" || title == "premier")
                   : (title == "president" || title == "king" || title == "queen" ||
                      title == "emir" || title == "amir" || title == "sultan" ||
                      title == "monarch" || absl::StartsWith(title, "president of the republic"))) {
      return true;
    }
  }
  return false;
}

}  // namespace

int ReferentFromContext(const PersonMention& mention, const std::vector<RelationFact>& facts,
                        const std::vector<PersonEntity>& people, const Knowledge& knowledge,
                        const Dateline& dateline) {
  const bool head_of_state = mention.title == "head of state";
  const bool head_of_government = mention.title == "head of government";
  if (head_of_state || head_of_government) {
    std::vector<int> holders;
    for (int person = 0; person < static_cast<int>(people.size()); ++person) {
      if (!HoldsTopOffice(people[person], head_of_government)) continue;
      const std::vector<std::string>& affiliations = people[person].affiliations;
      const std::vector<std::string>& wanted =
          mention.affiliations.empty() && !dateline.country.empty()
              ? std::vector<std::string>{dateline.country}
              : mention.affiliations;
      const bool fits = affiliations.empty() || wanted.empty() ||
                        std::find_first_of(affiliations.begin(), affiliations.end(), wanted.begin(),
                                           wanted.end()) != affiliations.end();
      if (fits) holders.push_back(person);
    }
    return holders.size() == 1 ? holders[0] : -1;
  }
  // "The Jordanian minister" in a report from Beirut is a visitor too.
  const bool foreign_title = !mention.affiliations.empty() && !dateline.country.empty() &&
                             std::find(mention.affiliations.begin(), mention.affiliations.end(),
                                       dateline.country) == mention.affiliations.end();
  if (!mention.visiting && !foreign_title) {
    // "The Foreign Minister also received …" in a report from Manama: the one foreign
    // minister of the dateline's country (or of none stated).
    if (dateline.country.empty() || !mention.affiliations.empty()) return -1;
    for (const bool exact : {true, false}) {
      std::vector<int> home;
      for (int person = 0; person < static_cast<int>(people.size()); ++person) {
        bool titled = false;
        for (const Role& role : people[person].roles) {
          titled = titled || (exact ? role.title == mention.title
                                    : absl::StrContains(role.title, mention.title));
        }
        const std::vector<std::string>& affiliations = people[person].affiliations;
        if (titled && (affiliations.empty() || std::find(affiliations.begin(), affiliations.end(),
                                                         dateline.country) != affiliations.end())) {
          home.push_back(person);
        }
      }
      if (home.size() == 1) return home[0];
      if (!home.empty()) return -1;
    }
    return -1;
  }
  auto who_came = [&](bool any_title) {
    std::vector<int> came, travelled, foreign;
    std::vector<int> foreign_met;  // of `foreign`, those in a meeting or call so far
    for (int person = 0; person < static_cast<int>(people.size()); ++person) {
      bool titled = any_title;
      for (const Role& role : people[person].roles) {
        titled = titled || absl::StrContains(role.title, mention.title);
      }
      const std::vector<std::string>& affiliations = people[person].affiliations;
      if (!titled || (!mention.affiliations.empty() &&
                      std::find_first_of(affiliations.begin(), affiliations.end(),
                                         mention.affiliations.begin(),
                                         mention.affiliations.end()) == affiliations.end())) {
        continue;
      }
      bool visited = false, visited_here = false;
      for (const RelationFact& fact : facts) {
        if (fact.relation != "visited" || fact.subject != person) continue;
        visited = true;
        const EntityInfo* place = knowledge.FindEntity(fact.object_name);
        const std::string& country =
            fact.object_label == "Country" || place == nullptr ? fact.object_name : place->country;
        visited_here = visited_here || (!dateline.country.empty() && country == dateline.country);
      }
      if (visited) travelled.push_back(person);
      if (visited_here) came.push_back(person);
      if (!any_title && !dateline.country.empty() && !affiliations.empty() &&
          std::find(affiliations.begin(), affiliations.end(), dateline.country) ==
              affiliations.end()) {
        foreign.push_back(person);
        if (std::any_of(facts.begin(), facts.end(), [&](const RelationFact& fact) {
              return (fact.relation == "met" || fact.relation == "talked_with") &&
                     fact.sentence <= mention.sentence &&
                     (fact.subject == person || fact.object_person == person);
            })) {
          foreign_met.push_back(person);
        }
      }
    }
    if (came.size() == 1) return came[0];
    if (came.empty() && travelled.size() == 1) return travelled[0];
    if (travelled.empty() && foreign.size() == 1) return foreign[0];
    // "… conveyed a message from Prime Minister X. The Crown Prince received the visiting
    // minister": of several foreigners, the one who has met someone by then.
    if (travelled.empty() && foreign_met.size() == 1) return foreign_met[0];
    return -1;
  };
  const int titled = who_came(false);
  return titled >= 0 ? titled : who_came(true);
}

bool ResolveFromContext(const std::vector<RelationFact>& facts,
                        const std::vector<PersonEntity>& people, const Knowledge& knowledge,
                        const Dateline& dateline, std::vector<PersonMention>* mentions) {
  bool resolved = false;
  for (PersonMention& mention : *mentions) {
    if (mention.cluster >= 0 || mention.name_unit >= 0 || mention.title.empty()) continue;
    const int person = ReferentFromContext(mention, facts, people, knowledge, dateline);
    if (person < 0) continue;
    mention.cluster = person;
    resolved = true;
  }
  return resolved;
}

}  // namespace quarry::loaders
