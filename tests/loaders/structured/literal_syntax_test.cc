// Tests of the shared literal lexical forms and of the TSV field syntax.
#include "loaders/structured/literal_syntax.h"

#include <limits>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loaders/structured/tsv_syntax.h"
#include "tests/loaders/structured/test_helpers.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using namespace ::quarry::loaders::structured::testing;  // NOLINT: test builders.

TEST(LiteralSyntaxTest, ParsesIntegers) {
  int64_t value = 0;
  EXPECT_EQ(ParseInt64("-9223372036854775808", &value), LexResult::kOk);
  EXPECT_EQ(value, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(ParseInt64("9223372036854775808", &value), LexResult::kOutOfRange);
  EXPECT_EQ(ParseInt64("+5", &value), LexResult::kNotLiteral);
  EXPECT_EQ(ParseInt64("5a", &value), LexResult::kNotLiteral);
  EXPECT_EQ(ParseInt64("-", &value), LexResult::kNotLiteral);
}

TEST(LiteralSyntaxTest, ParsesDoublesOnlyWithFractionOrExponent) {
  double value = 0;
  EXPECT_EQ(ParseDouble("1.25", &value), LexResult::kOk);
  EXPECT_EQ(value, 1.25);
  EXPECT_EQ(ParseDouble("-3E+2", &value), LexResult::kOk);
  EXPECT_EQ(value, -300.0);
  EXPECT_EQ(ParseDouble("12", &value), LexResult::kNotLiteral);
  EXPECT_EQ(ParseDouble("1.", &value), LexResult::kNotLiteral);
  EXPECT_EQ(ParseDouble(".5", &value), LexResult::kNotLiteral);
  EXPECT_EQ(ParseDouble("1e", &value), LexResult::kNotLiteral);
  EXPECT_EQ(ParseDouble("1e400", &value), LexResult::kOutOfRange);
}

TEST(LiteralSyntaxTest, FormatsShortestRoundTripDoubles) {
  EXPECT_EQ(FormatDouble(1.0), "1.0");
  EXPECT_EQ(FormatDouble(-0.0), "-0.0");
  EXPECT_EQ(FormatDouble(0.1), "0.1");
  EXPECT_EQ(FormatDouble(1e20), "1e+20");
  EXPECT_EQ(FormatDouble(123456789012.0), "123456789012.0");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::denorm_min()), "5e-324");
}

TEST(LiteralSyntaxTest, ParsesAndFormatsDates) {
  proto::Date date;
  EXPECT_EQ(ParseIsoDate("2024-02-29", &date), LexResult::kOk);
  EXPECT_EQ(date.ShortDebugString(), "year: 2024 month: 2 day: 29");
  EXPECT_EQ(ParseIsoDate("2023-02-29", &date), LexResult::kOutOfRange);
  EXPECT_EQ(ParseIsoDate("2023-00-05", &date), LexResult::kOutOfRange);
  EXPECT_EQ(ParseIsoDate("2023-4-05", &date), LexResult::kNotLiteral);
  EXPECT_EQ(FormatIsoDate(Date(2023, 4, 0).date_value()), "2023-04-00");
  EXPECT_EQ(FormatIsoDate(Date(7, 0, 0).date_value()), "0007-00-00");
  EXPECT_EQ(FormatIsoDate(Date(12000, 1, 1).date_value()), std::nullopt);
}

TEST(TsvSyntaxTest, TermToTextUsesTsvObjectSyntax) {
  EXPECT_EQ(TermToText(Node("China")), "China");
  EXPECT_EQ(TermToText(Node("2021")), "<2021>");
  EXPECT_EQ(TermToText(Node("true")), "<true>");
  EXPECT_EQ(TermToText(Node("a\tb>")), "<a\\tb\\>>");
  EXPECT_EQ(TermToText(Label("Person")), "Person");
  EXPECT_EQ(TermToText(Str("say \"hi\"\n")), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(TermToText(Str("42")), "\"42\"");
  EXPECT_EQ(TermToText(Int(-42)), "-42");
  EXPECT_EQ(TermToText(Dbl(2.0)), "2.0");
  EXPECT_EQ(TermToText(Dbl(std::numeric_limits<double>::infinity())), "Infinity");
  EXPECT_EQ(TermToText(Bool(false)), "false");
  EXPECT_EQ(TermToText(Date(2021, 7, 28)), "2021-07-28");
  EXPECT_EQ(LiteralToText(Date(2021, 7, 0)), "2021-07-00");
  EXPECT_EQ(TermToText(proto::Term()), "<unset>");
}

TEST(TsvSyntaxTest, QuotesNamesOnlyWhenNeeded) {
  EXPECT_EQ(FormatTsvName("#tag", TsvPosition::kSubject), "<#tag>");
  EXPECT_EQ(FormatTsvName("#tag", TsvPosition::kObject), "#tag");
  EXPECT_EQ(FormatTsvName("2021", TsvPosition::kSubject), "2021");
  EXPECT_EQ(FormatTsvName("2021", TsvPosition::kObject), "<2021>");
  EXPECT_EQ(FormatTsvName("\"x", TsvPosition::kPredicate), "<\"x>");
  EXPECT_EQ(FormatTsvName("", TsvPosition::kObject), "<>");
}

}  // namespace
}  // namespace quarry::loaders::structured
