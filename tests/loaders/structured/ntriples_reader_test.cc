// Tests of ReadNTriples: the IRI and datatype mapping, and exact error messages.
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

constexpr char kXsd[] = "http://www.w3.org/2001/XMLSchema#";

std::string Typed(const std::string& lexical, const std::string& type) {
  return "\"" + lexical + "\"^^<" + kXsd + type + ">";
}

TEST(NTriplesReaderTest, MapsQuarryIrisAndLiterals) {
  const std::string ana = "<urn:quarry:node:Ana%20Lima>";
  const std::string text =
      "# exported\n" + ana +
      " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:quarry:label:Person> .\n" + ana +
      " <urn:quarry:predicate:role> \"Deputy \\\"Trade\\\" Minister\" .\n" + ana +
      " <urn:quarry:predicate:note> \"tab\\there\\nline \\u00E9\" .\n" + ana +
      " <urn:quarry:predicate:affiliated_with> <urn:quarry:node:Republic%20of%20Nowhere> .\n" +
      ana + " <urn:quarry:predicate:age> " + Typed("54", "integer") + " .\n" + ana +
      " <urn:quarry:predicate:rank> " + Typed("+7", "int") + " .\n" + ana +
      " <urn:quarry:predicate:height> " + Typed("1.72", "double") + " .\n" + ana +
      " <urn:quarry:predicate:limit> " + Typed("-INF", "double") + " .\n" + ana +
      " <urn:quarry:predicate:share> " + Typed("0.25", "decimal") + " .\n" + ana +
      " <urn:quarry:predicate:active> " + Typed("true", "boolean") + " .\n" + ana +
      " <urn:quarry:predicate:retired> " + Typed("0", "boolean") + " .\n" + ana +
      " <urn:quarry:predicate:born> " + Typed("1970-03-09", "date") + " .\n" + ana +
      " <urn:quarry:predicate:appointed> " + Typed("2023-04", "gYearMonth") + " .\n" + ana +
      " <urn:quarry:predicate:elected> " + Typed("2019", "gYear") + " .\n" + ana +
      " <urn:quarry:predicate:code> \"2021\" .\n" + ana +
      " <urn:quarry:predicate:greeting> \"ola\"@pt .\n" + ana + " <urn:quarry:predicate:seen> " +
      Typed("2021-07-28T10:00:00", "dateTime") + " .\n";
  absl::StatusOr<std::vector<proto::Triple>> triples = ReadText("nt", text, "data.nt");
  QUARRY_ASSERT_OK(triples);
  EXPECT_THAT(
      ShowAll(*triples),
      ElementsAre(
          Show(MakeTriple("Ana Lima", ":label", Label("Person"))),
          Show(MakeTriple("Ana Lima", "role", Str("Deputy \"Trade\" Minister"))),
          Show(MakeTriple("Ana Lima", "note", Str("tab\there\nline \xC3\xA9"))),
          Show(MakeTriple("Ana Lima", "affiliated_with", Node("Republic of Nowhere"))),
          Show(MakeTriple("Ana Lima", "age", Int(54))),
          Show(MakeTriple("Ana Lima", "rank", Int(7))),
          Show(MakeTriple("Ana Lima", "height", Dbl(1.72))),
          Show(MakeTriple("Ana Lima", "limit", Dbl(-std::numeric_limits<double>::infinity()))),
          Show(MakeTriple("Ana Lima", "share", Dbl(0.25))),
          Show(MakeTriple("Ana Lima", "active", Bool(true))),
          Show(MakeTriple("Ana Lima", "retired", Bool(false))),
          Show(MakeTriple("Ana Lima", "born", Date(1970, 3, 9))),
          Show(MakeTriple("Ana Lima", "appointed", Date(2023, 4, 0))),
          Show(MakeTriple("Ana Lima", "elected", Date(2019, 0, 0))),
          Show(MakeTriple("Ana Lima", "code", Str("2021"))),
          Show(MakeTriple("Ana Lima", "greeting", Str("ola"))),
          Show(MakeTriple("Ana Lima", "seen", Str("2021-07-28T10:00:00")))));
  EXPECT_EQ((*triples)[0].evidence(0).ShortDebugString(),
            "document_id: \"doc1\" sentence_index: -1 span { begin: 11 end: 117 } rule: \"nt\" "
            "confidence: 1");
}

TEST(NTriplesReaderTest, KeepsForeignIrisAndBlankNodesWhole) {
  const std::string text =
      "<http://example.org/people/ana> <http://xmlns.com/foaf/0.1/knows> _:b1 .\n"
      "_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
      "<http://xmlns.com/foaf/0.1/Person> .\n"
      "_:b1 <urn:quarry:node:odd> <urn:quarry:predicate:x> .\n";
  absl::StatusOr<std::vector<proto::Triple>> triples = ReadText("nt", text, "data.nt");
  QUARRY_ASSERT_OK(triples);
  EXPECT_THAT(
      ShowAll(*triples),
      ElementsAre(Show(MakeTriple("http://example.org/people/ana",
                                  "http://xmlns.com/foaf/0.1/knows", Node("_:b1"))),
                  Show(MakeTriple("_:b1", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                  Node("http://xmlns.com/foaf/0.1/Person"))),
                  Show(MakeTriple("_:b1", "urn:quarry:node:odd", Node("urn:quarry:predicate:x")))));
}

struct ErrorCase {
  std::string text;
  std::string message;
};

void PrintTo(const ErrorCase& error_case, std::ostream* out) {
  *out << ::testing::PrintToString(error_case.text);
}

class NTriplesErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(NTriplesErrorTest, ReportsFileLineAndColumn) {
  const absl::Status status = ReadText("nt", GetParam().text, "data.nt").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, NTriplesErrorTest,
    ::testing::Values(
        ErrorCase{"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <c d> .\n",
                  "data.nt:2:19: bad IRI scheme char U+0020 ( )"},
        ErrorCase{"<urn:a> <urn:b> \"open .\n", "data.nt:1:24: end of file in short string"},
        ErrorCase{"<urn:a> <urn:b> <urn:c>\n", "data.nt:1:24: unexpected end of file"},
        ErrorCase{"<urn:a> <urn:b> \"x\\q\" .\n", "data.nt:1:20: invalid escape `\\q'"},
        ErrorCase{"<urn:quarry:node:%ZZ> <urn:b> <urn:c> .\n",
                  "data.nt:1:1: malformed percent-encoding or empty name in "
                  "<urn:quarry:node:%ZZ>"},
        ErrorCase{"<urn:a> <urn:b> \"x\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
                  "data.nt:1:1: \"x\" is not a valid xsd:integer literal"},
        ErrorCase{"<urn:a> <urn:b> \"\\uD800\" .\n",
                  "data.nt:1:1: a string literal is not valid UTF-8 after unescaping"},
        ErrorCase{"<urn:a> <urn:b> \"caf\xE9\" .\n",
                  "data.nt:1:21: invalid UTF-8 (byte 0xE9 at file offset 20)"},
        ErrorCase{std::string("<urn:a> <urn:b> \"x\0\" .\n", 22),
                  "data.nt:1:19: NUL byte in N-Triples input (write it as \\u0000)"},
        ErrorCase{"", "data.nt: empty file, no triples"},
        ErrorCase{"# nothing here\n", "data.nt: no triples"}));

}  // namespace
}  // namespace quarry::loaders::structured
