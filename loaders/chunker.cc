// Chunker implementation: longest gazetteer match first, then capitalized runs.
#include "loaders/chunker.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace quarry::loaders {
namespace {

bool IsOrganWord(absl::string_view lower) {
  static const char* kOrgans[] = {"ministry",
                                  "department",
                                  "office",
                                  "government",
                                  "embassy",
                                  "consulate",
                                  "army",
                                  "navy",
                                  "forces",
                                  "police",
                                  "cabinet",
                                  "parliament",
                                  "administration",
                                  "mission",
                                  "military",
                                  "foreign ministry",
                                  "defense ministry",
                                  "defence ministry",
                                  "state department",
                                  "presidency",
                                  "regime",
                                  "authorities"};
  for (const char* organ : kOrgans) {
    if (lower == organ) return true;
  }
  return false;
}

class Chunker {
 public:
  Chunker(const std::vector<Token>& tokens, absl::string_view text, const Sentence& sentence,
          const Knowledge& knowledge)
      : tokens_(tokens), text_(text), sentence_(sentence), knowledge_(knowledge) {}

  std::vector<Unit> Run() {
    units_.reserve(sentence_.token_end - sentence_.body_begin);
    int i = sentence_.body_begin;
    const int end = sentence_.token_end;
    while (i < end) {
      const Token& token = tokens_[i];
      if (token.lower == "'s" && !units_.empty()) {
        units_.back().possessive = true;
        ++i;
        continue;
      }
      if (token.Is(kTokPunct)) {
        Push(UnitKind::kPunct, i, i + 1);
        ++i;
        continue;
      }
      int next = MatchPhrase(i, end);
      if (next > i) {
        i = next;
        continue;
      }
      if (IsPronoun(token.lower)) {
        Push(UnitKind::kPronoun, i, i + 1);
        ++i;
        continue;
      }
      next = MatchName(i, end);
      if (next > i) {
        i = next;
        continue;
      }
      Push(UnitKind::kWord, i, i + 1);
      ++i;
    }
    DashedListsAsCommas();
    return std::move(units_);
  }

 private:
  // "the foreign ministers - Mali's A, Niger's B and C - met": a list of people set off by
  // a pair of dashes reads as one set off by commas.
  void DashedListsAsCommas() {
    auto is_dash = [&](const Unit& unit) {
      return unit.kind == UnitKind::kPunct && (unit.lower == "-" || unit.lower == "--");
    };
    for (size_t open = 0; open < units_.size(); ++open) {
      if (!is_dash(units_[open]) || open == 0) continue;
      int names = 0;
      size_t close = open + 1;
      for (; close < units_.size() && !is_dash(units_[close]); ++close) {
        const Unit& unit = units_[close];
        if (unit.kind == UnitKind::kName) {
          ++names;
        } else if (!(unit.kind == UnitKind::kTitle || unit.kind == UnitKind::kCountry ||
                     unit.kind == UnitKind::kDemonym || unit.kind == UnitKind::kHonorific ||
                     unit.kind == UnitKind::kOrganization || unit.lower == "," ||
                     unit.lower == "and")) {
          break;
        }
      }
      if (close >= units_.size() || !is_dash(units_[close]) || names < 2) continue;
      units_[open].lower = ",";
      units_[close].lower = ",";
      open = close;
    }
  }

  static bool IsPronoun(const std::string& lower) {
    return lower == "he" || lower == "she" || lower == "his" || lower == "her" || lower == "him";
  }

  Unit& Push(UnitKind kind, int begin, int end) {
    Unit unit;
    unit.kind = kind;
    unit.token_begin = begin;
    unit.token_end = end;
    for (int i = begin; i < end; ++i) {
      if (i > begin) unit.lower.push_back(' ');
      unit.lower += tokens_[i].lower;
    }
    units_.push_back(std::move(unit));
    return units_.back();
  }

  std::string Surface(int begin, int end) const {
    return std::string(
        text_.substr(tokens_[begin].begin, tokens_[end - 1].end - tokens_[begin].begin));
  }

  std::string Key(int begin, int end) const {
    std::string key;
    for (int i = begin; i < end; ++i) {
      if (i > begin) key.push_back(' ');
      key += tokens_[i].lower;
    }
    return key;
  }

  // Whether the capitalized run from token i on has a body's head word ("Energy Investment
  // Development Company").
  bool BodyHeadInRun(int i, int end) const {
    for (; i < end && tokens_[i].Is(kTokCap); ++i) {
      if (knowledge_.WordHas(tokens_[i].lower, kOrgHead)) return true;
    }
    return false;
  }

  // Whether `lower` is the plural of a one-word title ("ministers", "deputies").
  bool PluralTitleWord(const std::string& lower) const {
    if (lower.size() < 4 || lower.back() != 's') return false;
    const PhraseInfo* singular = knowledge_.FindPhrase(lower.substr(0, lower.size() - 1));
    return singular != nullptr && (singular->classes & kTitle);
  }

