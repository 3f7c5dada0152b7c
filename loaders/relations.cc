// Relations implementation: sentences become item sequences (a person mention with its
// title phrase is one item), trigger patterns are matched over items, and arguments are
// found by short, bounded scans to the left and right.
#include "loaders/relations.h"

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "loaders/dates.h"
#include "loaders/referents.h"
#include "loaders/words.h"

namespace quarry::loaders {
namespace {

enum class ItemKind { kPerson, kPronoun, kEntity, kWord, kPunct };

struct Item {
  ItemKind kind = ItemKind::kWord;
  int mention = -1;            // kPerson
  const Unit* unit = nullptr;  // first unit
  std::string lower;
  bool possessive = false;
  bool time_anchor = false;  // TimeAnchor(lower), worked out once
  bool time_word = false;    // TimeWord(lower)
  int token_begin = 0;
  int token_end = 0;
};

// Modality of a trigger: what the words around it say about the event.
struct Modality {
  bool plan = false;
  bool negated = false;
  bool hypothetical = false;
};

// Word lists are hashed once: they are consulted for every item of every sentence.
class WordSet {
 public:
  WordSet(std::initializer_list<const char*> words) {
    for (const char* word : words) words_.insert(word);
  }
  bool Contains(const std::string& word) const { return words_.contains(word); }

 private:
  absl::flat_hash_set<std::string> words_;
};

// A word that names a time by itself ("Monday", "yesterday", "evening", a month).
bool TimeAnchor(const std::string& lower) {
  static const WordSet* const kAnchors =
      new WordSet({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening",
                   "night", "week", "weekend"});
  return kAnchors->Contains(lower) || MonthNumber(lower) > 0;
}

// A word of a time expression: an anchor, a number, or a word that qualifies one ("on",
// "this", "last", "earlier").
bool TimeWord(const std::string& lower) {
  static const WordSet* const kQualifiers =
      new WordSet({"on", "this", "that", "last", "next", "early", "late", "earlier", "later"});
  return TimeAnchor(lower) || kQualifiers->Contains(lower) ||
         (!lower.empty() && lower[0] >= '0' && lower[0] <= '9');
}

class SentenceMatcher {
 public:
  SentenceMatcher(const std::vector<AnalyzedSentence>& sentences, int sentence,
                  const std::vector<PersonMention>& mentions,
                  const std::vector<PersonEntity>& people, const Knowledge& knowledge,
                  const Dateline& dateline, const std::string& document_lower,
                  std::vector<RelationFact>* out)
      : sentences_(sentences),
        sentence_(sentence),
        mentions_(mentions),
        people_(people),
        knowledge_(knowledge),
        dateline_(dateline),
        document_lower_(document_lower),
        out_(out) {
    items_ = BuildItems(sentences[sentence]);
  }

  void Run() {
    for (int p = 0; p < static_cast<int>(items_.size()); ++p) {
      // A pattern may open with a comma (", on a trip to": an appositive after the subject).
      if (items_[p].kind != ItemKind::kWord && items_[p].lower != ",") continue;
      for (int index : knowledge_.TriggersStartingWith(items_[p].lower)) {
        const Trigger& trigger = knowledge_.triggers()[index];
        int end = Match(trigger.pattern, 0, p);
        if (end < 0 || !Required(trigger)) continue;
        Apply(trigger, p, end);
      }
    }
  }

 private:
  // Whether unit u is the closing comma of a person's appositive before "who" or "whose"
  // ("X, Minister of State of India, who is on a visit"): it opens the relative clause, as
  // after a bare name.
  static bool OpensRelativeClause(const AnalyzedSentence& sentence, int u) {
    const int n = static_cast<int>(sentence.units.size());
    return sentence.units[u].lower == "," && u + 1 < n &&
           sentence.unit_person[u + 1] != sentence.unit_person[u] &&
           (sentence.units[u + 1].lower == "who" || sentence.units[u + 1].lower == "whose");
  }

  static std::vector<Item> BuildItems(const AnalyzedSentence& sentence) {
    std::vector<Item> items;
    const int n = static_cast<int>(sentence.units.size());
    for (int u = 0; u < n; ++u) {
      const Unit& unit = sentence.units[u];
      Item item;
      item.unit = &unit;
      item.token_begin = unit.token_begin;
      item.token_end = unit.token_end;
      item.lower = unit.lower;
      item.possessive = unit.possessive;
      int mention = sentence.unit_person[u];
      if (mention >= 0 && !OpensRelativeClause(sentence, u)) {
        item.kind = ItemKind::kPerson;
        item.mention = mention;
        item.lower.clear();  // a person is never a pattern word
        while (u + 1 < n && sentence.unit_person[u + 1] == mention &&
               !OpensRelativeClause(sentence, u + 1)) {
          ++u;
          item.token_end = sentence.units[u].token_end;
          item.possessive = sentence.units[u].possessive;
        }
      } else {
        switch (unit.kind) {
          case UnitKind::kPronoun:
            item.kind = ItemKind::kPronoun;
            break;
          case UnitKind::kCountry:
          case UnitKind::kDemonym:
          case UnitKind::kOrganization:
          case UnitKind::kPlace:
          case UnitKind::kMetonym:
          case UnitKind::kEvent:
          case UnitKind::kGroupRef:
          case UnitKind::kName:
            item.kind = ItemKind::kEntity;
            break;
          case UnitKind::kPunct:
            item.kind = ItemKind::kPunct;
            break;
          default:
            item.kind = ItemKind::kWord;
            break;
        }
      }
      item.time_anchor = TimeAnchor(item.lower);
      item.time_word = TimeWord(item.lower);
      items.push_back(std::move(item));
    }
    return items;
  }

  bool Required(const Trigger& trigger) const {
    if (trigger.requires_words.empty()) return true;
    const std::string& haystack =
        trigger.requires_in_document ? document_lower_ : sentences_[sentence_].lower_text;
    for (const std::string& word : trigger.requires_words) {
      if (absl::StrContains(haystack, " " + word + " ")) return true;
    }
    return false;
  }

  bool WordAt(int p, const PatternElement& element) const {
    if (p >= static_cast<int>(items_.size())) return false;
    const Item& item = items_[p];
    if (item.kind != ItemKind::kWord && item.kind != ItemKind::kPunct) return false;
    for (const std::string& alternative : element.alternatives) {
      if (item.lower == alternative) return true;
    }
    return false;
  }

  // Whether a pattern's gap ("~") may skip `item`: a word, a place, country or nationality
  // ("was greeted in Dhaka by", "discussed Ukraine with", "and the Indian side by") or a
  // possessive pronoun ("on her first visit to"); never a person or punctuation.
  static bool Skippable(const Item& item) {
    return item.kind == ItemKind::kWord || IsPlace(item) ||
           (item.kind == ItemKind::kEntity && item.unit->kind == UnitKind::kDemonym) ||
           (item.kind == ItemKind::kPronoun && item.lower != "he" && item.lower != "she" &&
            item.lower != "him");
  }

  // Whether item k is a capitalized name without a title that resolved to no person, or to
  // one that nothing marks as a person (no title, honorific or speech verb anywhere): a place,
  // body or venue the gazetteer does not know ("Casa de Nariño", "State House").
  bool IsUnknownName(int k) const {
    const Item& item = items_[k];
    if (item.kind != ItemKind::kPerson) return false;
    const PersonMention& mention = mentions_[item.mention];
    return (mention.cluster < 0 || !people_[mention.cluster].strong) && mention.roles.empty() &&
           mention.name_unit >= 0 && mention.honorifics.empty();
  }

  // Whether item k is "here" or "[the] country" in an article with a dateline: the
  // dateline's place or country.
  bool IsHere(int k) const {
    if (dateline_.place.empty()) return false;
    // "on a working visit to the Kingdom": the dateline's country too.
    return items_[k].lower == "here" ||
           (In(items_[k].lower, {"country", "kingdom", "sultanate", "emirate"}) && k > 0 &&
            items_[k - 1].lower == "the");
  }

  static bool IsPlace(const Item& item) {
    return item.kind == ItemKind::kEntity &&
           (item.unit->kind == UnitKind::kPlace || item.unit->kind == UnitKind::kCountry);
  }

  // The item after a time adverbial at item q ("on Monday", "this Wednesday (May 31, 2023)",
  // "earlier this week"), or q when none starts there. A run of time words needs an anchor
  // ("on two occasions" is none); a parenthetical after it may hold any time words and
  // punctuation.
  int AfterTimeAdverbial(int q) const {
    const int n = static_cast<int>(items_.size());
    int k = q;
    bool anchored = false;
    // After an anchor only anchors and numbers continue ("Monday morning", "May 31"): "on
    // Monday on a visit" holds two phrases.
    while (k < n && k < q + 5 && items_[k].kind == ItemKind::kWord && items_[k].time_word &&
           (!anchored || items_[k].time_anchor ||
            (items_[k].lower[0] >= '0' && items_[k].lower[0] <= '9'))) {
      anchored |= items_[k].time_anchor;
      ++k;
    }
    if (!anchored) return q;
    if (k < n && items_[k].lower == "(") {
      int close = k + 1;
      while (close < n && close < k + 12 && items_[close].lower != ")" &&
             (items_[close].kind == ItemKind::kPunct || items_[close].time_word)) {
        ++close;
      }
      if (close < n && items_[close].lower == ")") k = close + 1;
    }
    return k;
  }

  // The item after a duration that starts at item q ("of about 10 minutes", "for two
  // hours", "for nearly an hour"), or q.
  int AfterDuration(int q) const {
    const int n = static_cast<int>(items_.size());
    int k = q;
    if (k >= n || !In(items_[k].lower, {"of", "for", "lasting"})) return q;
    ++k;
    while (k < n && In(items_[k].lower, {"about", "some", "nearly", "almost", "around", "over",
                                         "more", "than", "roughly", "just"})) {
      ++k;
    }
    if (k + 1 >= n) return q;
    const std::string& amount = items_[k].lower;
    const bool number = absl::ascii_isdigit(amount[0]) ||
                        In(amount, {"an", "a", "one", "two", "three", "four", "five", "ten",
                                    "twenty", "thirty", "forty", "fifty", "ninety", "several"});
    if (!number || !In(items_[k + 1].lower, {"minutes", "minute", "hours", "hour"})) return q;
    return k + 2;
  }

  // The item after time adverbials and places ("on Monday in Tripoli", "in Doha on
  // Sunday", "there on Monday") that start at item q, or q when none does.
  int AfterAdverbials(int q) const {
    const int n = static_cast<int>(items_.size());
    int k = q;
    for (int round = 0; round < 2; ++round) {
      if (k < n && In(items_[k].lower, {"there", "here"})) ++k;  // "held talks there on Monday"
      k = AfterDuration(k);  // "a stand-up meeting of about 10 minutes with"
      k = AfterTimeAdverbial(k);
      if (k + 1 >= n || !In(items_[k].lower, {"in", "at"})) continue;
      // "in Tripoli", "at the Kosyam Palace" (a venue the gazetteer does not know).
      int v = k + 1;
      if (v + 1 < n && items_[v].lower == "the") ++v;
      const bool venue = items_[k].lower == "at" &&
                         (IsUnknownName(v) || (items_[v].kind == ItemKind::kEntity &&
                                               items_[v].unit->kind == UnitKind::kName));
      if (IsPlace(items_[v]) || venue) k = v + 1;
    }
    return k;
  }

  // The item after complements "of [the] BODY" (bodies, countries, places or unknown names)
  // that start at item p, or p when there are fewer than two.
  int AfterBodyComplements(int p) const {
    const int n = static_cast<int>(items_.size());
    int k = p;
    int complements = 0;
    while (k + 1 < n && items_[k].lower == "of") {
      int name = k + 1;
      if (items_[name].lower == "the" && name + 1 < n) ++name;
      if (items_[name].kind != ItemKind::kEntity && !IsUnknownName(name)) break;
      k = name + 1;
      ++complements;
    }
    return complements >= 2 ? k : p;
  }

