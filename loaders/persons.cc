// Persons implementation: a forward title-phrase parser over units.
#include "loaders/persons.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "loaders/words.h"

namespace quarry::loaders {
namespace {

bool IsDeterminer(const Unit& unit) {
  return unit.kind == UnitKind::kWord &&
         (unit.lower == "the" || unit.lower == "a" || unit.lower == "an");
}

// Words for a country's or movement's government ("the Taliban administration's").
const absl::flat_hash_set<std::string>* const kGovernmentWords =
    new absl::flat_hash_set<std::string>({"administration", "government", "regime", "authorities",
                                          "junta", "leadership", "cabinet"});

// Words for a kind of place ("the Romanian city of Giurgiu").
const absl::flat_hash_set<std::string>* const kPlaceKinds =
    new absl::flat_hash_set<std::string>({"city", "town", "province", "region", "state", "county",
                                          "district", "municipality", "village", "port"});

// Last words of a party's or movement's name.
const absl::flat_hash_set<std::string>* const kPartyHeads = new absl::flat_hash_set<std::string>(
    {"party", "movement", "union", "bloc", "alliance", "front", "congress", "league", "convergence",
     "coalition", "rally"});

// First words of party names that many countries share ("the Communist Party").
const absl::flat_hash_set<std::string>* const kGenericPartyWords =
    new absl::flat_hash_set<std::string>(
        {"communist", "democratic", "socialist", "labour", "labor", "liberal", "conservative",
         "green", "greens", "republican", "national", "popular", "progressive", "workers",
         "people's", "social", "christian", "ruling", "opposition"});

// Words that describe a party before its name ("the centre-right Harbour Union").
const absl::flat_hash_set<std::string>* const kPartyDescriptors =
    new absl::flat_hash_set<std::string>(
        {"centre-right", "center-right", "centre-left",       "center-left",
         "centrist",     "ruling",       "governing",         "opposition",
         "main",         "conservative", "liberal",           "leftist",
         "left-wing",    "right-wing",   "far-right",         "far-left",
         "nationalist",  "populist",     "social-democratic", "pro-government",
         "pro-european", "islamist"});

// Words for a part of a country ("the southern Mexican state of Chiapas").
const absl::flat_hash_set<std::string>* const kDirections = new absl::flat_hash_set<std::string>(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
     "south-western"});

// Whether `word` says how someone came to an office: "junta-appointed", "newly-elected".
bool AppointedBy(absl::string_view word) {
  for (absl::string_view suffix :
       {"-appointed", "-installed", "-nominated", "-elected", "-designated", "-backed"}) {
    if (word.size() > suffix.size() && absl::EndsWith(word, suffix)) return true;
  }
  return false;
}

bool IsEntity(const Unit& unit) {
  return unit.kind == UnitKind::kCountry || unit.kind == UnitKind::kDemonym ||
         unit.kind == UnitKind::kOrganization || unit.kind == UnitKind::kMetonym;
}

// Words that end a body's description ("the state company of X", "a firm that ...").
const absl::flat_hash_set<std::string>* const kNotDescriptors =
    new absl::flat_hash_set<std::string>(
        {"of", "at", "with", "and", "for", "in", "on", "by", "to", "from", "who", "which", "that"});

// A parsed title phrase: units [begin, end).
struct TitlePhrase {
  int begin = 0;
  int end = 0;
  std::vector<Role> roles;
  std::vector<std::string> affiliations;
  std::vector<std::string> honorifics;
  bool has_title = false;
  bool plural = false;
  bool starts_with_determiner = false;
  bool visiting = false;  // "the visiting minister"
  bool expert = false;    // the last title is a scholar's or analyst's (kTitleExpert)
  std::string last_title;
};

class PersonReader {
 public:
  PersonReader(const std::vector<Unit>& units, const std::vector<Token>& tokens,
               absl::string_view text, int sentence, bool headline, const Knowledge& knowledge,
               FocusState* focus, std::vector<PersonMention>* mentions,
               std::vector<int>* unit_person)
      : units_(units),
        tokens_(tokens),
        text_(text),
        sentence_(sentence),
        headline_(headline),
        knowledge_(knowledge),
        focus_(focus),
        mentions_(mentions),
        unit_person_(unit_person) {}

  void Run() {
    const int n = static_cast<int>(units_.size());
    const size_t first_mention = mentions_->size();
    covered_.assign(n, -1);
    int i = 0;
    while (i < n) {
      const Unit& unit = units_[i];
      NoteFocus(unit);
      if (unit.kind == UnitKind::kWord && unit.lower != "the" && unit.lower != "a" &&
          unit.lower != "an" && unit.lower != "its") {
        ++i;  // a plain word starts no title phrase (a cheap test: this loop is hot)
        continue;
      }
      if (unit.kind == UnitKind::kPunct) {
        ++i;
        continue;
      }
      TitlePhrase phrase = Parse(i);
      // "his counterpart from China, Foreign Minister Lin Weiming", "the Prime Minister, Head
      // of Government, X": one phrase.
      while (phrase.has_title && phrase.end + 1 < n && units_[phrase.end].lower == ",") {
        TitlePhrase next = Parse(phrase.end + 1);
        const bool named_next =
            next.end < n && (units_[next.end].kind == UnitKind::kName ||
                             (next.has_title && next.end + 1 < n && units_[next.end].lower == "," &&
                              units_[next.end + 1].kind == UnitKind::kName));
        if ((!next.has_title && next.honorifics.empty()) || !named_next) break;
        for (const Role& role : next.roles) phrase.roles.push_back(role);
        for (const std::string& a : next.affiliations) {
          if (std::find(phrase.affiliations.begin(), phrase.affiliations.end(), a) ==
              phrase.affiliations.end()) {
            phrase.affiliations.push_back(a);
          }
        }
        phrase.honorifics.insert(phrase.honorifics.end(), next.honorifics.begin(),
                                 next.honorifics.end());
        phrase.plural = next.plural;
        phrase.end = next.end;
      }
      if (phrase.has_title && phrase.end + 1 < n && units_[phrase.end].lower == "\"" &&
          units_[phrase.end + 1].kind == UnitKind::kName) {
        phrase.end += 1;  // Taliban "foreign minister" Karim Rahmani
      }
      if (int end = AddNamedList(phrase); end > 0) {
        for (int k = phrase.begin; k < end; ++k) NoteFocus(units_[k]);
        i = end;
        continue;
      }
      int name = -1;
      // "the Foreign Ministers' Meeting": a possessive title owns what follows, it names no one.
      const bool owns = phrase.end > i && units_[phrase.end - 1].possessive &&
                        units_[phrase.end - 1].kind == UnitKind::kTitle;
      if (phrase.end > i && phrase.end < n && units_[phrase.end].kind == UnitKind::kName &&
          (phrase.has_title || !phrase.honorifics.empty() || !phrase.affiliations.empty()) &&
          !owns) {
        name = phrase.end;
      } else if (phrase.end > i && phrase.end + 1 < n && units_[phrase.end].lower == "," &&
                 units_[phrase.end + 1].kind == UnitKind::kName && phrase.has_title) {
        name = phrase.end + 1;  // "US Secretary of State, Daniel Whitfield"
      } else if (unit.kind == UnitKind::kName && !(i > 0 && units_[i - 1].lower == "the") &&
                 !PlaceOpening(i)) {
        // A bare name after "the" is a place or body ("according to the Planalto").
        phrase = TitlePhrase{};
        phrase.begin = phrase.end = i;
        name = i;
      }
      if (name >= 0) {
        int end = AddNamed(phrase, name);
        for (int k = phrase.begin; k < end; ++k)
          covered_[k] = static_cast<int>(mentions_->size()) - 1;
        for (int k = phrase.begin; k < end; ++k) NoteFocus(units_[k]);
        i = end;
        continue;
      }
      if (phrase.has_title && phrase.end > i &&
          (phrase.starts_with_determiner || !phrase.affiliations.empty() ||
           !phrase.honorifics.empty())) {
        PersonMention mention;
        mention.sentence = sentence_;
        mention.unit_begin = phrase.begin;
        mention.unit_end = phrase.end;
        mention.roles = phrase.roles;
        mention.affiliations = phrase.affiliations;
        mention.title = phrase.last_title;
        mention.plural = phrase.plural;
        mention.visiting = phrase.visiting;
        mention.determined = phrase.starts_with_determiner;
        mention.possessive = units_[phrase.end - 1].possessive;
        mentions_->push_back(std::move(mention));
        for (int k = phrase.begin; k < phrase.end; ++k)
          covered_[k] = static_cast<int>(mentions_->size()) - 1;
        i = phrase.end;
        continue;
      }
      ++i;
    }
    AssignListedOrigins(first_mention);
    unit_person_->insert(unit_person_->end(), covered_.begin(), covered_.end());
  }