  // True when a capitalized token at `i` is not a known word or phrase start.
  bool UnknownCapital(int i, int end) const {
    if (i >= end) return false;
    const Token& token = tokens_[i];
    if (!token.Is(kTokCap) || token.Is(kTokAllCaps)) return false;
    const PhraseInfo* info = knowledge_.FindPhrase(token.lower);
    if (info != nullptr &&
        (!info->entities.empty() ||
         (info->classes & (kTitle | kHonorific | kCommon | kOrgHead | kPlaceHead | kEventHead |
                           kRoleModifier | kTitleModifier)) != 0)) {
      return false;
    }
    // Nor the start of a longer known phrase ("Foreign Minister").
    std::string key = token.lower;
    for (int j = i + 1; j < end && j < i + knowledge_.max_phrase_words(); ++j) {
      key += " " + tokens_[j].lower;
      if (knowledge_.FindPhrase(key) != nullptr) return false;
    }
    return true;
  }

  bool EntityCaseMatches(const EntityEntry& entry, int begin, int end) const {
    const Token& first = tokens_[begin];
    bool acronym = entry.surface.size() >= 2;
    for (char c : entry.surface) {
      if (absl::ascii_islower(static_cast<unsigned char>(c))) acronym = false;
    }
    if (acronym) return Surface(begin, end) == entry.surface;
    if (first.Is(kTokCap) || first.Is(kTokDigit)) return true;
    // A multi-word phrase may start in lower case when a later word is capitalized
    // ("department of State").
    if (end - begin >= 2) {
      for (int i = begin + 1; i < end; ++i) {
        if (tokens_[i].Is(kTokCap)) return true;
      }
    }
    return false;
  }

  // A title that is also a given name ("Amir") is a title only after a determiner, a
  // country or organization word, or before an honorific.
  bool MaybeNameIsTitle(int end) const {
    if (!units_.empty()) {
      const Unit& previous = units_.back();
      if (previous.possessive) return true;
      if (previous.kind == UnitKind::kCountry || previous.kind == UnitKind::kDemonym ||
          previous.kind == UnitKind::kOrganization || previous.kind == UnitKind::kHonorific ||
          previous.kind == UnitKind::kMetonym) {
        return previous.kind != UnitKind::kHonorific;
      }
      if (previous.lower == "the" || previous.lower == "a" || previous.lower == "an") return true;
    }
    if (end < sentence_.token_end) {
      const PhraseInfo* next = knowledge_.FindPhrase(tokens_[end].lower);
      if (next != nullptr && (next->classes & kHonorific)) return true;
    }
    return false;
  }

