// Sentence splitter implementation.
#include "loaders/sentence_splitter.h"

#include <algorithm>
#include <string>

namespace quarry::loaders {
namespace {

bool IsCloser(const Token& token) {
  return token.lower == "\"" || token.lower == "'" || token.lower == ")" || token.lower == "]";
}

bool IsMonth(const std::string& lower) {
  static const char* kMonths[] = {
      "january",   "february", "march",    "april",    "may",   "june", "july", "august",
      "september", "october",  "november", "december", "jan.",  "feb.", "mar.", "apr.",
      "jun.",      "jul.",     "aug.",     "sep.",     "sept.", "oct.", "nov.", "dec.",
      "jan",       "feb",      "aug",      "sept",     "oct",   "nov",  "dec"};
  for (const char* month : kMonths) {
    if (lower == month) return true;
  }
  return false;
}

// A word that opens sentences rather than names: a determiner, pronoun, preposition or
// conjunction.
bool OpensSentence(const std::string& lower) {
  static const char* kOpeners[] = {"the",  "a",     "an",    "he",     "she",  "it",    "they",
                                   "we",   "i",     "in",    "on",     "at",   "but",   "and",
                                   "this", "that",  "these", "those",  "his",  "her",   "their",
                                   "its",  "there", "after", "before", "when", "while", "as",
                                   "for",  "with",  "by",    "from",   "to",   "if",    "some"};
  for (const char* opener : kOpeners) {
    if (lower == opener) return true;
  }
  return false;
}

// The number of tokens, up to three, of a place or country the gazetteer knows at `begin`
// ("New Delhi", "Dar es Salaam"), or 0.
int KnownPlaceLength(const std::vector<Token>& tokens, int begin, int end,
                     const Knowledge& knowledge) {
  int length = 0;
  std::string key;
  for (int i = begin; i < end && i < begin + 3; ++i) {
    if (i > begin) key.push_back(' ');
    key += tokens[i].lower;
    const PhraseInfo* info = knowledge.FindPhrase(key);
    if (info != nullptr && !info->entities.empty()) length = i + 1 - begin;
  }
  return length;
}

// The number of dateline tokens at the start of [begin, end), or 0. A dateline opens with
// capitals, a month, or a known place and a comma, and ends with a dash or colon after an
// agency or date ("NEW DELHI, Nov 7 (PTI) -"), with the agency's closing parenthesis after a
// date when a capital follows ("New Delhi, Nov 19 (IPD) Defence Minister"), or fills a line
// of its own ("Kathmandu, January 28", "Baghdad - INN"), or ends with an agency between
// slashes ("MOSCOW, April 2. /TASS/."). An agency in parentheses may open it.
int DatelineLength(const std::vector<Token>& tokens, int begin, int end,
                   const Knowledge& knowledge) {
  // "(IPW) - ROME, MARCH 14 -": the agency may come first.
  if (tokens[begin].lower == "(" && begin + 4 < end) {
    for (int close = begin + 2; close < begin + 5 && close + 2 < end; ++close) {
      if (tokens[close].lower != ")") continue;
      const std::string& dash = tokens[close + 1].lower;
      if (dash != "-" && dash != "--") break;
      const int rest = DatelineLength(tokens, close + 2, end, knowledge);
      return rest > 0 ? close + 2 - begin + rest : 0;
    }
  }
  auto is_dash = [](const Token& token) {
    return token.lower == "-" || token.lower == "--" || token.lower == "\u2013" ||
           token.lower == "\u2014";
  };
  const Token& first = tokens[begin];
  bool opener = first.Is(kTokAllCaps) || IsMonth(first.lower);
  int place = 0;
  if (first.Is(kTokCap)) {
    place = KnownPlaceLength(tokens, begin, end, knowledge);
    // "Jakarta (ANTARA) -": an agency in parentheses may follow the place.
    const bool separated =
        place > 0 && begin + place < end &&
        (tokens[begin + place].lower == "," || is_dash(tokens[begin + place]) ||
         (tokens[begin + place].lower == "(" && begin + place + 3 < end &&
          tokens[begin + place + 2].lower == ")" && is_dash(tokens[begin + place + 3])));
    if (!separated) place = 0;
    opener = opener || separated;
  }
  if (!opener) return 0;
  // "KAMPALA. Uganda and Burundi signed": a place in capitals and a stop (which may end the
  // sentence).
  if (first.Is(kTokAllCaps)) {
    const int known = KnownPlaceLength(tokens, begin, end, knowledge);
    if (known > 0 && begin + known < end && tokens[begin + known].lower == "." &&
        (begin + known + 1 == end || tokens[begin + known + 1].Is(kTokCap)) &&
        std::all_of(tokens.begin() + begin, tokens.begin() + begin + known,
                    [](const Token& token) { return token.Is(kTokAllCaps); })) {
      return known + 1;
    }
  }
  bool agency_or_date = first.Is(kTokAllCaps);
  bool date = false;
  // After "Place,": only a date, separators and an agency's capitalized name so far.
  bool line_only = place > 0;
  bool dashed = place > 0 && is_dash(tokens[begin + place]);
  for (int i = begin + std::max(place, 1); i < end && i < begin + 12; ++i) {
    const Token& token = tokens[i];
    const bool date_word = token.Is(kTokDigit) || IsMonth(token.lower);
    date = date || date_word;
    if (token.lower == "(" || token.Is(kTokDigit)) agency_or_date = true;
    if ((is_dash(token) || token.lower == ":") && agency_or_date) return i + 1 - begin;
    if (token.lower == ")" && date && i + 1 < end && tokens[i + 1].Is(kTokCap)) {
      return i + 1 - begin;
    }
    // "MOSCOW, April 2. /TASS/.": an agency between slashes ends it.
    if (token.lower == "/" && date && i + 2 < end && tokens[i + 1].Is(kTokAllCaps) &&
        tokens[i + 2].lower == "/") {
      int stop = i + 3;
      if (stop < end && tokens[stop].lower == ".") ++stop;
      return stop - begin;
    }
    if (token.lower == "." && i + 1 < end && tokens[i + 1].lower == "/") continue;
    // "YEREVAN, OCTOBER 2, ARMNEWS.": a line of its own may end with a stop.
    if (token.lower == "." && i + 1 == end && line_only && date) return end - begin;
    if (token.lower == "." || token.lower == "\"") return 0;
    dashed = dashed || is_dash(token);
    if (!date_word && token.lower != "," && !is_dash(token) && !token.Is(kTokCap)) {
      line_only = false;
    }
  }
  // "Kathmandu, January 28", "Baku, November 12, AzerWire", "Baghdad - INN": a line of its
  // own.
  if (line_only && (date || dashed) && end - begin <= 8 && end > begin + place + 1) {
    return end - begin;
  }
  return 0;
}

// The words of four letters or more that title case may leave in lower case (prepositions
// and conjunctions, in the styles that lower-case all of them).
bool TitleCaseMayLowerCase(const std::string& lower) {
  static const char* kWords[] = {
      "about",  "above",  "across", "after",   "against", "along",   "amid",   "among",
      "around", "before", "behind", "below",   "beside",  "between", "beyond", "despite",
      "during", "from",   "inside", "into",    "near",    "onto",    "over",   "past",
      "since",  "than",   "that",   "through", "toward",  "towards", "under",  "until",
      "upon",   "when",   "with",   "within",  "without"};
  for (const char* word : kWords) {
    if (lower == word) return true;
  }
  return false;
}

bool LooksLikeHeadline(const std::vector<Token>& tokens, int begin, int end,
                       const Knowledge& knowledge) {
  int long_words = 0;
  int capitalized = 0;
  bool capitalized_common = false;
  for (int i = begin; i < end; ++i) {
    const Token& token = tokens[i];
    // Title case capitalizes function words and verbs ("Held Talks With").
    if (i > begin && token.Is(kTokCap) && !token.Is(kTokAllCaps) &&
        knowledge.WordHas(token.lower, kCommon)) {
      capitalized_common = true;
    }
    if (!token.Is(kTokWord) || token.Is(kTokDigit) || token.lower.size() < 4) continue;
    ++long_words;
    if (token.Is(kTokCap)) {
      ++capitalized;
    } else if (!TitleCaseMayLowerCase(token.lower)) {
      // A verb or noun in lower case: a sentence whose final stop is missing (a caption, a
      // last line), full of names, not a headline ("... Aino Virtanen receives the Kenyan ...").
      return false;
    }
  }
  const std::string& last = tokens[end - 1].lower;
  bool final_punct = last == "." || last == "!" || last == "?" || last == "\"";
  return !final_punct && capitalized_common && long_words >= 3 &&
         capitalized * 10 >= long_words * 7;
}

}  // namespace

std::vector<Sentence> SplitSentences(const std::vector<Token>& tokens, const Knowledge& knowledge) {
  std::vector<Sentence> sentences;
  const int n = static_cast<int>(tokens.size());
  int start = 0;
  auto close = [&](int end) {
    if (end <= start) return;
    Sentence sentence;
    sentence.token_begin = start;
    sentence.token_end = end;
    sentence.body_begin = start + DatelineLength(tokens, start, end, knowledge);
    // The text's first line, standing alone as a paragraph without a final stop, is its
    // title, in sentence case too ("Egypt's president, Jordan's king discuss Gaza").
    const std::string& last = tokens[end - 1].lower;
    const bool title_line = sentences.empty() && end < n && tokens[end].newlines_before >= 2 &&
                            last != "." && last != "!" && last != "?" && last != "\"" &&
                            end - start <= 24;
    sentence.headline = title_line || LooksLikeHeadline(tokens, start, end, knowledge);
    sentences.push_back(sentence);
    start = end;
  };
  for (int i = 0; i < n; ++i) {
    if (i > start && tokens[i].newlines_before > 0) {
      // A line break ends the sentence unless a lower-case word continues it.
      const Token& previous = tokens[i - 1];
      bool continues = tokens[i].Is(kTokLowerStart) && tokens[i].newlines_before == 1 &&
                       previous.lower != "." && previous.lower != "!" && previous.lower != "?";
      if (!continues) close(i);
    }
    const Token& token = tokens[i];
    bool terminal =
        token.lower == "." || token.lower == "!" || token.lower == "?" || token.lower == "...";
    if (token.Is(kTokAbbrev) && !token.Is(kTokInitial) && i + 1 < n) {
      // "in the U.S. The talks" ends a sentence; "Mr. Wang" and "Sept. 11" do not.
      const Token& next = tokens[i + 1];
      std::string bare = token.lower.substr(0, token.lower.size() - 1);
      bool title_like = knowledge.WordHas(token.lower, kHonorific | kTitle) ||
                        knowledge.WordHas(bare, kHonorific | kTitle) || IsMonth(token.lower);
      // "St." before a name is Saint ("Kendall St. Rose", "St. Lucia"), and ends a sentence
      // only as a street before a word that opens one ("on Bay St. The march").
      if (token.lower == "st.") title_like = !OpensSentence(next.lower);
      terminal = !title_like && next.Is(kTokCap) && knowledge.WordHas(next.lower, kCommon) &&
                 next.newlines_before == 0;
      if (terminal) {
        close(i + 1);
        continue;
      }
      terminal = false;
    }
    if (!terminal) continue;
    int end = i + 1;
    while (end < n && IsCloser(tokens[end]) && tokens[end].newlines_before == 0) ++end;
    if (end >= n) continue;
    const Token& next = tokens[end];
    if (next.newlines_before > 0 || next.Is(kTokCap) || next.Is(kTokDigit) || next.lower == "\"" ||
        next.lower == "(" || next.lower == "'") {
      close(end);
      i = end - 1;
    }
  }
  close(n);
  return sentences;
}

}  // namespace quarry::loaders
