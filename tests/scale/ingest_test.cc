// `quarry extract` and `quarry ingest` against `quarry load` on generated articles: equal
// exports, idempotence, truncated streams, determinism.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scale/scale_runner.h"

namespace quarry::testing {
namespace {

using ::testing::HasSubstr;

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
    ASSERT_EQ(Shell(scratch_, QuarryCommand(scratch_.Join("loaded"), "load '" + articles_ + "'")),
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

TEST_F(IngestTest, ShardsIngestedInOrderEqualLoadAndTwiceChangesNothing) {
  const std::string shards = scratch_.Join("shards");
  ASSERT_EQ(Shell(scratch_, "mkdir -p '" + shards + "'"), 0);
  Extract("article-00000*", shards + "/shard-0.tqb");
  Extract("article-00001*", shards + "/shard-1.tqb");
  Extract("article-0000[2-9]*", shards + "/shard-2.tqb");
  Extract("article-0001*", shards + "/shard-3.tqb");
  const std::string db = scratch_.Join("ingested");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "ingest '" + shards + "'")), 0)
      << ReadFile(scratch_.Join("err"));
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat("ingested ", kArticles, " documents (0 already present)")));
  const std::string first = ExportOf(scratch_, db);
  EXPECT_EQ(first, loaded_);
  ASSERT_EQ(Shell(scratch_, QuarryCommand(db, "ingest '" + shards + "'")), 0);
  EXPECT_THAT(ReadFile(scratch_.Join("err")),
              HasSubstr(absl::StrCat("ingested 0 documents (", kArticles, " already present)")));
  EXPECT_EQ(ExportOf(scratch_, db), first);
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