  // Matches the longest known phrase at `i`; returns the index after it, or `i`.
  int MatchPhrase(int i, int end) {
    // The lengths at which a known phrase (or a "then-"/plural variant) ends, longest first;
    // prefixes that start no phrase stop the scan early.
    int lengths[16];
    int found = 0;
    {
      int longest = std::min(std::min(knowledge_.max_phrase_words(), end - i), 15);
      // "then-Defense Minister": the phrase is looked up without the prefix.
      size_t prefix = 0;
      for (absl::string_view modifier : {"then-", "ex-", "former-"}) {
        if (absl::StartsWith(tokens_[i].lower, modifier)) prefix = modifier.size();
      }
      std::string key;
      for (int length = 1; length <= longest; ++length) {
        if (length > 1) key.push_back(' ');
        key += tokens_[i + length - 1].lower;
        lengths[found] = length;
        const absl::string_view bare = absl::string_view(key).substr(prefix);
        if (length == 1 || knowledge_.FindPhrase(key) != nullptr ||
            (prefix > 0 && knowledge_.FindPhrase(bare) != nullptr) ||
            (key.size() > 3 && key.back() == 's')) {
          ++found;
        }
        if (!knowledge_.IsPhrasePrefix(key) && !(prefix > 0 && knowledge_.IsPhrasePrefix(bare))) {
          break;
        }
      }
    }
    for (int candidate = found - 1; candidate >= 0; --candidate) {
      const int length = lengths[candidate];
      std::string key = Key(i, i + length);
      std::string prefix_role;
      const PhraseInfo* info = knowledge_.FindPhrase(key);
      if (info == nullptr) {
        // "then-President", "ex-President", "then-Defense Minister": the prefix is a modifier
        // of the title.
        for (const char* prefix : {"then-", "ex-", "former-"}) {
          if (absl::StartsWith(key, prefix)) {
            info = knowledge_.FindPhrase(key.substr(std::string(prefix).size()));
            if (info != nullptr) prefix_role = prefix;
          }
        }
      }
      bool plural = false;
      if (info == nullptr && key.size() > 3 && key.back() == 's') {
        // "the presidents of Argentina": a plural title.
        const PhraseInfo* singular = knowledge_.FindPhrase(key.substr(0, key.size() - 1));
        if (singular != nullptr && (singular->classes & kTitle)) {
          info = singular;
          plural = true;
        }
      }
      if (info == nullptr) continue;
      const int stop = i + length;
      // Entities.
      const EntityEntry* best = nullptr;
      for (const EntityEntry& entry : info->entities) {
        if (!EntityCaseMatches(entry, i, stop)) continue;
        if (best == nullptr || static_cast<int>(entry.type) < static_cast<int>(best->type))
          best = &entry;
      }
      if (best != nullptr) {
        // "Victoria Nuland": a one-word city followed by an unknown capitalized word is a name.
        bool after_preposition =
            !units_.empty() && (units_.back().lower == "to" || units_.back().lower == "in" ||
                                units_.back().lower == "of" || units_.back().lower == "from" ||
                                units_.back().lower == "at" || units_.back().lower == "for" ||
                                // "for the Mediterranean Lotte X", not "the Sichuan Energy
                                // Investment Company": no body's head follows.
                                (units_.back().lower == "the" && !BodyHeadInRun(stop, end)));
        if (length == 1 && best->type == EntityType::kPlace && !after_preposition &&
            prefix_role.empty() && UnknownCapital(stop, end) && !tokens_[i].Is(kTokAllCaps)) {
          return i;
        }
        // "Queen Sofia", "Princess Victoria": a one-word town right after a title is a name
        // (not a region: "Supreme Allied Commander Europe").
        const EntityInfo* town =
            best->type == EntityType::kPlace ? knowledge_.FindEntity(best->target) : nullptr;
        if (length == 1 && town != nullptr && !town->country.empty() && !units_.empty() &&
            units_.back().kind == UnitKind::kTitle && !units_.back().possessive &&
            !units_.back().plural && prefix_role.empty() && !tokens_[i].Is(kTokAllCaps) &&
            !(stop < end && (tokens_[stop].lower == "'s" || tokens_[stop].lower == "-"))) {
          return i;
        }
        UnitKind kind = UnitKind::kPlace;
        switch (best->type) {
          case EntityType::kCountry:
            kind = UnitKind::kCountry;
            break;
          case EntityType::kDemonym:
            kind = UnitKind::kDemonym;
            break;
          case EntityType::kOrganization:
            kind = UnitKind::kOrganization;
            break;
          case EntityType::kMetonym:
            kind = UnitKind::kMetonym;
            break;
          case EntityType::kPlace:
            kind = UnitKind::kPlace;
            break;
        }
        Unit& unit = Push(kind, i, stop);
        unit.target = best->target;
        if (kind == UnitKind::kPlace) {
          const EntityInfo* place = knowledge_.FindEntity(best->target);
          if (place != nullptr) unit.place_country = place->country;
        }
        if (kind == UnitKind::kOrganization && IsOrganWord(absl::AsciiStrToLower(best->target))) {
          unit.organ = true;
        }
        return stop;
      }
      if (info->classes & kTitle) {
        // "counterparts", listed as a title of its own, is still the plural of one.
        if (!plural && key.size() > 3 && key.back() == 's') {
          const PhraseInfo* singular = knowledge_.FindPhrase(key.substr(0, key.size() - 1));
          plural = singular != nullptr && (singular->classes & kTitle);
        }
        if ((info->title_flags & kTitleMaybeName) && tokens_[i].Is(kTokCap) &&
            !MaybeNameIsTitle(stop)) {
          continue;
        }
        // "Gen Z", "Gen X": a generation, not a rank before a one-letter name.
        const bool before_name = UnknownCapital(stop, end) && tokens_[stop].lower.size() > 1;
        if ((info->title_flags & kTitleBeforeName) && !(tokens_[i].Is(kTokCap) && before_name)) {
          continue;
        }
        // "its Official Security Assistance program": capitalized inside a sentence, a name's.
        if ((info->title_flags & kTitleOnlyBeforeName) &&
            (!before_name || (tokens_[i].Is(kTokCap) && i > sentence_.body_begin))) {
          continue;
        }
        // "PM Modi", "FM Wang", "MEP": a short abbreviated title is written in capitals
        // ("at 5 pm" names no one), unless it is a capitalized rank before a name ("Gen X").
        if (length == 1 && key.size() <= 3 && !(info->title_flags & kTitleBeforeName) &&
            (!tokens_[i].Is(kTokAllCaps) ||
             // "10:05 AM IST", "the PM House": a time, or a body's or place's name.
             (i > sentence_.body_begin && tokens_[i - 1].Is(kTokDigit)) ||
             (stop < end && (tokens_[stop].Is(kTokAllCaps) || tokens_[stop].lower == "house" ||
                             knowledge_.WordHas(tokens_[stop].lower, kOrgHead | kPlaceHead))))) {
          continue;
        }
        // "at the General Secretariat", "the General Command", "the Kings Road", "at the
        // General Headquarters": a title word and one organization head (or a place head,
        // after a plural or "the") name a body or place, not a titled person ("President
        // Park" stays one).
        const bool after_the = i > sentence_.body_begin && tokens_[i - 1].lower == "the";
        // A rank before a body's head names the body even when a name follows ("the
        // ministry's General Diwan Mahmoud X"): no one is "General Diwan".
        if (stop < end && tokens_[stop].Is(kTokCap) &&
            knowledge_.WordHas(tokens_[stop].lower,
                               plural || after_the ? kOrgHead | kPlaceHead : kOrgHead) &&
            (!(stop + 1 < end && tokens_[stop + 1].Is(kTokCap)) ||
             (info->title_flags & kTitleMilitary))) {
          continue;
        }
        // "the General Cooperation Agreement", "the King Abdullah Financial District": a title
        // that opens a capitalized run ending in a body's, place's or event's head names no
        // one (after a title other than a rank, a run of three: "Minister Jin Park" is a name).
        {
          int run = stop;
          while (run < end && run < stop + 4 && tokens_[run].Is(kTokCap)) ++run;
          const bool named_before_head =
              run > stop + 2 || ((info->title_flags & kTitleMilitary) && run > stop);
          if (named_before_head &&
              knowledge_.WordHas(tokens_[run - 1].lower, kOrgHead | kPlaceHead | kEventHead)) {
            continue;
          }
        }
        // A lower-case title word inside a capitalized run of an organization name
        // ("Sichuan Energy ... Company") is not reached here; "General Assembly" is an
        // organization above.
        if (!prefix_role.empty()) {
          Unit& modifier = Push(UnitKind::kRoleModifier, i, i);
          modifier.lower = prefix_role == "then-" ? "then" : "former";
          modifier.kind =
              prefix_role == "then-" ? UnitKind::kTitleModifier : UnitKind::kRoleModifier;
        }
        const int title_end = AfterPortfolio(stop, end);
        Unit& unit = Push(UnitKind::kTitle, i, title_end);
        unit.title_flags = info->title_flags;
        unit.plural = plural;
        unit.target = prefix_role.empty() ? Surface(i, title_end)
                                          : Surface(i, title_end).substr(prefix_role.size());
        if (!prefix_role.empty()) unit.lower = unit.lower.substr(prefix_role.size());
        if (!info->canonical.empty() && title_end == stop) {
          unit.target = info->canonical;
          unit.lower = absl::AsciiStrToLower(info->canonical);
        }
        return title_end;
      }
      if ((info->classes & kHonorific) && tokens_[i].Is(kTokCap)) {
        Push(UnitKind::kHonorific, i, stop).target = Surface(i, stop);
        return stop;
      }
      // "the Organisation of Islamic Cooperation", "the Movement for Democratic Change": a
      // capitalized group word with a complement is the start of a name, not "the group".
      if ((info->classes & kGroupRef) && tokens_[stop - 1].Is(kTokCap) && stop + 1 < end &&
          (tokens_[stop].lower == "of" || tokens_[stop].lower == "for") &&
          tokens_[stop + 1].Is(kTokCap)) {
        continue;
      }
      if (info->classes & kGroupRef) {
        Push(UnitKind::kGroupRef, i, stop);
        return stop;
      }
      if (length == 1 && (info->classes & kRoleModifier)) {
        Push(UnitKind::kRoleModifier, i, stop).target = Surface(i, stop);
        return stop;
      }
      if (info->classes & kTitleModifier) {
        if (length == 1 && tokens_[i].Is(kTokCap) && UnknownCapital(stop, end)) return i;
        Push(UnitKind::kTitleModifier, i, stop);
        return stop;
      }
      if (length == 1 && IsOrganWord(key) && !units_.empty() &&
          (units_.back().kind == UnitKind::kDemonym ||
           (units_.back().kind == UnitKind::kCountry && units_.back().possessive))) {
        Unit& unit = Push(UnitKind::kOrganization, i, stop);
        unit.target = Surface(i, stop);
        unit.organ = true;
        unit.organ_country = units_[units_.size() - 2].target;
        return stop;
      }
    }
    return i;
  }

