// `quarry extract` and `quarry ingest` against `quarry load` on generated articles: equal
// exports, idempotence, truncated streams, determinism.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/quarry.pb.h"
#include "tests/scale/scale_runner.h"

namespace quarry::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kArticles = 160;

// The byte offsets at which the batches of a length-delimited stream start.
std::vector<size_t> BatchOffsets(const std::string& bytes) {
  std::vector<size_t> offsets;
  size_t offset = 0;
  while (offset < bytes.size()) {
    offsets.push_back(offset);
    uint64_t size = 0;
    int shift = 0;
    while (true) {
      const uint8_t byte = static_cast<uint8_t>(bytes[offset++]);
      size |= static_cast<uint64_t>(byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) break;
    }
    offset += size;
  }
  return offsets;
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    articles_ = scratch_.Join("articles");
    ASSERT_EQ(GenerateArticles(scratch_, articles_, kArticles, 7), 0)
        << ReadFile(scratch_.Join("err"));
    // The reference: each article loaded and committed on its own (Store::Apply), not in
    // the bulk groups that ingest and a larger load share.
    ASSERT_EQ(Shell(scratch_, QuarryCommand(scratch_.Join("loaded"),
                                            "load --commit-every 1 '" + articles_ + "'")),
              0)
        << ReadFile(scratch_.Join("err"));
    loaded_ = ExportOf(scratch_, scratch_.Join("loaded"));
    ASSERT_THAT(loaded_, HasSubstr("alias"));
  }

  // Extracts the articles whose names match `glob` into `out`.
  void Extract(const std::string& glob, const std::string& out) {
    ASSERT_EQ(Shell(scratch_,
                    absl::StrCat(ScaleQuarry(), " extract -o '", out, "' ", articles_, "/", glob)),
              0)
        << ReadFile(scratch_.Join("err"));
  }

  ScratchDir scratch_;
  std::string articles_;
  std::string loaded_;
};

TEST_F(IngestTest, ExtractPipedIntoIngestEqualsLoad) {
  const std::string db = scratch_.Join("piped");
  ASSERT_EQ(Shell(scratch_, absl::StrCat(ScaleQuarry(), " extract '", articles_, "' -o - | ",
                                         QuarryCommand(db, "ingest -"))),
            0)
      << ReadFile(scratch_.Join("err"));
  EXPECT_EQ(ExportOf(scratch_, db), loaded_);
}

// Inputs that fail (a JSONL file with a bad line after a good one, one whose article has no
// text) are left out by `extract` as by `load`: both exit 1 naming them, keep the article
// before the bad line, and the stream ingested gives load's graph.
TEST_F(IngestTest, ExtractLeavesOutTheInputsThatLoadLeavesOut) {
  WriteFile(articles_ + "/article-000050.jsonl",
            "{\"id\": \"j1\", \"text\": \"Senator Ana Lopez met Governor Raul Diaz.\"}\n"
            "{\"id\": \"j2\", \"text\": broken\n"
            "{\"id\": \"j3\", \"text\": \"Senator Eva Stone met Governor Ian Moor.\"}\n");
  WriteFile(articles_ + "/article-000090.jsonl", "{\"id\": \"j4\"}\n");
  const std::string loaded = scratch_.Join("loaded-with-failures");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(loaded, "load '" + articles_ + "'")), 1);
  const std::string load_errors = ReadFile(scratch_.Join("err"));
  EXPECT_THAT(load_errors, HasSubstr("article-000050.jsonl:2:"));
  EXPECT_THAT(load_errors, HasSubstr("article-000090.jsonl:1:"));
  const std::string load_export = ExportOf(scratch_, loaded);
  EXPECT_THAT(load_export, HasSubstr("Ana%20Lopez"));
  EXPECT_THAT(load_export, Not(HasSubstr("Eva%20Stone")));

  const std::string stream = scratch_.Join("all.tqb");
  ASSERT_EQ(
      Shell(scratch_, absl::StrCat(ScaleQuarry(), " extract -o '", stream, "' '", articles_, "'")),
      1);
  const std::string extract_errors = ReadFile(scratch_.Join("err"));
  EXPECT_THAT(extract_errors, HasSubstr("article-000050.jsonl:2:"));
  EXPECT_THAT(extract_errors, HasSubstr("article-000090.jsonl:1:"));
  const std::string ingested = scratch_.Join("ingested");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(ingested, "ingest '" + stream + "'")), 0)
      << ReadFile(scratch_.Join("err"));
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat("ingested ", kArticles + 1, " documents")));
  EXPECT_EQ(ExportOf(scratch_, ingested), load_export);
}

