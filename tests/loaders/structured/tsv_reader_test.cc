// Tests of ReadTsv: every object kind, escapes, evidence spans, and exact error messages.
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loaders/structured/reader.h"
#include "tests/loaders/structured/test_helpers.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Eq;
using namespace ::quarry::loaders::structured::testing;  // NOLINT: test builders.

TEST(TsvReaderTest, ReadsEveryObjectKind) {
  const std::string text =
      "# a comment line\n"
      "\n"
      "Ana Lima\t:label\tPerson\n"
      "Ana Lima\trole\t\"Deputy \\\"Trade\\\" Minister\"\n"
      "Ana Lima\tnote\t\"tab\\there\\nnew line\\\\ back\\rslash\"\n"
      "Ana Lima\tborn\t1970-03-09\n"
      "Ana Lima\tappointed\t2023-04-00\n"
      "Ana Lima\tage\t54\n"
      "Ana Lima\tdebt\t-12\n"
      "Ana Lima\theight\t1.72\n"
      "Ana Lima\tscore\t-2.5e-3\n"
      "Ana Lima\tactive\ttrue\n"
      "Ana Lima\tretired\tfalse\n"
      "Ana Lima\tcode\t\"2021\"\n"
      "Ana Lima\troom\t<101>\n"
      "Ana Lima\taffiliated_with\tRepublic of Nowhere\n"
      "   \n"
      "<#hash>\tmet\t<tab\\tname>\n";
  absl::StatusOr<std::vector<proto::Triple>> triples = ReadText("tsv", text, "data.tsv");
  QUARRY_ASSERT_OK(triples);
  EXPECT_THAT(
      ShowAll(*triples),
      ElementsAre(Show(MakeTriple("Ana Lima", ":label", Label("Person"))),
                  Show(MakeTriple("Ana Lima", "role", Str("Deputy \"Trade\" Minister"))),
                  Show(MakeTriple("Ana Lima", "note", Str("tab\there\nnew line\\ back\rslash"))),
                  Show(MakeTriple("Ana Lima", "born", Date(1970, 3, 9))),
                  Show(MakeTriple("Ana Lima", "appointed", Date(2023, 4, 0))),
                  Show(MakeTriple("Ana Lima", "age", Int(54))),
                  Show(MakeTriple("Ana Lima", "debt", Int(-12))),
                  Show(MakeTriple("Ana Lima", "height", Dbl(1.72))),
                  Show(MakeTriple("Ana Lima", "score", Dbl(-2.5e-3))),
                  Show(MakeTriple("Ana Lima", "active", Bool(true))),
                  Show(MakeTriple("Ana Lima", "retired", Bool(false))),
                  Show(MakeTriple("Ana Lima", "code", Str("2021"))),
                  Show(MakeTriple("Ana Lima", "room", Node("101"))),
                  Show(MakeTriple("Ana Lima", "affiliated_with", Node("Republic of Nowhere"))),
                  Show(MakeTriple("#hash", "met", Node("tab\tname")))));
}

// A sink that copies each triple and leaves the reader to refill the same message, as the
// bulk path's sink does.
class CopyingSink : public TripleSink {
 public:
  absl::Status Add(proto::Triple triple) override {
    triples.push_back(std::move(triple));
    return absl::OkStatus();
  }
  absl::Status AddReusing(proto::Triple& triple) override {
    triples.push_back(triple);
    return absl::OkStatus();
  }
  std::vector<proto::Triple> triples;
};

// Refilling one message line after line (objects of every kind, one after another) reads
// the same triples as a fresh message per line.
TEST(TsvReaderTest, ARefilledMessageReadsTheSame) {
  const std::string text =
      "Ana Lima\t:label\tPerson\n"
      "Ana Lima\trole\t\"Minister\"\n"
      "Ana Lima\tnote\t\"tab\\there\"\n"
      "Ana Lima\tborn\t1970-03-09\n"
      "Ana Lima\tmet\tBo Chen\n"
      "Bo Chen\t:label\tPerson\n"
      "Bo Chen\tage\t54\n"
      "Bo Chen\troom\t<101>\n"
      "Bo Chen\trole\t\"\"\n"
      "<Bo Chen>\tmet\tAna Lima\n";
  absl::StatusOr<std::vector<proto::Triple>> expected = ReadText("tsv", text, "data.tsv");
  QUARRY_ASSERT_OK(expected);
  std::istringstream in(text);
  CopyingSink sink;
  QUARRY_ASSERT_OK(ReadTsv(in, "data.tsv", "doc1", sink, ReadOptions()));
  ASSERT_EQ(sink.triples.size(), expected->size());
  for (size_t index = 0; index < expected->size(); ++index) {
    EXPECT_EQ(sink.triples[index].SerializeAsString(), (*expected)[index].SerializeAsString())
        << "line " << index + 1;
  }
}

TEST(TsvReaderTest, EvidenceCoversTheLine) {
  const std::string text = "# header\r\nA\tmet\tB\r\nC\tmet\tD";
  absl::StatusOr<std::vector<proto::Triple>> triples = ReadText("tsv", text, "data.tsv");
  QUARRY_ASSERT_OK(triples);
  ASSERT_EQ(triples->size(), 2u);
  EXPECT_EQ((*triples)[0].evidence_size(), 1);
  EXPECT_EQ((*triples)[0].evidence(0).ShortDebugString(),
            "document_id: \"doc1\" sentence_index: -1 span { begin: 10 end: 17 } rule: \"tsv\" "
            "confidence: 1");
  EXPECT_EQ((*triples)[1].evidence(0).span().ShortDebugString(), "begin: 19 end: 26");
  EXPECT_EQ(Show((*triples)[1]), Show(MakeTriple("C", "met", Node("D"))));
}