  // The token after a portfolio that completes a title ending before token `i` ("Minister"
  // + "of Trade and Industry", "Secretary" + "for the Interior"), or `i` when none does:
  // after a title whose head takes a portfolio, "of" or "for", an optional "the", then words
  // of lexicon.tsv's class `portfolio` (each may follow a nationality or a capitalized word:
  // "for European Affairs"), joined by "and", "&" or a comma, not continued by an
  // organization's head word ("Secretary of the Economic Council" names a body). A title
  // that ends in a portfolio may go on after a comma or "and" the same way.
  int AfterPortfolio(int i, int end) const {
    if (i + 1 >= end) return i;
    static constexpr absl::string_view kHeads[] = {
        "minister",
        "secretary",
        "commissioner",
        "state",
        "delegate",
        "minister-delegate",
        "undersecretary",
        "under-secretary",
        "envoy",
        "adviser",
        "advisor",
        "czar",
        "tsar",
        "secretary-general",
        "under-secretary-general",
        "director-general",
        "director",
        "representative",
        "coordinator",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "vice-president",
    };
    auto is_head = [](absl::string_view word) {
      return std::find(std::begin(kHeads), std::end(kHeads), word) != std::end(kHeads);
    };
    int j = i + 1;
    // "Minister Delegate in charge of Regional Cooperation"
    const bool in_charge = i + 3 < end && tokens_[i].lower == "in" &&
                           tokens_[i + 1].lower == "charge" && tokens_[i + 2].lower == "of";
    if (tokens_[i].lower == "of" || tokens_[i].lower == "for" || in_charge) {
      if (!is_head(tokens_[i - 1].lower)) return i;
      if (in_charge) j = i + 3;
      if (tokens_[j].lower == "the") ++j;
    } else if ((tokens_[i].lower == "," || tokens_[i].lower == "and") &&
               knowledge_.WordHas(tokens_[i - 1].lower, kPortfolio)) {
      // A title that ends in a portfolio lists more: "Minister of Foreign Affairs, African
      // Cooperation and Moroccan Expatriates".
    } else {
      return i;
    }
    int portfolio_end = i;
    while (j < end && PortfolioAt(j, end) > 0) {
      // "for European Affairs", "for EU Affairs", "African Cooperation".
      portfolio_end = j = j + PortfolioAt(j, end);
      if (j + 1 < end &&
          (tokens_[j].lower == "and" || tokens_[j].lower == "&" || tokens_[j].lower == ",") &&
          PortfolioAt(j + 1, end) > 0) {
        ++j;
      }
    }
    if (portfolio_end < end && knowledge_.WordHas(tokens_[portfolio_end].lower, kOrgHead)) {
      return i;
    }
    // "Prime Minister of the Government of National Unity": a body's name, not a portfolio.
    if (portfolio_end + 1 < end && tokens_[portfolio_end].lower == "of" &&
        knowledge_.WordHas(tokens_[portfolio_end - 1].lower, kOrgHead)) {
      return i;
    }
    return portfolio_end;
  }