 private:
  // Whether the bare name at unit i opens the sentence as a place: "From Esbjerg, the
  // Commissioner held …", "In Bender, …".
  bool PlaceOpening(int i) const {
    const std::string& opener = units_[0].lower;
    return i == 1 && (opener == "from" || opener == "in" || opener == "at") &&
           i + 1 < static_cast<int>(units_.size()) && units_[i + 1].lower == ",";
  }

  // "his counterparts from Bhutan, Myanmar and Nepal: A, B and C": a plural title with as
  // many countries as the named people after its colon gives them one each, in order, when
  // they have none of their own. `first` is the sentence's first mention.
  void AssignListedOrigins(size_t first) {
    std::vector<PersonMention>& mentions = *mentions_;
    for (size_t m = first; m < mentions.size(); ++m) {
      const PersonMention& group = mentions[m];
      if (!group.plural || group.name_unit >= 0 || group.affiliations.size() < 2 ||
          group.unit_end >= static_cast<int>(units_.size()) ||
          units_[group.unit_end].lower != ":") {
        continue;
      }
      std::vector<size_t> named;
      for (size_t other = m + 1; other < mentions.size(); ++other) {
        if (mentions[other].name_unit >= 0) named.push_back(other);
      }
      if (named.size() != group.affiliations.size()) continue;
      if (std::any_of(named.begin(), named.end(),
                      [&](size_t other) { return !mentions[other].affiliations.empty(); })) {
        continue;
      }
      for (size_t index = 0; index < named.size(); ++index) {
        mentions[named[index]].affiliations = {group.affiliations[index]};
      }
    }
  }

  void NoteFocus(const Unit& unit) {
    if (unit.kind == UnitKind::kOrganization) {
      const EntityInfo* info = knowledge_.FindEntity(unit.target);
      if (info != nullptr && info->org_kind != "media") focus_->organization = info->name;
      if (unit.organ && !unit.organ_country.empty()) focus_->organ_country = unit.organ_country;
    }
  }

  // The number of words at unit `i` that name a portfolio right before a title ("foreign
  // policy" in "foreign policy chief", "climate" in "climate envoy"), or 0: lexicon.tsv's
  // closed class `portfolio`, so that other words between a country and a title ("Russian
  // officials said President X") still end the phrase.
  int PortfolioBeforeTitle(int i) const {
    const int n = static_cast<int>(units_.size());
    int j = i;
    // "Energy and Mines Minister": portfolio words, perhaps joined by "and".
    while (j < n && j < i + 4 &&
           (IsPortfolio(units_[j]) ||
            (j > i && units_[j].lower == "and" && j + 1 < n && IsPortfolio(units_[j + 1])))) {
      ++j;
    }
    return j > i && j < n && units_[j].kind == UnitKind::kTitle ? j - i : 0;
  }

  // Whether `unit` is portfolio words only: a lower-case word, or a capitalized run that
  // the chunker took for a name ("Bangladesh Foreign Adviser", "Commerce Secretary").
  bool IsPortfolio(const Unit& unit) const {
    if (unit.kind != UnitKind::kWord && unit.kind != UnitKind::kName) return false;
    for (absl::string_view word : absl::StrSplit(unit.lower, ' ')) {
      if (!knowledge_.WordHas(word, kPortfolio)) return false;
    }
    return true;
  }

  // The country or organization that a title names in itself ("president of the european
  // commission", "minister of foreign affairs of india"), added to `out`: the last "of" or
  // "for" complement that the knowledge base knows as a country or organization.
  void TitleComplementAffiliation(absl::string_view title, std::vector<std::string>* out) {
    for (size_t at = title.size(); at > 0;) {
      constexpr size_t kNone = absl::string_view::npos;
      const size_t of = title.rfind(" of ", at - 1);
      const size_t for_ = title.rfind(" for ", at - 1);
      size_t cut = 0;
      absl::string_view rest;
      if (of != kNone && (for_ == kNone || of > for_)) {
        cut = of;
        rest = title.substr(of + 4);
      } else if (for_ != kNone) {
        cut = for_;
        rest = title.substr(for_ + 5);
      } else {
        return;
      }
      absl::ConsumePrefix(&rest, "the ");
      if (const PhraseInfo* info = knowledge_.FindPhrase(rest); info != nullptr) {
        for (const EntityEntry& entity : info->entities) {
          if (entity.type == EntityType::kPlace) continue;
          const EntityInfo* known = knowledge_.FindEntity(entity.target);
          if (known != nullptr && known->org_kind == "media") continue;
          if (std::find(out->begin(), out->end(), entity.target) == out->end()) {
            out->push_back(entity.target);
          }
          return;
        }
      }
      at = cut;
    }
  }

  void AddAffiliation(const Unit& unit, std::vector<std::string>* out) {
    std::string target;
    if (unit.kind == UnitKind::kOrganization && unit.organ) {
      // "Turkmen Deputy Chairman of the Cabinet of Ministers": the country already named,
      // not the article's last one.
      if (unit.organ_country.empty() && !out->empty()) return;
      target = unit.organ_country.empty() ? focus_->organ_country : unit.organ_country;
    } else if (unit.kind == UnitKind::kOrganization) {
      const EntityInfo* info = knowledge_.FindEntity(unit.target);
      // Unknown organizations are no affiliation, but for the country named in them
      // ("the Communist Party of Cuba"), or a party or movement named as one ("the Harbour
      // Union", "the Socialist Bloc").
      target = info != nullptr ? info->name : unit.organ_country;
      if (info == nullptr && target.empty() && PartyName(unit.target)) target = unit.target;
    } else if (unit.kind == UnitKind::kGroupRef) {
      target = focus_->organization;
      // "the bank's Country Director": the body in focus when it is a bank ("World Bank").
      const absl::string_view kind =
          absl::string_view(unit.lower).substr(unit.lower.rfind(' ') + 1);
      if (In(kind, {"bank", "fund", "agency"}) &&
          !absl::StrContains(absl::AsciiStrToLower(target), kind)) {
        target.clear();
      }
    } else if (IsEntity(unit)) {
      target = unit.target;
    }
    if (target.empty()) return;
    if (std::find(out->begin(), out->end(), target) == out->end()) out->push_back(target);
  }

  // The unit after what a country's possessive names, from unit j, in a title's complement:
  // its party ("leader of Japan's main opposition X Party", added to `phrase`), or a place
  // or body of its ("the governor of Kyrgyzstan's Batken region, X", "commander of
  // Cambodia's Military Region 5, X"); j when it names none of those.
  int AfterCountrysPart(int j, TitlePhrase* phrase) {
    const int n = static_cast<int>(units_.size());
    int party = j;
    while (party + 1 < n && party < j + 2 && kPartyDescriptors->contains(units_[party].lower)) {
      ++party;
    }
    if (party < n && units_[party].kind == UnitKind::kOrganization &&
        knowledge_.FindEntity(units_[party].target) == nullptr && PartyName(units_[party].target)) {
      AddAffiliation(units_[party], &phrase->affiliations);
      return party + 1;
    }
    if (j + 1 < n && (units_[j].kind == UnitKind::kName || units_[j].kind == UnitKind::kPlace) &&
        units_[j + 1].kind == UnitKind::kWord && kPlaceKinds->contains(units_[j + 1].lower)) {
      return j + 2;
    }
    int part = j;
    while (part < n && part < j + 4 &&
           (units_[part].kind == UnitKind::kName || units_[part].kind == UnitKind::kOrganization ||
            units_[part].kind == UnitKind::kPlace ||
            (units_[part].kind == UnitKind::kWord && absl::ascii_isdigit(units_[part].lower[0])))) {
      ++part;
    }
    // One name alone may be a person's ("the spokesman of Russia's Lavrov, X").
    const bool named = part > j + 1 || (part > j && units_[j].kind != UnitKind::kName);
    return named && part < n && units_[part].lower == "," ? part : j;
  }

  // Whether `name` has a word that names a party or movement ("Harbour Union", "Party of
  // Regional Progress", "Democratic Front for Change"), and is more than a kind of party
  // that many countries have ("Communist Party").
  static bool PartyName(absl::string_view name) {
    const std::vector<std::string> words = absl::StrSplit(absl::AsciiStrToLower(name), ' ');
    // "Congress" opens a legislature's name ("the Congress of Deputies"), ends a party's.
    if (words.size() < 2) return false;
    const bool inside = std::any_of(words.begin(), words.end() - 1, [](const std::string& w) {
      return kPartyHeads->contains(w) && w != "congress";
    });
    if (!inside && !kPartyHeads->contains(words.back())) return false;
    return !(words.size() == 2 && kGenericPartyWords->contains(words.front()));
  }

