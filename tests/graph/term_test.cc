// Tests of graph/term.h: value encoding round trips, byte order that follows value order,
// term ids and name folding.
#include "graph/term.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::quarry::testing::StatusIs;

// Encodes `term`, decodes it back and expects the same term.
void ExpectRoundTrip(const proto::Term& term) {
  const std::string bytes = EncodeTermValue(term);
  absl::StatusOr<proto::Term> decoded = DecodeTermValue(KindOfTerm(term), bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*decoded, term))
      << "decoded " << decoded->ShortDebugString() << " from " << term.ShortDebugString();
}

// Expects the encodings of `terms` (given in increasing value order) to increase strictly.
void ExpectEncodingsIncrease(const std::vector<proto::Term>& terms) {
  for (size_t index = 1; index < terms.size(); ++index) {
    EXPECT_LT(EncodeTermValue(terms[index - 1]), EncodeTermValue(terms[index]))
        << terms[index - 1].ShortDebugString() << " vs " << terms[index].ShortDebugString();
  }
}

TEST(TermTest, KindOfTermNamesEveryKind) {
  EXPECT_EQ(KindOfTerm(NodeTerm("Ada")), TermKind::kNode);
  EXPECT_EQ(KindOfTerm(LabelTerm("Person")), TermKind::kLabel);
  EXPECT_EQ(KindOfTerm(StringTerm("x")), TermKind::kString);
  EXPECT_EQ(KindOfTerm(IntTerm(3)), TermKind::kInt);
  EXPECT_EQ(KindOfTerm(DoubleTerm(0.5)), TermKind::kDouble);
  EXPECT_EQ(KindOfTerm(BoolTerm(false)), TermKind::kBool);
  EXPECT_EQ(KindOfTerm(DateTerm(2020, 1, 2)), TermKind::kDate);
  EXPECT_EQ(KindOfTerm(proto::Term()), TermKind::kInvalid);
}

TEST(TermTest, TermIdsCarryTheirKindInTheTopByte) {
  const TermId node = MakeTermId(TermKind::kNode, 42);
  EXPECT_EQ(node, (uint64_t{1} << 56) | 42);
  EXPECT_EQ(KindOf(node), TermKind::kNode);
  EXPECT_TRUE(IsNode(node));
  EXPECT_FALSE(IsLiteral(node));
  EXPECT_EQ(KindOf(kLabelPredicateId), TermKind::kPredicate);
  EXPECT_FALSE(IsLiteral(MakeTermId(TermKind::kLabel, 1)));
  for (TermKind kind :
       {TermKind::kString, TermKind::kInt, TermKind::kDouble, TermKind::kBool, TermKind::kDate}) {
    EXPECT_TRUE(IsLiteral(MakeTermId(kind, 7)));
    EXPECT_FALSE(IsNode(MakeTermId(kind, 7)));
  }
  // A sequence wider than 56 bits is truncated rather than corrupting the kind.
  EXPECT_EQ(KindOf(MakeTermId(TermKind::kInt, ~uint64_t{0})), TermKind::kInt);
}

TEST(TermTest, NamesLabelsAndStringsRoundTripAsTheirBytes) {
  for (const char* text : {"", "Ada Lovelace", "_:b12", "Émile", "İstanbul", "a\tb\nc"}) {
    ExpectRoundTrip(NodeTerm(text));
    ExpectRoundTrip(LabelTerm(text));
    ExpectRoundTrip(StringTerm(text));
    EXPECT_EQ(EncodeTermValue(StringTerm(text)), text);
  }
  ExpectRoundTrip(StringTerm(std::string("nul\0inside", 10)));
}

TEST(TermTest, IntsRoundTrip) {
  for (int64_t value : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{255}, int64_t{-256},
                        std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    ExpectRoundTrip(IntTerm(value));
    EXPECT_EQ(EncodeTermValue(IntTerm(value)).size(), 8u);
  }
}

