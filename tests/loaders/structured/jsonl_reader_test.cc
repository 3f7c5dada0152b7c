// Tests of ReadJsonlTriples: nodes, labels, every literal form, and exact error messages.
#include <cmath>
#include <limits>
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

TEST(JsonlReaderTest, ReadsNodesLabelsAndLiterals) {
  const std::string text =
      R"({"s": "Ana Lima", "p": ":label", "o": "Person"})"
      "\n"
      R"({"s": "Ana Lima", "p": "role", "o": {"value": "Deputy \"Trade\" Minister"}})"
      "\n"
      "\n"
      R"({"s": "Ana Lima", "p": "affiliated_with", "o": "Republic of Nowhere"})"
      "\n"
      R"({"s": "Ana Lima", "p": "age", "o": {"value": 54}})"
      "\n"
      R"({"s": "Ana Lima", "p": "debt", "o": -12})"
      "\n"
      R"({"s": "Ana Lima", "p": "height", "o": {"value": 1.72}})"
      "\n"
      R"({"s": "Ana Lima", "p": "whole", "o": {"value": 2.0}})"
      "\n"
      R"({"s": "Ana Lima", "p": "active", "o": {"value": true}})"
      "\n"
      R"({"s": "Ana Lima", "p": "retired", "o": false})"
      "\n"
      R"({"s": "Ana Lima", "p": "born", "o": {"value": "1970-03-09", "type": "date"}})"
      "\n"
      R"({"s": "Ana Lima", "p": "code", "o": {"value": "2021"}})"
      "\n"
      R"({"s": "Ana Lima", "p": "big", "o": {"value": "9007199254740993", "type": "int"}})"
      "\n"
      R"({"s": "Ana Lima", "p": "ratio", "o": {"value": "NaN", "type": "double"}})"
      "\n"
      R"({"s": "Ana Lima", "p": "tab", "o": {"value": "a\tb\u00e9", "type": "string"}, "x": 1})"
      "\n";
  absl::StatusOr<std::vector<proto::Triple>> triples = ReadText("jsonl", text, "data.jsonl");
  QUARRY_ASSERT_OK(triples);
  EXPECT_THAT(
      ShowAll(*triples),
      ElementsAre(
          Show(MakeTriple("Ana Lima", ":label", Label("Person"))),
          Show(MakeTriple("Ana Lima", "role", Str("Deputy \"Trade\" Minister"))),
          Show(MakeTriple("Ana Lima", "affiliated_with", Node("Republic of Nowhere"))),
          Show(MakeTriple("Ana Lima", "age", Int(54))),
          Show(MakeTriple("Ana Lima", "debt", Int(-12))),
          Show(MakeTriple("Ana Lima", "height", Dbl(1.72))),
          Show(MakeTriple("Ana Lima", "whole", Dbl(2.0))),
          Show(MakeTriple("Ana Lima", "active", Bool(true))),
          Show(MakeTriple("Ana Lima", "retired", Bool(false))),
          Show(MakeTriple("Ana Lima", "born", Date(1970, 3, 9))),
          Show(MakeTriple("Ana Lima", "code", Str("2021"))),
          Show(MakeTriple("Ana Lima", "big", Int(9007199254740993))),
          Show(MakeTriple("Ana Lima", "ratio", Dbl(std::numeric_limits<double>::quiet_NaN()))),
          Show(MakeTriple("Ana Lima", "tab", Str("a\tb\xC3\xA9")))));
  EXPECT_EQ((*triples)[1].evidence(0).ShortDebugString(),
            "document_id: \"doc1\" sentence_index: -1 span { begin: 48 end: 123 } "
            "rule: \"jsonl\" confidence: 1");
}

struct ErrorCase {
  std::string text;
  std::string message;
};

void PrintTo(const ErrorCase& error_case, std::ostream* out) {
  *out << ::testing::PrintToString(error_case.text);
}

class JsonlErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(JsonlErrorTest, ReportsFileLineAndColumn) {
  const absl::Status status = ReadText("jsonl", GetParam().text, "data.jsonl").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, JsonlErrorTest,
    ::testing::Values(
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": \"B\"}\n{\"s\": \"A\", \"p\": x}\n",
                  "data.jsonl:2:17: invalid JSON: syntax error while parsing value - invalid "
                  "literal; last read: '\"p\": x'"},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": \"B\"} trailing\n",
                  "data.jsonl:1:34: invalid JSON: syntax error while parsing value - invalid "
                  "literal; last read: '\"B\"} tra'; expected end of input"},
        ErrorCase{"[1, 2]\n",
                  "data.jsonl:1:1: expected a JSON object {\"s\": ..., \"p\": ..., \"o\": ...}"},
        ErrorCase{"{\"p\": \"q\", \"o\": \"B\"}\n",
                  "data.jsonl:1:1: \"s\" must be a non-empty string (the subject's name)"},
        ErrorCase{"{\"s\": \"A\", \"p\": 3, \"o\": \"B\"}\n",
                  "data.jsonl:1:1: \"p\" must be a non-empty string (the predicate)"},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\"}\n", "data.jsonl:1:1: missing \"o\" (the object)"},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": {\"v\": 1}}\n",
                  "data.jsonl:1:1: a literal object needs a \"value\""},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": {\"value\": 1, \"type\": \"money\"}}\n",
                  "data.jsonl:1:1: unknown literal type \"money\" (expected string, int, "
                  "double, bool or date)"},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": {\"value\": \"2021-13-01\", \"type\": "
                  "\"date\"}}\n",
                  "data.jsonl:1:1: \"type\": \"date\" needs a \"value\" like \"2021-07-28\""},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": 18446744073709551615}\n",
                  "data.jsonl:1:1: integer value out of the int64 range"},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": null}\n",
                  "data.jsonl:1:1: a literal value must be a string, number or boolean"},
        ErrorCase{"{\"s\": \"A\", \"p\": \":label\", \"o\": 7}\n",
                  "data.jsonl:1:1: the object of :label must be a label name"},
        ErrorCase{"{\"s\": \"A\", \"p\": \"q\", \"o\": \"\xFF\"}\n",
                  "data.jsonl:1:28: invalid UTF-8 (byte 0xFF at file offset 27)"},
        ErrorCase{"", "data.jsonl: empty file, no triples"},
        ErrorCase{"\n  \n", "data.jsonl: no triples"}));

}  // namespace
}  // namespace quarry::loaders::structured