  // The number of units of a body or region that the gazetteer does not know as an
  // affiliation, at unit k: up to three unknown names, events and places ("Majlis", "Punjab",
  // "Pacific" + "Islands Forum"), not followed by a name (which would be the person's); 0
  // when none.
  int UnknownBodyLength(int k) const {
    const int n = static_cast<int>(units_.size());
    int end = k;
    while (end < n && end < k + 3 &&
           (units_[end].kind == UnitKind::kName || units_[end].kind == UnitKind::kEvent ||
            units_[end].kind == UnitKind::kPlace ||
            // "the Royal Thai Army": a nationality inside a body's name.
            (end > k && units_[end].kind == UnitKind::kDemonym && end + 1 < n &&
             units_[end + 1].kind == UnitKind::kOrganization) ||
            // "the East Asia Division": a body the gazetteer lacks after a region.
            (end > k && units_[end].kind == UnitKind::kOrganization &&
             (!units_[end].organ || units_[end - 1].kind == UnitKind::kDemonym) &&
             knowledge_.FindEntity(units_[end].target) == nullptr))) {
      ++end;
    }
    if (end == k || (end < n && units_[end].kind == UnitKind::kName)) return 0;
    return end - k;
  }

  // The country that a list's possessive opens, for the titled person at unit `begin` who
  // follows its first item: "Indonesia's Foreign Minister, X, and Defence Minister Y".
  void SharedCountry(int begin, std::vector<std::string>* out) const {
    int k = begin - 1;
    if (k < 1 || units_[k].lower != "and") return;
    // The comma of the first item's appositive, its own or the mention's last unit: "and"
    // alone may join a foreign colleague ("China's Foreign Minister X and Secretary Y").
    const bool comma = units_[k - 1].lower == ",";
    if (comma) --k;
    if (mentions_->empty()) return;
    const PersonMention& before = mentions_->back();
    if (before.sentence != sentence_ || before.unit_end != k || before.name_unit < 0) return;
    if (!comma && units_[before.unit_end - 1].lower != ",") return;
    const Unit& opener = units_[before.unit_begin];
    if (!opener.possessive || opener.kind != UnitKind::kCountry) return;
    *out = before.affiliations;
  }

  // The country or body that the person at unit `begin` represents: "Uzbekistan was
  // represented by X", "Mali's military government was represented by X".
  void RepresentedBy(int begin, std::vector<std::string>* out) {
    static const absl::flat_hash_set<std::string>* const kAuxiliaries =
        new absl::flat_hash_set<std::string>({"was", "were", "is", "are", "be", "been"});
    // "by First Deputy …", "by a non-political representative, Permanent Secretary X".
    int k = begin - 1;
    while (k >= 0 && k >= begin - 5 && units_[k].lower != "by" &&
           (units_[k].kind == UnitKind::kWord || units_[k].kind == UnitKind::kTitle ||
            units_[k].kind == UnitKind::kRoleModifier ||
            units_[k].kind == UnitKind::kTitleModifier || units_[k].lower == ",")) {
      --k;
    }
    if (k < 2 || units_[k].lower != "by") return;
    // "was again represented at the summit by".
    int verb = k - 1;
    while (verb >= 1 && verb >= k - 4 && units_[verb].lower != "represented" &&
           units_[verb].kind != UnitKind::kPunct && units_[verb].kind != UnitKind::kPronoun) {
      --verb;
    }
    if (verb < 1 || units_[verb].lower != "represented") return;
    int auxiliary = verb - 1;
    if (auxiliary >= 1 &&
        (units_[auxiliary].lower == "again" || units_[auxiliary].lower == "also" ||
         units_[auxiliary].lower == "only")) {
      --auxiliary;
    }
    if (!kAuxiliaries->contains(units_[auxiliary].lower)) return;
    // Its nearest entity, a few plain words before the verb ("Mali's military government").
    for (int entity = auxiliary - 1; entity >= 0 && entity >= auxiliary - 4; --entity) {
      if (IsEntity(units_[entity])) {
        AddAffiliation(units_[entity], out);
        return;
      }
      if (units_[entity].kind != UnitKind::kWord) return;
    }
  }

  // The body or country whose mission, team or delegation the person at unit `begin` leads
  // ("an IMF mission led by X", "a delegation from the Republic of Mali led by X").
  void LeaderOf(int begin, std::vector<std::string>* out) {
    int k = begin - 1;
    if (k < 2 || units_[k].lower != "by" ||
        (units_[k - 1].lower != "led" && units_[k - 1].lower != "headed")) {
      return;
    }
    k -= 2;
    auto group = [&](int u) {
      return units_[u].lower == "mission" || knowledge_.WordHas(units_[u].lower, kGroupNoun);
    };
    // What qualifies the group: "from the Republic of Mali", "(IMF)".
    for (int skipped = 0; k >= 0 && skipped < 4 && !group(k); ++skipped) --k;
    if (k < 1 || !group(k)) return;
    for (int j = k - 1; j >= 0 && j >= k - 4; --j) {
      if (units_[j].lower == "(" || units_[j].lower == ")" || IsDeterminer(units_[j])) continue;
      if (IsEntity(units_[j])) AddAffiliation(units_[j], out);
      break;
    }
    for (int j = k + 1; out->empty() && j < begin - 2; ++j) {
      if (IsEntity(units_[j])) AddAffiliation(units_[j], out);  // "from the Republic of Mali"
    }
  }

  // Whether a comma and a name follow at unit j, the list not going on: "the mayor of
  // Subotica, Stevan Kovacevic" closes the title with its place, "Minister of Land,
  // Infrastructure and Transport" does not.
  // A rank may stand before the name: "the commander of the brigade, General X".
  bool NameFollows(int j) const {
    const int n = static_cast<int>(units_.size());
    if (j + 1 >= n || units_[j].lower != ",") return false;
    int name = j + 1;
    if (units_[name].kind == UnitKind::kTitle && (units_[name].title_flags & kTitleMilitary)) {
      ++name;
    }
    if (name >= n || units_[name].kind != UnitKind::kName) return false;
    if (name + 1 < n && units_[name + 1].lower == "and") return false;
    return !(name + 2 < n && units_[name + 1].lower == "," &&
             units_[name + 2].kind == UnitKind::kName);
  }

  // Whether unit j is a city or town whose mayor the title after it names ("Halifax Mayor",
  // "Kutaisi's deputy mayor"): a place, or a name the gazetteer lacks, before "mayor".
  bool CityOfMayor(int j) const {
    const int n = static_cast<int>(units_.size());
    if (units_[j].kind != UnitKind::kName && units_[j].kind != UnitKind::kPlace) return false;
    int k = j + 1;
    while (k < n && k <= j + 2 && units_[k].kind == UnitKind::kRoleModifier) ++k;
    return k < n && units_[k].kind == UnitKind::kTitle &&
           (units_[k].lower == "mayor" || units_[k].lower == "lord mayor");
  }

  // The unit of a governor's or premier's title after a place of a known country at unit j
  // and its "State", "Province" or the like ("Lagos State Governor", "Kano Governor"), or j
  // when there is none.
  int ProvincialOffice(int j) const {
    const int n = static_cast<int>(units_.size());
    if (units_[j].kind != UnitKind::kPlace || units_[j].possessive ||
        units_[j].place_country.empty()) {
      return j;
    }
    int k = j + 1;
    if (k < n && units_[k].kind == UnitKind::kName &&
        (units_[k].lower == "state" || units_[k].lower == "province" ||
         units_[k].lower == "region" || units_[k].lower == "county" ||
         units_[k].lower == "governorate" || units_[k].lower == "prefecture")) {
      ++k;
    }
    if (k >= n || units_[k].kind != UnitKind::kTitle) return j;
    const std::string& title = units_[k].lower;
    const bool provincial = absl::StrContains(title, "governor") ||
                            absl::StrContains(title, "premier") || title == "chief minister";
    return provincial ? k : j;
  }

  // Whether `unit` is a name in capitals of one word ("ECLAC"): a body's short form.
  static bool IsAcronym(const Unit& unit) {
    return unit.kind == UnitKind::kName && unit.target.size() >= 2 &&
           std::all_of(unit.target.begin(), unit.target.end(),
                       [](char c) { return c >= 'A' && c <= 'Z'; });
  }

  // The unit after a body's short form in parentheses at unit j ("(EAC)"), or j when none
  // is there.
  int AfterShortForm(int j) const {
    const int n = static_cast<int>(units_.size());
    return j + 2 < n && units_[j].lower == "(" && units_[j + 2].lower == ")" ? j + 3 : j;
  }

  // The text of units [begin, end) as written.
  std::string Surface(int begin, int end) const {
    const uint32_t from = tokens_[units_[begin].token_begin].begin;
    return std::string(text_.substr(from, tokens_[units_[end - 1].token_end - 1].end - from));
  }

