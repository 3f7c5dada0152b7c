// Tests of the sentence splitter.
#include "loaders/sentence_splitter.h"

#include "gtest/gtest.h"
#include "loaders/data_dir.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

std::vector<std::string> Split(const std::string& text) {
  static auto knowledge = Knowledge::Load({DefaultDataDir()});
  std::vector<Token> tokens = Tokenize(text, &(*knowledge)->abbreviations());
  std::vector<std::string> out;
  for (const Sentence& sentence : SplitSentences(tokens, **knowledge)) {
    if (sentence.body_begin == sentence.token_end) {
      out.push_back("");  // a dateline alone
      continue;
    }
    out.push_back(
        text.substr(tokens[sentence.body_begin].begin,
                    tokens[sentence.token_end - 1].end - tokens[sentence.body_begin].begin));
  }
  return out;
}

TEST(SentenceSplitterTest, SurvivesAbbreviationsInitialsAndDecimals) {
  EXPECT_EQ(
      Split(
          "Mr. Wang met Gen. J. Smith in the U.S. on Sept. 11. It cost 3.5 billion. Then he left."),
      (std::vector<std::string>{"Mr. Wang met Gen. J. Smith in the U.S. on Sept. 11.",
                                "It cost 3.5 billion.", "Then he left."}));
}

TEST(SentenceSplitterTest, EndsAfterAbbreviationBeforeACapitalizedCommonWord) {
  EXPECT_EQ(Split("Troops left the U.S. The talks began."),
            (std::vector<std::string>{"Troops left the U.S.", "The talks began."}));
}

TEST(SentenceSplitterTest, KeepsClosingQuotesAndSplitsAtLineBreaks) {
  EXPECT_EQ(Split("He said \"no.\" She left.\nA headline\nnext line continues."),
            (std::vector<std::string>{"He said \"no.\"", "She left.",
                                      "A headline\nnext line continues."}));
}

TEST(SentenceSplitterTest, RecognizesDatelines) {
  EXPECT_EQ(Split("KABUL, Afghanistan (AP) - The minister arrived."),
            (std::vector<std::string>{"The minister arrived."}));
  EXPECT_EQ(Split("ISLAMABAD, Aug 22: The talks ended."),
            (std::vector<std::string>{"The talks ended."}));
  // A place in title case, and an agency's parenthesis with no dash after it.
  EXPECT_EQ(Split("New Delhi, Nov 19 (IPD) Defence Minister Ravi Rao held talks."),
            (std::vector<std::string>{"Defence Minister Ravi Rao held talks."}));
  // A dateline on a line of its own.
  EXPECT_EQ(Split("Kathmandu, January 28\nThe minister arrived."),
            (std::vector<std::string>{"", "The minister arrived."}));
  EXPECT_EQ(Split("Baku, November 12, AzerWire\nThe minister arrived."),
            (std::vector<std::string>{"", "The minister arrived."}));
  EXPECT_EQ(Split("YEREVAN, OCTOBER 2, ARMNEWS. Foreign Minister Narek Avetisyan held talks."),
            (std::vector<std::string>{"", "Foreign Minister Narek Avetisyan held talks."}));
  EXPECT_EQ(Split("Baghdad - INN\nThe minister arrived."),
            (std::vector<std::string>{"", "The minister arrived."}));
  EXPECT_EQ(
      Split("Washington, Moscow Agree To Talks\nThe minister arrived."),
      (std::vector<std::string>{"Washington, Moscow Agree To Talks", "The minister arrived."}));
  // The agency first.
  EXPECT_EQ(Split("(IPW) - ROME, MARCH 14 - The minister arrived."),
            (std::vector<std::string>{"The minister arrived."}));
  // A place and a comma alone do not make a dateline.
  EXPECT_EQ(Split("Kabul, the capital, was quiet (AFP) Monday."),
            (std::vector<std::string>{"Kabul, the capital, was quiet (AFP) Monday."}));
}

// Whether each line of `text` is taken for a headline.
std::vector<bool> Headlines(const std::string& text) {
  static auto knowledge = Knowledge::Load({DefaultDataDir()});
  std::vector<Token> tokens = Tokenize(text, &(*knowledge)->abbreviations());
  std::vector<bool> out;
  for (const Sentence& sentence : SplitSentences(tokens, **knowledge)) {
    out.push_back(sentence.headline);
  }
  return out;
}

TEST(SentenceSplitterTest, TitleCaseWithoutAFinalStopIsAHeadline) {
  EXPECT_EQ(Headlines("Foreign Minister Holds Talks With Rebel Leaders in Capital\n"
                      "Ministers Meet Amid Tension Over Border Dispute\n"),
            (std::vector<bool>{true, true}));
}

TEST(SentenceSplitterTest, ALineOfNamesWithALowerCaseVerbIsNotAHeadline) {
  // A photo caption or a last line without its full stop: mostly names, but a verb in lower
  // case shows it is prose.
  EXPECT_EQ(Headlines("Earlier in June, Finnish President Sauli Niinisto receives the Kenyan "
                      "Foreign Minister Raphael Tuju in Helsinki\n"
                      "Prime Minister Anna Berg at the Riksdag Session Yesterday\n"),
            (std::vector<bool>{false, true}));
}

}  // namespace
}  // namespace quarry::loaders