TEST(TsvReaderTest, SkipsByteOrderMark) {
  absl::StatusOr<std::vector<proto::Triple>> triples =
      ReadText("tsv", "\xEF\xBB\xBFX\tp\tY\n", "bom.tsv");
  QUARRY_ASSERT_OK(triples);
  ASSERT_EQ(triples->size(), 1u);
  EXPECT_EQ(Show((*triples)[0]), Show(MakeTriple("X", "p", Node("Y"))));
  EXPECT_EQ((*triples)[0].evidence(0).span().ShortDebugString(), "begin: 3 end: 8");
}

struct ErrorCase {
  std::string text;
  std::string message;
};

void PrintTo(const ErrorCase& error_case, std::ostream* out) {
  *out << ::testing::PrintToString(error_case.text);
}

class TsvErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(TsvErrorTest, ReportsFileLineAndColumn) {
  const absl::Status status = ReadText("tsv", GetParam().text, "data.tsv").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, TsvErrorTest,
    ::testing::Values(
        ErrorCase{"A\tmet\tB\n# fine\nA\tmet\n",
                  "data.tsv:3:1: expected 3 tab-separated fields, found 2"},
        ErrorCase{"A\tmet\tB\textra\n", "data.tsv:1:1: expected 3 tab-separated fields, found 4"},
        ErrorCase{"A\tp\t\"x\\qy\"\n",
                  "data.tsv:1:7: object: invalid escape '\\q' in string literal (use \\\\, "
                  "\\\", \\>, \\t, \\n or \\r)"},
        ErrorCase{"A\tp\t\"open\n", "data.tsv:1:5: object: unterminated string literal"},
        ErrorCase{"A\tp\t\"ab\"c\n",
                  "data.tsv:1:9: object: unexpected text after the string literal"},
        ErrorCase{"A\tp\t99999999999999999999\n",
                  "data.tsv:1:5: object: integer literal out of the int64 range: "
                  "99999999999999999999"},
        ErrorCase{"A\tp\t1e999\n", "data.tsv:1:5: object: double literal out of range: 1e999"},
        ErrorCase{"A\tp\t2021-02-30\n", "data.tsv:1:5: object: invalid date: 2021-02-30"},
        ErrorCase{"\tp\tB\n", "data.tsv:1:1: subject: empty name"},
        ErrorCase{"A\t\tB\n", "data.tsv:1:3: predicate: empty name"},
        ErrorCase{"A\tp\t\n", "data.tsv:1:5: object: empty object"},
        ErrorCase{"\"A\"\tp\tB\n",
                  "data.tsv:1:1: subject: expected a name, found a string literal"},
        ErrorCase{"A\tp\t<bad\n", "data.tsv:1:5: object: unterminated quoted name"},
        ErrorCase{"A\t:label\t42\n", "data.tsv:1:10: the object of :label must be a label name"},
        ErrorCase{"A\tp\tB\nA\tp\tcaf\xC3\n",
                  "data.tsv:2:8: invalid UTF-8 (byte 0xC3 at file offset 13)"},
        ErrorCase{"", "data.tsv: empty file, no triples"},
        ErrorCase{"# only a comment\n\n", "data.tsv: no triples"}));

TEST(TsvReaderTest, RejectsOverlongLine) {
  ReadOptions options;
  options.max_line_bytes = 16;
  EXPECT_THAT(ReadText("tsv", "A\tp\tB\nA\tp\t\"0123456789abcdef\"\n", "data.tsv", options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("data.tsv:2:1: line is longer than the limit of 16 bytes")));
}

// A sink that fails on its second triple.
class FailingSink : public TripleSink {
 public:
  absl::Status Add(proto::Triple) override {
    return ++count_ == 2 ? absl::ResourceExhaustedError("sink full") : absl::OkStatus();
  }
  int count() const { return count_; }

 private:
  int count_ = 0;
};

TEST(TsvReaderTest, ReturnsTheSinkErrorAndStops) {
  std::istringstream in("A\tp\tB\nC\tp\tD\nE\tp\tF\n");
  FailingSink sink;
  EXPECT_THAT(ReadTsv(in, "data.tsv", "doc", sink),
              StatusIs(absl::StatusCode::kResourceExhausted, Eq("sink full")));
  EXPECT_EQ(sink.count(), 2);
}

TEST(TsvReaderTest, StopsAtTheFirstError) {
  std::istringstream in("A\tp\tB\nbroken\nC\tp\t\"bad\\x\"\n");
  proto::TripleBatch batch;
  BatchCollector sink(batch);
  EXPECT_THAT(ReadTsv(in, "data.tsv", "doc", sink),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("data.tsv:2:1: expected 3 tab-separated fields, found 1")));
  EXPECT_EQ(batch.triples_size(), 1);
}

TEST(ReadTriplesTest, RejectsFormatsThatAreNotTriples) {
  EXPECT_THAT(ReadText("text", "A\tp\tB\n", "story.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("story.txt: not a triple format: 'text' (expected tsv, nt or jsonl)")));
}

}  // namespace
}  // namespace quarry::loaders::structured