  // Whether `unit` may be part of a body's name: a capitalized run of any kind.
  static bool InBodyName(const Unit& unit) {
    return unit.kind == UnitKind::kName || unit.kind == UnitKind::kOrganization ||
           unit.kind == UnitKind::kCountry || unit.kind == UnitKind::kDemonym ||
           unit.kind == UnitKind::kPlace || unit.kind == UnitKind::kEvent ||
           unit.kind == UnitKind::kMetonym;
  }

  // The number of units at `i` that name a scholar's or analyst's field right before their
  // title ("marine" economist, "North Africa" analyst, "maritime law" researcher): up to
  // three lower-case words or names; 0 when no expert's title follows.
  int FieldBeforeExpert(int i) const {
    const int n = static_cast<int>(units_.size());
    int j = i;
    while (j < n && j < i + 3 &&
           ((units_[j].kind == UnitKind::kWord && !IsDeterminer(units_[j]) &&
             absl::ascii_isalpha(units_[j].lower[0]) && units_[j].lower != "and" &&
             units_[j].lower != "of") ||
            units_[j].kind == UnitKind::kName || units_[j].kind == UnitKind::kPlace ||
            units_[j].kind == UnitKind::kCountry) &&
           !units_[j].possessive) {
      ++j;
    }
    return j > i && j < n && units_[j].kind == UnitKind::kTitle &&
                   (units_[j].title_flags & kTitleExpert)
               ? j - i
               : 0;
  }

  // The employer of a scholar or analyst whose title ends at unit `j`: the body after "at"
  // or "with", past a field of study ("a professor of international studies at Korea
  // University", "an analyst with Eurasia Group"), added to `out` as the gazetteer names it
  // or else as written ("the Institute for Strategic Research in Accra": no place).
  // Returns the unit after the body ("the Baltic Policy Institute's Riga branch": its part too), or
  // j when there is none.
  int ExpertEmployer(int j, TitlePhrase* phrase) {
    const int n = static_cast<int>(units_.size());
    int k = j;
    // "Professor X of the University of Macedonia": "of" a body names the employer too.
    const bool of_body = k + 1 < n && units_[k].lower == "of" &&
                         (units_[k + 1].lower == "the" || InBodyName(units_[k + 1]));
    if (!of_body && k < n &&
        (units_[k].lower == "of" || units_[k].lower == "in" || units_[k].lower == "on")) {
      int field = k + 1;
      while (field < n && field < k + 5 && units_[field].kind == UnitKind::kWord &&
             absl::ascii_isalpha(units_[field].lower[0]) && !IsDeterminer(units_[field]) &&
             units_[field].lower != "at" && units_[field].lower != "with") {
        ++field;
      }
      if (field == k + 1) return j;
      if (!phrase->roles.empty()) {
        absl::StrAppend(&phrase->roles.back().text, " ", Surface(k, field));
      }
      k = field;
    }
    if (k >= n || (units_[k].lower != "at" && units_[k].lower != "with" && !of_body)) return j;
    int begin = k + 1;
    if (begin < n && units_[begin].lower == "the") ++begin;
    begin = AfterBodyDescriptor(begin);
    const int after = Employer(begin, &phrase->affiliations);
    return after == begin ? j : after;
  }

  // The unit where a body's name starts after words that describe the body at unit k, or k
  // when none do: "the Lisbon-based consultancy Tejo Risk Partners", "Lima-listed producer
  // Andes Cobre", "state copper company X", "Santiago brokerage X". A description is up to
  // four lower-case words, places and nationalities that ends in "-based", "-listed" or the
  // like, or in a word of business (lexicon.tsv's business_noun) after them.
  int AfterBodyDescriptor(int k) const {
    const int n = static_cast<int>(units_.size());
    int after = k;
    bool compound = false;
    for (int end = k; end < n && end < k + 6; ++end) {
      const Unit& unit = units_[end];
      // "pulp and fiber maker": "and" between the words of the description.
      if (unit.lower == "and" && end > k && end + 1 < n &&
          units_[end - 1].kind == UnitKind::kWord && units_[end + 1].kind == UnitKind::kWord) {
        continue;
      }
      const bool joined =
          absl::EndsWith(unit.lower, "-based") || absl::EndsWith(unit.lower, "-listed") ||
          absl::EndsWith(unit.lower, "-owned") || absl::EndsWith(unit.lower, "-backed") ||
          absl::EndsWith(unit.lower, "-run");
      const bool word = unit.kind == UnitKind::kWord && absl::ascii_isalpha(unit.lower[0]) &&
                        !IsDeterminer(unit) && !knowledge_.WordHas(unit.lower, kSpeechVerb) &&
                        !kNotDescriptors->contains(unit.lower);
      const bool place = unit.kind == UnitKind::kPlace || unit.kind == UnitKind::kCountry ||
                         unit.kind == UnitKind::kDemonym;
      if (!joined && !word && !place) break;
      compound = compound || joined;
      if (joined || (word && (compound || knowledge_.WordHas(unit.lower, kBusinessNoun)))) {
        after = end + 1;
      }
    }
    return after < n && InBodyName(units_[after]) ? after : k;
  }

  // The body whose name starts at unit `begin`, added to `out` as the gazetteer names it or
  // else as written ("the Institute for Strategic Research in Accra": no place). Returns the
  // unit after the body ("the Baltic Policy Institute's Riga branch": its part too), or
  // `begin` when there is none there.
  int Employer(int begin, std::vector<std::string>* out) {
    const int n = static_cast<int>(units_.size());
    // "the King Hussein Centre": a title may open a body's name.
    int end = begin;
    if (end + 1 < n && units_[end].kind == UnitKind::kTitle && !units_[end].target.empty() &&
        absl::ascii_isupper(units_[end].target[0]) && InBodyName(units_[end + 1])) {
      ++end;
    }
    while (end < n && InBodyName(units_[end])) {
      ++end;
      if (units_[end - 1].possessive) break;
      // "of the Philippines", "for Strategic Research", "on Foreign Relations".
      int joined = end;
      while (joined < n && joined < end + 2 && units_[joined].kind == UnitKind::kWord &&
             (units_[joined].lower == "of" || units_[joined].lower == "for" ||
              units_[joined].lower == "on" || units_[joined].lower == "and" ||
              units_[joined].lower == "the" || units_[joined].lower == "&")) {
        ++joined;
      }
      if (joined > end && joined < n && InBodyName(units_[joined])) end = joined;
    }
    if (end == begin) return begin;
    const Unit& first = units_[begin];
    if (end == begin + 1 && (first.kind == UnitKind::kPlace || first.kind == UnitKind::kEvent)) {
      return begin;  // "an analyst at Kyiv": no body
    }
    const bool known = first.kind == UnitKind::kOrganization
                           ? first.organ || knowledge_.FindEntity(first.target) != nullptr
                           : IsEntity(first) && first.kind != UnitKind::kDemonym;
    if (end == begin + 1 && known) {
      AddAffiliation(first, out);
    } else {
      std::string body = Surface(begin, end);
      if (units_[end - 1].possessive && absl::EndsWith(body, "'s")) body.resize(body.size() - 2);
      // A name unit that took in its city: "Beirut-based Levant Policy Centre".
      if (const size_t based = body.find("-based ");
          based != std::string::npos && body.find(' ') == based + 6) {
        body.erase(0, based + 7);
      }
      if (std::find(out->begin(), out->end(), body) == out->end()) out->push_back(body);
    }
    if (units_[end - 1].possessive) {
      // "the Baltic Policy Institute's Riga branch".
      while (end < n && end < begin + 8 &&
             (units_[end].kind == UnitKind::kName || units_[end].kind == UnitKind::kPlace)) {
        ++end;
      }
      if (end < n && units_[end].kind == UnitKind::kWord &&
          absl::ascii_isalpha(units_[end].lower[0])) {
        ++end;
      }
    }
    return AfterShortForm(end);  // "(PISM)"
  }

