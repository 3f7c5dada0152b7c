// ArticleExtractor: composes the stages and turns their output into triples.
#include "loaders/article_extractor.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "loaders/chunker.h"
#include "loaders/coreference.h"
#include "loaders/dates.h"
#include "loaders/normalizer.h"
#include "loaders/persons.h"
#include "loaders/relations.h"
#include "loaders/sentence_splitter.h"
#include "loaders/tokenizer.h"
#include "loaders/triple_builder.h"
#include "util/hash.h"
#include "util/status_macros.h"

namespace quarry::loaders {
namespace {

bool DateInRange(const proto::Date& date, const proto::Date& from, const proto::Date& to) {
  auto key = [](const proto::Date& d) { return d.year() * 10000 + d.month() * 100 + d.day(); };
  // An undated article is taken to be current: only open-ended ranges apply.
  if (date.year() == 0) return to.year() == 0;
  if (key(date) < key(from)) return false;
  return to.year() == 0 || key(date) <= key(to);
}

std::string LabelOf(const Knowledge& knowledge, const std::string& name) {
  const EntityInfo* info = knowledge.FindEntity(name);
  if (info == nullptr) return "Organization";
  switch (info->type) {
    case EntityType::kCountry:
      return "Country";
    case EntityType::kPlace:
      return "Place";
    default:
      return "Organization";
  }
}

// Adds the organization governing a country at the article's date ("Afghanistan" in 2023
// -> "Taliban"), unless the person is a former official.
void ApplyGovernments(const Knowledge& knowledge, const proto::Date& date, PersonEntity* person) {
  for (const Role& role : person->roles) {
    if (absl::StartsWith(absl::AsciiStrToLower(role.text), "former")) return;
  }
  std::vector<std::string> result;
  for (const std::string& affiliation : person->affiliations) {
    bool keep = true;
    for (const GovernmentEntry& government : knowledge.governments()) {
      if (government.country != affiliation || !DateInRange(date, government.from, government.to))
        continue;
      if (std::find(result.begin(), result.end(), government.organization) == result.end()) {
        result.push_back(government.organization);
      }
      keep = government.both;
    }
    if (keep && std::find(result.begin(), result.end(), affiliation) == result.end()) {
      result.push_back(affiliation);
    }
  }
  person->affiliations = std::move(result);
}

// The place of the article's dateline ("NEW DELHI, Nov 7 (PTI) -"): the first sentence
// with a dateline, its first words that the gazetteer knows as a place or country. Empty
// when there is none.
Dateline FindDateline(const Knowledge& knowledge, const std::vector<Token>& tokens,
                      const std::vector<Sentence>& sentences) {
  for (const Sentence& sentence : sentences) {
    if (sentence.body_begin == sentence.token_begin) continue;
    // "(IPW) - ROME, MARCH 14 -": the place after an agency that comes first.
    int begin = sentence.token_begin;
    if (tokens[begin].lower == "(") {
      while (begin < sentence.body_begin && tokens[begin].lower != ")") ++begin;
      begin += 2;
    }
    for (int length = std::min(4, sentence.body_begin - begin); length >= 1; --length) {
      std::string key;
      for (int t = begin; t < begin + length; ++t) {
        if (!key.empty()) key.push_back(' ');
        key += tokens[t].lower;
      }
      const PhraseInfo* info = knowledge.FindPhrase(key);
      if (info == nullptr) continue;
      for (const EntityEntry& entry : info->entities) {
        if (entry.type == EntityType::kCountry) return {entry.target, "Country", entry.target};
        if (entry.type == EntityType::kPlace) {
          const EntityInfo* place = knowledge.FindEntity(entry.target);
          if (place != nullptr && !place->country.empty()) {
            return {entry.target, "Place", place->country};
          }
        }
      }
    }
    return {};
  }
  return {};
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
                                   "crown prince", "head of state",  "head of government"};
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
    const std::vector<Unit>& units = sentences[visit.sentence].units;
    if (std::any_of(units.begin(), units.end(), [&](const Unit& unit) {
          return unit.kind == UnitKind::kPlace && !unit.place_country.empty() &&
                 unit.place_country != country;
        })) {
      continue;
    }
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
    const std::vector<Unit>& units = sentences[fact.sentence].units;
    const bool elsewhere = std::any_of(units.begin(), units.end(), [&](const Unit& unit) {
      return unit.kind == UnitKind::kPlace && !unit.place_country.empty() &&
             unit.place_country != home;
    });
    if (!here && elsewhere) continue;
    if (visitors.count(fact.object_person) > 0) hosts.insert(fact.subject);
    if (visitors.count(fact.subject) > 0) hosts.insert(fact.object_person);
  }
  return hosts;
}

}  // namespace