TEST(TermTest, DoublesRoundTrip) {
  for (double value :
       {0.0, 1.0, -1.0, 0.1, -2.5e-300, 1e308, DBL_MAX, -DBL_MAX, DBL_MIN,
        std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity()}) {
    ExpectRoundTrip(DoubleTerm(value));
  }
}

TEST(TermTest, NegativeZeroEncodesAsZero) {
  EXPECT_EQ(EncodeTermValue(DoubleTerm(-0.0)), EncodeTermValue(DoubleTerm(0.0)));
  absl::StatusOr<proto::Term> decoded =
      DecodeTermValue(TermKind::kDouble, EncodeTermValue(DoubleTerm(-0.0)));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->double_value(), 0.0);
  EXPECT_FALSE(std::signbit(decoded->double_value()));
}

TEST(TermTest, NanRoundTripsAsNan) {
  absl::StatusOr<proto::Term> decoded = DecodeTermValue(
      TermKind::kDouble, EncodeTermValue(DoubleTerm(std::numeric_limits<double>::quiet_NaN())));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(std::isnan(decoded->double_value()));
}

TEST(TermTest, BoolsAndDatesRoundTrip) {
  ExpectRoundTrip(BoolTerm(true));
  ExpectRoundTrip(BoolTerm(false));
  ExpectRoundTrip(DateTerm(2023, 4, 17));
  ExpectRoundTrip(DateTerm(2023, 4, 0));  // "April 2023"
  ExpectRoundTrip(DateTerm(2023, 0, 0));  // "2023"
  ExpectRoundTrip(DateTerm(-44, 3, 15));  // BCE
  ExpectRoundTrip(DateTerm(0, 1, 1));
}

TEST(TermTest, IntEncodingsSortLikeTheirValues) {
  std::vector<proto::Term> terms;
  for (int64_t value : {std::numeric_limits<int64_t>::min(), -(int64_t{1} << 40), int64_t{-256},
                        int64_t{-1}, int64_t{0}, int64_t{1}, int64_t{255}, int64_t{256},
                        int64_t{1} << 40, std::numeric_limits<int64_t>::max()}) {
    terms.push_back(IntTerm(value));
  }
  ExpectEncodingsIncrease(terms);

  std::mt19937_64 random(20240417);
  for (int round = 0; round < 2000; ++round) {
    const int64_t a = static_cast<int64_t>(random());
    const int64_t b = static_cast<int64_t>(random()) >> (round % 63);
    EXPECT_EQ(a < b, EncodeTermValue(IntTerm(a)) < EncodeTermValue(IntTerm(b))) << a << " " << b;
  }
}

TEST(TermTest, DoubleEncodingsSortLikeTheirValues) {
  const double inf = std::numeric_limits<double>::infinity();
  const double tiny = std::numeric_limits<double>::denorm_min();
  std::vector<proto::Term> terms;
  for (double value :
       {-inf,    -DBL_MAX, -1e300, -1e10, -1.5, -1.0, -DBL_MIN,           -tiny, 0.0,     tiny,
        DBL_MIN, 1e-10,    1.0,    1.5,   2.0,  1e10, 9007199254740993.0, 1e300, DBL_MAX, inf}) {
    terms.push_back(DoubleTerm(value));
  }
  ExpectEncodingsIncrease(terms);

  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> magnitude(-300, 300);
  for (int round = 0; round < 2000; ++round) {
    const double a = (random() % 2 == 0 ? -1 : 1) * std::pow(10.0, magnitude(random));
    const double b = (random() % 2 == 0 ? -1 : 1) * std::pow(10.0, magnitude(random));
    EXPECT_EQ(a < b, EncodeTermValue(DoubleTerm(a)) < EncodeTermValue(DoubleTerm(b)))
        << a << " " << b;
  }
}

TEST(TermTest, DateEncodingsSortLikeTheirValues) {
  ExpectEncodingsIncrease({DateTerm(-500, 1, 1), DateTerm(-1, 12, 31), DateTerm(0, 6, 1),
                           DateTerm(1999, 12, 31), DateTerm(2000, 0, 0), DateTerm(2000, 1, 0),
                           DateTerm(2000, 1, 1), DateTerm(2000, 1, 2), DateTerm(2000, 1, 31),
                           DateTerm(2000, 2, 1), DateTerm(2000, 12, 31), DateTerm(2001, 1, 1),
                           DateTerm(10000, 1, 1)});
}