  // Parses a title phrase starting at unit `i`; phrase.end == i when there is none.
  TitlePhrase Parse(int i) {
    TitlePhrase phrase;
    phrase.begin = phrase.end = i;
    const int n = static_cast<int>(units_.size());
    std::vector<std::string> modifiers;
    int j = i;
    bool foreign = false;
    std::vector<std::string> pending;  // affiliations seen since the last title
    auto commit = [&]() {
      for (const std::string& affiliation : pending) {
        if (std::find(phrase.affiliations.begin(), phrase.affiliations.end(), affiliation) ==
            phrase.affiliations.end()) {
          phrase.affiliations.push_back(affiliation);
        }
      }
      pending.clear();
    };
    if (j < n && units_[j].kind == UnitKind::kWord && units_[j].lower == "its") {
      // "China sent its top diplomat": the last country or organization before.
      for (int k = j - 1; k >= 0; --k) {
        if (IsEntity(units_[k])) {
          AddAffiliation(units_[k], &pending);
          break;
        }
      }
      phrase.starts_with_determiner = true;
      ++j;
    } else if (j < n && (IsDeterminer(units_[j]) ||
                         (units_[j].kind == UnitKind::kPronoun && units_[j].lower != "he" &&
                          units_[j].lower != "she" && units_[j].lower != "him"))) {
      phrase.starts_with_determiner = true;
      ++j;
    }
    while (j < n) {
      const Unit& unit = units_[j];
      if (unit.kind == UnitKind::kRoleModifier) {
        modifiers.push_back(unit.target.empty() ? unit.lower : unit.target);
        ++j;
      } else if (unit.kind == UnitKind::kTitleModifier || unit.lower == "\"") {
        if (unit.lower == "visiting") phrase.visiting = true;
        ++j;
      } else if (unit.lower == "(" && j + 2 < n && units_[j + 2].lower == ")" &&
                 (IsEntity(units_[j + 1]) || units_[j + 1].kind == UnitKind::kName)) {
        j += 3;  // "The European Union's (EU) new President-elect"

      } else if (int field = FieldBeforeExpert(j); field > 0) {
        // "a Sudan analyst at the ECFR": the field, kept in the role, is no affiliation.
        for (int end = j + field; j < end; ++j) {
          modifiers.push_back(units_[j].kind == UnitKind::kWord ? units_[j].lower
                                                                : Surface(j, j + 1));
        }
      } else if (int office = ProvincialOffice(j); office > j) {
        // "Lagos State Governor X", "Western Cape Premier Y": the province's country.
        if (std::find(pending.begin(), pending.end(), unit.place_country) == pending.end()) {
          pending.push_back(unit.place_country);
        }
        j = office;
      } else if (CityOfMayor(j)) {
        // "Halifax Mayor X", "Kutaisi's deputy mayor": a city's office serves its country,
        // when the gazetteer places the city (a city is a place, no affiliation).
        if (!unit.place_country.empty() &&
            std::find(pending.begin(), pending.end(), unit.place_country) == pending.end()) {
          pending.push_back(unit.place_country);
        }
        ++j;
      } else if (IsEntity(unit) && !unit.possessive) {
        AddAffiliation(unit, &pending);
        ++j;
        // "his Romanian and Turkish counterparts, X and Y": nationalities listed before a
        // plural title and its names, one for each name.
        if (unit.kind == UnitKind::kDemonym && j + 2 < n &&
            (units_[j].lower == "and" || units_[j].lower == ",") &&
            units_[j + 1].kind == UnitKind::kDemonym) {
          int title = j + 1;
          while (title < n && (units_[title].kind == UnitKind::kDemonym ||
                               units_[title].lower == "and" || units_[title].lower == ",")) {
            ++title;
          }
          const int named = title + 1 < n && units_[title + 1].lower == "," ? title + 2 : title + 1;
          if (title < n && units_[title].kind == UnitKind::kTitle && units_[title].plural &&
              named < n && units_[named].kind == UnitKind::kName) {
            ++j;
          }
        }
        // "the Taliban administration's deputy minister": the entity's government.
        if (j + 1 < n && units_[j].kind == UnitKind::kWord && units_[j].possessive &&
            kGovernmentWords->contains(units_[j].lower)) {
          ++j;
        }
      } else if (IsEntity(unit) && unit.possessive) {
        AddAffiliation(unit, &pending);
        ++j;
      } else if (unit.kind == UnitKind::kHonorific) {
        phrase.honorifics.push_back(unit.target);
        ++j;
        if (j < n && IsDeterminer(units_[j])) ++j;  // "His Highness the Amir"
      } else if (unit.kind == UnitKind::kTitle && (unit.title_flags & kTitleExpert) &&
                 phrase.has_title && j + 1 < n && units_[j + 1].kind == UnitKind::kName) {
        // "Chief Adviser Professor X": after a title, an academic one is an honorific.
        phrase.honorifics.push_back(unit.target);
        ++j;
      } else if (unit.kind == UnitKind::kTitle) {
        if (unit.plural) phrase.plural = true;
        // "the Chief Adviser's Press Secretary X", "the Secretary-General's Special Envoy":
        // whom the person serves is no title of theirs.
        const bool served =
            unit.possessive && j + 1 < n &&
            (units_[j + 1].kind == UnitKind::kTitle ||
             units_[j + 1].kind == UnitKind::kRoleModifier || PortfolioBeforeTitle(j + 1) > 0);
        if (!(unit.title_flags & kTitleNoRole) && !served) {
          std::string text;
          for (const std::string& modifier : modifiers) {
            absl::StrAppend(&text, absl::AsciiStrToLower(modifier) == "ex" ? "former" : modifier,
                            " ");
          }
          std::string title = unit.target;
          if (unit.plural && !title.empty() && (title.back() == 's' || title.back() == 'S')) {
            title.pop_back();
          }
          absl::StrAppend(&text, title);
          phrase.roles.push_back(Role{text, absl::AsciiStrToLower(title)});
        }
        TitleComplementAffiliation(unit.lower, &pending);
        modifiers.clear();
        phrase.has_title = true;
        phrase.last_title = absl::AsciiStrToLower(unit.target);
        if (unit.plural && !phrase.last_title.empty()) phrase.last_title.pop_back();
        foreign = (unit.title_flags & kTitleForeign) != 0;
        phrase.expert = (unit.title_flags & kTitleExpert) != 0;
        commit();
        ++j;
        phrase.end = j;
        if (unit.title_flags & kTitleExpert) {
          phrase.end = ExpertEmployer(j, &phrase);
          return phrase;
        }
        // Complements: "of China", "of the European Commission", "from Colombia".
        bool had_complement = false;
        bool after_body = false;  // the last complement was a body the gazetteer lacks
        while (j + 1 < n && units_[j].kind == UnitKind::kWord &&
               (units_[j].lower == "of" || units_[j].lower == "for" || units_[j].lower == "from" ||
                units_[j].lower == "to" || units_[j].lower == "representing" ||
                units_[j].lower == "by" || units_[j].lower == "on" || units_[j].lower == "at" ||
                units_[j].lower == "in")) {
          // "ambassador to X", "special representative for X", "ambassador in Lima": the
          // host, not the employer. "Head of the OSCE Mission to Moldova": "to" after a
          // first complement too.
          const bool in = units_[j].lower == "in";
          // "the President of the Republic at the ECOWAS summit": where, not whose.
          if (units_[j].lower == "at" && had_complement) break;
          bool host = (foreign && (units_[j].lower == "to" || units_[j].lower == "for" || in)) ||
                      units_[j].lower == "on" || (units_[j].lower == "to" && had_complement);
          int k = j + 1;
          if (k < n && IsDeterminer(units_[k])) ++k;
          // "leader of the centre-right Harbour Union", "of Japan's main opposition X Party":
          // a party's descriptions before its name.
          for (int words = 0;
               words < 2 && k + 1 < n && kPartyDescriptors->contains(units_[k].lower) &&
               (units_[k + 1].kind == UnitKind::kOrganization ||
                kPartyDescriptors->contains(units_[k + 1].lower));
               ++words) {
            ++k;
          }
          // "of the southern Mexican state of Chiapas": a direction before a nationality.
          if (k + 1 < n && units_[k].kind == UnitKind::kWord &&
              kDirections->contains(units_[k].lower) && IsEntity(units_[k + 1])) {
            ++k;
          }
          // "Minister in the Presidency": "in" names a host or a body, not a place.
          if (in && !host &&
              (k == j + 1 || k >= n || units_[k].kind == UnitKind::kPlace ||
               units_[k].kind == UnitKind::kCountry)) {
            // "a Taliban spokesman in Kabul, X": where the holder sits, before the name.
            if (k == j + 1 && k < n &&
                (units_[k].kind == UnitKind::kPlace || units_[k].kind == UnitKind::kCountry) &&
                NameFollows(k + 1)) {
              j = k + 1;
              phrase.end = j;
            }
            break;
          }
          // "chief executive of Lima-listed producer Andes Cobre", "president of state copper
          // company X": a body described as a business, or any body after a business's
          // officer, is the employer, known or not.
          if (!host && !had_complement && (units_[j].lower == "of" || units_[j].lower == "at") &&
              k < n) {
            const int named = AfterBodyDescriptor(k);
            // "Andes Cobre": a place may open the name.
            const bool unknown_body =
                units_[k].kind == UnitKind::kName || units_[k].kind == UnitKind::kOrganization ||
                (units_[k].kind == UnitKind::kPlace && !units_[k].possessive && k + 1 < n &&
                 units_[k + 1].kind == UnitKind::kName);
            if (named > k || ((unit.title_flags & kTitleCorporate) && unknown_body)) {
              if (const int after = Employer(named, &phrase.affiliations); after > named) {
                j = after;
                phrase.end = j;
                had_complement = true;
                break;
              }
            }
          }
          // "His Highness the Amir from Iraqi Prime Minister X": a nationality or country
          // before another title is that title's.
          // ("the Special Envoy of the UN Secretary-General, X" is the envoy: the body's
          // officer, with no name of theirs, is whom the person serves, below).
          if (k + 1 < n && IsEntity(units_[k]) && units_[k + 1].kind == UnitKind::kTitle &&
              !(units_[k].kind == UnitKind::kOrganization && units_[j].lower == "of" &&
                !units_[k + 1].possessive &&
                !(k + 2 < n && units_[k + 2].kind == UnitKind::kName))) {
            break;
          }
          // "a spokesperson for the Premier, X", "adviser to the President": whom the person
          // serves, no title of theirs.
          if (k > j + 1 && k < n && units_[k].kind == UnitKind::kTitle && !host &&
              (units_[j].lower == "for" || units_[j].lower == "to")) {
            j = k + 1;
            phrase.end = j;
            had_complement = true;
            continue;
          }
          had_complement = true;
          // "Ambassador to Seoul": a host may be a city.
          if (k < n && (IsEntity(units_[k]) || units_[k].kind == UnitKind::kGroupRef ||
                        (host && units_[k].kind == UnitKind::kPlace))) {
            if (!host) AddAffiliation(units_[k], &phrase.affiliations);
            j = k + 1;
            if (j < n && (units_[j].lower == "issues" || units_[j].lower == "affairs")) ++j;
            // "the Personal Envoy for the Moroccan Sahara, X": a nationality's place, when a
            // name follows the comma.
            if (units_[k].kind == UnitKind::kDemonym && j + 2 < n &&
                units_[j].kind == UnitKind::kName && NameFollows(j + 1)) {
              ++j;
            }
            // "the deputy head of the Azerbaijani delegation, Deputy Speaker X".
            if (j + 1 < n && units_[j].kind == UnitKind::kWord &&
                knowledge_.WordHas(units_[j].lower, kGroupNoun) && units_[j + 1].lower == ",") {
              ++j;
            }
            if (units_[k].possessive) j = AfterCountrysPart(j, &phrase);
            // "the mayor of the Romanian city of Giurgiu, X": the place after its kind.
            if (j + 2 < n && units_[j].kind == UnitKind::kWord && units_[j + 1].lower == "of" &&
                kPlaceKinds->contains(units_[j].lower) &&
                (units_[j + 2].kind == UnitKind::kName || units_[j + 2].kind == UnitKind::kPlace)) {
              j += 3;
            }
            j = AfterShortForm(j);  // "of the East African Community (EAC)"
            // "the foreign ministers of Latvia, Lithuania and Estonia": one each.
            while (phrase.plural && !host && j + 1 < n &&
                   (units_[j].lower == "," || units_[j].lower == "and")) {
              int next = j + 1;
              if (units_[j].lower == "," && units_[next].lower == "and" && next + 1 < n) ++next;
              // "from Greenland and the Faroe Islands".
              if (IsDeterminer(units_[next]) && next + 1 < n && IsEntity(units_[next + 1])) ++next;
              if (!IsEntity(units_[next])) break;
              AddAffiliation(units_[next], &phrase.affiliations);
              j = next + 1;
            }
            phrase.end = j;
            // "of the CCP Central Foreign Affairs Commission", "of the Communist Party of
            // Vietnam (CPV) Central Committee To Lam": a trailing organization name.
            while (j < n && (units_[j].kind == UnitKind::kOrganization ||
                             units_[j].kind == UnitKind::kEvent)) {
              if (units_[j].kind == UnitKind::kEvent && j + 1 < n &&
                  units_[j + 1].kind == UnitKind::kName) {
                break;
              }
              ++j;
              phrase.end = j;
            }
            // "a spokesperson for the Department of the Taoiseach, X", "the Office of the
            // President": a body named after an office, no title of the person's.
            if (units_[k].kind == UnitKind::kOrganization && j + 2 < n && units_[j].lower == "of" &&
                units_[j + 1].lower == "the" && units_[j + 2].kind == UnitKind::kTitle &&
                !(j + 3 < n && units_[j + 3].kind == UnitKind::kName)) {
              j += 3;
              phrase.end = j;
            }
            // "executive director of CARICOM IMPACS": a body's acronym after its parent's.
            if (units_[k].kind == UnitKind::kOrganization && j == k + 1 && j < n &&
                IsAcronym(units_[j])) {
              ++j;
              phrase.end = j;
            }
            // "of the Maldives National Defence Force (MNDF)".
            if (j > k + 1 && units_[j - 1].kind == UnitKind::kOrganization) {
              j = AfterShortForm(j);
              phrase.end = j;
            }
            // "of the SADC Panel of Elders": a body's part, named "X of Y".
            if (IsEntity(units_[k]) && j + 2 < n && units_[j].kind == UnitKind::kName &&
                (units_[j + 1].lower == "of" || units_[j + 1].lower == "for") &&
                units_[j + 2].kind == UnitKind::kName) {
              j += 3;
              phrase.end = j;
            }
            // "Special Representative of the African Union Commission Chairperson for
            // Somalia": a title right after a body is its officer's, whom the person serves.
            if (units_[k].kind == UnitKind::kOrganization && j + 1 < n &&
                units_[j].kind == UnitKind::kTitle && !units_[j].possessive &&
                units_[j + 1].kind != UnitKind::kName) {
              phrase.end = ++j;
            }
            // "Head of the UN Support Mission in Libya (UNSMIL)": where the body sits, and
            // its short form.
            if (j + 1 < n && units_[j].lower == "in" &&
                (units_[j + 1].kind == UnitKind::kCountry ||
                 units_[j + 1].kind == UnitKind::kPlace)) {
              j = AfterShortForm(j + 2);
              phrase.end = j;
            }
          } else if (units_[j].lower == "of" && units_[k].kind == UnitKind::kPlace && !host &&
                     k + 1 < n && units_[k + 1].lower == ",") {
            // "The Prefect of Guadeloupe, Mr. X": a place the holder serves, before the name;
            // its country is theirs (a mayor's city is their own office: see CityOfMayor).
            if (!units_[k].place_country.empty() && !absl::StrContains(unit.lower, "mayor") &&
                std::find(phrase.affiliations.begin(), phrase.affiliations.end(),
                          units_[k].place_country) == phrase.affiliations.end()) {
              phrase.affiliations.push_back(units_[k].place_country);
            }
            j = k + 1;
            phrase.end = j;
          } else if (units_[j].lower == "for" && k + 1 < n && units_[k].kind == UnitKind::kPlace &&
                     units_[k + 1].kind == UnitKind::kName &&
                     absl::StrContains(units_[k + 1].target, ' ')) {
            // "Vice President for Southern Africa Claire Ouedraogo": a region is the portfolio
            // ("Minister for Pacific Peoples" is one: the holder's name has words enough).
            j = k + 1;
            phrase.end = j;
          } else if (int body = UnknownBodyLength(k);
                     body > 0 && (k > j + 1 || IsAcronym(units_[k]) || after_body ||
                                  NameFollows(k + body) || NameFollows(k + body + 2))) {
            // "Premier of Newfoundland and Labrador, X": two names joined by "and".
            if (!NameFollows(k + body) && k + body + 1 < n && units_[k + body].lower == "and" &&
                units_[k + body + 1].kind == UnitKind::kName) {
              body += 2;
            }
            // "of the House of Councillors of Japan": after a body, its own complement.
            after_body = true;
            for (int u = k; u < k + body; ++u) {
              if (units_[u].kind == UnitKind::kDemonym)
                AddAffiliation(units_[u], &phrase.affiliations);
            }
            // "Speaker of the Majlis", "Secretary General of the Pacific Islands Forum": a
            // body the gazetteer does not know is part of the title, and no affiliation.
            j = k + body;
            phrase.end = j;
          } else {
            break;
          }
        }
        // "Minister for International Development and the Pacific, X": a portfolio's last
        // words after "and the", up to the name.
        if (j + 2 < n && units_[j].lower == "and" && units_[j + 1].lower == "the") {
          for (int w = j + 2; w < n && w < j + 5; ++w) {
            const Unit& word = units_[w];
            if (word.kind != UnitKind::kPlace && word.kind != UnitKind::kName &&
                !(word.kind == UnitKind::kWord && absl::ascii_isalpha(word.lower[0]))) {
              break;
            }
            if (NameFollows(w + 1)) {
              j = w + 1;
              phrase.end = j;
              break;
            }
          }
        }
        // "the envoy for the Belgrade-Pristina dialogue, X": a complement's last plain words.
        for (int w = j; had_complement && w < n && w < j + 4 && units_[w].kind == UnitKind::kWord &&
                        absl::ascii_isalpha(units_[w].lower[0]);
             ++w) {
          if (NameFollows(w + 1)) {
            j = w + 1;
            phrase.end = j;
            break;
          }
        }
        // "the UN envoy and Ambassador X": a title in lower case, then one capitalized
        // before a name, are two people's.
        // "between the President of the Republic and Premier X": after "between", two.
        const bool between = phrase.begin >= 1 && units_[phrase.begin - 1].lower == "between";
        const bool two_people =
            between || (j + 1 < n && !unit.target.empty() && absl::ascii_islower(unit.target[0]) &&
                        units_[j + 1].kind == UnitKind::kTitle && !units_[j + 1].target.empty() &&
                        absl::ascii_isupper(units_[j + 1].target[0]));
        if (j < n && units_[j].lower == "and" && j + 1 < n && !two_people &&
            (units_[j + 1].kind == UnitKind::kTitle ||
             units_[j + 1].kind == UnitKind::kRoleModifier ||
             units_[j + 1].kind == UnitKind::kTitleModifier || IsEntity(units_[j + 1]))) {
          // "Deputy Prime Minister and Minister of Foreign Affairs"
          int save = j;
          ++j;
          TitlePhrase rest = Parse(j);
          if (rest.has_title) {
            for (Role& role : rest.roles) phrase.roles.push_back(role);
            for (std::string& affiliation : rest.affiliations) {
              if (std::find(phrase.affiliations.begin(), phrase.affiliations.end(), affiliation) ==
                  phrase.affiliations.end()) {
                phrase.affiliations.push_back(affiliation);
              }
            }
            phrase.honorifics.insert(phrase.honorifics.end(), rest.honorifics.begin(),
                                     rest.honorifics.end());
            phrase.last_title = rest.last_title;
            phrase.end = rest.end;
            return phrase;
          }
          j = save;
        }
        if (j < n && units_[j].kind == UnitKind::kHonorific) continue;
        // "Prime Minister the Most Hon. Desmond Whyte"
        if (j + 1 < n && units_[j].lower == "the" && units_[j + 1].kind == UnitKind::kHonorific) {
          ++j;
          continue;
        }
        if (j < n &&
            (units_[j].kind == UnitKind::kTitle || units_[j].kind == UnitKind::kRoleModifier))
          continue;
        return phrase;
      } else if (unit.kind == UnitKind::kOrganization || unit.kind == UnitKind::kGroupRef) {
        AddAffiliation(unit, &pending);
        ++j;
      } else if (unit.kind == UnitKind::kWord && AppointedBy(unit.lower) && j + 1 < n &&
                 (units_[j + 1].kind == UnitKind::kTitle ||
                  units_[j + 1].kind == UnitKind::kRoleModifier)) {
        ++j;  // "Mali's junta-appointed Foreign Minister": how one came to office
      } else if (int portfolio = PortfolioBeforeTitle(j); portfolio > 0) {
        // "EU foreign policy chief", "Kenyan trade envoy": kept in the role, as written; a
        // possessive and the words before it are whose ("the military government's
        // foreign minister").
        const size_t kept = modifiers.size();
        for (int end = j + portfolio; j < end; ++j) {
          if (units_[j].possessive) {
            modifiers.resize(kept);
            continue;
          }
          modifiers.push_back(units_[j].kind == UnitKind::kName ? units_[j].target
                                                                : units_[j].lower);
        }
      } else {
        break;
      }
    }
    // No title: a phrase of honorifics only ("Maulvi") still introduces a name.
    if (!phrase.has_title) {
      // "Estonia's Kaarel Tamm": a country's possessive right before a name.
      const bool possessor = j == i + 1 && j + 1 < n && units_[j].kind == UnitKind::kName &&
                             units_[i].possessive && units_[i].kind == UnitKind::kCountry &&
                             units_[j + 1].kind != UnitKind::kTitle &&
                             units_[j + 1].kind != UnitKind::kName;
      if (!phrase.honorifics.empty() || (possessor && !pending.empty())) {
        phrase.affiliations = pending;
        phrase.end = j;
      } else {
        phrase.end = i;
      }
    } else if (phrase.end < j) {
      // Honorifics after the last title ("Taliban co-founder Mullah").
      phrase.end = j;
    }
    return phrase;
  }

