// Tests of the tokenizer.
#include "loaders/tokenizer.h"

#include "gtest/gtest.h"

namespace quarry::loaders {
namespace {

std::vector<std::string> Words(absl::string_view text,
                               const absl::flat_hash_set<std::string>* abbreviations) {
  std::vector<std::string> out;
  for (const Token& token : Tokenize(text, abbreviations)) out.push_back(token.lower);
  return out;
}

TEST(TokenizerTest, KeepsAbbreviationsInitialsDecimalsAndHyphens) {
  absl::flat_hash_set<std::string> abbreviations = {"mr", "sept"};
  EXPECT_EQ(Words("Mr. Wang left the U.S. on Sept. 11 with 3.5 tons.", &abbreviations),
            (std::vector<std::string>{"mr.", "wang", "left", "the", "u.s.", "on", "sept.", "11",
                                      "with", "3.5", "tons", "."}));
  EXPECT_EQ(Words("Daniel J. Whitfield, a co-founder", &abbreviations),
            (std::vector<std::string>{"daniel", "j.", "whitfield", ",", "a", "co-founder"}));
  // Initials glued to a name, one or two letters; a sentence's end stays one.
  EXPECT_EQ(Words("Minister Ts.Oyunbileg met D.Altanshagai in Ts. Then", &abbreviations),
            (std::vector<std::string>{"minister", "ts.", "oyunbileg", "met", "d.", "altanshagai",
                                      "in", "ts", ".", "then"}));
}

TEST(TokenizerTest, TakesAPluralsApostropheForAPossessive) {
  EXPECT_EQ(Words("the Comoros' minister met 'Ali' and the boss'", nullptr),
            (std::vector<std::string>{"the", "comoros", "'s", "minister", "met", "'", "ali", "'",
                                      "and", "the", "boss", "'s"}));
}

TEST(TokenizerTest, SplitsPossessivesAndRecordsSpansAndFlags) {
  std::vector<Token> tokens = Tokenize("China's NATO chief", nullptr);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].lower, "china");
  EXPECT_EQ(tokens[1].lower, "'s");
  EXPECT_EQ(tokens[1].begin, 5u);
  EXPECT_EQ(tokens[1].end, 7u);
  EXPECT_TRUE(tokens[0].Is(kTokCap));
  EXPECT_TRUE(tokens[2].Is(kTokAllCaps));
  EXPECT_TRUE(tokens[3].Is(kTokLowerStart));
}

TEST(TokenizerTest, CountsLineBreaksAndCapitalizesNonAsciiLetters) {
  std::vector<Token> tokens = Tokenize("one\n\nÉlysée", nullptr);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].newlines_before, 2);
  EXPECT_TRUE(tokens[1].Is(kTokCap));
}

}  // namespace
}  // namespace quarry::loaders