// `extract --lines` of consecutive ranges gives, concatenated, the stream of the whole JSONL
// file: line numbers (in sources and messages) count from the file's first line.
TEST_F(IngestTest, LineRangesOfAJsonlFileConcatenateToTheWholeFile) {
  std::string jsonl;
  for (int line = 1; line <= 9; ++line) {
    jsonl += line == 5 ? "\n"
                       : absl::StrCat("{\"text\": \"Senator Ana Lopez", line,
                                      " met Governor Raul Diaz in Lima.\"}\n");
  }
  const std::string file = scratch_.Join("articles.jsonl");
  WriteFile(file, jsonl);
  const std::string whole = scratch_.Join("whole.tqb");
  ASSERT_EQ(Shell(scratch_, absl::StrCat(ScaleQuarry(), " extract -o '", whole, "' '", file, "'")),
            0)
      << ReadFile(scratch_.Join("err"));
  std::string parts;
  for (const char* lines : {"1-4", "5-5", "6-8", "9-100"}) {
    const std::string part = scratch_.Join("part.tqb");
    ASSERT_EQ(Shell(scratch_, absl::StrCat(ScaleQuarry(), " extract --lines ", lines, " -o '", part,
                                           "' '", file, "'")),
              0)
        << ReadFile(scratch_.Join("err"));
    parts += ReadFile(part);
  }
  EXPECT_EQ(parts, ReadFile(whole));
  EXPECT_THAT(ReadFile(whole), HasSubstr("articles.jsonl:9"));

  WriteFile(file, jsonl + "{oops\n");
  EXPECT_EQ(Shell(scratch_, absl::StrCat(ScaleQuarry(), " extract --lines 9-10 -o '",
                                         scratch_.Join("bad.tqb"), "' '", file, "'")),
            1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr("articles.jsonl:10: expected a JSON"));
  // Only one JSONL file of articles can be cut.
  EXPECT_EQ(Shell(scratch_, absl::StrCat(ScaleQuarry(), " extract --lines 1-2 -o '",
                                         scratch_.Join("bad.tqb"), "' '", articles_, "'")),
            1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr("--lines takes one file"));
}

TEST_F(IngestTest, ShardsIngestedInOrderEqualLoadAndTwiceChangesNothing) {
  const std::string shards = scratch_.Join("shards");
  ASSERT_EQ(Shell(scratch_, "mkdir -p '" + shards + "'"), 0);
  Extract("article-00000*", shards + "/shard-0.tqb");
  Extract("article-00001*", shards + "/shard-1.tqb");
  Extract("article-0000[2-9]*", shards + "/shard-2.tqb");
  Extract("article-0001*", shards + "/shard-3.tqb");
  // All in one bulk load; then in groups of 45 (each resolved against the groups before).
  for (const std::string& options : {std::string(), std::string("--commit-every 45 ")}) {
    SCOPED_TRACE(options);
    const std::string db = scratch_.Join("ingested");
    ASSERT_EQ(Shell(scratch_, "rm -rf '" + db + "'"), 0);
    ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "ingest " + options + "'" + shards + "'")), 0)
        << ReadFile(scratch_.Join("err"));
    EXPECT_THAT(ReadFile(scratch_.Join("err")),
                HasSubstr(absl::StrCat("ingested ", kArticles, " documents (0 already present)")));
    const std::string first = ExportOf(scratch_, db);
    EXPECT_EQ(first, loaded_);
    ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "ingest " + options + "'" + shards + "'")), 0);
    EXPECT_THAT(ReadFile(scratch_.Join("err")),
                HasSubstr(absl::StrCat("ingested 0 documents (", kArticles, " already present)")));
    EXPECT_EQ(ExportOf(scratch_, db), first);
  }
}

TEST_F(IngestTest, LoadInBulkGroupsEqualsLoadDocumentByDocument) {
  // One bulk group of all the articles; then groups of 70, 70 (bulk, each written while
  // the next is extracted) and 20 (document by document).
  for (const std::string& options : {std::string(), std::string("--commit-every 70 ")}) {
    SCOPED_TRACE(options);
    const std::string db = scratch_.Join("grouped");
    ASSERT_EQ(Shell(scratch_, "rm -rf '" + db + "'"), 0);
    ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "load " + options + "'" + articles_ + "'")), 0)
        << ReadFile(scratch_.Join("err"));
    EXPECT_THAT(ReadFile(scratch_.Join("err")),
                HasSubstr(absl::StrCat("loaded ", kArticles, " documents (0 already present")));
    EXPECT_EQ(ExportOf(scratch_, db), loaded_);
    // Loading them again finds every one present and changes nothing.
    ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "load " + options + "'" + articles_ + "'")), 0);
    EXPECT_THAT(ReadFile(scratch_.Join("err")),
                HasSubstr(absl::StrCat("loaded 0 documents (", kArticles,
                                       " already present, 0 failed), 0 new triples")));
    EXPECT_EQ(ExportOf(scratch_, db), loaded_);
  }
}

