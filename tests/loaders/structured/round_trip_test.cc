// Property test: random triples (names and strings with Unicode, tabs, quotes, escapes and
// numbers-as-strings; every literal kind) written by each writer read back as the same
// triples.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/writer.h"
#include "tests/loaders/structured/test_helpers.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using namespace ::quarry::loaders::structured::testing;  // NOLINT: test builders.

// Generates names and strings meant to break quoting.
class RandomTriples {
 public:
  explicit RandomTriples(uint32_t seed) : random_(seed) {}

  std::string Text(bool allow_empty) {
    static const std::vector<std::string> kTricky = {"123",
                                                     "-5",
                                                     "1.5",
                                                     "1e3",
                                                     "true",
                                                     "false",
                                                     "2021-07-28",
                                                     "2023-04-00",
                                                     "\"quoted\"",
                                                     "<angle>",
                                                     "#hash",
                                                     ":label",
                                                     "_:b1",
                                                     "_:b-2",
                                                     "_:bad label",
                                                     "http://example.org/a",
                                                     "urn:quarry:node:x",
                                                     "urn:quarry:label:Person",
                                                     "mailto:a@b.c",
                                                     "a\\b",
                                                     " padded ",
                                                     "%41",
                                                     "99999999999999999999",
                                                     "NaN",
                                                     "Infinity",
                                                     "null"};
    static const std::vector<std::string> kPieces = {"a",
                                                     "Z",
                                                     "0",
                                                     "7",
                                                     " ",
                                                     "\t",
                                                     "\n",
                                                     "\r",
                                                     "\"",
                                                     "\\",
                                                     "<",
                                                     ">",
                                                     "#",
                                                     ":",
                                                     "%",
                                                     "-",
                                                     ".",
                                                     "_",
                                                     "{",
                                                     "}",
                                                     "'",
                                                     "\xC3\xA9",
                                                     "\xE4\xB8\xAD",
                                                     "\xF0\x9F\x98\x80",
                                                     "\xCE\xA9",
                                                     std::string(1, '\0'),
                                                     "\x01",
                                                     "\x7F",
                                                     "\\t",
                                                     "\\\"",
                                                     "\\u0041"};
    if (Chance(0.25)) return kTricky[Uniform(kTricky.size())];
    const size_t length = Uniform(12) + (allow_empty ? 0 : 1);
    std::string text;
    for (size_t index = 0; index < length; ++index) text += kPieces[Uniform(kPieces.size())];
    return text;
  }

  proto::Term Object() {
    switch (Uniform(8)) {
      case 0:
        return Str(Text(/*allow_empty=*/true));
      case 1: {
        static const int64_t kInts[] = {0, -1, std::numeric_limits<int64_t>::min(),
                                        std::numeric_limits<int64_t>::max()};
        return Int(Chance(0.3) ? kInts[Uniform(4)] : static_cast<int64_t>(random_()));
      }
      case 2: {
        static const double kDoubles[] = {0.0,
                                          -0.0,
                                          1.0,
                                          0.1,
                                          1e20,
                                          1e-300,
                                          std::numeric_limits<double>::denorm_min(),
                                          std::numeric_limits<double>::max(),
                                          -2.5};
        if (Chance(0.4)) return Dbl(kDoubles[Uniform(9)]);
        double value;
        do {
          const uint64_t bits = random_();
          std::memcpy(&value, &bits, sizeof(value));
        } while (!std::isfinite(value));
        return Dbl(value);
      }
      case 3:
        return Bool(Chance(0.5));
      case 4: {
        const int month = static_cast<int>(Uniform(13));
        const int day = month == 0 ? 0 : static_cast<int>(Uniform(29));
        return Date(static_cast<int>(Uniform(10000)), month, day);
      }
      default:
        return Node(Text(/*allow_empty=*/false));
    }
  }

  proto::Triple Triple() {
    if (Chance(0.1)) return MakeTriple(Text(false), ":label", Label(Text(false)));
    std::string predicate = Text(false);
    if (predicate == ":label") predicate = "label";
    return MakeTriple(Text(false), predicate, Object());
  }

 private:
  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }

  std::mt19937_64 random_;
};

class RoundTripTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTripTest, RandomTriplesReadBackUnchanged) {
  const std::string& format = GetParam();
  RandomTriples generator(20240601);
  std::vector<proto::Triple> written;
  std::ostringstream out;
  absl::StatusOr<std::unique_ptr<TripleWriter>> writer = NewTripleWriter(format, out);
  QUARRY_ASSERT_OK(writer);
  for (int count = 0; count < 5000; ++count) {
    proto::Triple triple = generator.Triple();
    const absl::Status status = (*writer)->Write(triple);
    ASSERT_TRUE(status.ok()) << status << " writing " << triple.ShortDebugString();
    written.push_back(std::move(triple));
  }
  QUARRY_ASSERT_OK((*writer)->Finish());

  absl::StatusOr<std::vector<proto::Triple>> read = ReadText(format, out.str(), "export");
  QUARRY_ASSERT_OK(read);
  ASSERT_EQ(read->size(), written.size());
  for (size_t index = 0; index < written.size(); ++index) {
    // Serialized bytes compare doubles exactly (-0.0 differs from 0.0).
    proto::Triple got = (*read)[index];
    got.clear_evidence();
    ASSERT_EQ(got.SerializeAsString(), written[index].SerializeAsString())
        << "wrote " << written[index].ShortDebugString() << "\nread " << got.ShortDebugString();
  }
}

TEST_P(RoundTripTest, NonFiniteDoublesWhereTheFormatAllows) {
  const std::string& format = GetParam();
  std::ostringstream out;
  absl::StatusOr<std::unique_ptr<TripleWriter>> writer = NewTripleWriter(format, out);
  QUARRY_ASSERT_OK(writer);
  const std::vector<proto::Triple> triples = {
      MakeTriple("x", "p", Dbl(std::numeric_limits<double>::quiet_NaN())),
      MakeTriple("x", "p", Dbl(std::numeric_limits<double>::infinity())),
      MakeTriple("x", "p", Dbl(-std::numeric_limits<double>::infinity()))};
  for (const proto::Triple& triple : triples) {
    absl::Status status = (*writer)->Write(triple);
    if (format == "tsv") {
      EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    } else {
      QUARRY_ASSERT_OK(status);
    }
  }
  if (format == "tsv") return;
  absl::StatusOr<std::vector<proto::Triple>> read = ReadText(format, out.str(), "export");
  QUARRY_ASSERT_OK(read);
  EXPECT_EQ(ShowAll(*read), ShowAll(triples));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTripTest, ::testing::Values("tsv", "jsonl", "nt"));

}  // namespace
}  // namespace quarry::loaders::structured
