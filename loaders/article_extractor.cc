// ArticleExtractor: composes the stages and turns their output into triples.
#include "loaders/article_extractor.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "loaders/affiliations.h"
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
    // "STATE HOUSE, NAIROBI, 19 January 2026 -": the first words of a part between commas
    // that name a place.
    for (int start = begin; start < sentence.body_begin;) {
      for (int length = std::min(4, sentence.body_begin - start); length >= 1; --length) {
        std::string key;
        for (int t = start; t < start + length; ++t) {
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
      while (start < sentence.body_begin && tokens[start].lower != ",") ++start;
      ++start;
    }
    return {};
  }
  return {};
}

// Whether a sentence plans a further meeting of people who met ("are expected to meet
// again", "the next round", "the two agreed to meet in Doha", "X will host them in May"),
// which a pair's meeting does
// not cancel. Agreeing to meet someone else ("agreed to meet with Z") plans that meeting,
// not theirs.
bool NextMeeting(absl::string_view lower_text) {
  for (absl::string_view words :
       {" again ", " next meeting ", " next round ", " follow-up ", " will host "}) {
    if (absl::StrContains(lower_text, words)) return true;
  }
  return absl::StrContains(lower_text, " agreed to meet ") &&
         !absl::StrContains(lower_text, " agreed to meet with ");
}

// Whether a sentence reports an earlier meeting as such ("They last met in Geneva", "had
// previously met"), which a meeting planned since does not repeat.
bool EarlierMeeting(absl::string_view lower_text) {
  for (absl::string_view words : {" last met ", " previously met ", " first met "}) {
    if (absl::StrContains(lower_text, words)) return true;
  }
  return false;
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
    FindPersons(out.units, tokens, normalized.text, static_cast<int>(s), sentences[s].headline,
                knowledge_, &focus, &mentions, &out.unit_person);
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
  AffiliateFromContext(knowledge_, dateline, facts, analyzed, &people);
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

  // Relations (a planned meeting of a pair that also met is not kept, unless it is another
  // meeting: the next one, or one planned after they "last met"; a call is no meeting).
  std::set<std::pair<int, int>> met_pairs;
  for (const RelationFact& fact : facts) {
    if (fact.object_person >= 0 && fact.relation == "met" &&
        !EarlierMeeting(analyzed[fact.sentence].lower_text)) {
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
      if (fact.relation == "plans_to_meet" && met_pairs.count(pair) &&
          !NextMeeting(analyzed[fact.sentence].lower_text)) {
        continue;
      }
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