TEST_F(IngestTest, AStructuredFileBetweenArticlesIsLoadedInItsPlace) {
  // people.tsv adds a second Person under every surname that resolution used, so that a lone
  // surname after it is ambiguous (left alone) while one before it resolves.
  std::string people;
  for (absl::string_view line : absl::StrSplit(loaded_, '\n')) {
    const size_t alias = line.find("> <urn:quarry:predicate:alias> \"");
    if (alias == absl::string_view::npos) continue;
    absl::string_view surname = line.substr(alias + 33);
    surname = surname.substr(0, surname.find('"'));
    if (surname.empty() || absl::StrContains(surname, " ")) continue;
    absl::StrAppend(&people, "Other ", surname, "\t:label\tPerson\nOther ", surname, "\talias\t\"",
                    surname, "\"\n");
  }
  ASSERT_FALSE(people.empty());
  const std::string mixed = scratch_.Join("mixed");
  ASSERT_EQ(Shell(scratch_, absl::StrCat("mkdir -p '", mixed, "/a' '", mixed, "/c' && cp '",
                                         articles_, "'/article-0000* '", mixed, "/a' && cp '",
                                         articles_, "'/article-0001[2-5]* '", mixed, "/c'")),
            0);
  WriteFile(mixed + "/b-people.tsv", people);

  // a/ (100 articles, one bulk group), then the file, then c/ (40, one by one), against
  // every article on its own.
  const std::string reference = scratch_.Join("reference");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(reference, "load --commit-every 1 '" + mixed + "'")), 0)
      << ReadFile(scratch_.Join("err"));
  const std::string grouped = scratch_.Join("grouped");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(grouped, "load '" + mixed + "'")), 0)
      << ReadFile(scratch_.Join("err"));
  EXPECT_EQ(ExportOf(scratch_, grouped), ExportOf(scratch_, reference));

  // The place matters: the file first gives another graph.
  const std::string file_first = scratch_.Join("file-first");
  ASSERT_EQ(
      Shell(scratch_, QuarryCommand(file_first, absl::StrCat("load '", mixed, "/b-people.tsv' '",
                                                             mixed, "/a' '", mixed, "/c'"))),
      0)
      << ReadFile(scratch_.Join("err"));
  EXPECT_NE(ExportOf(scratch_, file_first), ExportOf(scratch_, reference));
}

TEST_F(IngestTest, TruncatedShardFailsWithFileAndOffsetAndChangesNothing) {
  const std::string good = scratch_.Join("good.tqb");
  const std::string whole = scratch_.Join("whole.tqb");
  Extract("article-00000*", good);
  Extract("article-0001*", whole);
  const std::string db = scratch_.Join("db");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "ingest '" + good + "'")), 0);
  const std::string before = ExportOf(scratch_, db);

  const std::string bytes = ReadFile(whole);
  const std::vector<size_t> offsets = BatchOffsets(bytes);
  ASSERT_GE(offsets.size(), 2u);
  const std::string bad = scratch_.Join("bad.tqb");
  WriteFile(bad, bytes.substr(0, bytes.size() - 5));
  EXPECT_EQ(Shell(scratch_, QuarryCommand(db, "ingest '" + whole + "' '" + bad + "'")), 1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat(bad, ": truncated batch at byte offset ", offsets.back())));
  EXPECT_EQ(ExportOf(scratch_, db), before);
  // Framing is checked before the first write, so a load in groups writes none either.
  EXPECT_EQ(
      Shell(scratch_, QuarryCommand(db, "ingest --commit-every 2 '" + whole + "' '" + bad + "'")),
      1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat(bad, ": truncated batch at byte offset ", offsets.back())));
  EXPECT_EQ(ExportOf(scratch_, db), before);

  // A corrupt length prefix in the middle is reported at its own offset.
  std::string corrupt = bytes;
  corrupt[offsets[1]] = '\xff';
  corrupt[offsets[1] + 1] = '\xff';
  WriteFile(bad, corrupt);
  EXPECT_EQ(Shell(scratch_, QuarryCommand(db, "ingest '" + bad + "'")), 1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr(absl::StrCat(bad, ": ")));
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat("at byte offset ", offsets[1])));
  EXPECT_EQ(ExportOf(scratch_, db), before);
}