  // "the Republic of Moldova", "the Sultanate of Oman": a capitalized run [i, j) ending in a
  // word for a state, then "of" and a country, pushed as that country. Returns the token
  // after it, or 0 when there is none.
  int StateFormLength(int i, int j, int end) {
    // "the People's Republic of Bangladesh": the possessive inside the state's name.
    if (j == i + 1 && i + 3 < end && tokens_[i].lower == "people" && tokens_[i + 1].lower == "'s" &&
        tokens_[i + 2].lower == "republic") {
      j = i + 3;
    }
    static const absl::flat_hash_set<std::string>* const kStates =
        new absl::flat_hash_set<std::string>({"republic", "kingdom", "sultanate", "emirate",
                                              "principality", "state", "federation", "commonwealth",
                                              "confederation"});
    if (j + 1 >= end || !kStates->contains(tokens_[j - 1].lower) || tokens_[j].lower != "of") {
      return 0;
    }
    int k = j + 1;
    if (tokens_[k].lower == "the") ++k;
    const int country = CountryLength(k, end);
    if (country == 0) return 0;
    const PhraseInfo* info = knowledge_.FindPhrase(Key(k, k + country));
    for (const EntityEntry& entry : info->entities) {
      if (entry.type != EntityType::kCountry) continue;
      Unit& unit = Push(UnitKind::kCountry, i, k + country);
      unit.target = entry.target;
      return k + country;
    }
    return 0;
  }

  // The country that tokens [i, j) name (CountryLength found them).
  std::string CountryTarget(int i, int j) const {
    const PhraseInfo* info = knowledge_.FindPhrase(Key(i, j));
    for (const EntityEntry& entry : info->entities) {
      if (entry.type == EntityType::kCountry) return entry.target;
    }
    return "";
  }

  // The number of tokens at `i` that name a country (the longest, up to four), or 0.
  int CountryLength(int i, int end) const {
    std::string key;
    int found = 0;
    for (int length = 1; length <= 4 && i + length <= end; ++length) {
      if (length > 1) key.push_back(' ');
      key += tokens_[i + length - 1].lower;
      const PhraseInfo* info = knowledge_.FindPhrase(key);
      if (info == nullptr) continue;
      for (const EntityEntry& entry : info->entities) {
        if (entry.type == EntityType::kCountry) found = length;
      }
    }
    return found;
  }

  // The number of tokens of a portfolio at token i: a portfolio word, after up to two words
  // that qualify it ("European Affairs", "East African Cooperation"); 0 when none starts there.
  int PortfolioAt(int i, int end) const {
    for (int qualifiers = 0; qualifiers <= 2 && i + qualifiers < end; ++qualifiers) {
      if (qualifiers > 0 && !QualifiesPortfolio(i + qualifiers - 1)) return 0;
      if (knowledge_.WordHas(tokens_[i + qualifiers].lower, kPortfolio)) return qualifiers + 1;
    }
    return 0;
  }

  // Whether token i may qualify the portfolio word after it inside a title: a nationality,
  // country or body, or another capitalized word ("European Affairs", "African
  // Cooperation", "Moroccan Expatriates").
  bool QualifiesPortfolio(int i) const {
    if (tokens_[i].Is(kTokCap)) return true;
    const PhraseInfo* info = knowledge_.FindPhrase(tokens_[i].lower);
    return info != nullptr && !info->entities.empty();
  }

  // Whether token i + 1, a country's one-word name, is the family name of the given name at
  // i: after a title, an honorific or a comma, and before no other capitalized word or "'s"
  // ("Envoy on Myanmar, Lucia Montenegro", "Minister Rania Jordan").
  bool CountrySurname(int i, int end) const {
    const int next = i + 1;
    if (next >= end || !tokens_[next].Is(kTokCap) || tokens_[next].Is(kTokAllCaps) ||
        CountryLength(next, end) != 1) {
      return false;
    }
    if (next + 1 < end && (tokens_[next + 1].Is(kTokCap) || tokens_[next + 1].lower == "'s")) {
      return false;
    }
    const bool after_comma = i > sentence_.body_begin && tokens_[i - 1].lower == ",";
    const bool titled =
        !units_.empty() && !units_.back().possessive &&
        (units_.back().kind == UnitKind::kTitle || units_.back().kind == UnitKind::kHonorific);
    return after_comma || titled;
  }

