// The lexer: token kinds, offsets, escapes, comments, keywords as identifiers.
#include "query/lexer.h"

#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::query {
namespace {

std::vector<TokenKind> Kinds(const std::vector<Token>& tokens) {
  std::vector<TokenKind> kinds;
  for (const Token& token : tokens) kinds.push_back(token.kind);
  return kinds;
}

TEST(LexerTest, SplitsAPatternIntoTokensWithOffsets) {
  auto tokens = Lexer("MATCH (a)-[:met*1..3]->(b)").Tokenize();
  ASSERT_TRUE(tokens.ok());
  std::vector<TokenKind> expected = {
      TokenKind::kIdentifier, TokenKind::kLParen,   TokenKind::kIdentifier, TokenKind::kRParen,
      TokenKind::kMinus,      TokenKind::kLBracket, TokenKind::kColon,      TokenKind::kIdentifier,
      TokenKind::kStar,       TokenKind::kInteger,  TokenKind::kDotDot,     TokenKind::kInteger,
      TokenKind::kRBracket,   TokenKind::kMinus,    TokenKind::kGt,         TokenKind::kLParen,
      TokenKind::kIdentifier, TokenKind::kRParen,   TokenKind::kEnd};
  EXPECT_EQ(Kinds(*tokens), expected);
  EXPECT_EQ((*tokens)[7].text, "met");
  EXPECT_EQ((*tokens)[7].offset, 12);
  EXPECT_EQ((*tokens)[9].int_value, 1);
  EXPECT_EQ((*tokens)[11].int_value, 3);
}

TEST(LexerTest, UnescapesStrings) {
  auto tokens = Lexer(R"('it\'s' "a\tb" '\u00e9')").Tokenize();
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].text, "it's");
  EXPECT_EQ((*tokens)[1].text, "a\tb");
  EXPECT_EQ((*tokens)[2].text, "\xc3\xa9");
}

TEST(LexerTest, SkipsCommentsAndReadsBacktickNames) {
  auto tokens = Lexer("// line\n`my var` /* block */ $p 1.5e2 0x1F").Tokenize();
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].kind, TokenKind::kIdentifier);
  EXPECT_TRUE((*tokens)[0].quoted);
  EXPECT_EQ((*tokens)[0].text, "my var");
  EXPECT_EQ((*tokens)[1].kind, TokenKind::kParameter);
  EXPECT_EQ((*tokens)[1].text, "p");
  EXPECT_EQ((*tokens)[2].kind, TokenKind::kFloat);
  EXPECT_DOUBLE_EQ((*tokens)[2].float_value, 150.0);
  EXPECT_EQ((*tokens)[3].int_value, 31);
}

TEST(LexerTest, ComparisonOperators) {
  auto tokens = Lexer("<> <= >= =~ != < > =").Tokenize();
  ASSERT_TRUE(tokens.ok());
  std::vector<TokenKind> expected = {TokenKind::kNe,         TokenKind::kLe, TokenKind::kGe,
                                     TokenKind::kRegexMatch, TokenKind::kNe, TokenKind::kLt,
                                     TokenKind::kGt,         TokenKind::kEq, TokenKind::kEnd};
  EXPECT_EQ(Kinds(*tokens), expected);
}

TEST(LexerTest, RejectsAnUnterminatedComment) {
  EXPECT_THAT(Lexer("RETURN 1 /* x").Tokenize(),
              quarry::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                        ::testing::StartsWith("line 1, column 10: unterminated "
                                                              "comment")));
}

}  // namespace
}  // namespace quarry::query