TEST_F(IngestTest, ACorruptBatchChangesNothingOrKeepsTheGroupsBeforeIt) {
  const std::string whole = scratch_.Join("whole.tqb");
  Extract("*", whole);
  const std::string bytes = ReadFile(whole);
  const std::vector<size_t> offsets = BatchOffsets(bytes);
  ASSERT_EQ(offsets.size(), static_cast<size_t>(kArticles));
  // Batch 100's first field tag gets the invalid wire type 7: its frame is sound, its bytes
  // do not parse.
  std::string corrupt = bytes;
  size_t payload = offsets[100];
  while (static_cast<uint8_t>(corrupt[payload]) & 0x80) ++payload;
  corrupt[payload + 1] = '\x0f';
  const std::string bad = scratch_.Join("bad.tqb");
  WriteFile(bad, corrupt);
  const std::string error = absl::StrCat(bad, ": corrupt batch at byte offset ", offsets[100]);

  // One load: nothing is written.
  const std::string db = scratch_.Join("db");
  EXPECT_EQ(Shell(scratch_, QuarryCommand(db, "ingest '" + bad + "'")), 1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr(error));
  ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "stats")), 0);
  EXPECT_THAT(ReadFile(scratch_.Join("out")), HasSubstr("documents\t0\n"));

  // Groups of 45: the two before batch 100's group stay, and the error says so.
  EXPECT_EQ(Shell(scratch_, QuarryCommand(db, "ingest --commit-every 45 '" + bad + "'")), 1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr(error));
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr("the 90 documents before its group were ingested"));
  ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "stats")), 0);
  EXPECT_THAT(ReadFile(scratch_.Join("out")), HasSubstr("documents\t90\n"));

  // Ingesting the sound stream then skips those and gives the graph of load.
  ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "ingest --commit-every 45 '" + whole + "'")), 0)
      << ReadFile(scratch_.Join("err"));
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat("ingested ", kArticles - 90, " documents (90 already")));
  EXPECT_EQ(ExportOf(scratch_, db), loaded_);
}

TEST_F(IngestTest, AMalformedTripleFailsWithItsBatchAndChangesNothing) {
  const std::string whole = scratch_.Join("whole.tqb");
  Extract("*", whole);
  const std::string bytes = ReadFile(whole);
  // A batch that parses but whose triple has no predicate, among enough batches (repeats,
  // which the load skips) that the loader meets it while later ones are being resolved.
  proto::TripleBatch malformed;
  malformed.mutable_document()->set_id("malformed-document");
  proto::Triple& triple = *malformed.add_triples();
  triple.mutable_subject()->set_node("A");
  triple.mutable_object()->set_node("B");
  const std::string payload = malformed.SerializeAsString();
  ASSERT_LT(payload.size(), 128u);
  std::string stream = bytes + bytes;
  const size_t offset = stream.size();
  stream += std::string(1, static_cast<char>(payload.size())) + payload;
  for (int copy = 0; copy < 4; ++copy) stream += bytes;
  const std::string bad = scratch_.Join("bad.tqb");
  WriteFile(bad, stream);

  const std::string db = scratch_.Join("db");
  for (const std::string options : {"", "--commit-every 1000 "}) {
    EXPECT_EQ(Shell(scratch_, QuarryCommand(db, "ingest " + options + "'" + bad + "'")), 1);
    EXPECT_THAT(ReadFile(scratch_.Join("err")),
                HasSubstr(absl::StrCat(bad, ": batch at byte offset ", offset, ": ")));
    // Numbered within its document, as Store::Apply numbers it.
    EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr(": triple 0: malformed"));
    ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "stats")), 0);
    EXPECT_THAT(ReadFile(scratch_.Join("out")), HasSubstr("documents\t0\n"));
  }
}

TEST_F(IngestTest, ExtractIsDeterministicAndLeavesNoTemporaryFile) {
  const std::string out = scratch_.Join("deterministic");
  ASSERT_EQ(Shell(scratch_, "mkdir -p '" + out + "'"), 0);
  Extract("*", out + "/a.tqb");
  Extract("*", out + "/b.tqb");
  EXPECT_EQ(ReadFile(out + "/a.tqb"), ReadFile(out + "/b.tqb"));
  ASSERT_EQ(Shell(scratch_, "ls -A '" + out + "'"), 0);
  EXPECT_EQ(ReadFile(scratch_.Join("out")), "a.tqb\nb.tqb\n");
}

}  // namespace
}  // namespace quarry::testing