  // "The defence ministers of Latvia and Estonia, X and Y", "Foreign Ministers X and Y": a
  // plural title phrase and a list of names, after a comma or right after it. Each name gets
  // the title, and the affiliations one each in order when they are as many as the names (or
  // the one affiliation when there is one). Returns the unit after the list, or 0 when no
  // such list follows `phrase`.
  int AddNamedList(const TitlePhrase& phrase) {
    const int n = static_cast<int>(units_.size());
    if (!phrase.has_title || !phrase.plural || phrase.end >= n) return 0;
    // "the foreign ministers of the two countries, A and B": the countries are the names'.
    int after = phrase.end;
    if (after + 3 < n && units_[after].lower == "of" && units_[after + 1].lower == "the" &&
        In(units_[after + 2].lower, {"two", "three", "four", "five"}) &&
        In(units_[after + 3].lower, {"countries", "nations", "states", "sides"})) {
      after += 4;
    } else if (after + 2 < n && units_[after].lower == "of" && units_[after + 1].lower == "both" &&
               In(units_[after + 2].lower, {"countries", "nations", "states", "sides"})) {
      after += 3;
    }
    if (after >= n) return 0;
    const int first = units_[after].lower == "," ? after + 1 : after;
    // A name, or one after its country's possessive ("Mali's A"): the name's unit, or -1.
    auto name_at = [&](int j) {
      if (j >= n) return -1;
      if (units_[j].kind == UnitKind::kName) return j;
      if (units_[j].possessive && IsEntity(units_[j]) && j + 1 < n &&
          units_[j + 1].kind == UnitKind::kName) {
        return j + 1;
      }
      return -1;
    };
    auto possessor_of = [&](int name) {
      std::vector<std::string> affiliation;
      if (name > 0 && units_[name - 1].possessive) AddAffiliation(units_[name - 1], &affiliation);
      return affiliation.empty() ? std::string() : affiliation.front();
    };
    const int first_name = name_at(first);
    if (first_name < 0) return 0;
    // Each name, where its mention starts, and the country named right before it ("the
    // presidents of Paraguay, A, and Uruguay, B", "Mali's A"), or "".
    std::vector<int> names = {first_name};
    std::vector<int> begins = {phrase.begin};
    std::vector<std::string> own_affiliations = {possessor_of(first_name)};
    auto add = [&](int name, int begin, std::string affiliation) {
      names.push_back(name);
      begins.push_back(begin);
      own_affiliations.push_back(std::move(affiliation));
    };
    for (int j = first_name + 1; j + 1 < n;) {
      int country = j + 1;
      if (country < n && units_[country].lower == "and") ++country;
      if (units_[j].lower == "," && country + 2 < n && IsEntity(units_[country]) &&
          units_[country + 1].lower == "," && units_[country + 2].kind == UnitKind::kName) {
        std::vector<std::string> affiliation;
        AddAffiliation(units_[country], &affiliation);
        add(country + 2, country, affiliation.empty() ? "" : affiliation.front());
        j = country + 3;
        continue;
      }
      if (units_[j].lower == "and" && name_at(j + 1) >= 0) {
        const int name = name_at(j + 1);
        add(name, j + 1, possessor_of(name));
        break;
      }
      if (units_[j].lower != ",") break;
      if (j + 2 < n && units_[j + 1].lower == "and" && name_at(j + 2) >= 0) {
        const int name = name_at(j + 2);
        add(name, j + 2, possessor_of(name));
        break;
      }
      const int name = name_at(j + 1);
      if (name < 0) break;
      add(name, j + 1, possessor_of(name));
      j = name + 1;
    }
    if (names.size() < 2) return 0;
    const std::vector<std::string>& affiliations = phrase.affiliations;
    int end = 0;
    for (size_t index = 0; index < names.size(); ++index) {
      TitlePhrase single = phrase;
      single.plural = false;
      single.begin = begins[index];
      single.affiliations.clear();
      if (!own_affiliations[index].empty()) {
        single.affiliations.push_back(own_affiliations[index]);
      } else if (index == 0 && !own_affiliations[1].empty() && !affiliations.empty()) {
        single.affiliations.push_back(affiliations.front());
      } else if (affiliations.size() == names.size()) {
        single.affiliations.push_back(affiliations[index]);
      } else if (affiliations.size() == 1) {
        single.affiliations = affiliations;
      }
      end = AddNamed(single, names[index]);
      for (int k = single.begin; k < end; ++k) {
        covered_[k] = static_cast<int>(mentions_->size()) - 1;
      }
    }
    return end;
  }

