// Tests of DetectFormat and DetectJsonlKind.
#include "loaders/structured/format_detect.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::Eq;

struct DetectCase {
  std::string path;
  std::string head;
  std::string format;
};

class DetectFormatTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(DetectFormatTest, Detects) {
  absl::StatusOr<std::string> format = DetectFormat(GetParam().path, GetParam().head);
  QUARRY_ASSERT_OK(format);
  EXPECT_EQ(*format, GetParam().format);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DetectFormatTest,
    ::testing::Values(
        // By extension, whatever the content says.
        DetectCase{"dir.v2/data.TSV", "anything", "tsv"}, DetectCase{"a.tab", "", "tsv"},
        DetectCase{"graph.nt", "", "nt"}, DetectCase{"notes.md", "plain", "markdown"},
        DetectCase{"page.HTM", "", "html"}, DetectCase{"story.txt", "# Heading\nA\tb\tc\n", "text"},
        DetectCase{"x.jsonl", "{\"s\": \"A\", \"p\": \"q\", \"o\": \"B\"}\n", "jsonl-triples"},
        DetectCase{"x.ndjson", "\n{\"text\": \"Story.\", \"title\": \"T\"}\n", "jsonl-articles"},
        // By content.
        DetectCase{"-", "# comment\nA\tmet\tB\nC\trole\t\"x\"\n", "tsv"},
        DetectCase{"-", "<urn:a> <urn:b> <urn:c> .\n", "nt"},
        DetectCase{"data", "# c\n_:b1 <urn:b> \"x\" .\n", "nt"},
        DetectCase{"-", "<!DOCTYPE html>\n<html><body><p>Hi.</p></body></html>\n", "html"},
        DetectCase{"-", "  <div class=\"story\">Text</div>\n", "html"},
        DetectCase{"-", "{\"s\": \"A\", \"p\": \"q\", \"o\": {\"value\": 1}}\n", "jsonl-triples"},
        DetectCase{"-", "{\"text\": \"A cut-off line with \\\"s\\\": 1", "jsonl-articles"},
        DetectCase{"-", "# Talks in the capital\n\nThe minister met the envoy.\n", "markdown"},
        DetectCase{"-", "Title\n=====\n\nBody.\n", "markdown"},
        DetectCase{"-",
                   "# source: https://example.org/a\n# date: 2021-07-28\n\nThe minister "
                   "met the envoy.\n",
                   "text"},
        DetectCase{"-", "The minister met the envoy on Tuesday.\nThey spoke for an hour.\n",
                   "text"},
        DetectCase{"-", "A\tmet\tB\nC\tmet\tD\nE\tpartial", "tsv"}));

TEST(DetectFormatTest, RejectsWhatItCannotDetect) {
  EXPECT_THAT(
      DetectFormat("-", "  \n\n"),
      StatusIs(absl::StatusCode::kInvalidArgument, Eq("-: empty input, cannot detect its format")));
  EXPECT_THAT(DetectFormat("blob", std::string("ab\0cd", 5)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("blob: looks like binary data (a NUL byte), not a text format")));
  EXPECT_THAT(DetectFormat("x.jsonl", "\n{\"name\": \"A\"}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("x.jsonl:2:1: a JSONL line needs \"s\", \"p\" and \"o\" (a triple) or "
                          "\"text\" (an article)")));
  EXPECT_THAT(DetectJsonlKind("y.jsonl", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, Eq("y.jsonl: empty input")));
}

}  // namespace
}  // namespace quarry::loaders::structured