absl::StatusOr<proto::TripleBatch> ArticleExtractor::Extract(const Article& article,
                                                             const NameResolver* resolver) const {
  QUARRY_ASSIGN_OR_RETURN(NormalizedText normalized, Normalize(article.text, article.format));
  const std::vector<Token> tokens = Tokenize(normalized.text, &knowledge_.abbreviations());
  const std::vector<Sentence> sentences = SplitSentences(tokens, knowledge_);

  // Mentions, sentence by sentence.
  std::vector<AnalyzedSentence> analyzed(sentences.size());
  std::vector<PersonMention> mentions;
  FocusState focus;
  for (size_t s = 0; s < sentences.size(); ++s) {
    AnalyzedSentence& out = analyzed[s];
    out.units = ChunkSentence(tokens, normalized.text, sentences[s], knowledge_);
    size_t first = mentions.size();
    FindPersons(out.units, static_cast<int>(s), sentences[s].headline, knowledge_, &focus,
                &mentions, &out.unit_person);
    for (size_t m = first; m < mentions.size(); ++m) mentions[m].headline = sentences[s].headline;
    out.lower_text = " ";
    for (int t = sentences[s].token_begin; t < sentences[s].token_end; ++t) {
      out.lower_text += tokens[t].lower;
      out.lower_text.push_back(' ');
    }
  }
  std::vector<PersonEntity> people = ResolvePersons(&mentions, resolver);
  const Dateline dateline = FindDateline(knowledge_, tokens, sentences);
  std::vector<RelationFact> facts = FindRelations(analyzed, mentions, people, knowledge_, dateline);
  AddPartyCountries(knowledge_, &people);
  AffiliateHostsAbroad(knowledge_, dateline.country, facts, analyzed, &people);
  if (!dateline.country.empty()) {
    AffiliateWithDatelineCountry(knowledge_, dateline.country, facts, nullptr, &people);
  } else if (const std::string home = ImpliedHomeCountry(knowledge_, facts, people);
             !home.empty()) {
    const std::set<int> hosts = HostsOfVisitors(knowledge_, home, facts, analyzed);
    AffiliateWithDatelineCountry(knowledge_, home, facts, &hosts, &people);
  }
  for (PersonEntity& person : people) ApplyGovernments(knowledge_, article.date, &person);

  // The document.
  proto::Document document;
  document.set_id(ContentHash(article.text));
  document.set_title(article.title);
  document.set_source(article.source);
  if (article.date.year() > 0) *document.mutable_date() = article.date;
  document.set_text(article.text);
  document.set_format(article.format);
  std::vector<std::pair<int, int>> ranges;
  for (const Sentence& sentence : sentences)
    ranges.emplace_back(sentence.token_begin, sentence.token_end);
  TripleBuilder builder(std::move(document), normalized, tokens, std::move(ranges));
  const std::string doc_id = ContentHash(article.text);
  builder.Add(doc_id, ":label", LabelTermOf("Document"), -1, 0, 0, "document", 1.0f);
  if (!article.title.empty())
    builder.Add(doc_id, "title", StringTermOf(article.title), -1, 0, 0, "document", 1.0f);
  if (!article.source.empty())
    builder.Add(doc_id, "source", StringTermOf(article.source), -1, 0, 0, "document", 1.0f);
  if (article.date.year() > 0) {
    proto::Term date;
    *date.mutable_date_value() = article.date;
    builder.Add(doc_id, "date", date, -1, 0, 0, "document", 1.0f);
  }

  // Relations (a planned meeting of a pair that also met is not kept).
  std::set<std::pair<int, int>> met_pairs;
  for (const RelationFact& fact : facts) {
    if (fact.object_person >= 0 && (fact.relation == "met" || fact.relation == "talked_with")) {
      met_pairs.insert(
          {std::min(fact.subject, fact.object_person), std::max(fact.subject, fact.object_person)});
    }
  }
  // People in a relation are emitted even without a title.
  std::set<int> related;
  for (const RelationFact& fact : facts) {
    related.insert(fact.subject);
    if (fact.object_person >= 0) related.insert(fact.object_person);
  }
  // Emit relations with a stable direction per symmetric pair.
  int dated_sentence = -1;
  std::vector<DateMention> dates;
  std::map<std::pair<std::string, std::pair<int, int>>, std::pair<int, int>> direction;
  for (const RelationFact& fact : facts) {
    int subject = fact.subject;
    proto::Term object;
    if (fact.object_person >= 0) {
      std::pair<int, int> pair{std::min(fact.subject, fact.object_person),
                               std::max(fact.subject, fact.object_person)};
      if (fact.relation == "plans_to_meet" && met_pairs.count(pair)) continue;
      // Symmetric relations keep the direction they were first seen in.
      auto key = std::make_pair(
          fact.relation,
          fact.relation == "invited" ? std::make_pair(fact.subject, fact.object_person) : pair);
      auto [it, inserted] =
          direction.emplace(key, std::make_pair(fact.subject, fact.object_person));
      subject = it->second.first;
      object = NodeTermOf(people[it->second.second].name);
    } else {
      object = NodeTermOf(fact.object_name);
      builder.Add(fact.object_name, ":label", LabelTermOf(fact.object_label), fact.sentence,
                  fact.token_begin, fact.token_end, "entity", 0.9f);
      builder.Add(fact.object_name, "mentioned_in", NodeTermOf(doc_id), fact.sentence,
                  fact.token_begin, fact.token_end, "mention", 0.9f);
    }
    const Sentence& sentence = sentences[fact.sentence];
    if (fact.sentence != dated_sentence) {
      dated_sentence = fact.sentence;
      dates = FindDates(tokens, sentence.token_begin, sentence.token_end, article.date);
    }
    const proto::Date* event_date = dates.empty() ? nullptr : &dates.front().date;
    std::string place;
    const std::vector<Unit>& units = analyzed[fact.sentence].units;
    for (size_t u = 1; u < units.size(); ++u) {
      if ((units[u].kind == UnitKind::kPlace || units[u].kind == UnitKind::kCountry) &&
          (units[u - 1].lower == "in" || units[u - 1].lower == "at") &&
          units[u].token_begin >= fact.token_begin) {
        place = units[u].target;
        break;
      }
    }
    builder.Add(people[subject].name, fact.relation, object, fact.sentence, fact.token_begin,
                fact.token_end, fact.rule, fact.confidence, event_date, place);
  }

  // People: labels, mentions, roles, affiliations, aliases.
  for (int p = 0; p < static_cast<int>(people.size()); ++p) {
    const PersonEntity& person = people[p];
    if (!person.strong && !related.count(p)) continue;
    bool first = true;
    for (int m : person.mentions) {
      const PersonMention& mention = mentions[m];
      const std::vector<Unit>& units = analyzed[mention.sentence].units;
      int begin = units[mention.unit_begin].token_begin;
      int end = units[mention.unit_end - 1].token_end;
      if (first)
        builder.Add(person.name, ":label", LabelTermOf("Person"), mention.sentence, begin, end,
                    "entity", 0.9f);
      first = false;
      builder.Add(person.name, "mentioned_in", NodeTermOf(doc_id), mention.sentence, begin, end,
                  "mention", 0.9f);
      if (mention.name_unit < 0) {
        // A title only a title-only mention gives ("Germany's Foreign Minister" for one named
        // without a title): coreference gave it to the person.
        for (const Role& role : mention.roles) {
          const auto held = [&](const Role& other) { return other.title == role.title; };
          if (std::none_of(person.roles.begin(), person.roles.end(), held)) continue;
          bool named = false;
          for (int other : person.mentions) {
            const PersonMention& by_name = mentions[other];
            named = named || (by_name.name_unit >= 0 &&
                              std::any_of(by_name.roles.begin(), by_name.roles.end(), held));
          }
          if (named) continue;
          builder.Add(person.name, "role", StringTermOf(role.text), mention.sentence, begin, end,
                      "role/title", 0.85f);
        }
        continue;
      }
      for (const Role& role : mention.roles) {
        builder.Add(person.name, "role", StringTermOf(role.text), mention.sentence, begin, end,
                    "role/title", 0.85f);
      }
      for (const std::string& affiliation : mention.affiliations) {
        if (std::find(person.affiliations.begin(), person.affiliations.end(), affiliation) ==
            person.affiliations.end())
          continue;
        builder.Add(person.name, "affiliated_with", NodeTermOf(affiliation), mention.sentence,
                    begin, end, "affiliation/title", 0.85f);
      }
    }
    for (const std::string& affiliation : person.affiliations) {
      builder.Add(person.name, "affiliated_with", NodeTermOf(affiliation), -1, 0, 0,
                  "affiliation/derived", 0.7f);
      builder.Add(affiliation, ":label", LabelTermOf(LabelOf(knowledge_, affiliation)), -1, 0, 0,
                  "entity", 0.9f);
    }
    for (const std::string& alias : person.aliases) {
      builder.Add(person.name, "alias", StringTermOf(alias), -1, 0, 0, "alias", 0.8f);
    }
    // The surname is an alias too ("Okafor"), so that a later article naming only the
    // surname resolves to this person through the graph's `names` index when unambiguous.
    const size_t last_space = person.name.rfind(' ');
    if (last_space != std::string::npos && last_space + 1 < person.name.size()) {
      const std::string surname = person.name.substr(last_space + 1);
      if (std::find(person.aliases.begin(), person.aliases.end(), surname) ==
          person.aliases.end()) {
        builder.Add(person.name, "alias", StringTermOf(surname), -1, 0, 0, "alias/surname", 0.6f);
      }
    }
  }

  // Gazetteer entities mentioned: labels, mentions, located_in.
  for (size_t s = 0; s < analyzed.size(); ++s) {
    for (const Unit& unit : analyzed[s].units) {
      std::string label;
      std::string name = unit.target;
      if (unit.kind == UnitKind::kCountry || unit.kind == UnitKind::kDemonym) {
        label = "Country";
      } else if (unit.kind == UnitKind::kPlace && knowledge_.FindEntity(name) != nullptr) {
        label = "Place";
      } else if (unit.kind == UnitKind::kOrganization && knowledge_.FindEntity(name) != nullptr) {
        label = "Organization";
      } else if (unit.kind == UnitKind::kMetonym) {
        label = LabelOf(knowledge_, name);
      }
      if (label.empty() || unit.kind == UnitKind::kDemonym) continue;
      int sentence = static_cast<int>(s);
      builder.Add(name, ":label", LabelTermOf(label), sentence, unit.token_begin, unit.token_end,
                  "entity", 0.9f);
      builder.Add(name, "mentioned_in", NodeTermOf(doc_id), sentence, unit.token_begin,
                  unit.token_end, "mention", 0.9f);
      if (label == "Place" && !unit.place_country.empty()) {
        builder.Add(name, "located_in", NodeTermOf(unit.place_country), sentence, unit.token_begin,
                    unit.token_end, "located_in/gazetteer", 0.9f);
        builder.Add(unit.place_country, ":label", LabelTermOf("Country"), -1, 0, 0, "entity", 0.9f);
      }
    }
  }
  return builder.Finish();
}

}  // namespace quarry::loaders