  // Adds a named mention for name unit `name` with its title phrase; reads an appositive
  // after it. Returns the unit after the mention.
  int AddNamed(const TitlePhrase& phrase, int name) {
    const int n = static_cast<int>(units_.size());
    PersonMention mention;
    mention.sentence = sentence_;
    mention.unit_begin = phrase.begin;
    mention.name_unit = name;
    mention.name = units_[name].target;
    mention.honorifics = phrase.honorifics;
    mention.roles = phrase.roles;
    mention.affiliations = phrase.affiliations;
    mention.strong = phrase.has_title || !phrase.honorifics.empty();
    int end = name + 1;
    // "An International Monetary Fund (IMF) mission led by X": X serves the body.
    if (mention.affiliations.empty()) LeaderOf(phrase.begin, &mention.affiliations);
    if (mention.affiliations.empty() && phrase.has_title) {
      SharedCountry(phrase.begin, &mention.affiliations);
    }
    if (mention.affiliations.empty()) RepresentedBy(phrase.begin, &mention.affiliations);
    // "X's envoy, Y": the possessor.
    if (phrase.begin > 0 && units_[phrase.begin].kind != UnitKind::kName) {
      int before = phrase.begin - 1;
      if (before >= 0 && units_[before].possessive && units_[before].kind == UnitKind::kName) {
        mention.possessor = static_cast<int>(mentions_->size()) - 1;
      }
    }
    // "Professor X of the University of Macedonia": a scholar's employer after the name.
    if (phrase.has_title && phrase.expert && !units_[name].possessive) {
      TitlePhrase employer;
      end = ExpertEmployer(end, &employer);
      for (const std::string& affiliation : employer.affiliations) {
        if (std::find(mention.affiliations.begin(), mention.affiliations.end(), affiliation) ==
            mention.affiliations.end()) {
          mention.affiliations.push_back(affiliation);
        }
      }
    }
    // "Foreign Minister X of Sri Lanka": the titled person's country after the name.
    if (phrase.has_title && end + 1 < n && !units_[name].possessive && units_[end].lower == "of") {
      const int entity = end + 1 + (IsDeterminer(units_[end + 1]) ? 1 : 0);
      if (entity < n && IsEntity(units_[entity])) {
        AddAffiliation(units_[entity], &mention.affiliations);
        end = entity + 1;
      }
    }
    // "According to X, …": what follows may be the clause's subject (see below).
    bool according_to = false;
    for (int k = phrase.begin - 1; k >= 1 && k >= phrase.begin - 3; --k) {
      according_to =
          according_to || (units_[k].lower == "to" && units_[k - 1].lower == "according");
    }
    // Appositive: ", the President of the European Council," / " - a former prime minister -".
    if (end + 1 < n && !headline_ &&
        (units_[end].lower == "," || units_[end].lower == "-" || units_[end].lower == "(") &&
        !units_[name].possessive) {
      TitlePhrase appositive = Parse(end + 1);
      // ", Ghana's Vice President, Mr. Kwabena X", ", Chad's Defence Minister, General X":
      // the title of the next name.
      int next = appositive.end;
      if (next < n && units_[next].lower == ",") ++next;
      while (next < n && units_[next].kind == UnitKind::kHonorific) ++next;
      if (next + 1 < n && units_[next].kind == UnitKind::kTitle &&
          (units_[next].title_flags & kTitleMilitary) && units_[next + 1].kind == UnitKind::kName) {
        ++next;
      }
      bool followed_by_name = next < n && units_[next].kind == UnitKind::kName;
      // "Al-Ghariani, the envoy's first since May": a possessor, no title of X's.
      const bool possessor = appositive.end > 0 &&
                             units_[appositive.end - 1].kind == UnitKind::kTitle &&
                             units_[appositive.end - 1].possessive;
      // "… with President X, the Portuguese minister said": the speaker, not X.
      const bool speaker = appositive.end < n && units_[appositive.end].kind == UnitKind::kWord &&
                           knowledge_.WordHas(units_[appositive.end].lower, kSpeechVerb);
      // "According to X, the President recalled": a definite title and a verb after it are
      // the clause's subject.
      const bool subject = according_to && appositive.starts_with_determiner &&
                           appositive.end < n && units_[appositive.end].kind == UnitKind::kWord &&
                           units_[appositive.end].lower != ",";
      if (appositive.has_title && appositive.end > end + 1 && !followed_by_name && !speaker &&
          !possessor && !subject && !appositive.plural && appositive.honorifics.empty()) {
        for (const Role& role : appositive.roles) mention.roles.push_back(role);
        for (const std::string& affiliation : appositive.affiliations) {
          if (std::find(mention.affiliations.begin(), mention.affiliations.end(), affiliation) ==
              mention.affiliations.end()) {
            mention.affiliations.push_back(affiliation);
          }
        }
        mention.strong = true;
        end = appositive.end;
        // The rest of the appositive up to its closing punctuation ("... in Doha, Qatar,").
        const std::string opener = units_[name + 1].lower;
        const std::string closer = opener == "(" ? ")" : opener;
        int k = end;
        while (k < n && k < end + 10 && units_[k].kind != UnitKind::kName &&
               units_[k].lower != closer && units_[k].lower != "\"" && units_[k].lower != ".") {
          ++k;
        }
        if (k < n && units_[k].lower == closer && k + 2 < n && closer == "," &&
            (units_[k + 1].kind == UnitKind::kCountry || units_[k + 1].kind == UnitKind::kPlace) &&
            units_[k + 2].lower == ",") {
          k += 2;  // "Doha, Qatar,"
        }
        if (k < n && units_[k].lower == closer) end = k + 1;
      }
    }
    if (name + 1 < n && units_[name + 1].kind == UnitKind::kWord &&
        knowledge_.WordHas(units_[name + 1].lower, kSpeechVerb)) {
      mention.strong = true;
    }
    if (!units_[name].possessive) mention.speaks_for = CountryWhoseStanceIsStated(end);
    mention.possessive = units_[name].possessive;
    mention.unit_end = end;
    mentions_->push_back(std::move(mention));
    return end;
  }