  // Whether `word` (lower case), an honorific before a name, is also a family name that
  // ends one ("Nor Azman Hafiz", "Hassan Sheikh").
  static bool NameFinalHonorific(absl::string_view word) {
    static constexpr absl::string_view kWords[] = {"hafiz",  "haji",  "hajji", "sheikh",
                                                   "shaikh", "sheik", "sayed", "sayyed",
                                                   "sayyid", "begum", "awang", "qari"};
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
  }

  bool IsParticle(int i) const {
    return i < sentence_.token_end && tokens_[i].Is(kTokLowerStart) &&
           knowledge_.WordHas(tokens_[i].lower, kNameParticle);
  }

  // After particles starting at `i`: the index of the capitalized word they lead to, or -1.
  int ParticleTarget(int i) const {
    int j = i;
    while (IsParticle(j)) ++j;
    const int end = sentence_.token_end;
    if (j == i || j >= end) return -1;
    // "Yusof bin Haji Ismail": an honorific between the particle and the name.
    if (tokens_[j].Is(kTokCap) && knowledge_.WordHas(tokens_[j].lower, kHonorific) &&
        UnknownCapital(j + 1, end)) {
      return j + 1;
    }
    // "Hamoud bin Said", "Khalid bin Mohammed Al Attiyah": after "bin", "bint" or "ibn" a
    // capitalized common word is a father's name.
    const std::string& particle = tokens_[j - 1].lower;
    if ((particle == "bin" || particle == "bint" || particle == "ibn") && tokens_[j].Is(kTokCap) &&
        !tokens_[j].Is(kTokAbbrev) && j + 1 < end && tokens_[j + 1].Is(kTokCap) &&
        knowledge_.WordHas(tokens_[j].lower, kCommon | kSpeechVerb)) {
      return j;
    }
    return UnknownCapital(j, end) ? j : -1;
  }

  // Whether `token` is a lower-case particle joined by a hyphen to a name: "al-Mansour",
  // "bin-Khalid".
  bool JoinedParticle(const Token& token) const {
    const size_t hyphen = token.lower.find('-');
    return !token.Is(kTokCap) && hyphen != std::string::npos && hyphen <= 3 &&
           knowledge_.WordHas(token.lower.substr(0, hyphen), kNameParticle);
  }

  // Whether `token` is a particle written together with the capitalized name it leads to:
  // "deBrum-Anjain", "diMarco", "vanHeerden".
  bool CamelParticle(const Token& token) const {
    if (token.Is(kTokCap)) return false;
    size_t prefix = 0;
    while (prefix < token.lower.size() && prefix < 4 &&
           absl::ascii_islower(static_cast<unsigned char>(text_[token.begin + prefix]))) {
      ++prefix;
    }
    return prefix >= 2 && prefix <= 3 && prefix + 1 < token.lower.size() &&
           absl::ascii_isupper(static_cast<unsigned char>(text_[token.begin + prefix])) &&
           knowledge_.WordHas(token.lower.substr(0, prefix), kNameParticle);
  }

  bool NameToken(int i, int end) const {
    if (i >= end) return false;
    const Token& token = tokens_[i];
    if (token.Is(kTokInitial)) return true;
    if (JoinedParticle(token) || CamelParticle(token)) return true;
    if (!token.Is(kTokCap)) return false;
    // "St." inside a name, before its next part: "Kendall St. Rose".
    if (token.Is(kTokAbbrev)) {
      return knowledge_.WordHas(token.lower, kNameAbbreviation) ||
             (token.lower == "st." && i + 1 < end && tokens_[i + 1].Is(kTokCap) &&
              !tokens_[i + 1].Is(kTokAbbrev));
    }
    const PhraseInfo* info = knowledge_.FindPhrase(token.lower);
    if (info == nullptr) return true;
    if (info->classes & (kCommon | kHonorific | kTitleModifier | kRoleModifier)) return false;
    if ((info->classes & kTitle) && !(info->title_flags & kTitleMaybeName)) return false;
    for (const EntityEntry& entry : info->entities) {
      if (entry.type == EntityType::kCountry || entry.type == EntityType::kDemonym) return false;
    }
    // "at Unity Palace Foreign Minister X": a word that opens a title ends the name before.
    std::string key = token.lower;
    for (int j = i + 1; j < end && j < i + 3; ++j) {
      key += " " + tokens_[j].lower;
      const PhraseInfo* phrase = knowledge_.FindPhrase(key);
      if (phrase != nullptr && (phrase->classes & kTitle)) return false;
    }
    return true;
  }

