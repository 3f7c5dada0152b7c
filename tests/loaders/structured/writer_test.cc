// Tests of the writers' exact output and of what they refuse to write.
#include "loaders/structured/writer.h"

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/loaders/structured/test_helpers.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;
using namespace ::quarry::loaders::structured::testing;  // NOLINT: test builders.

std::vector<proto::Triple> Sample() {
  return {MakeTriple("Ana Lima", ":label", Label("Person")),
          MakeTriple("Ana Lima", "role", Str("Deputy \"Trade\" Minister")),
          MakeTriple("Ana Lima", "affiliated_with", Node("Republic of Nowhere")),
          MakeTriple("Ana Lima", "code", Str("2021")),
          MakeTriple("Ana Lima", "room", Node("101")),
          MakeTriple("Ana Lima", "age", Int(54)),
          MakeTriple("Ana Lima", "height", Dbl(1.5)),
          MakeTriple("Ana Lima", "active", Bool(true)),
          MakeTriple("Ana Lima", "born", Date(1970, 3, 9)),
          MakeTriple("Ana Lima", "appointed", Date(2023, 4, 0)),
          MakeTriple("_:b1", "http://example.org/p", Node("Jos\xC3\xA9\t2"))};
}

std::string WriteAll(const std::string& format) {
  std::ostringstream out;
  absl::StatusOr<std::unique_ptr<TripleWriter>> writer = NewTripleWriter(format, out);
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return "";
  for (const proto::Triple& triple : Sample()) {
    absl::Status status = (*writer)->Write(triple);
    EXPECT_TRUE(status.ok()) << status;
  }
  EXPECT_TRUE((*writer)->Finish().ok());
  return out.str();
}

TEST(WriterTest, WritesTsv) {
  EXPECT_EQ(WriteAll("tsv"),
            "Ana Lima\t:label\tPerson\n"
            "Ana Lima\trole\t\"Deputy \\\"Trade\\\" Minister\"\n"
            "Ana Lima\taffiliated_with\tRepublic of Nowhere\n"
            "Ana Lima\tcode\t\"2021\"\n"
            "Ana Lima\troom\t<101>\n"
            "Ana Lima\tage\t54\n"
            "Ana Lima\theight\t1.5\n"
            "Ana Lima\tactive\ttrue\n"
            "Ana Lima\tborn\t1970-03-09\n"
            "Ana Lima\tappointed\t2023-04-00\n"
            "_:b1\thttp://example.org/p\t<Jos\xC3\xA9\\t2>\n");
}

TEST(WriterTest, WritesJsonl) {
  EXPECT_EQ(WriteAll("jsonl"),
            R"({"s":"Ana Lima","p":":label","o":"Person"})"
            "\n"
            R"({"s":"Ana Lima","p":"role","o":{"value":"Deputy \"Trade\" Minister"}})"
            "\n"
            R"({"s":"Ana Lima","p":"affiliated_with","o":"Republic of Nowhere"})"
            "\n"
            R"({"s":"Ana Lima","p":"code","o":{"value":"2021"}})"
            "\n"
            R"({"s":"Ana Lima","p":"room","o":"101"})"
            "\n"
            R"({"s":"Ana Lima","p":"age","o":{"value":54}})"
            "\n"
            R"({"s":"Ana Lima","p":"height","o":{"value":1.5}})"
            "\n"
            R"({"s":"Ana Lima","p":"active","o":{"value":true}})"
            "\n"
            R"({"s":"Ana Lima","p":"born","o":{"value":"1970-03-09","type":"date"}})"
            "\n"
            R"({"s":"Ana Lima","p":"appointed","o":{"value":"2023-04-00","type":"date"}})"
            "\n"
            "{\"s\":\"_:b1\",\"p\":\"http://example.org/p\",\"o\":\"Jos\xC3\xA9\\t2\"}\n");
}

TEST(WriterTest, WritesNTriples) {
  const std::string ana = "<urn:quarry:node:Ana%20Lima> ";
  const std::string xsd = "^^<http://www.w3.org/2001/XMLSchema#";
  EXPECT_EQ(WriteAll("nt"),
            ana +
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                "<urn:quarry:label:Person> .\n" +
                ana + "<urn:quarry:predicate:role> \"Deputy \\\"Trade\\\" Minister\" .\n" + ana +
                "<urn:quarry:predicate:affiliated_with> "
                "<urn:quarry:node:Republic%20of%20Nowhere> .\n" +
                ana + "<urn:quarry:predicate:code> \"2021\" .\n" + ana +
                "<urn:quarry:predicate:room> <urn:quarry:node:101> .\n" + ana +
                "<urn:quarry:predicate:age> \"54\"" + xsd + "integer> .\n" + ana +
                "<urn:quarry:predicate:height> \"1.5\"" + xsd + "double> .\n" + ana +
                "<urn:quarry:predicate:active> \"true\"" + xsd + "boolean> .\n" + ana +
                "<urn:quarry:predicate:born> \"1970-03-09\"" + xsd + "date> .\n" + ana +
                "<urn:quarry:predicate:appointed> \"2023-04\"" + xsd + "gYearMonth> .\n" +
                "_:b1 <http://example.org/p> <urn:quarry:node:Jos%C3%A9%092> .\n");
}

TEST(WriterTest, RefusesTriplesItCannotRepresent) {
  std::ostringstream out;
  std::unique_ptr<TripleWriter> writer = NewTsvWriter(out);
  EXPECT_THAT(writer->Write(MakeTriple("A", "p", Dbl(std::numeric_limits<double>::quiet_NaN()))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot export a non-finite double to TSV")));
  EXPECT_THAT(
      writer->Write(MakeTriple("", "p", Node("B"))),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("the subject must be a named node")));
  EXPECT_THAT(writer->Write(MakeTriple("A", "p", Label("Person"))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a label object goes with the :label predicate only")));
  EXPECT_THAT(writer->Write(MakeTriple("A", ":label", Node("Person"))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a label object goes with the :label predicate only")));
  EXPECT_THAT(writer->Write(MakeTriple("A", "p", Str("bad \xFF"))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("invalid UTF-8")));
  EXPECT_THAT(writer->Write(MakeTriple("A", "p", Date(2021, 2, 30))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot export an out-of-range date")));
  EXPECT_EQ(out.str(), "");
  EXPECT_THAT(NewTripleWriter("dot", out),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("unknown export format 'dot' (expected tsv, jsonl or nt)")));
}

TEST(WriterTest, ReportsAFailedStream) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  std::unique_ptr<TripleWriter> writer = NewJsonlWriter(out);
  EXPECT_THAT(writer->Write(MakeTriple("A", "p", Node("B"))),
              StatusIs(absl::StatusCode::kDataLoss, Eq("write to the output failed")));
}

}  // namespace
}  // namespace quarry::loaders::structured