  // The country of "<verb> [the continuation of] COUNTRY's [steadfast] <stance>" at unit
  // `i`, right after a person's name: a leader affirming the stance of the country they speak
  // for ("reaffirmed Ethiopia's solidarity", "stressed Qatar's commitment"). Only stances a
  // country holds itself: "reaffirmed Israel's right to ..." is said of others too. "" when
  // there is none.
  std::string CountryWhoseStanceIsStated(int i) const {
    static const absl::flat_hash_set<std::string> kVerbs = {
        "affirmed",   "reaffirmed", "reiterated", "stressed", "underlined", "underscored",
        "emphasized", "emphasised", "conveyed",   "renewed",  "pledged"};
    static const absl::flat_hash_set<std::string> kStances = {
        "commitment", "solidarity", "endeavors",   "endeavours",    "efforts", "position",
        "stance",     "readiness",  "willingness", "determination", "resolve", "keenness"};
    const int n = static_cast<int>(units_.size());
    if (i >= n || units_[i].kind != UnitKind::kWord || !kVerbs.contains(units_[i].lower)) {
      return "";
    }
    // A few plain words may stand between ("the continuation of").
    int k = i + 1;
    while (k < n && k <= i + 4 && units_[k].kind == UnitKind::kWord) ++k;
    if (k >= n || !units_[k].possessive) return "";
    const Unit& country = units_[k];
    std::string target;
    if (country.kind == UnitKind::kCountry) {
      target = country.target;
    } else if (country.kind == UnitKind::kMetonym) {
      const EntityInfo* info = knowledge_.FindEntity(country.target);
      if (info == nullptr || info->type != EntityType::kCountry) return "";
      target = info->name;
    } else {
      return "";
    }
    // "steadfast solidarity", "full and firm commitment".
    for (int m = k + 1; m < n && m <= k + 4; ++m) {
      if (units_[m].kind != UnitKind::kWord) return "";
      if (kStances.contains(units_[m].lower)) return target;
    }
    return "";
  }

  const std::vector<Unit>& units_;
  const std::vector<Token>& tokens_;
  absl::string_view text_;
  int sentence_;
  bool headline_;  // a headline's commas join a list, not an appositive
  const Knowledge& knowledge_;
  FocusState* focus_;
  std::vector<PersonMention>* mentions_;
  std::vector<int>* unit_person_;
  std::vector<int> covered_;  // per unit: the mention that covers it, or -1
};

}  // namespace

void FindPersons(const std::vector<Unit>& units, const std::vector<Token>& tokens,
                 absl::string_view text, int sentence_index, bool headline,
                 const Knowledge& knowledge, FocusState* focus,
                 std::vector<PersonMention>* mentions, std::vector<int>* unit_person) {
  PersonReader(units, tokens, text, sentence_index, headline, knowledge, focus, mentions,
               unit_person)
      .Run();
}

}  // namespace quarry::loaders