TEST(TermTest, FalseSortsBeforeTrue) { ExpectEncodingsIncrease({BoolTerm(false), BoolTerm(true)}); }

TEST(TermTest, DecodeRejectsMalformedBytesAsDataLoss) {
  EXPECT_THAT(DecodeTermValue(TermKind::kInt, "1234567"),
              StatusIs(absl::StatusCode::kDataLoss, "term of kind 5 has 7 bytes, expected 8"));
  EXPECT_THAT(DecodeTermValue(TermKind::kDouble, "123456789"),
              StatusIs(absl::StatusCode::kDataLoss, "term of kind 6 has 9 bytes, expected 8"));
  EXPECT_THAT(DecodeTermValue(TermKind::kBool, ""),
              StatusIs(absl::StatusCode::kDataLoss, "term of kind 7 has 0 bytes, expected 1"));
  EXPECT_THAT(DecodeTermValue(TermKind::kDate, "12345"),
              StatusIs(absl::StatusCode::kDataLoss, "term of kind 8 has 5 bytes, expected 6"));
  EXPECT_THAT(DecodeTermValue(TermKind::kPredicate, "met"),
              StatusIs(absl::StatusCode::kDataLoss, "no term value of kind 3"));
  EXPECT_THAT(DecodeTermValue(TermKind::kInvalid, ""),
              StatusIs(absl::StatusCode::kDataLoss, "no term value of kind 0"));
}

TEST(TermTest, FoldNameLowercasesAscii) {
  EXPECT_EQ(FoldName("Ada LOVELACE"), "ada lovelace");
  EXPECT_EQ(FoldName("ada lovelace"), "ada lovelace");
  EXPECT_EQ(FoldName(""), "");
}

TEST(TermTest, FoldNameCollapsesWhitespace) {
  EXPECT_EQ(FoldName("  Ada \t\n Lovelace  "), "ada lovelace");
  EXPECT_EQ(FoldName(" \t\n "), "");
  // A no-break space is a space after NFKC.
  EXPECT_EQ(FoldName("Ada\xC2\xA0Lovelace"), "ada lovelace");
}

TEST(TermTest, FoldNameFoldsAccentedCapitalsToComposedLowercase) {
  EXPECT_EQ(FoldName("ÉMILE"), "\xC3\xA9mile");  // é as one code point
  EXPECT_EQ(FoldName("Émile"), "\xC3\xA9mile");
  EXPECT_EQ(FoldName("E\xCC\x81MILE"), "\xC3\xA9mile");  // E + combining acute
  EXPECT_EQ(FoldName("ZOË ÅSA"), "zoë åsa");
}

TEST(TermTest, FoldNameAppliesFullCaseFolding) {
  // U+0130 (capital I with dot above) folds to "i" + U+0307, whatever the case of the rest.
  EXPECT_EQ(FoldName("İstanbul"), "i\xCC\x87stanbul");
  EXPECT_EQ(FoldName("İSTANBUL"), FoldName("İstanbul"));
  EXPECT_EQ(FoldName("STRASSE"), FoldName("Straße"));
  EXPECT_EQ(FoldName("ΣΩΚΡΆΤΗΣ"), FoldName("σωκράτης"));
}

TEST(TermTest, FoldNameAppliesCompatibilityNormalization) {
  EXPECT_EQ(FoldName("\xEF\xBC\xA1\xEF\xBC\xA2"), "ab");  // fullwidth A B
  EXPECT_EQ(FoldName("Zo\xC2\xADla"), "zola");            // soft hyphen is ignorable
}

TEST(TermTest, FoldNameLowercasesAsciiOfInvalidUtf8) {
  EXPECT_EQ(FoldName("\xFF"
                     "ABC  D"),
            "\xFF"
            "abc d");
}

}  // namespace
}  // namespace quarry::graph