  // Matches pattern[e...] at item p; returns the item after the match or -1. Time
  // adverbials and places may stand between the words of a pattern ("arrived on Monday in",
  // "flew Sunday to", "met in Tripoli with").
  int Match(const std::vector<PatternElement>& pattern, size_t e, int p) const {
    if (e == pattern.size()) return p;
    const PatternElement& element = pattern[e];
    if (element.gap) {
      // "received at City Hall on Tuesday morning by", "greeted at the airport in Juliaca
      // by", "received on Monday at Ruse city hall by": a venue and a time, however long.
      if (const int at = AfterTimeAdverbial(p);
          at + 1 < static_cast<int>(items_.size()) && In(items_[at].lower, {"at", "in"})) {
        if (const int after = AfterVenue(at + 1); after > at + 1) {
          if (const int end = Match(pattern, e + 1, after); end >= 0) return end;
        }
      }
      // "was received, as on previous occasions, by": a short aside between commas.
      if (p < static_cast<int>(items_.size()) && items_[p].lower == ",") {
        for (int close = p + 1; close < static_cast<int>(items_.size()) && close <= p + 6;
             ++close) {
          if (items_[close].kind == ItemKind::kPerson || items_[close].kind == ItemKind::kPronoun)
            break;
          if (items_[close].lower == ",") {
            if (const int end = Match(pattern, e + 1, close + 1); end >= 0) return end;
            break;
          }
        }
      }
      // "a delegation of the Milli Majlis of the Republic of Azerbaijan headed by": bodies
      // and countries after "of", however many.
      if (const int after = AfterBodyComplements(p); after > p) {
        if (const int end = Match(pattern, e, after); end >= 0) return end;
      }
      for (int skip = 0; skip <= 4; ++skip) {
        if (skip > 0) {
          int q = p + skip - 1;
          if (q >= static_cast<int>(items_.size())) break;
          // A venue the gazetteer does not know: "received … at the Casa de Nariño by".
          const bool venue = q > 0 && In(items_[q - 1].lower, {"at", "the"}) &&
                             (IsUnknownName(q) || (items_[q].kind == ItemKind::kEntity &&
                                                   items_[q].unit->kind == UnitKind::kName));
          // The body a meeting is of: "a meeting of the National Council attended by", "a
          // European Parliament delegation led by".
          const bool body = q > 0 && In(items_[q - 1].lower, {"of", "the", "a", "an"}) &&
                            items_[q].kind == ItemKind::kEntity &&
                            items_[q].unit->kind == UnitKind::kOrganization;
          if (!Skippable(items_[q]) && !venue && !body) break;
        }
        int end = Match(pattern, e + 1, p + skip);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (element.place) {
      // "in the country": the dateline's; "in the Maldives".
      if (p + 1 < static_cast<int>(items_.size()) && items_[p].lower == "the" &&
          (IsHere(p + 1) || IsPlace(items_[p + 1]))) {
        ++p;
      }
      if (p >= static_cast<int>(items_.size()) || !(IsPlace(items_[p]) || IsHere(p))) return -1;
      return Match(pattern, e + 1, p + 1);
    }
    if (WordAt(p, element)) {
      int end = Match(pattern, e + 1, p + 1);
      if (end >= 0) return end;
    }
    if (e > 0 && !pattern[e - 1].gap) {
      // Time adverbials alone ("arrived on Monday in"), then with places ("met in Tripoli
      // with").
      const int after_time = AfterTimeAdverbial(p);
      const int after_place = AfterAdverbials(p);
      for (const int after : {after_time, after_place}) {
        if (after <= p || !WordAt(after, element)) continue;
        if (const int end = Match(pattern, e + 1, after + 1); end >= 0) return end;
        if (after_place == after_time) break;
      }
    }
    if (element.optional) return Match(pattern, e + 1, p);
    return -1;
  }

  // Notes the modality that `item` (one of items_), alone or with the word after it ("set
  // to", "next week", "called off"), expresses.
  void NoteModality(const Item& item, Modality* modality) const {
    if (item.kind != ItemKind::kWord) return;
    const size_t at = static_cast<size_t>(&item - items_.data());
    // "discussed the plan with X", "the EU plan": the noun names no plan of a meeting.
    size_t before = at;
    if (before >= 2 && items_[before - 1].kind == ItemKind::kEntity) --before;
    const bool noun = before >= 1 && In(items_[before - 1].lower,
                                        {"the", "a", "this", "that", "its", "their", "his", "her"});
    auto note = [&](const std::string& phrase) {
      if (noun && (phrase == "plan" || phrase == "plans")) return;
      const PhraseInfo* info = knowledge_.FindPhrase(phrase);
      if (info == nullptr) return;
      if (info->classes & kNegation) modality->negated = true;
      if (info->classes & kHypothetical) modality->hypothetical = true;
      if ((info->classes & kPlan) && phrase != "to") modality->plan = true;
    };
    const size_t next = static_cast<size_t>(&item - items_.data()) + 1;
    // "in May", "May 5": the month, not the modal.
    if (item.lower == "may" &&
        ((next >= 2 && In(items_[next - 2].lower,
                          {"in", "since", "until", "by", "from", "early", "late", "mid", "last",
                           "next", "of", "this", "during", "before", "after"})) ||
         (next < items_.size() && !items_[next].lower.empty() &&
          absl::ascii_isdigit(static_cast<unsigned char>(items_[next].lower[0]))))) {
      return;
    }
    note(item.lower);
    if (next < items_.size() && items_[next].kind == ItemKind::kWord) {
      note(absl::StrCat(item.lower, " ", items_[next].lower));
    }
  }

  // The person an item denotes (an index into people_), or -1.
  int PersonOf(int p) const {
    const Item& item = items_[p];
    if (item.kind == ItemKind::kPerson) return mentions_[item.mention].cluster;
    if (item.kind == ItemKind::kPronoun) return ResolvePronoun(p);
    return -1;
  }

  // The first person of sentence `sentence`: -1 when it has none, kNoOne when it opens with
  // a title naming no one known ("the Head of State spoke with X": not X).
  static constexpr int kNoOne = -2;
  int FirstPersonOfSentence(int sentence) const {
    const AnalyzedSentence& s = sentences_[sentence];
    for (size_t u = 0; u < s.units.size(); ++u) {
      const int mention = s.unit_person[u];
      if (mention < 0) continue;
      if (mentions_[mention].cluster >= 0) return mentions_[mention].cluster;
      if (mentions_[mention].name_unit < 0 && !mentions_[mention].plural) return kNoOne;
    }
    return -1;
  }

  // "he"/"his": the sentence's first person before it, a following subject when the
  // pronoun opens an adverbial ("During his visit, X ..."), or the previous sentence's first
  // person.
  int ResolvePronoun(int p) const {
    const Item& pronoun = items_[p];
    if (IsObjectPronoun(p)) return ObjectPronounReferent();
    // "X received Y, who is on her first visit": the person the clause is about.
    for (int q = p - 1; q >= 2 && p - q <= 8; --q) {
      if (items_[q].lower == "who" && items_[q - 1].lower == "," &&
          items_[q - 2].kind == ItemKind::kPerson) {
        return mentions_[items_[q - 2].mention].cluster;
      }
      if (items_[q].kind != ItemKind::kWord) break;
    }
    // "Takeuchi welcomed Kamau on her first visit", "received X in Brasilia in July, on his
    // first visit": the object the adverbial follows.
    if ((pronoun.lower == "his" || pronoun.lower == "her") && p >= 3 &&
        In(items_[p - 1].lower, {"on", "during"})) {
      int q = p - 2;
      while (q >= 1 && p - q <= 8 &&
             (In(items_[q].lower, {",", "in", "at", "on", "last", "this", "the"}) ||
              IsPlace(items_[q]) || items_[q].time_word)) {
        --q;
      }
      if (q >= 1 && items_[q].kind == ItemKind::kPerson && items_[q - 1].kind == ItemKind::kWord &&
          In(items_[q - 1].lower, {"welcomed", "welcomes", "received", "receives", "hosted",
                                   "hosts", "greeted", "greets", "met", "meets"})) {
        return mentions_[items_[q].mention].cluster;
      }
    }
    // "X would travel to Moscow next week, where he is scheduled to meet Y": the subject of
    // the clause before, the person nearest the comma that a verb of the clause follows.
    if (p >= 2 && In(items_[p - 1].lower, {"where", "when"}) && items_[p - 2].lower == ",") {
      for (int q = p - 3; q >= 0; --q) {
        // "He is expected in Garoua on Friday, where he": the clause's own pronoun.
        const bool pronoun = items_[q].kind == ItemKind::kPronoun;
        if (!pronoun && (items_[q].kind != ItemKind::kPerson || PersonOf(q) < 0)) continue;
        // "The Prefect, Mr. X, travelled to Y, where he": past the appositive's comma.
        const int verb = items_[q + 1].lower == "," && q + 2 < p - 2 ? q + 2 : q + 1;
        if (In(items_[verb].lower,
               {"is",        "was",      "will",    "would",   "has",     "had",   "arrived",
                "travelled", "traveled", "travels", "flew",    "flies",   "went",  "headed",
                "heads",     "left",     "leaves",  "arrives", "visited", "visits"})) {
          return pronoun ? ResolvePronoun(q) : mentions_[items_[q].mention].cluster;
        }
      }
    }
    // A person before it in the sentence, even one left unresolved (an ambiguous surname):
    // the pronoun is then no one's rather than someone's from an earlier sentence.
    // "In the morning he met X; in the afternoon he met Y": an earlier "he" before any person
    // is the same one.
    for (int q = 0; q < p; ++q) {
      if (items_[q].kind == ItemKind::kPerson) return mentions_[items_[q].mention].cluster;
      if (items_[q].kind == ItemKind::kPronoun && items_[q].lower == pronoun.lower &&
          In(pronoun.lower, {"he", "she"})) {
        return ResolvePronoun(q);
      }
    }
    if (p <= 2 && (pronoun.lower == "his" || pronoun.lower == "her")) {
      for (int q = p + 1; q < static_cast<int>(items_.size()); ++q) {
        if (items_[q].lower == ",") {
          if (q + 1 < static_cast<int>(items_.size()) && items_[q + 1].kind == ItemKind::kPerson) {
            return mentions_[items_[q + 1].mention].cluster;
          }
          break;
        }
      }
    }
    for (int s = sentence_ - 1; s >= 0 && s >= sentence_ - 2; --s) {
      const int person = FirstPersonOfSentence(s);
      if (person == kNoOne) return -1;
      if (person >= 0) return person;
    }
    return -1;
  }

  // Whether the pronoun at item p is an object: "him", or "her" before punctuation or a
  // preposition ("spoke with her by phone", not "met her counterpart").
  bool IsObjectPronoun(int p) const {
    if (items_[p].lower == "him") return true;
    if (items_[p].lower != "her") return false;
    if (p + 1 >= static_cast<int>(items_.size())) return true;
    const Item& next = items_[p + 1];
    return next.kind == ItemKind::kPunct ||
           In(next.lower, {"by", "on", "in", "at", "during", "for", "to", "over", "via", "about",
                           "and", "last", "this", "earlier", "later", "again", "twice"});
  }

  // "Y did not travel. X spoke with him by phone": the first person of the sentence before,
  // when this sentence does not name them; -1 otherwise.
  int ObjectPronounReferent() const {
    if (sentence_ == 0) return -1;
    const int person = FirstPersonOfSentence(sentence_ - 1);
    if (person < 0) return -1;
    for (const Item& item : items_) {
      if (item.kind == ItemKind::kPerson && mentions_[item.mention].cluster == person) return -1;
    }
    return person;
  }

  // Subjects to the left of item p (a coordinated list), and the modality words between.
  std::vector<int> Subjects(int p, Modality* modality, int* first_item) const {
    std::vector<int> subjects;
    int k = p - 1;
    int scanned = 0;
    while (k >= 0 && scanned < 8) {
      const Item& item = items_[k];
      if (item.kind == ItemKind::kPerson) {
        // "The two Foreign Ministers last met".
        if (std::vector<int> group = GroupReferredTo(k); !group.empty()) {
          *first_item = k;
          return group;
        }
        break;
      }
      if (item.kind == ItemKind::kPronoun) break;
      if (item.lower == "\"" || item.lower == "'") {
        --k;
        continue;
      }
      if (item.lower == ")") {
        // "X (PT) receives", "X (left) met": a short parenthetical right after the subject.
        int open = k - 1;
        while (open >= 0 && open > k - 6 && items_[open].lower != "(") --open;
        if (open >= 1 && items_[open].lower == "(" && items_[open - 1].kind == ItemKind::kPerson) {
          k = open - 1;
          break;
        }
      }
      if (item.lower == "," || item.lower == ")") {
        // "X, this evening (Monday, 16 December 2024), met": skip a time parenthetical.
        int j = k - 1;
        int depth = item.lower == ")" ? 1 : 0;
        while (j >= 0 && k - j < 14) {
          const Item& inner = items_[j];
          if (inner.lower == "(") --depth;
          if (inner.lower == ")") ++depth;
          if (depth <= 0 && inner.lower == "," && j >= 1 && items_[j - 1].kind == ItemKind::kPerson)
            break;
          if (inner.kind != ItemKind::kPunct && !inner.time_word) break;
          --j;
        }
        if (j >= 1 && j < k && items_[j].lower == "," && items_[j - 1].kind == ItemKind::kPerson) {
          k = j - 1;
          break;
        }
        if (item.lower == "," && k == p - 1 && absl::EndsWith(items_[p].lower, "ing")) {
          // "X made a visit to Warsaw on Thursday, meeting Y": a participle after the
          // clause takes its subject.
          const int subject = CoordinatedClauseSubject(k, modality);
          if (subject >= 0 && PersonOf(subject) >= 0) {
            subjects.push_back(PersonOf(subject));
            *first_item = subject;
          }
          return subjects;
        }
        // A clause that names other people between subject and verb: ", who …," or ",
        // accompanied by …,".
        if (item.lower == ",") {
          int subject = RelativeClauseSubject(k);
          if (subject < 0) subject = AccompaniedSubject(k);
          if (subject >= 0) {
            k = subject;
            break;
          }
        }
        // "Tamm, meanwhile, held": an adverb between commas; "X did, however, receive": after
        // an auxiliary too.
        if (item.lower == "," && k >= 3 && items_[k - 2].lower == "," &&
            In(items_[k - 1].lower,
               {"meanwhile", "however", "too", "also", "though", "instead", "separately",
                "likewise", "later", "earlier", "then", "respectively"})) {
          if (items_[k - 3].kind == ItemKind::kPerson) {
            k -= 3;
            break;
          }
          if (In(items_[k - 3].lower, {"did", "does", "has", "had", "have", "was", "were"})) {
            k -= 3;
            scanned += 3;
            continue;
          }
        }
        // "Khalid bin Rashid, met": a name closed by a comma.
        if (item.lower == "," && k >= 1 && items_[k - 1].kind == ItemKind::kPerson) {
          k -= 1;
          break;
        }
        // "X, who is on a visit to Ghana, met", "X, on his first trip abroad, visited": a
        // relative clause or an adverbial phrase between subject and verb.
        if (item.lower == ",") {
          const int subject = ParentheticalSubject(k);
          if (subject >= 0) {
            k = subject;
            break;
          }
        }
        return subjects;
      }
      if (item.kind == ItemKind::kWord) {
        if (In(item.lower, {"after", "before", "while"}) && k == p - 1 &&
            absl::EndsWith(items_[p].lower, "ing")) {
          // "X spoke to reporters after meeting Y": the clause's subject did the meeting.
          const int subject = CoordinatedClauseSubject(k, modality);
          if (subject >= 0 && PersonOf(subject) >= 0) {
            subjects.push_back(PersonOf(subject));
            *first_item = subject;
          }
          return subjects;
        }
        if (item.lower == "and") {
          // "X flew to Amman and met Y": the subject of the clause before.
          const int subject = CoordinatedClauseSubject(k, modality);
          if (subject >= 0 && PersonOf(subject) >= 0) {
            subjects.push_back(PersonOf(subject));
            *first_item = subject;
          }
          return subjects;
        }
        // "X and his colleagues, who arrived in Podgorica": X.
        if (item.lower == "who" && k >= 5 && items_[k - 1].lower == "," &&
            In(items_[k - 2].lower, {"colleagues", "delegation", "team", "entourage", "aides"}) &&
            In(items_[k - 3].lower, {"his", "her"}) && items_[k - 4].lower == "and" &&
            items_[k - 5].kind == ItemKind::kPerson && PersonOf(k - 5) >= 0) {
          subjects.push_back(PersonOf(k - 5));
          *first_item = k - 5;
          return subjects;
        }
        if (item.lower == "who" && k >= 2 && items_[k - 1].lower == "," &&
            items_[k - 2].kind == ItemKind::kPerson) {
          // "X and Y, who arrived in Tashkent": the verb of the clause is Y's alone; with a
          // plural verb ("X and Y, who are on a visit to", "who both arrived in"), theirs.
          if (const int person = PersonOf(k - 2); person >= 0) {
            subjects.push_back(person);
            *first_item = k - 2;
          }
          const bool plural =
              k + 1 < static_cast<int>(items_.size()) &&
              In(items_[k + 1].lower, {"are", "were", "have", "both", "all", "together"});
          for (int q = k - 3; plural && !subjects.empty() && q >= 1; q -= 2) {
            if (!In(items_[q].lower, {"and", ","}) || items_[q - 1].kind != ItemKind::kPerson) {
              break;
            }
            const int person = PersonOf(q - 1);
            if (person < 0) break;
            subjects.insert(subjects.begin(), person);
            *first_item = q - 1;
          }
          return subjects;
        }
        // "hosted A and B, both of whom arrived in Riga": both.
        if (item.lower == "whom" && k >= 4 && items_[k - 1].lower == "of" &&
            In(items_[k - 2].lower, {"both", "all"}) && items_[k - 3].lower == "," &&
            items_[k - 4].kind == ItemKind::kPerson && PersonOf(k - 4) >= 0) {
          for (int q = k - 4; q >= 0; --q) {
            if (In(items_[q].lower, {",", "and"})) continue;
            if (items_[q].kind != ItemKind::kPerson || PersonOf(q) < 0) break;
            subjects.insert(subjects.begin(), PersonOf(q));
            *first_item = q;
          }
          if (subjects.size() >= 2) return subjects;
          subjects.clear();
        }
        // "Morita's delegation arrived in Seoul": its head.
        if (In(item.lower, {"delegation", "team", "entourage"}) && k >= 1 &&
            items_[k - 1].kind == ItemKind::kPerson && items_[k - 1].possessive &&
            PersonOf(k - 1) >= 0) {
          subjects.push_back(PersonOf(k - 1));
          *first_item = k - 1;
          return subjects;
        }
        // "X and his delegation met", "X and the cross-party delegation arrived": the group
        // rides along.
        if (knowledge_.WordHas(item.lower, kGroupNoun) && k >= 2) {
          // "the cross-party delegation" (not "and the two leaders agreed": a group of its
          // own).
          const bool retinue = In(item.lower, {"delegation", "team", "entourage"});
          int determiner = k - 1;
          if (retinue && determiner >= 1 && items_[determiner].kind == ItemKind::kWord &&
              items_[determiner - 1].lower == "the") {
            --determiner;
          }
          if (determiner >= 1 &&
              (In(items_[determiner].lower, {"his", "her", "their", "its"}) ||
               (retinue && items_[determiner].lower == "the")) &&
              items_[determiner - 1].lower == "and") {
            scanned += k - determiner + 2;
            k = determiner - 2;
            continue;
          }
        }
        // "They last met in Geneva", opening the sentence: the pair of the last meeting,
        // call or plan.
        if (item.lower == "they" && k == 0) {
          if (std::vector<int> pair = LastPairOfAnyKind(); !pair.empty()) {
            *first_item = k;
            return pair;
          }
        }
        // "The two ministers", "the pair", "both leaders", "the three ministers".
        if (std::vector<int> group = GroupReferredTo(k); !group.empty()) {
          *first_item = k;
          return group;
        }
        // "the visiting official", "the guest": the one person who came.
        if (const int visitor = VisitorReferredTo(k); visitor >= 0) {
          *first_item = k;
          return {visitor};
        }
        const PhraseInfo* info = knowledge_.FindPhrase(item.lower);
        bool modal = info != nullptr && (info->classes & (kPlan | kNegation | kHypothetical));
        bool filler =
            [] {
              static const WordSet* const kWords1 = new WordSet(
                  {"also",       "already",    "reportedly", "has",          "have",
                   "had",        "then",       "later",      "jointly",      "finally",
                   "recently",   "previously", "again",      "briefly",      "separately",
                   "personally", "officially", "formally",   "subsequently", "is",
                   "instead",    "was",        "were",       "are",          "be",
                   "been",       "being",      "did",        "does",         "do",
                   "earlier",    "first",      "last",       "today",        "yesterday",
                   "on",         "this",       "evening",    "morning",      "afternoon",
                   "night",      "week",       "month",      "year",         "set",
                   "due",        "said",       "says",       "just",         "once",
                   "now",        "both",       "all",        "each",         "together",
                   "agreed",     "decided",    "hope",       "hoped",        "promised",
                   "pledged",    "vowed",      "wish",       "wished",       "looks",
                   "look",       "looking",    "forward",    "himself",      "herself",
                   "themselves"});
              return kWords1;
            }()
                ->Contains(item.lower) ||
            (info != nullptr && (info->classes & kCommon) && item.unit->kind == UnitKind::kWord &&
             absl::EndsWith(item.lower, "day"));
        if (!modal && !filler) return subjects;
        NoteModality(item, modality);
        --k;
        ++scanned;
        continue;
      }
      return subjects;
    }
    if (k < 0 || scanned >= 8) return subjects;
    // A coordinated list of subjects, right to left. Its last separator has an "and" ("X, Y
    // and Z met"); a comma alone ends a clause before the subject ("After meeting X, Y
    // flew").
    bool coordinated = false;
    while (k >= 0) {
      int person = PersonOf(k);
      if (person < 0) break;
      subjects.push_back(person);
      *first_item = k;
      int j = k - 1;
      int separators = 0;
      while (
          j >= 0 && separators < 4 &&
          (items_[j].lower == "," || items_[j].lower == "and" ||
           (items_[j].kind == ItemKind::kWord && knowledge_.WordHas(items_[j].lower, kPosition)))) {
        coordinated = coordinated || items_[j].lower == "and";
        --j;
        ++separators;
      }
      if (separators == 0 || !coordinated || j < 0 || items_[j].kind != ItemKind::kPerson) break;
      k = j;
    }
    // A modal word just before the subject ("reportedly", "if") also counts.
    if (*first_item >= 1) NoteModality(items_[*first_item - 1], modality);
    return subjects;
  }

  // "the pair", "both leaders", "the three ministers"): for two, those of the last meeting or
  // call found in this sentence or the two before; failing that, the people of that title
  // named in the nearest sentence before that names anyone, when they are as many as the
  // phrase says. Empty when k ends no such phrase or it refers to no one.
  // "the Algerian and Libyan ministers" at item k (the plural noun or title): for each
  // nationality named before it, the one person of that country among the people of the
  // article's meetings and calls so far holding `office` (any when empty). Empty unless every
  // nationality names exactly one.
  std::vector<int> NationalGroup(int k, const std::string& office) const {
    std::vector<std::string> countries;
    int q = k - 1;
    while (q >= 0 && items_[q].kind == ItemKind::kEntity &&
           items_[q].unit->kind == UnitKind::kDemonym) {
      countries.push_back(items_[q].unit->target);
      if (q >= 1 && In(items_[q - 1].lower, {"and", ","})) {
        q -= 2;
      } else {
        --q;
        break;
      }
    }
    if (countries.size() < 2 || q < 0 || items_[q].lower != "the") return {};
    std::vector<int> candidates;
    for (const RelationFact& fact : *out_) {
      if (fact.object_person < 0) continue;
      for (const int person : {fact.subject, fact.object_person}) {
        if (std::find(candidates.begin(), candidates.end(), person) == candidates.end()) {
          candidates.push_back(person);
        }
      }
    }
    std::vector<int> group;
    for (auto country = countries.rbegin(); country != countries.rend(); ++country) {
      int found = -1;
      for (const int person : candidates) {
        const std::vector<std::string>& of = people_[person].affiliations;
        if (!Holds(person, office) || std::find(of.begin(), of.end(), *country) == of.end()) {
          continue;
        }
        if (found >= 0) return {};
        found = person;
      }
      if (found < 0) return {};
      group.push_back(found);
    }
    return group;
  }

  std::vector<int> GroupReferredTo(int k) const {
    // "his two counterparts": the others of the last meeting with him of that many more,
    // in this sentence or the three before.
    if (k >= 2 && items_[k].lower == "counterparts" && In(items_[k - 2].lower, {"his", "her"})) {
      const std::string& number = items_[k - 1].lower;
      const int count = number == "two" ? 2 : number == "three" ? 3 : number == "four" ? 4 : 0;
      if (std::vector<int> others = OthersOfMeeting(ResolvePronoun(k - 2), count);
          count > 0 && !others.empty()) {
        return others;
      }
    }
    if (items_[k].kind == ItemKind::kPerson ||
        (items_[k].unit != nullptr && items_[k].unit->kind == UnitKind::kTitle)) {
      return TitledGroupReferredTo(k);
    }
    const std::string& noun = items_[k].lower;
    int count = 0;
    if ((noun == "pair" || noun == "duo" || noun == "two") && k >= 1 &&
        items_[k - 1].lower == "the") {
      count = 2;  // "the pair", "the two last met"
    } else if (In(noun, {"leaders", "ministers", "presidents", "officials", "sides", "men", "women",
                         "heads", "counterparts"})) {
      if (k >= 1 && items_[k - 1].lower == "both") count = 2;
      // "the three ministers", "the three visiting ministers", "his two counterparts".
      int number_at = k - 1;
      if (number_at >= 1 && items_[number_at].lower == "visiting") --number_at;
      if (number_at >= 1 && In(items_[number_at - 1].lower, {"the", "his", "her", "their"})) {
        const std::string& number = items_[number_at].lower;
        count = number == "two" ? 2 : number == "three" ? 3 : number == "four" ? 4 : 0;
      }
    }
    // "the two ministers" are two ministers: each must hold a title with the noun's word.
    std::string office;
    if (noun == "ministers" || noun == "presidents") office = noun.substr(0, noun.size() - 1);
    // "The ministers agreed to meet again": without a number, all of the last meeting.
    if (count == 0 && k >= 1 && items_[k - 1].lower == "the" &&
        In(noun, {"leaders", "ministers", "presidents"})) {
      return LastMeetingHolding(office);
    }
    if (count == 0 && In(noun, {"leaders", "ministers", "presidents", "officials"})) {
      return NationalGroup(k, office);
    }
    if (count == 0) return {};
    return GroupHolding(count, office);
  }

  // The `count` people who met `person` at one meeting, the last found in this sentence or
  // the three before whose other parties are that many; empty when there is none.
  std::vector<int> OthersOfMeeting(int person, int count) const {
    if (person < 0) return {};
    for (int sentence = sentence_; sentence >= 0 && sentence >= sentence_ - 3; --sentence) {
      std::vector<int> others = MetInSentence(sentence);
      const auto self = std::find(others.begin(), others.end(), person);
      if (self == others.end()) continue;
      others.erase(self);
      if (static_cast<int>(others.size()) == count) return others;
    }
    return {};
  }

  // The people of the meetings found in sentence `sentence`, in order of appearance.
  std::vector<int> MetInSentence(int sentence) const {
    std::vector<int> people;
    for (const RelationFact& fact : *out_) {
      if (fact.sentence != sentence || fact.relation != "met" || fact.object_person < 0) continue;
      for (const int person : {fact.subject, fact.object_person}) {
        if (std::find(people.begin(), people.end(), person) == people.end()) {
          people.push_back(person);
        }
      }
    }
    return people;
  }

  // The people of the last meeting or call (LastMeetingPeople), when there are two or more
  // and each holds a title with `office` in it (any title when empty); empty otherwise.
  std::vector<int> LastMeetingHolding(const std::string& office) const {
    std::vector<int> people = LastMeetingPeople();
    if (people.size() < 2) return {};
    for (int person : people) {
      if (!Holds(person, office)) return {};
    }
    return people;
  }

  // As GroupReferredTo, for a plural title at person item k: "the two Foreign Ministers",
  // "both prime ministers", "the three heads of state".
  std::vector<int> TitledGroupReferredTo(int k) const {
    std::string title;  // lower case, singular
    if (items_[k].kind == ItemKind::kPerson) {
      const PersonMention& mention = mentions_[items_[k].mention];
      if (!mention.plural || mention.name_unit >= 0) return {};
      title = absl::AsciiStrToLower(mention.title);  // "the two Ministers"
      if (absl::EndsWith(title, "s")) title.pop_back();
    } else if (items_[k].unit->plural) {
      title = items_[k].unit->lower;
      if (!title.empty()) title.pop_back();
    }
    if (title.empty() || k < 1) return {};
    int count = 0;
    int number_at = k - 1;  // "the two visiting foreign ministers"
    if (number_at >= 1 && items_[number_at].lower == "visiting") --number_at;
    if (items_[number_at].lower == "both") count = 2;
    if (number_at >= 1 && items_[number_at - 1].lower == "the") {
      const std::string& number = items_[number_at].lower;
      count = number == "two" ? 2 : number == "three" ? 3 : number == "four" ? 4 : 0;
    }
    // "the Foreign Ministers": all of the last meeting; "the Algerian and Libyan ministers".
    if (count == 0 && items_[k - 1].lower == "the") return LastMeetingHolding(title);
    if (count == 0) return NationalGroup(k, title);
    if (count == 0) return {};
    // Each must hold that title ("the two Foreign Ministers" are foreign ministers).
    return GroupHolding(count, title);
  }

  // The `count` people a group refers to, each holding a title with `office` in it (any
  // title when empty): for two, those of the last meeting or call found in this sentence or
  // the two before; failing that, the people of that title named in the nearest sentence
  // before that names anyone, when they are as many. Empty when none.
  std::vector<int> GroupHolding(int count, const std::string& office) const {
    if (count == 2) {
      if (std::vector<int> pair = LastPair(office); !pair.empty()) return pair;
    }
    for (int before = sentence_ - 1; before >= 0 && before >= sentence_ - 2; --before) {
      std::vector<int> named;
      bool anyone = false;
      for (const int mention : sentences_[before].unit_person) {
        if (mention < 0 || mentions_[mention].cluster < 0) continue;
        anyone = true;
        const int person = mentions_[mention].cluster;
        if (mentions_[mention].name_unit >= 0 && Holds(person, office) &&
            std::find(named.begin(), named.end(), person) == named.end()) {
          named.push_back(person);
        }
      }
      if (!anyone) continue;
      if (static_cast<int>(named.size()) == count) return named;
      break;
    }
    // "The three ministers are expected to meet …" a few paragraphs after their meeting: the
    // last meeting of that many, each holding the office.
    if (count >= 3) {
      for (int sentence = sentence_ - 1; sentence >= 0; --sentence) {
        const std::vector<int> people = MetInSentence(sentence);
        if (static_cast<int>(people.size()) != count) continue;
        if (std::all_of(people.begin(), people.end(),
                        [&](int person) { return Holds(person, office); })) {
          return people;
        }
      }
    }
    return {};
  }

  // The person that a noun phrase without a title ending at item k refers to when it names a
  // visitor ("the visiting official", "the visiting delegation"): the one titled person who
  // came to the dateline's country (or visited anywhere) in the sentences so far; -1 when k
  // ends no such phrase or that is not one person.
  int VisitorReferredTo(int k) const {
    if (k < 2 ||
        !In(items_[k].lower, {"official", "guest", "visitor", "dignitary", "delegation"})) {
      return -1;
    }
    // "the visiting official", "the Japanese guest", "the visiting Kyrgyz official".
    PersonMention visitor;
    visitor.visiting = true;
    int j = k - 1;
    if (items_[j].kind == ItemKind::kEntity && items_[j].unit->kind == UnitKind::kDemonym) {
      visitor.affiliations.push_back(items_[j].unit->target);
      --j;
    }
    const bool visiting = j >= 1 && items_[j].lower == "visiting";
    if (visiting) --j;
    if ((!visiting && visitor.affiliations.empty()) || j < 0 || items_[j].lower != "the") {
      return -1;
    }
    return ReferentFromContext(visitor, *out_, people_, knowledge_, dateline_);
  }

  // Whether `person` holds a title with `office` in it, or all of its words (any person when
  // `office` is empty).
  bool Holds(int person, const std::string& office) const {
    if (office.empty()) return true;
    const std::vector<absl::string_view> words = absl::StrSplit(office, ' ');
    for (const Role& role : people_[person].roles) {
      if (absl::StrContains(role.title, office)) return true;
      // "the two defense ministers": "Minister of Defense" is one.
      const std::vector<absl::string_view> held = absl::StrSplit(role.title, ' ');
      if (words.size() > 1 && std::all_of(words.begin(), words.end(), [&](absl::string_view w) {
            return std::find(held.begin(), held.end(), w) != held.end();
          })) {
        return true;
      }
    }
    return false;
  }

  // Whether the subjects that start at item `first` are a group the text refers to without
  // names ("the two ministers", "the two Foreign Ministers", "they").
  bool NamesNoOne(int first) const {
    const Item& item = items_[first];
    return item.kind == ItemKind::kWord ||
           (item.kind == ItemKind::kPerson && mentions_[item.mention].name_unit < 0);
  }

  // Whether people a and b serve one country or body, as far as the text says.
  bool SameSide(int a, int b) const {
    const std::vector<std::string>& first = people_[a].affiliations;
    const std::vector<std::string>& second = people_[b].affiliations;
    return std::find_first_of(first.begin(), first.end(), second.begin(), second.end()) !=
           first.end();
  }

  // The two people of the last meeting, call or planned meeting found in the sentence before
  // (and none since); empty when there is none.
  std::vector<int> LastPairOfAnyKind() const {
    for (auto fact = out_->rbegin(); fact != out_->rend(); ++fact) {
      if (fact->sentence < sentence_ - 1) break;
      if (fact->object_person < 0 || fact->relation == "visited" || fact->relation == "invited") {
        continue;
      }
      return {fact->subject, fact->object_person};
    }
    return {};
  }

  // The two people of the last meeting or call found in this sentence or the two before,
  // each holding a title with `office` in it when that is not empty (or one holding it and
  // the other no role); empty when none.
  std::vector<int> LastPair(const std::string& office) const {
    for (auto fact = out_->rbegin(); fact != out_->rend(); ++fact) {
      if (fact->sentence < sentence_ - 2) break;
      if (fact->object_person < 0 || (fact->relation != "met" && fact->relation != "talked_with"))
        continue;
      // "X spoke with his counterpart Y. The two prime ministers …": one without a role of
      // their own may hold the other's.
      const bool subject_holds = Holds(fact->subject, office);
      const bool object_holds = Holds(fact->object_person, office);
      if (!(subject_holds && object_holds) &&
          !(subject_holds && people_[fact->object_person].roles.empty()) &&
          !(object_holds && people_[fact->subject].roles.empty())) {
        continue;
      }
      return {fact->subject, fact->object_person};
    }
    return {};
  }

  // The person who hosted, chaired or convened a meeting in the sentence before ("X hosted a
  // closed-door caucus of leaders"): its first person, or -1.
  // The person named after "chaired|hosted|convened|presided (over) by" before item p in
  // this sentence ("The summit, chaired by X, was attended by"), or -1.
  int HostBefore(int p) const {
    for (int k = 0; k + 1 < p; ++k) {
      if (!In(items_[k].lower, {"chaired", "hosted", "convened", "presided"})) continue;
      int by = k + 1;
      if (items_[by].lower == "over") ++by;
      if (by + 1 < p && items_[by].lower == "by" && items_[by + 1].kind == ItemKind::kPerson) {
        return PersonOf(by + 1);
      }
    }
    return -1;
  }

  // The people of ", accompanied|escorted by …" from item `from` on, in the same clause (up
  // to a person, a pronoun or the clause's end before it).
  std::vector<int> TrailingCompanions(int from) const {
    const int n = static_cast<int>(items_.size());
    for (int k = from; k + 3 < n; ++k) {
      const Item& item = items_[k];
      if (item.kind == ItemKind::kPerson || item.kind == ItemKind::kPronoun ||
          In(item.lower, {".", ";", "\"", "who", "where", "while"})) {
        break;
      }
      if (item.lower != ",") continue;
      // "X, who arrived in Rabat on Tuesday, was accompanied by Y": the verb of X's clause.
      int verb = k + 1;
      if (In(items_[verb].lower, {"was", "were"})) ++verb;
      if (verb + 1 < n && In(items_[verb].lower, {"accompanied", "escorted"}) &&
          items_[verb + 1].lower == "by") {
        int last = verb + 1;
        std::vector<int> companions = PersonObjects(verb + 2, &last);
        // An ambassador to the country, or a high commissioner, was there already.
        companions.erase(std::remove_if(companions.begin(), companions.end(),
                                        [&](int person) {
                                          return Holds(person, "ambassador") ||
                                                 Holds(person, "high commissioner");
                                        }),
                         companions.end());
        return companions;
      }
    }
    return {};
  }

  int LastHost() const {
    if (sentence_ == 0) return -1;
    const std::string& before = sentences_[sentence_ - 1].lower_text;
    for (const char* verb : {" hosted ", " chaired ", " convened ", " presided "}) {
      if (absl::StrContains(before, verb))
        return std::max(FirstPersonOfSentence(sentence_ - 1), -1);
    }
    return -1;
  }

  // Notes the modality of the words after item `last` (the last party of a meeting named by
  // a noun) up to the next person or ";": "…, tentatively planned for December, has been
  // postponed".
  // A relative clause between commas counts, whoever it names: "…, which X was to host in
  // March, has been postponed", "…, which had been scheduled for 12 March".
  void NoteModalityAfter(int last, Modality* modality) const {
    bool relative = false;
    for (int k = last + 1; k < static_cast<int>(items_.size()) && k <= last + 24; ++k) {
      if (items_[k].lower == ";") break;
      if (relative) {
        relative = items_[k].lower != ",";
        NoteModality(items_[k], modality);  // "which had been scheduled for 12 March"
        continue;
      }
      if (items_[k].kind == ItemKind::kPerson) break;
      if (In(items_[k].lower, {"which", "who", "whom"}) && items_[k - 1].lower == ",") {
        relative = true;
        continue;
      }
      if (k > last + 16) break;
      NoteModality(items_[k], modality);
    }
  }

  // Whether items [p, end) name a call that several can join: a video call or a conference.
  bool ConferenceCue(int p, int end) const {
    for (int k = p; k < end; ++k) {
      if (In(items_[k].lower, {"video", "videoconference", "video-conference", "teleconference",
                               "conference", "virtual"})) {
        return true;
      }
    }
    return false;
  }

  // Whether people a and b are known to serve different countries or bodies.
  bool OtherCountries(int a, int b) const {
    const std::vector<std::string>& x = people_[a].affiliations;
    const std::vector<std::string>& y = people_[b].affiliations;
    if (x.empty() || y.empty()) return false;
    for (const std::string& affiliation : x) {
      if (std::find(y.begin(), y.end(), affiliation) != y.end()) return false;
    }
    return true;
  }

  // The person whose meetings a list sets out, for an item that leaves the subject out: the
  // first person of the lead-in before the list ("On the margins of the Meeting, Minister
  // X:", "President X held the following meetings and calls this week."); -1 when this
  // sentence is no list item or the lead-in names no one.
  int ListLeadSubject() const {
    static const WordSet* const kBullets = new WordSet({"•", "-", "–", "*", "·", "▪"});
    auto is_item = [&](int sentence) {
      const std::vector<Unit>& units = sentences_[sentence].units;
      return !units.empty() && kBullets->Contains(units.front().lower);
    };
    const bool item = is_item(sentence_);
    for (int s = sentence_ - 1; s >= 0 && s >= sentence_ - 12; --s) {
      if (is_item(s)) continue;
      const AnalyzedSentence& lead = sentences_[s];
      // A heading inside the list ("Tuesday 10 June").
      if (item && lead.units.size() <= 5 && FirstPersonOfSentence(s) == -1) continue;
      const bool colon = !lead.units.empty() && lead.units.back().lower == ":";
      const bool following = absl::StrContains(lead.lower_text, " the following ");
      // A list item, or the line right after a lead-in ending with a colon.
      if (!(colon || (item && following)) || (!item && s != sentence_ - 1)) return -1;
      const int person = FirstPersonOfSentence(s);
      return person >= 0 ? person : -1;
    }
    return -1;
  }

  // Whether "would" stands among the few words before item p ("X would travel to Y to meet").
  bool WouldBefore(int p) const {
    for (int k = p - 1; k >= 0 && k >= p - 8; --k) {
      if (items_[k].lower == "would") return true;
      if (items_[k].kind == ItemKind::kPerson) break;
    }
    return false;
  }

  // Whether the words after item `last` say that the people before were hosted together for
  // a meeting ("… for the Quad Foreign Ministers' Meeting", "… for talks").
  bool ForMeetingAfter(int last) const {
    const int n = static_cast<int>(items_.size());
    if (last + 1 >= n || items_[last + 1].lower != "for") return false;
    for (int k = last + 2; k < n && k <= last + 8; ++k) {
      if (items_[k].lower == ",") return false;
      // An event's name ("the Quad Foreign Ministers' Meeting") has no lower-case form.
      const std::string text = items_[k].lower.empty() && items_[k].unit != nullptr
                                   ? absl::AsciiStrToLower(items_[k].unit->target)
                                   : items_[k].lower;
      for (const char* word : {"meeting", "summit", "talks", "dialogue", "consultations"}) {
        if (absl::StrContains(text, word)) return true;
      }
    }
    return false;
  }

  // Whether the sentence calls its meeting one of several parties ("trilateral", "three-way").
  bool MultipartyCue() const {
    for (const Item& item : items_) {
      if (In(item.lower, {"trilateral", "quadrilateral", "tripartite", "three-way", "four-way",
                          "three-party", "four-party"})) {
        return true;
      }
    }
    return false;
  }

  // The people of the last meeting or call found in this sentence or the three before: every
  // party to the meetings the sentence that reports it found ("X hosted A and B for a
  // trilateral meeting": X, A and B).
  std::vector<int> LastMeetingPeople() const {
    std::vector<int> people;
    int sentence = -1;
    for (auto fact = out_->rbegin(); fact != out_->rend(); ++fact) {
      if (fact->sentence < sentence_ - 3 || (sentence >= 0 && fact->sentence != sentence)) break;
      if (fact->object_person < 0 || (fact->relation != "met" && fact->relation != "talked_with"))
        continue;
      sentence = fact->sentence;
      for (const int person : {fact->subject, fact->object_person}) {
        if (std::find(people.begin(), people.end(), person) == people.end()) {
          people.push_back(person);
        }
      }
    }
    return people;
  }

  // The relation of the last meeting or call between people a and b found in this sentence
  // or the two before, or "".
  std::string LastExchange(int a, int b) const {
    for (auto fact = out_->rbegin(); fact != out_->rend(); ++fact) {
      if (fact->sentence < sentence_ - 2) break;
      if ((fact->relation == "met" || fact->relation == "talked_with") &&
          ((fact->subject == a && fact->object_person == b) ||
           (fact->subject == b && fact->object_person == a))) {
        return fact->relation;
      }
    }
    return "";
  }

  // The person item before ", who …," that closes at the comma item `comma`, even when the
  // clause names other people ("X, who is in Nepal at the invitation of his counterpart,
  // Foreign Minister Y, also paid a call on Z"); -1 when there is none. Only the sentence's
  // first person may head the clause.
  int RelativeClauseSubject(int comma) const {
    for (int j = comma - 1; j >= 2 && comma - j <= 30; --j) {
      const Item& item = items_[j];
      if (item.lower == "\"" || item.lower == ";" || item.lower == ":") return -1;
      if (item.lower == "who" && items_[j - 1].lower == "," &&
          items_[j - 2].kind == ItemKind::kPerson) {
        for (int q = 0; q < j - 2; ++q) {
          if (items_[q].kind == ItemKind::kPerson) return -1;
        }
        return j - 2;
      }
    }
    return -1;
  }

  // The person item before ", accompanied|flanked|escorted|joined by ...," that closes at
  // the comma item `comma` (the companions named inside are not the subject), or -1.
  int AccompaniedSubject(int comma) const {
    for (int j = comma - 2; j >= 2 && comma - j <= 16; --j) {
      const Item& item = items_[j];
      if (item.lower == "\"" || item.lower == ";" || item.lower == "(") break;
      if (In(item.lower, {"accompanied", "flanked", "escorted", "joined"}) &&
          items_[j + 1].lower == "by" && items_[j - 1].lower == "," &&
          items_[j - 2].kind == ItemKind::kPerson) {
        return j - 2;
      }
    }
    return -1;
  }

  // The person item before ", who|whose ...,", ", on|during|after ...," or ", the host,"
  // that closes at the comma item `comma`, when no other person stands in it; -1 when there
  // is none.
  int ParentheticalSubject(int comma) const {
    for (int j = comma - 1; j >= 2 && comma - j <= 16; --j) {
      const Item& item = items_[j];
      const bool possessive_pronoun =
          item.kind == ItemKind::kPronoun && In(item.lower, {"his", "her", "their", "its"});
      // "on the first visit to Iraq by a Jordanian head of state": a title naming no one
      // may stand inside.
      const bool named = item.kind == ItemKind::kPerson && mentions_[item.mention].name_unit >= 0;
      if (named || (item.kind == ItemKind::kPronoun && !possessive_pronoun) || item.lower == "\"" ||
          (item.lower == "," && j != comma - 1)) {
        return -1;
      }
      if (In(item.lower, {"who", "whose", "on", "during", "after", "before", "while", "at", "for",
                          "the", "a", "an", "under", "despite", "amid", "still", "fresh"}) &&
          items_[j - 1].lower == "," && items_[j - 2].kind == ItemKind::kPerson) {
        return j - 2;
      }
    }
    return -1;
  }

  // The item of the subject of a verb coordinated with the clause before item `and` ("X
  // flew to Amman and met Y", or a comma before a participle: "…, meeting Y"): the
  // sentence's first person (or pronoun), when only words and entities, no other person,
  // stand between it and the "and". Notes the modality of those
  // words ("X refused to travel to Amman and meet Y"). -1 when there is none.
  int CoordinatedClauseSubject(int and_item, Modality* modality) const {
    int subject = -1;
    bool object_passed = false;
    bool clause_between = false;  // a relative clause between the item and `and_item`
    for (int j = and_item - 1; j >= 0 && and_item - j <= 24; --j) {
      const Item& item = items_[j];
      // "X arrived … on the first visit by a Syrian foreign minister, and was received":
      // a title naming no one is not the subject.
      if (item.kind == ItemKind::kPerson && PersonOf(j) < 0) continue;
      if (item.kind == ItemKind::kPerson || item.kind == ItemKind::kPronoun) {
        // "she called on Y and held talks with Z": Y is the clause's object; so is the agent
        // of a passive ("she was received by Y and held talks with Z").
        if (!object_passed && item.kind == ItemKind::kPerson && j >= 2 &&
            (In(items_[j - 1].lower, {"on", "with", "met", "received", "hosted", "welcomed"}) ||
             (items_[j - 1].lower == "by" && absl::EndsWith(items_[j - 2].lower, "ed") &&
              !clause_between))) {
          object_passed = true;
          continue;
        }
        subject = j;
        break;
      }
      if (item.lower == "and" || item.lower == ";" || item.lower == ":" || item.lower == "\"") {
        return -1;
      }
      // "… led by X, who is expected to travel to Y to meet Z": X's own clause.
      clause_between = clause_between || item.lower == "who" || item.lower == "whose";
    }
    if (subject < 0) return -1;
    // The clause's first person (or the same one named again).
    for (int j = 0; j < subject; ++j) {
      // "During his stay, he paid a call on Y and held talks with Z": the adverbial's
      // possessive is the subject's own.
      if (items_[j].kind == ItemKind::kPronoun && items_[subject].kind == ItemKind::kPronoun &&
          In(items_[j].lower, {"his", "her"})) {
        continue;
      }
      if (items_[j].kind == ItemKind::kPronoun) return -1;
      if (items_[j].kind != ItemKind::kPerson) continue;
      const int person = PersonOf(j);
      if (person < 0) continue;
      if (person != PersonOf(subject)) return -1;
      subject = j;
      break;
    }
    for (int j = subject + 1; j < and_item; ++j) NoteModality(items_[j], modality);
    return subject;
  }

  // The item after a venue that starts at item q (after "at" or "in") and a time adverbial
  // after it, or q when none starts there: "the National Palace of Culture", "the
  // headquarters", "the ministry's General Secretariat". A venue is a determiner, then up to
  // four plain words, entities or unknown names.
  int AfterVenue(int q) const {
    const int n = static_cast<int>(items_.size());
    int k = q;
    if (k < n && In(items_[k].lower, {"the", "his", "her", "its", "their"})) ++k;
    const int head = k;
    auto venue_word = [&](int p) {
      const Item& item = items_[p];
      if (item.kind == ItemKind::kEntity || IsUnknownName(p)) return true;
      return item.kind == ItemKind::kWord && !item.time_word &&
             !In(item.lower, {"the", "a", "an", "his", "her", "their", "and", "with", "to", "by",
                              "on", "in", "at", "for", "of", "who", "which", "that"});
    };
    while (k < n && k < head + 4 && venue_word(k)) ++k;
    if (k == head) return q;
    // "the National Palace of Culture", "the Palace of the Republic"
    if (k + 1 < n && items_[k].lower == "of") {
      const int name = k + 1 + (items_[k + 1].lower == "the" && k + 2 < n ? 1 : 0);
      if (IsPlace(items_[name]) || IsUnknownName(name) || items_[name].kind == ItemKind::kEntity) {
        k = name + 1;
      }
    }
    // "at his office in Nouakchott", "at the airport in Juliaca"
    if (k + 1 < n && items_[k].lower == "in" && (IsPlace(items_[k + 1]) || IsUnknownName(k + 1))) {
      k += 2;
    }
    return AfterTimeAdverbial(k);
  }

  // Whether item k is a country's possessive right before a person: "Estonia's A".
  bool PossessiveBeforePerson(int k) const {
    return k + 1 < static_cast<int>(items_.size()) && items_[k].kind == ItemKind::kEntity &&
           items_[k].unit->possessive && items_[k].unit->kind == UnitKind::kCountry &&
           items_[k + 1].kind == ItemKind::kPerson;
  }

  // The item after the colon of "[his] counterparts from A, B and C:" starting at item q
  // (the countries of a list of people that follows), or q.
  int OriginListColon(int q) const {
    const int n = static_cast<int>(items_.size());
    int k = q;
    while (k < n && k < q + 3 && In(items_[k].lower, {"his", "her", "their", "the"})) ++k;
    // A plural title with its countries is one item: "his counterparts from A, B and C".
    if (k + 1 < n && items_[k].kind == ItemKind::kPerson && items_[k + 1].lower == ":") {
      const PersonMention& group = mentions_[items_[k].mention];
      if (group.plural && group.name_unit < 0) return k + 2;
    }
    if (k + 2 >= n || !In(items_[k].lower, {"counterparts", "ministers", "leaders"}) ||
        items_[k + 1].lower != "from") {
      return q;
    }
    int j = k + 2;
    while (j < n && (items_[j].kind == ItemKind::kEntity || In(items_[j].lower, {",", "and"}))) ++j;
    return j < n && j > k + 2 && items_[j].lower == ":" ? j + 1 : q;
  }

  // Objects from item q on: persons in a list, after a few determiners and group words.
  std::vector<int> PersonObjects(int q, int* last_item) const {
    std::vector<int> objects;
    const int n = static_cast<int>(items_.size());
    int k = AfterTimeAdverbial(q);  // "received on Monday the minister"
    // "received, on Tuesday in Rabat, the Personal Envoy": an adverbial between commas.
    if (k + 1 < n && items_[k].lower == ",") {
      const int after = AfterAdverbials(k + 1);
      if (after > k + 1 && after + 1 < n && items_[after].lower == ",") k = after + 1;
    }
    // "received on Monday at the National Palace the Vice President of X, Y": a venue
    // between the verb and its object, when a person follows it.
    if (k + 2 < n && (items_[k].lower == "at" || items_[k].lower == "in")) {
      if (const int after = AfterVenue(k + 1);
          after > k + 1 && after < n &&
          (items_[after].kind == ItemKind::kPerson ||
           In(items_[after].lower, {"the", "his", "her", "their"}))) {
        k = after;
      }
    }
    // "joined the two leaders", "met both ministers"; "hosted the Japanese guest".
    for (const int noun : {k + 1, k + 2}) {
      if (noun >= n) break;
      if (std::vector<int> group = GroupReferredTo(noun); !group.empty()) {
        *last_item = noun;
        return group;
      }
    }
    for (const int noun : {k + 1, k + 2, k + 3}) {
      if (noun >= n || items_[k].lower != "the") break;
      if (const int visitor = VisitorReferredTo(noun); visitor >= 0) {
        *last_item = noun;
        return {visitor};
      }
    }
    // "joined them for dinner": the people of the last meeting.
    if (k < n && items_[k].lower == "them") {
      std::vector<int> group = LastMeetingHolding("");
      if (!group.empty()) *last_item = k;
      return group;
    }
    // "received her at his office", "spoke with him by phone".
    if (k < n && items_[k].kind == ItemKind::kPronoun && IsObjectPronoun(k)) {
      if (const int person = ObjectPronounReferent(); person >= 0) {
        objects.push_back(person);
        *last_item = k;
      }
      return objects;
    }
    int lead = 0;
    // "the provincial Governor, X": an adjective between a determiner and a titled person.
    if (k + 2 < n && In(items_[k].lower, {"the", "his", "her", "their"}) &&
        items_[k + 1].kind == ItemKind::kWord && items_[k + 2].kind == ItemKind::kPerson &&
        !mentions_[items_[k + 2].mention].roles.empty()) {
      k += 2;
    }
    // "met regional governor X", "received outgoing Ambassador Y", "attended by Chiapas
    // public security secretary X": modifiers of the title (after a place's name).
    {
      auto modifier = [&](int q) {
        return q < n && items_[q].kind == ItemKind::kWord &&
               (knowledge_.WordHas(items_[q].lower, kPortfolio) ||
                In(items_[q].lower,
                   {"former", "outgoing", "incoming", "local", "provincial", "municipal", "federal",
                    "district", "county", "public", "state"}));
      };
      int q = k;
      if (q + 1 < n && (IsUnknownName(q) || IsPlace(items_[q])) && modifier(q + 1)) ++q;
      const int words = q;
      while (q < n && q < words + 3 && modifier(q)) ++q;
      if (q > words && q < n && items_[q].kind == ItemKind::kPerson &&
          !mentions_[items_[q].mention].roles.empty()) {
        k = q;
      }
    }
    // "his counterparts from Bhutan, Myanmar and Nepal: A, B and C".
    if (const int colon = OriginListColon(k); colon > k) k = colon;
    while (k < n && lead < 5 &&
           (((items_[k].kind == ItemKind::kWord ||
              (items_[k].kind == ItemKind::kPronoun && k + 1 < n &&
               items_[k + 1].kind == ItemKind::kEntity)) &&
             In(items_[k].lower, {"the",         "his",
                                  "her",         "their",
                                  "its",         "key",
                                  "senior",      "top",
                                  "other",       "fellow",
                                  "visiting",    "including",
                                  "such",        "as",
                                  "leaders",     "officials",
                                  "both",        "two",
                                  "three",       "four",
                                  "with",        "ministers",
                                  "presidents",  "envoys",
                                  "mayors",      "governors",
                                  ":",           "several",
                                  "newly",       "elected",
                                  "counterpart", "counterparts",
                                  "members",     "representatives",
                                  "commanders",  "negotiators",
                                  "delegates"})) ||
            (items_[k].kind == ItemKind::kEntity && items_[k].unit->kind == UnitKind::kDemonym) ||
            // "met with Taliban officials A and B", "Presidency members A, B and C".
            (items_[k].kind == ItemKind::kEntity &&
             items_[k].unit->kind == UnitKind::kOrganization && k + 1 < n &&
             In(items_[k + 1].lower, {"officials", "leaders", "members", "representatives",
                                      "commanders", "negotiators", "delegates"})) ||
            PossessiveBeforePerson(k) ||
            // "her Estonian and Latvian counterparts, A and B".
            (items_[k].lower == "and" && k >= 1 && k + 1 < n &&
             items_[k - 1].kind == ItemKind::kEntity &&
             items_[k - 1].unit->kind == UnitKind::kDemonym &&
             (items_[k + 1].kind == ItemKind::kPerson ||
              (items_[k + 1].kind == ItemKind::kEntity &&
               items_[k + 1].unit->kind == UnitKind::kDemonym))))) {
      ++k;
      ++lead;
    }
    while (k < n) {
      if (items_[k].kind != ItemKind::kPerson) break;
      // "Maharashtra Chief Minister X", "Riksdag Speaker Y": an unknown name before a
      // titled person qualifies that person.
      if (IsUnknownName(k) && k + 1 < n && items_[k + 1].kind == ItemKind::kPerson) {
        ++k;
        continue;
      }
      if (items_[k].possessive) {
        // "the President's envoy for hostage affairs, Sam Whitfield": the possessor is no object;
        // the person the phrase describes follows a comma.
        int j = k + 1;
        while (j < n && j < k + 8 && items_[j].kind != ItemKind::kPerson && items_[j].lower != ".")
          ++j;
        // The holder may also be named in the possessed title's own phrase ("the
        // President-elect's designated envoy for hostage affairs, Sam Whitfield" as one
        // mention).
        if (j < n && items_[j].kind == ItemKind::kPerson &&
            (items_[j - 1].lower == "," || (mentions_[items_[j].mention].name_unit >= 0 &&
                                            !mentions_[items_[j].mention].roles.empty()))) {
          k = j;
          continue;
        }
        break;
      }
      // "met X, his spokesman Y said": the speaker of a reporting clause is no object.
      if (!objects.empty() && k + 1 < n && items_[k + 1].kind == ItemKind::kWord &&
          knowledge_.WordHas(items_[k + 1].lower, kSpeechVerb)) {
        break;
      }
      int person = mentions_[items_[k].mention].cluster;
      if (person >= 0) objects.push_back(person);
      *last_item = k;
      int j = k + 1;
      int separators = 0;
      while (
          j < n && separators < 6 &&
          (items_[j].lower == "," || items_[j].lower == "and" || items_[j].lower == "with" ||
           items_[j].lower == "&" || items_[j].lower == "also" || items_[j].lower == "separately" ||
           (items_[j].kind == ItemKind::kWord && knowledge_.WordHas(items_[j].lower, kPosition)))) {
        ++j;
        ++separators;
      }
      if (separators == 0) break;
      // "attended by A and by B", "held talks with A and with the Minister of Health, B".
      if (j + 1 < n && items_[j].lower == "by" && items_[j - 1].lower == "and") ++j;
      if (j + 1 < n && In(items_[j].lower, {"the", "his", "her", "their"}) &&
          items_[j + 1].kind == ItemKind::kPerson && In(items_[j - 1].lower, {"with", "by"})) {
        ++j;
      }
      // "Estonia's A and Lithuania's B".
      if (PossessiveBeforePerson(j)) ++j;
      // "A, B and the host, C", "A, B and their Djiboutian host, C".
      if (j + 3 < n && In(items_[j].lower, {"the", "their"}) &&
          items_[j + 1].kind == ItemKind::kEntity &&
          items_[j + 1].unit->kind == UnitKind::kDemonym && items_[j + 2].lower == "host" &&
          items_[j + 3].lower == ",") {
        j += 4;
      } else if (j + 2 < n && In(items_[j].lower, {"the", "their"}) &&
                 items_[j + 1].lower == "host" && items_[j + 2].lower == ",") {
        j += 3;
      }
      k = j;
    }
    return objects;
  }

  // A place object at item q ("visited China", "arrived in the capital Kabul", "in the
  // Afghan capital, Kabul,").
  // Whether a venue's head follows the name at item q: "the Mihail Kogalniceanu air base" is
  // no place of that name.
  bool VenueFollows(int q) const {
    return q + 1 < static_cast<int>(items_.size()) &&
           In(items_[q + 1].lower,
              {"air", "base", "airport", "airbase", "hospital", "stadium", "university", "school",
               "square", "palace", "centre", "center", "building", "hall", "campus"});
  }

  bool PlaceObject(int q, bool allow_organization, std::string* name, std::string* label,
                   int* item) const {
    const int n = static_cast<int>(items_.size());
    q = AfterTimeAdverbial(q);  // "visited on Monday the city of"
    if (q < n && items_[q].lower == "the") ++q;
    // The place may follow a description of it: "[Afghan] capital[,]", "port city of".
    int named = q;
    if (named < n && items_[named].kind == ItemKind::kEntity &&
        items_[named].unit->kind == UnitKind::kDemonym) {
      ++named;
    }
    const int description = named;
    while (named < n && named < description + 2 && items_[named].kind == ItemKind::kWord &&
           In(items_[named].lower,
              {"capital", "city", "port", "town", "village", "province", "region", "island"})) {
      ++named;
    }
    if (named > description) {
      // "arrived in the Latvian capital on Monday": the country's capital, when no name
      // follows.
      const bool capital = named == description + 1 && description == q + 1 &&
                           items_[description].lower == "capital";
      if (named < n && (items_[named].lower == "," || items_[named].lower == "of")) ++named;
      if (capital && (named >= n || !(IsPlace(items_[named]) || IsUnknownName(named) ||
                                      items_[named].kind == ItemKind::kEntity))) {
        const std::string city = knowledge_.CapitalOf(items_[q].unit->target);
        if (!city.empty()) {
          *name = city;
          *label = "Place";
          *item = description;
          return true;
        }
      }
      q = named;
    }
    if (q >= n) return false;
    if (IsHere(q)) {
      const bool country = items_[q].lower != "here";
      *name = country ? dateline_.country : dateline_.place;
      *label = country ? "Country" : dateline_.label;
      *item = q;
      return true;
    }
    const Item& candidate = items_[q];
    const Unit* unit = candidate.unit;
    if (candidate.kind == ItemKind::kEntity) {
      if (unit->kind == UnitKind::kCountry) {
        *label = "Country";
      } else if (unit->kind == UnitKind::kPlace) {
        // A venue is where a visit went, not the place visited ("touched down at X
        // International Airport, where"): the city is what a reader asks for.
        const size_t space = unit->lower.rfind(' ');
        const std::string head =
            space == std::string::npos ? unit->lower : unit->lower.substr(space + 1);
        if (In(head, {"airport", "airbase", "hotel", "hospital", "stadium", "building", "residence",
                      "headquarters", "palace", "centre", "center"})) {
          return false;
        }
        *label = "Place";
      } else if (unit->kind == UnitKind::kOrganization && allow_organization &&
                 (knowledge_.FindEntity(unit->target) != nullptr ||
                  unit->token_end - unit->token_begin >= 2)) {
        *label = "Organization";  // a body by its name: "the Kingdom" is none
      } else if (unit->kind == UnitKind::kName && !VenueFollows(q)) {
        *label = "Place";
      } else {
        return false;
      }
      *name = unit->target;
      *item = q;
      return true;
    }
    if (candidate.kind == ItemKind::kPerson) {
      // An unknown one-word capitalized name after "to"/"in" is a place; so is a longer one
      // that nothing marks as a person ("arrived in San Pedro Sula").
      const PersonMention& mention = mentions_[candidate.mention];
      if (mention.name_unit >= 0 && mention.roles.empty() && !VenueFollows(q) &&
          ((mention.cluster < 0 && mention.name.find(' ') == std::string::npos) ||
           IsUnknownName(q))) {
        *name = mention.name;
        *label = "Place";
        *item = q;
        return true;
      }
    }
    return false;
  }

  // Whether the words right after item `last` say the exchange was remote ("discussed the
  // crisis with Y by telephone", "… via video link", "… virtually").
  bool PhoneCueAfter(int last) const {
    const int n = static_cast<int>(items_.size());
    for (int k = last + 1; k < n && k <= last + 8; ++k) {
      const std::string& word = items_[k].lower;
      if (word == "." || word == ";" || items_[k].kind == ItemKind::kPerson) return false;
      if (word == "virtually") return true;
      // "in a telephone call", "during a video conference".
      if (k > last + 1 && In(word, {"phone", "telephone", "video", "videoconference"}) &&
          In(items_[k - 1].lower, {"a", "the"})) {
        return true;
      }
      if ((word == "by" || word == "via" || word == "over") && k + 1 < n &&
          In(items_[k + 1].lower, {"phone", "telephone", "video", "videoconference", "the"})) {
        if (items_[k + 1].lower != "the") return true;
        if (k + 2 < n && In(items_[k + 2].lower, {"phone", "telephone"})) return true;
      }
    }
    return false;
  }

  // Whether the sentence opens on a remote exchange that the words up to item `first` then
  // report ("In a separate telephone call later in the day, X and Y discussed …", "During
  // a video conference on Monday, X and Y agreed …").
  bool PhoneCueOpening(int first) const {
    if (first < 3 || !In(items_[0].lower, {"in", "during", "over"})) return false;
    for (int k = 1; k < first; ++k) {
      const std::string& word = items_[k].lower;
      if (items_[k].kind == ItemKind::kPerson || word == ";") return false;
      if (In(word, {"videoconference", "video-conference", "teleconference"})) return true;
      if (k + 1 < first && In(word, {"phone", "telephone", "video"}) &&
          In(items_[k + 1].lower, {"call", "conversation", "conference"})) {
        return true;
      }
    }
    return false;
  }

  void Emit(const std::string& relation, int subject, int object_person,
            const std::string& object_name, const std::string& object_label, int first_item,
            int last_item, const Trigger& trigger, float confidence) {
    if (subject < 0 || (object_person < 0 && object_name.empty()) || subject == object_person)
      return;
    RelationFact fact;
    fact.relation = relation == "met" && (PhoneCueAfter(last_item) || PhoneCueOpening(first_item))
                        ? "talked_with"
                        : relation;
    fact.subject = subject;
    fact.object_person = object_person;
    fact.object_name = object_name;
    fact.object_label = object_label;
    fact.sentence = sentence_;
    fact.token_begin = items_[std::max(0, first_item)].token_begin;
    fact.token_end = items_[std::min(static_cast<int>(items_.size()) - 1, last_item)].token_end;
    fact.rule = trigger.rule;
    fact.confidence = confidence;
    out_->push_back(std::move(fact));
  }

  // The relation a met/talked_with trigger yields under `modality`, or "" for none.
  static std::string Resolve(const std::string& relation, const Modality& modality) {
    if (modality.negated || modality.hypothetical) return "";
    if (relation == "met" || relation == "talked_with")
      return modality.plan ? "plans_to_meet" : relation;
    // "X will visit Seoul at the invitation of Y": the guest is to meet the host.
    if (relation == "invited" && modality.plan) return "plans_to_meet";
    if (modality.plan) return "";
    return relation;
  }

  // A visit's destinations from item q: a place object, then more joined by "," or "and"
  // ("visited Moscow and Kyiv"), leaving out a country that only qualifies the place before
  // ("Kabul, Afghanistan"). Empty when there is no place at q.
  struct Destination {
    std::string name;
    std::string label;
    int item = -1;
  };
  std::vector<Destination> PlaceObjects(int q, bool allow_organization) const {
    std::vector<Destination> destinations;
    Destination next;
    if (!PlaceObject(q, allow_organization, &next.name, &next.label, &next.item)) {
      return destinations;
    }
    destinations.push_back(next);
    const int n = static_cast<int>(items_.size());
    while (true) {
      int k = destinations.back().item + 1;
      int separators = 0;
      while (k < n && separators < 2 && (items_[k].lower == "," || items_[k].lower == "and")) {
        ++k;
        ++separators;
      }
      // More places; a body only first ("to Pakistan, the Ministry of Defence said").
      if (separators == 0 || !PlaceObject(k, false, &next.name, &next.label, &next.item)) {
        break;
      }
      const Item& before = items_[destinations.back().item];
      const bool qualifier = next.label == "Country" && before.kind == ItemKind::kEntity &&
                             before.unit->kind == UnitKind::kPlace &&
                             before.unit->place_country == next.name;
      if (qualifier) {
        destinations.back().item = next.item;
      } else {
        destinations.push_back(next);
      }
    }
    return destinations;
  }

  // Whether the infinitive before item p tells what was done, not planned: "was able to
  // pay a courtesy call on", "managed to meet".
  bool DoneInfinitive(int p) const {
    return p >= 2 && items_[p - 1].lower == "to" &&
           In(items_[p - 2].lower, {"able", "managed", "proceeded"});
  }

  // Modality words among the `count` items before item p.
  Modality Before(int p, int count) const {
    Modality modality;
    for (int k = std::max(0, p - count); k < p; ++k) NoteModality(items_[k], &modality);
    if (p >= 1 && items_[p - 1].lower == "to" && !DoneInfinitive(p)) modality.plan = true;
    return modality;
  }

  // Finds the facts of `trigger`, matched at items [p, end), by the form of its pattern.
  void Apply(const Trigger& trigger, int p, int end) {
    switch (trigger.form) {
      case TriggerForm::kActive:
        return ApplyActive(trigger, p, end);
      case TriggerForm::kReciprocal:
        return ApplyReciprocal(trigger, p, end);
      case TriggerForm::kPassive:
        return ApplyPassive(trigger, p, end);
      case TriggerForm::kJoins:
        return ApplyJoins(trigger, p, end);
      case TriggerForm::kLeads:
        return ApplyLeads(trigger, p, end);
      case TriggerForm::kCompanions:
        return ApplyCompanions(trigger, p, end);
      case TriggerForm::kBetween:
        return ApplyBetween(trigger, p, end);
      case TriggerForm::kPossessive:
        return ApplyPossessive(trigger, p, end);
    }
  }

  // Subjects before the trigger, objects after: "X met Y and Z", "X visited Z"; with no object,
  // every pair of subjects: "X and Y met".
  void ApplyActive(const Trigger& trigger, int p, int end) {
    const bool visit = trigger.relation == "visited";
    const bool to_infinitive = p >= 1 && items_[p - 1].lower == "to";
    // "the meeting" is a noun, not a verb.
    if (p >= 1 && In(items_[p - 1].lower, {"the", "a", "an", "this", "that"})) return;
    Modality modality;
    int first = p;
    std::vector<int> subjects = Subjects(p, &modality, &first);
    if (to_infinitive && !DoneInfinitive(p)) modality.plan = true;
    // "Nor did X meet Y", "Never has X visited Y": a negation inverted before the subject.
    if (first >= 2 && In(items_[first - 1].lower, {"did", "does", "do", "has", "have", "had"}) &&
        In(items_[first - 2].lower, {"nor", "neither", "never"})) {
      modality.negated = true;
    }
    // Words a gap skipped ("had been due to hold talks with"), and the trigger's own
    // ("called off a meeting with").
    if (trigger.relation == "met" || trigger.relation == "talked_with") {
      for (int k = p; k < end; ++k) NoteModality(items_[k], &modality);
    }
    const bool for_talks = items_[p].lower == "for" && p >= 1;
    if (subjects.empty() && (to_infinitive || for_talks)) {
      // "X is expected to travel to Doha on Tuesday to meet Y", "X will travel to Warsaw
      // in May for talks with Y": a purpose clause takes the subject of the clause it ends.
      const int subject = CoordinatedClauseSubject(p - 1, &modality);
      if (subject >= 0 && PersonOf(subject) >= 0) {
        subjects.push_back(PersonOf(subject));
        first = subject;
      }
    }
    // "• met with NATO Secretary General X," under "On the margins, Minister Y:".
    if (subjects.empty() && p <= 1) {
      if (const int lead = ListLeadSubject(); lead >= 0) subjects.push_back(lead);
    }
    if (subjects.empty()) return;
    if (visit) return EmitVisits(trigger, p, end, std::move(subjects), modality, first);
    int last = end - 1;
    std::vector<int> objects = PersonObjects(end, &last);
    // "A visit by X to Damascus for talks with Y, originally planned for July, was
    // postponed": a noun phrase whose fate the words after it tell.
    if (for_talks) NoteModalityAfter(last, &modality);
    // "X would meet Y if Z recognised the results": a condition, no plan.
    if (modality.plan && WouldBefore(p)) {
      for (int k = last + 1; k < static_cast<int>(items_.size()) && k <= last + 8; ++k) {
        if (items_[k].lower == "if" || items_[k].lower == "unless") return;
      }
    }
    std::string relation = Resolve(trigger.relation, modality);
    if (relation.empty() || objects.empty()) return;
    // "called on X to resign", "called on Niger's head of state, General X, to reopen".
    int after = last + 1;
    if (after + 1 < static_cast<int>(items_.size()) && items_[after].lower == ",") ++after;
    if (after < static_cast<int>(items_.size())) {
      for (const std::string& word : trigger.unless_followed_by) {
        if (items_[after].lower == word) return;
      }
    }
    if (trigger.relation == "invited") relation = modality.negated ? "" : "invited";
    for (int subject : subjects) {
      for (int object : objects)
        Emit(relation, subject, object, "", "", first, last, trigger, 0.85f);
    }
    // "X and Y met with Z": X and Y were at the meeting together (on a call with Z they
    // may sit side by side: no call between them). Two of one country ("the two
    // ministers", "the King and Queen of Sweden") are one side, no pair of the meeting.
    // "The President and the First Lady welcomed Z": hosts are one side, unless known to
    // serve different countries.
    const std::vector<std::string>& verbs = trigger.pattern.front().alternatives;
    const bool host_verb = trigger.pattern.size() == 1 &&
                           std::find_if(verbs.begin(), verbs.end(), [](const std::string& verb) {
                             return verb == "received" || verb == "hosted" || verb == "welcomed";
                           }) != verbs.end();
    if (relation == "met" || relation == "plans_to_meet") {
      for (size_t a = 0; a < subjects.size(); ++a) {
        for (size_t b = a + 1; b < subjects.size(); ++b) {
          if (SameSide(subjects[a], subjects[b])) continue;
          if (host_verb && !OtherCountries(subjects[a], subjects[b])) continue;
          Emit(relation, subjects[a], subjects[b], "", "", first, last, trigger, 0.8f);
        }
      }
    }
    // "X hosted A and B for a trilateral meeting", "held a video call with A and B": the
    // guests met (or were on the call with) each other too.
    // "chaired a meeting attended by A, B and C", "hosted A, B and C for the Quad
    // meeting": all of them.
    // Guests hosted for one meeting met each other when they came from different
    // countries ("hosted the foreign ministers of Australia, Japan and the US for the Quad
    // meeting"), not when they were one side ("met X and Y for talks").
    // "held a closed-door meeting with A, B and C": one meeting, where those of different
    // countries met each other too.
    // "received A and B at the ministry": a host's guests from different countries came
    // together, unless the words after them part them ("… and later B", "separately").
    const bool attendees = absl::StrContains(trigger.rule, "attended by") ||
                           absl::StrContains(trigger.rule, "joined by");
    bool one_meeting = false;
    for (int k = p; k < end; ++k) one_meeting = one_meeting || items_[k].lower == "meeting";
    bool hosted = host_verb;
    for (int k = end; hosted && k <= last + 1 && k < static_cast<int>(items_.size()); ++k) {
      if (In(items_[k].lower, {"separately", "respectively", "later", "then", "afterwards",
                               "individually", "also"})) {
        hosted = false;
      }
    }
    const bool guests = !attendees && (ForMeetingAfter(last) || one_meeting || hosted);
    if (relation != "invited" && objects.size() >= 2 &&
        (MultipartyCue() || attendees || guests ||
         (relation == "talked_with" && ConferenceCue(p, end)))) {
      for (size_t a = 0; a < objects.size(); ++a) {
        for (size_t b = a + 1; b < objects.size(); ++b) {
          if (guests && !MultipartyCue() && !OtherCountries(objects[a], objects[b])) continue;
          Emit(relation, objects[a], objects[b], "", "", first, last, trigger, 0.8f);
        }
      }
    }
  }

  // The visits of an active trigger matched at items [p, end), made by `subjects` (the first
  // at item `first`) under `modality`: "X visited Y", "X arrived in Y on a visit to Z".
  void EmitVisits(const Trigger& trigger, int p, int end, std::vector<int> subjects,
                  const Modality& modality, int first) {
    // "visited the African Union", "arrived … on her first visit to the African Union".
    bool allow_org = false;
    for (int k = p; k < end; ++k) allow_org |= absl::StartsWith(items_[k].lower, "visit");
    if (modality.plan || modality.negated || modality.hypothetical) return;
    // A present tense that a plan later in the sentence makes future: "She travels to
    // Apia on Thursday, where she is expected to meet …".
    // So does a day named after it: "Gallagher flies to Toronto on Thursday".
    if (In(items_[p].lower, {"travels", "flies", "heads", "arrives", "visits", "goes"})) {
      Modality later;
      for (int k = end; k < static_cast<int>(items_.size()); ++k) {
        NoteModality(items_[k], &later);
        if (In(items_[k].lower, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                 "sunday", "tomorrow", "tonight"})) {
          later.plan = true;
        }
      }
      if (later.plan) return;
    }
    // A pattern with "@place" names the destination inside it ("is in Cairo on a
    // visit"); others are followed by it.
    const bool inside = std::any_of(trigger.pattern.begin(), trigger.pattern.end(),
                                    [](const PatternElement& e) { return e.place; });
    std::vector<Destination> places;
    if (inside) {
      int from = p;
      while (from < end && !IsPlace(items_[from]) && !IsHere(from)) ++from;
      places = PlaceObjects(from, allow_org);
    }
    // "arrived in New Delhi on a visit to India": both.
    for (Destination& place : PlaceObjects(end, allow_org)) places.push_back(std::move(place));
    // "X arrived on Thursday morning on a chartered flight": in the dateline's city, unless
    // X serves its country (coming home).
    if (places.empty() && end - p == 1 && !inside &&
        In(items_[p].lower, {"arrived", "arrives", "landed", "lands"}) &&
        AfterTimeAdverbial(end) > end && dateline_.label == "Place" && !dateline_.place.empty()) {
      subjects.erase(std::remove_if(subjects.begin(), subjects.end(),
                                    [&](int subject) {
                                      const std::vector<std::string>& served =
                                          people_[subject].affiliations;
                                      return std::find(served.begin(), served.end(),
                                                       dateline_.country) != served.end();
                                    }),
                     subjects.end());
      places.push_back(Destination{dateline_.place, "Place", end});
    }
    // "arrived in Bangkok on the evening of 20 August for a two-day official visit to
    // Thailand", "arrived in Vientiane for a visit, his first to Laos": the visit's country
    // further on.
    if (!places.empty() &&
        In(items_[p].lower, {"arrived", "arrives", "arriving", "landed", "lands"})) {
      const int n = static_cast<int>(items_.size());
      for (int k = places.back().item + 1; k + 2 < n && k <= places.back().item + 14; ++k) {
        const Item& item = items_[k];
        // "…, his first to Laos since taking office".
        if (item.kind == ItemKind::kPronoun && In(item.lower, {"his", "her"}) && k + 3 < n &&
            In(items_[k + 1].lower, {"first", "second", "third", "fourth", "fifth"}) &&
            items_[k + 2].lower == "to") {
          for (Destination& place : PlaceObjects(k + 3, allow_org)) {
            places.push_back(std::move(place));
          }
          break;
        }
        if (item.kind == ItemKind::kPerson ||
            (item.kind == ItemKind::kPronoun && !In(item.lower, {"his", "her"})) ||
            In(item.lower, {".", ";", "\"", "who", "where", "and"})) {
          break;
        }
        if (In(item.lower, {"visit", "trip", "tour"}) && items_[k + 1].lower == "to") {
          for (Destination& place : PlaceObjects(k + 2, allow_org)) {
            places.push_back(std::move(place));
          }
          break;
        }
      }
    }
    // "X arrived in Nuuk on a visit to Greenland, accompanied by Y": Y came too.
    if (!places.empty()) {
      for (int companion : TrailingCompanions(places.back().item + 1)) {
        if (std::find(subjects.begin(), subjects.end(), companion) == subjects.end()) {
          subjects.push_back(companion);
        }
      }
    }
    for (const Destination& place : places) {
      for (int subject : subjects) {
        Emit("visited", subject, -1, place.name, place.label, first, place.item, trigger, 0.8f);
      }
    }
  }

  // Every pair of the subjects before the trigger: "X and Y shook hands".
  void ApplyReciprocal(const Trigger& trigger, int p, int end) {
    const bool to_infinitive = p >= 1 && items_[p - 1].lower == "to";
    Modality modality;
    int first = p;
    std::vector<int> subjects = Subjects(p, &modality, &first);
    if (to_infinitive && !DoneInfinitive(p)) modality.plan = true;
    if (subjects.size() < 2) return;
    // "she met A and B to discuss …": the objects of the verb before, no plan of theirs.
    if (to_infinitive && first > 0 &&
        In(items_[first - 1].lower,
           {"met", "meets", "meet", "received", "receives", "hosted", "hosts", "welcomed",
            "welcomes", "invited", "invites", "urged", "asked", "called", "with"})) {
      return;
    }
    int last = end - 1;
    if (!PersonObjects(end, &last).empty()) return;
    // "X and Y held a joint video conference with Z": Z is the other party, even one the
    // text does not name as a person ("with the mayor of Subotica").
    for (int k = end; k < static_cast<int>(items_.size()) && k < end + 3; ++k) {
      if (items_[k].lower == "with") return;
    }
    std::string relation = Resolve(trigger.relation, modality);
    if (relation.empty()) return;
    // "X held a phone call with Y. The two discussed …": the call, not a meeting; but
    // "The two last met in Almaty" is one.
    // "The three prime ministers discussed …" after their call: the call's pairs only.
    const std::vector<std::string>& verb = trigger.pattern.back().alternatives;
    const bool meeting_verb = std::find(verb.begin(), verb.end(), "met") != verb.end();
    bool after_call = false;
    if (relation == "met" && !meeting_verb && NamesNoOne(first)) {
      for (size_t a = 0; a < subjects.size(); ++a) {
        for (size_t b = a + 1; b < subjects.size(); ++b) {
          after_call = after_call || LastExchange(subjects[a], subjects[b]) == "talked_with";
        }
      }
    }
    std::reverse(subjects.begin(), subjects.end());
    for (size_t a = 0; a < subjects.size(); ++a) {
      for (size_t b = a + 1; b < subjects.size(); ++b) {
        if (after_call && LastExchange(subjects[a], subjects[b]) != "talked_with") continue;
        Emit(after_call ? "talked_with" : relation, subjects[a], subjects[b], "", "", first,
             end - 1, trigger, 0.8f);
      }
    }
  }

  // The object before, the subject after: "X was received by Y"; a visit's place inside: "the first
  // visit to Z by X".
  void ApplyPassive(const Trigger& trigger, int p, int end) {
    const bool visit = trigger.relation == "visited";
    if (visit) {
      // "the first visit to Russia by X": the place inside, the visitor after.
      int place = p;
      while (place < end && !IsPlace(items_[place])) ++place;
      if (place >= end) return;
      int last = end - 1;
      const std::vector<int> agents = PersonObjects(end, &last);
      // Planned or called off, before or after: "the planned visit …", "… was cancelled".
      // "A visit to Senegal by X, which had been scheduled for Monday, has been postponed".
      Modality modality = Before(p, 4);
      NoteModalityAfter(last, &modality);
      if (modality.plan || modality.negated || modality.hypothetical) return;
      for (int agent : agents) {
        Emit("visited", agent, -1, items_[place].unit->target,
             items_[place].unit->kind == UnitKind::kCountry ? "Country" : "Place", p, last, trigger,
             0.75f);
      }
      return;
    }
    Modality modality;
    int first = p;
    std::vector<int> patients = Subjects(p, &modality, &first);
    if (patients.empty() && trigger.relation == "invited") {
      // "X arrived in Y for a visit at the invitation of Z": the clause's subject.
      const int subject = CoordinatedClauseSubject(p, &modality);
      if (subject >= 0 && PersonOf(subject) >= 0) patients.push_back(PersonOf(subject));
    }
    int last = end - 1;
    std::vector<int> agents = PersonObjects(end, &last);
    std::string relation = Resolve(trigger.relation, modality);
    if (relation.empty()) return;
    for (int agent : agents) {
      for (int patient : patients)
        Emit(relation, agent, patient, "", "", first, last, trigger, 0.8f);
    }
  }

  // Someone joining the meeting or call just reported: "X took part in the meeting", "the meeting
  // was attended by X".
  void ApplyJoins(const Trigger& trigger, int p, int end) {
    // "X also took part in the meeting", "The meeting was attended by X": X met the
    // people of the meeting just reported (by phone when the words say so: "joined the
    // meeting by video link"). After "by" the joiners follow even when people come
    // before ("The two ministers, joined by X,", "Y was accompanied by X").
    Modality modality;
    int first = p;
    int last = end - 1;
    const std::vector<std::string>& ending = trigger.pattern.back().alternatives;
    const bool agent_follows = std::find(ending.begin(), ending.end(), "by") != ending.end();
    std::vector<int> joiners;
    if (agent_follows) {
      joiners = PersonObjects(end, &last);
      Subjects(p, &modality, &first);  // for the modality only
      first = p;
    } else {
      joiners = Subjects(p, &modality, &first);
      if (joiners.empty()) joiners = PersonObjects(end, &last);
    }
    // "X took part in a round table with A, B and C": all of them, the whole roster.
    const bool roster_follows = std::find(ending.begin(), ending.end(), "with") != ending.end();
    if (roster_follows) {
      std::vector<int> listed = PersonObjects(end, &last);
      for (int person : listed) {
        if (std::find(joiners.begin(), joiners.end(), person) == joiners.end()) {
          joiners.push_back(person);
        }
      }
    }
    std::string relation = Resolve(trigger.relation, modality);
    if (relation.empty()) return;
    std::vector<int> members = LastMeetingPeople();
    // A list of several that names someone of the last meeting is the whole roster of
    // this one ("a working lunch attended by A, B and C", A having met B before; "a
    // separate session was attended by A, C and D"): its people met each other only.
    const bool roster =
        roster_follows ||
        (joiners.size() >= 2 && std::any_of(members.begin(), members.end(), [&](int member) {
           return std::find(joiners.begin(), joiners.end(), member) != joiners.end();
         }));
    if (roster) members.clear();
    if (members.empty()) {
      // "The summit, chaired by X, was attended by A and B": X is the one they met.
      if (const int host = HostBefore(p); host >= 0) members.push_back(host);
    }
    if (members.empty() && !roster) {
      // "X hosted a caucus of leaders. Among those attending were A and B."
      if (const int host = LastHost(); host >= 0) members.push_back(host);
    }
    for (int joiner : joiners) {
      for (int member : members) {
        Emit(relation, joiner, member, "", "", first, last, trigger, 0.8f);
      }
    }
    // The ones who joined it met each other too.
    for (size_t a = 0; a < joiners.size(); ++a) {
      for (size_t b = a + 1; b < joiners.size(); ++b) {
        Emit(relation, joiners[a], joiners[b], "", "", first, last, trigger, 0.8f);
      }
    }
  }

  // The heads of the sides one sentence names met: "the Pakistani side was led by X".
  void ApplyLeads(const Trigger& trigger, int p, int end) {
    // "The Pakistani side was led by X, while the Bangladesh delegation was headed by
    // Y": the heads of the sides met.
    Modality modality;
    int first = p;
    Subjects(p, &modality, &first);                                    // for the modality only
    for (int k = p; k < end; ++k) NoteModality(items_[k], &modality);  // "will be led by"
    int last = end - 1;
    std::vector<int> heads = PersonObjects(end, &last);
    // The sides of one sentence share the first one's modality ("will be led by X, and
    // the Indian side by Y").
    if (side_heads_.empty()) side_relation_ = Resolve(trigger.relation, modality);
    if (side_relation_.empty() || heads.empty()) return;
    for (int earlier : side_heads_) {
      if (earlier != heads.front())
        Emit(side_relation_, earlier, heads.front(), "", "", p, last, trigger, 0.8f);
    }
    side_heads_.push_back(heads.front());
  }

  // Companions who made someone's last visit too: "X was accompanied on the visit by Y".
  void ApplyCompanions(const Trigger& trigger, int p, int end) {
    // "She was accompanied on the visit by A and B": they made her visit, the first the
    // article reports (its stops come later), to each of its places. An ambassador or
    // high commissioner was there already.
    const int subject = p > 0 ? PersonOf(p - 1) : -1;
    if (subject < 0) return;
    std::vector<std::pair<std::string, std::string>> places;
    int visit_sentence = -1;
    for (const RelationFact& fact : *out_) {
      if (fact.relation != "visited" || fact.subject != subject) continue;
      if (visit_sentence >= 0 && fact.sentence != visit_sentence) break;
      visit_sentence = fact.sentence;
      places.emplace_back(fact.object_name, fact.object_label);
    }
    int last = end - 1;
    for (int companion : PersonObjects(end, &last)) {
      if (Holds(companion, "ambassador") || Holds(companion, "high commissioner")) continue;
      for (const auto& [place, label] : places) {
        Emit("visited", companion, -1, place, label, p, last, trigger, 0.75f);
      }
    }
  }

  // A meeting between the parties after the trigger: "talks between X and Y".
  void ApplyBetween(const Trigger& trigger, int p, int end) {
    int last = end - 1;
    std::vector<int> parties = PersonObjects(end, &last);
    // "The talks, hosted by X, brought together A and B": the host met them too.
    if (const int host = HostBefore(p);
        host >= 0 && std::find(parties.begin(), parties.end(), host) == parties.end()) {
      parties.insert(parties.begin(), host);
    }
    // "A meeting between X and Y, tentatively planned for December, has been postponed".
    Modality modality = Before(p, 4);
    NoteModalityAfter(last, &modality);
    std::string relation = Resolve(trigger.relation, modality);
    if (relation.empty() || parties.size() < 2) return;
    for (size_t a = 0; a < parties.size(); ++a) {
      for (size_t b = a + 1; b < parties.size(); ++b) {
        Emit(relation, parties[a], parties[b], "", "", p, last, trigger, 0.8f);
      }
    }
  }

  // The possessor (a name or a possessive pronoun) before, the object after: "X's meeting with Y",
  // "his visit to China".
  void ApplyPossessive(const Trigger& trigger, int p, int end) {
    const bool visit = trigger.relation == "visited";
    // The possessor, skipping a few adjectives ("his first official visit to").
    int k = p - 1;
    int skipped = 0;
    while (k >= 0 && skipped < 3 && items_[k].kind == ItemKind::kWord &&
           ![] {
             static const WordSet* const kWords2 =
                 new WordSet({"the", "a", "an", ",", "and", "of", "to", "with", "by"});
             return kWords2;
           }()
                ->Contains(items_[k].lower) &&
           !knowledge_.WordHas(items_[k].lower, kPlan | kNegation | kHypothetical)) {
      --k;
      ++skipped;
    }
    // "X, whose visit to Lisbon coincided with …": the antecedent's.
    for (int q = p - 1; q >= 2 && q >= p - 4; --q) {
      if (items_[q].lower == "whose" && items_[q - 1].lower == "," &&
          items_[q - 2].kind == ItemKind::kPerson) {
        k = q - 2;
        break;
      }
    }
    if (k < 0) return;
    const Item& owner = items_[k];
    bool possessor =
        (owner.kind == ItemKind::kPerson &&
         (owner.possessive || (k + 2 < p && items_[k + 2].lower == "whose"))) ||
        (owner.kind == ItemKind::kPronoun && (owner.lower == "his" || owner.lower == "her"));
    int subject = possessor ? PersonOf(k) : -1;
    Modality modality = possessor ? Before(k, 3) : Modality();
    if (!possessor) {
      // No possessor: "X is expected to coordinate with Y ahead of talks with Z" - the
      // clause's subject, when the sentence opens with a person, takes part.
      // A time adverbial may open the sentence ("On Thursday, the French leader will …").
      int opener = items_.empty() ? 0 : AfterTimeAdverbial(0);
      if (opener > 0 && opener < static_cast<int>(items_.size()) && items_[opener].lower == ",") {
        ++opener;
      }
      // "A meeting with X, which had been on the programme of the visit, was cancelled":
      // in a report of a visit, the visitor's.
      if (!visit && opener < p && In(items_[opener].lower, {"a", "the"}) && opener + 1 <= p &&
          items_[opener + 1].kind == ItemKind::kWord) {
        bool words_only = true;
        for (int q = opener + 1; q < p; ++q) words_only &= items_[q].kind == ItemKind::kWord;
        PersonMention visitor;
        visitor.visiting = true;
        const int person =
            words_only ? ReferentFromContext(visitor, *out_, people_, knowledge_, dateline_) : -1;
        if (person >= 0) {
          int last = end - 1;
          const std::vector<int> objects = PersonObjects(end, &last);
          Modality after = Before(p, 3);
          NoteModalityAfter(last, &after);
          const std::string relation = Resolve(trigger.relation, after);
          if (relation.empty()) return;
          for (int object : objects) {
            Emit(relation, person, object, "", "", opener, last, trigger, 0.7f);
          }
          return;
        }
      }
      // "- Phone call with the President of Korea, X" in a list of a leader's meetings.
      if (!visit && opener == 0 && p <= 2 && items_[opener].kind != ItemKind::kPerson) {
        if (const int lead = ListLeadSubject(); lead >= 0) {
          int last = end - 1;
          const std::vector<int> objects = PersonObjects(end, &last);
          Modality after = Before(p, 3);
          NoteModalityAfter(last, &after);
          const std::string relation = Resolve(trigger.relation, after);
          if (relation.empty()) return;
          for (int object : objects) Emit(relation, lead, object, "", "", p, last, trigger, 0.7f);
          // "- Trilateral meeting with X and Y": they met each other too.
          for (size_t a = 0; MultipartyCue() && a < objects.size(); ++a) {
            for (size_t b = a + 1; b < objects.size(); ++b) {
              Emit(relation, objects[a], objects[b], "", "", p, last, trigger, 0.7f);
            }
          }
          return;
        }
      }
      // "During a trip to Nouakchott in February, he met …": the clause's subject made
      // the trip.
      if (visit && p <= 3 && In(items_[0].lower, {"during", "on"})) {
        std::string name, label;
        int item = -1;
        if (!PlaceObject(end, true, &name, &label, &item)) return;
        const int n = static_cast<int>(items_.size());
        for (int q = item + 1; q < n && q <= item + 8; ++q) {
          if (items_[q].kind != ItemKind::kPerson && items_[q].kind != ItemKind::kPronoun) {
            continue;
          }
          const int traveller = PersonOf(q);
          Modality around = Before(p, 3);
          NoteModalityAfter(item, &around);
          if (traveller < 0 || around.plan || around.negated || around.hypothetical) return;
          Emit("visited", traveller, -1, name, label, 0, item, trigger, 0.7f);
          return;
        }
        return;
      }
      if (visit || opener >= p || items_[opener].kind != ItemKind::kPerson) return;
      subject = mentions_[items_[opener].mention].cluster;
      for (int q = opener + 1; q < p; ++q) {
        // "X held talks with Y, but a scheduled meeting with Z was called off".
        if (items_[q].lower == "," && q + 1 < p && items_[q + 1].lower == "but") continue;
        if (items_[q].kind == ItemKind::kPunct && items_[q].lower != "\"") return;
        // "X confirmed that President Y would pay a visit … for talks with Z": the
        // reported clause's subject.
        // A clause whose subject is no one named says nothing of whose talks they are.
        if ((items_[q].lower == "that" || knowledge_.WordHas(items_[q].lower, kSpeechVerb)) &&
            q + 1 < p && items_[q + 1].lower != "that") {
          subject = items_[q + 1].kind == ItemKind::kPerson ? PersonOf(q + 1) : -1;
          if (subject < 0) return;
          modality = Modality();
        }
        NoteModality(items_[q], &modality);
      }
      k = opener;
    }
    for (int q = k + 1; q < p; ++q) NoteModality(items_[q], &modality);
    // "the visit by X, planned for this autumn, including his summit meeting with Y": a
    // part of what the clause before plans.
    if (k >= 1 && items_[k - 1].lower == "including") {
      for (int q = 0; q < k - 1; ++q) NoteModality(items_[q], &modality);
    }
    if (visit) {
      // Only the first destination: "his travel to A and B" is often still under way.
      std::string name, label;
      int item = -1;
      if (!PlaceObject(end, true, &name, &label, &item)) return;
      // "His visit to Hanoi, originally set for August, has been postponed".
      NoteModalityAfter(item, &modality);
      if (modality.plan || modality.negated || modality.hypothetical) return;
      Emit("visited", subject, -1, name, label, k, item, trigger, 0.75f);
      return;
    }
    int last = end - 1;
    std::vector<int> objects = PersonObjects(end, &last);
    // "His audience with X, initially scheduled for Tuesday, was postponed".
    NoteModalityAfter(last, &modality);
    std::string relation = Resolve(trigger.relation, modality);
    if (relation.empty()) return;
    for (int object : objects) Emit(relation, subject, object, "", "", k, last, trigger, 0.75f);
    // "X hosted the meeting with A and B": one meeting, where those of different
    // countries met each other too.
    bool hosted = false;
    for (int q = p - 1; items_[p].lower == "meeting" && q > k && q >= p - 4; --q) {
      if (In(items_[q].lower, {"hosted", "chaired", "convened"})) {
        hosted = true;
        break;
      }
      if (items_[q].kind != ItemKind::kWord) break;
    }
    for (size_t a = 0; a < objects.size(); ++a) {
      for (size_t b = a + 1; b < objects.size(); ++b) {
        if (MultipartyCue() || (hosted && OtherCountries(objects[a], objects[b]))) {
          Emit(relation, objects[a], objects[b], "", "", k, last, trigger, 0.7f);
        }
      }
    }
  }

  const std::vector<AnalyzedSentence>& sentences_;
  int sentence_;
  const std::vector<PersonMention>& mentions_;
  const std::vector<PersonEntity>& people_;
  const Knowledge& knowledge_;
  const Dateline& dateline_;
  const std::string& document_lower_;
  std::vector<RelationFact>* out_;
  std::vector<Item> items_;
  std::vector<int> side_heads_;  // the heads of the sides named so far in the sentence
  std::string side_relation_;    // what their first one says they did
};

}  // namespace

std::vector<RelationFact> FindRelations(const std::vector<AnalyzedSentence>& sentences,
                                        const std::vector<PersonMention>& mentions,
                                        const std::vector<PersonEntity>& people,
                                        const Knowledge& knowledge, const Dateline& dateline) {
  std::string document_lower = " ";
  for (const AnalyzedSentence& sentence : sentences) document_lower += sentence.lower_text + " ";
  // A question asserts nothing: "Will the Secretary-General meet President X?".
  auto question = [](const AnalyzedSentence& sentence) {
    const std::vector<Unit>& units = sentence.units;
    for (auto unit = units.rbegin(); unit != units.rend() && unit - units.rbegin() < 3; ++unit) {
      if (unit->lower == "?") return true;
      if (unit->lower != "\"" && unit->lower != "'" && unit->lower != ")") return false;
    }
    return false;
  };
  auto match_all = [&](const std::vector<PersonMention>& resolved) {
    std::vector<RelationFact> found;
    for (int s = 0; s < static_cast<int>(sentences.size()); ++s) {
      if (question(sentences[s])) continue;
      SentenceMatcher(sentences, s, resolved, people, knowledge, dateline, document_lower, &found)
          .Run();
    }
    return found;
  };
  std::vector<RelationFact> facts = match_all(mentions);
  // "the visiting minister" names the one minister who came, "the Head of State" the
  // dateline country's: matched again once the visits are known, when that settles who.
  std::vector<PersonMention> resolved = mentions;
  if (ResolveFromContext(facts, people, knowledge, dateline, &resolved)) {
    facts = match_all(resolved);
  }
  // "held phone talks with Y" fires a meeting trigger ("held ~ talks with") and a call
  // trigger over the same words: the call is what the words say.
  auto same_words_call = [&](const RelationFact& met) {
    for (const RelationFact& call : facts) {
      if (call.relation != "talked_with" || call.sentence != met.sentence ||
          call.token_begin >= met.token_end || met.token_begin >= call.token_end) {
        continue;
      }
      if ((call.subject == met.subject && call.object_person == met.object_person) ||
          (call.subject == met.object_person && call.object_person == met.subject)) {
        return true;
      }
    }
    return false;
  };
  std::vector<bool> dropped(facts.size());
  for (size_t index = 0; index < facts.size(); ++index) {
    dropped[index] = facts[index].relation == "met" && same_words_call(facts[index]);
  }
  std::vector<RelationFact> kept;
  kept.reserve(facts.size());
  for (size_t index = 0; index < facts.size(); ++index) {
    if (!dropped[index]) kept.push_back(std::move(facts[index]));
  }
  return kept;
}

}  // namespace quarry::loaders