  // A run of capitalized words (with particles and initials inside) at `i`.
  int MatchName(int i, int end) {
    const Token& first = tokens_[i];
    bool particle_start = false;
    // "al-Ubaidi" alone: a particle joined to a capitalized name opens one.
    const size_t after_hyphen = first.begin + first.lower.find('-') + 1;
    const bool joined_particle =
        (JoinedParticle(first) && after_hyphen < text_.size() &&
         absl::ascii_isupper(static_cast<unsigned char>(text_[after_hyphen]))) ||
        CamelParticle(first);
    if (!first.Is(kTokCap) && !joined_particle) {
      int target = ParticleTarget(i);
      if (target < 0) return i;
      bool weak = first.lower == "de" || first.lower == "la" || first.lower == "le" ||
                  first.lower == "el" || first.lower == "do" || first.lower == "da" ||
                  first.lower == "di" || first.lower == "du";
      if (weak && target == i + 1) {
        if (units_.empty() || (units_.back().kind != UnitKind::kTitle &&
                               units_.back().kind != UnitKind::kHonorific)) {
          return i;
        }
      }
      particle_start = true;
    } else {
      const PhraseInfo* info = knowledge_.FindPhrase(first.lower);
      // A common word opens a name only right after a title or honorific and before another
      // name word ("Foreign Minister U Than Htike Aung", "Prime Minister Will Smith").
      // Also after "TITLE," ("Minister of Foreign Affairs, Said Mbae").
      const size_t size = units_.size();
      const bool after_comma =
          size >= 2 && units_[size - 1].lower == "," && units_[size - 2].kind == UnitKind::kTitle;
      const bool titled = size > 0 && !units_.back().possessive && !sentence_.headline &&
                          (units_.back().kind == UnitKind::kTitle ||
                           units_.back().kind == UnitKind::kHonorific || after_comma);
      if (info != nullptr && (info->classes & kHonorific)) return i;
      // "the Foreign Ministers' Meeting": an event's head word names no one.
      if (info != nullptr && (info->classes & kEventHead)) return i;
      // "Welcoming Sekiguchi, Khiem said", "Taking part in the meeting were": a participle
      // opening the sentence (a short one when a lower-case word other than a verb of
      // saying follows).
      if (i == sentence_.body_begin && absl::EndsWith(first.lower, "ing") &&
          !first.Is(kTokAllCaps) &&
          (first.lower.size() >= 7 ||
           (first.lower.size() >= 6 && i + 1 < end && tokens_[i + 1].Is(kTokLowerStart) &&
            !knowledge_.WordHas(tokens_[i + 1].lower, kSpeechVerb)))) {
        return i;
      }
      if (info != nullptr && (info->classes & kCommon) &&
          !(titled && !first.Is(kTokAllCaps) && NameToken(i + 1, end))) {
        return i;
      }
      if (first.Is(kTokAbbrev) && !first.Is(kTokInitial) &&
          !knowledge_.WordHas(first.lower, kNameAbbreviation)) {
        return i;
      }
    }
    int j = i + 1;
    if (particle_start) j = ParticleTarget(i) + 1;
    if (!sentence_.headline) {
      while (j < end) {
        if (NameToken(j, end)) {
          ++j;
        } else if (IsParticle(j) && ParticleTarget(j) > 0) {
          j = ParticleTarget(j) + 1;
        } else if (tokens_[j].Is(kTokCap) && !tokens_[j].Is(kTokAbbrev) &&
                   knowledge_.WordHas(tokens_[j].lower, kHonorific) && NameToken(j + 1, end)) {
          ++j;  // "Hassan Sheikh Mohamud": an honorific word between names is part of the name
        } else if (j == i + 1 && !particle_start && CountrySurname(i, end)) {
          ++j;  // "the UN Special Envoy on Myanmar, Lucia Montenegro"
          break;
        } else if (j >= i + 2 && tokens_[j].Is(kTokCap) && !tokens_[j].Is(kTokAbbrev) &&
                   NameFinalHonorific(tokens_[j].lower)) {
          ++j;  // "Nor Azman Hafiz": after a name, such a word ends it
          break;
        } else if (tokens_[j].Is(kTokCap) && !tokens_[j].Is(kTokAbbrev) &&
                   (tokens_[j - 1].lower == "al" || tokens_[j - 1].lower == "el")) {
          ++j;  // "Khalid bin Hamad Al Said": after a capitalized article, any capital word
        } else if (tokens_[j].Is(kTokCap) && !tokens_[j].Is(kTokAllCaps) &&
                   !tokens_[j].Is(kTokAbbrev) &&
                   knowledge_.WordHas(tokens_[j].lower, kCommon | kSpeechVerb) &&
                   NameToken(j + 1, end) && !NameToken(j + 2, end)) {
          // "Vice-President Halima Said Mwinyi": a capitalized common word inside a name.
          ++j;
        } else {
          break;
        }
      }
    }
    // "the Chairman of the Senate Dilnoza Ergasheva", "Speaker of Parliament Hussein Nabih",
    // "of the CPV (CPV) Central Committee To Lam": after "the", "of" or a short form, a
    // body's head word and then two or more name words: the body ends at the head, and the
    // person's name follows.
    if (i > sentence_.body_begin &&
        (tokens_[i - 1].lower == "the" || tokens_[i - 1].lower == "of" ||
         tokens_[i - 1].lower == ")" || tokens_[i - 1].lower == "'s") &&
        !knowledge_.WordHas(tokens_[j - 1].lower, kOrgHead)) {
      for (int head = j - 3; head >= i; --head) {
        if (!knowledge_.WordHas(tokens_[head].lower, kOrgHead)) continue;
        Unit& body = Push(UnitKind::kOrganization, i, head + 1);
        body.target = Surface(i, head + 1);
        return head + 1;
      }
    }
    // Organizations extend over "of" + capitalized words ("Ministry of Foreign Affairs").
    const std::string& last = tokens_[j - 1].lower;
    std::string of_country;  // "the Central Bank of Nigeria": the country it belongs to
    UnitKind kind = UnitKind::kName;
    // After a title or honorific a run is a person's name ("Minister Jin Park").
    const bool titled =
        !units_.empty() && !units_.back().possessive &&
        (units_.back().kind == UnitKind::kTitle || units_.back().kind == UnitKind::kHonorific);
    if (int state = StateFormLength(i, j, end); state > 0) {
      return state;
    }
    // "Governor State Bank of Pakistan X": a body right after a title, named with its
    // country, is no name.
    const bool body_of_country = knowledge_.WordHas(last, kOrgHead) && j + 1 < end &&
                                 tokens_[j].lower == "of" && CountryLength(j + 1, end) > 0;
    if (titled && !body_of_country) {
      // keep kName
    } else if (knowledge_.WordHas(last, kOrgHead)) {
      kind = UnitKind::kOrganization;
      while (j + 1 < end && (tokens_[j].lower == "of" || tokens_[j].lower == "for") &&
             tokens_[j + 1].Is(kTokCap) && !knowledge_.WordHas(tokens_[j + 1].lower, kCommon)) {
        // "Communist Party of Vietnam To Lam": a country ends the name; a person may follow.
        if (int country = CountryLength(j + 1, end); country > 0) {
          if (tokens_[j].lower == "of") of_country = CountryTarget(j + 1, j + 1 + country);
          j += 1 + country;
          break;
        }
        int k = j + 1;
        int portfolio_end = -1;  // after the run's last portfolio word
        while (k < end && tokens_[k].Is(kTokCap)) {
          if (knowledge_.WordHas(tokens_[k].lower, kPortfolio | kOrgHead) ||
              PluralTitleWord(tokens_[k].lower)) {
            portfolio_end = k + 1;
          }
          ++k;
        }
        // "Chairman of the State Committee for National Security Talant Sydykov", "Deputy
        // Chairman of the Cabinet of Ministers Batyr Orazov": two or more name words after
        // the portfolio (or a body's head, or a plural title) are the holder's name.
        if (portfolio_end > 0 && k - portfolio_end >= 2 &&
            std::none_of(tokens_.begin() + portfolio_end, tokens_.begin() + k,
                         [&](const Token& token) {
                           return knowledge_.WordHas(token.lower, kPortfolio | kOrgHead);
                         })) {
          k = portfolio_end;
        }
        j = k;
      }
      // "Ministry of Foreign Affairs and External Trade", "Ministry of Health, Hygiene and
      // Social Welfare": a portfolio list goes on after "and", "&" or a comma.
      while (j + 1 < end && j > i + 2 && knowledge_.WordHas(tokens_[j - 1].lower, kPortfolio) &&
             (tokens_[j].lower == "and" || tokens_[j].lower == "&" || tokens_[j].lower == ",") &&
             tokens_[j + 1].Is(kTokCap)) {
        int k = j + 1;
        while (k < end && tokens_[k].Is(kTokCap) && PortfolioAt(k, end) > 0) {
          k += PortfolioAt(k, end);
        }
        if (k == j + 1) break;
        j = k;
      }
    } else if (knowledge_.WordHas(last, kPlaceHead) && j - i >= 2) {
      kind = UnitKind::kPlace;
    } else if (j - i >= 3 && knowledge_.WordHas(tokens_[i].lower, kPlaceHead) &&
               IsParticle(i + 1)) {
      kind = UnitKind::kPlace;  // "Palácio do Planalto", "Casa de Nariño": the head comes first
    } else if (knowledge_.WordHas(last, kEventHead) && j - i >= 2) {
      kind = UnitKind::kEvent;
    }
    Unit& unit = Push(kind, i, j);
    unit.target = Surface(i, j);
    if (kind == UnitKind::kOrganization) unit.organ_country = of_country;
    if (kind == UnitKind::kName && j < end &&
        (tokens_[j].lower == "jr." || tokens_[j].lower == "sr." || tokens_[j].lower == "jr" ||
         tokens_[j].lower == "sr")) {
      // "Ramon Castillo Jr. met": the suffix belongs to the mention, not to the name that
      // the person is keyed by (so that the surname stays the name's last word).
      unit.token_end = ++j;
    }
    if (kind == UnitKind::kOrganization) {
      std::string head = absl::AsciiStrToLower(tokens_[i].lower);
      unit.organ = IsOrganWord(last) || IsOrganWord(head);
      if (unit.organ && units_.size() >= 2) {
        const Unit& previous = units_[units_.size() - 2];
        if (previous.kind == UnitKind::kDemonym || previous.kind == UnitKind::kCountry) {
          unit.organ_country = previous.target;
        }
      }
    }
    return j;
  }

  const std::vector<Token>& tokens_;
  absl::string_view text_;
  const Sentence& sentence_;
  const Knowledge& knowledge_;
  std::vector<Unit> units_;
};

}  // namespace

std::vector<Unit> ChunkSentence(const std::vector<Token>& tokens, absl::string_view text,
                                const Sentence& sentence, const Knowledge& knowledge) {
  return Chunker(tokens, text, sentence, knowledge).Run();
}

}  // namespace quarry::loaders
