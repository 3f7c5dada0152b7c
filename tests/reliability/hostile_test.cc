// Hostile input: huge single-line and NUL-filled files, absurdly nested or wide queries, a
// cross product on a large-ish graph. Each must end with a clear error or a bounded result,
// never a crash, and leave the database as it was. Paths with spaces and non-ASCII names are
// used throughout. The peak resident set of the process is printed at the end.
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/quarry.pb.h"
#include "quarry/check.h"
#include "quarry/database.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::ScratchDir;
using ::testing::AnyOf;
using ::testing::HasSubstr;

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Join(
        "base de donn\xC3\xA9"
        "es \xE6\x95\xB0\xE6\x8D\xAE");
    auto database = Database::Open(path_);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    // A graph of 3,000 nodes in a ring: enough for a cross product to explode.
    proto::TripleBatch batch;
    batch.mutable_document()->set_id("ring");
    for (int node = 0; node < 3000; ++node) {
      proto::Triple* triple = batch.add_triples();
      triple->mutable_subject()->set_node(absl::StrCat("N", node));
      triple->set_predicate("next");
      triple->mutable_object()->set_node(absl::StrCat("N", (node + 1) % 3000));
    }
    ASSERT_TRUE(database_->Apply(batch).ok());
    before_ = Snapshot();
  }

  void TearDown() override {
    // ctest runs each test in its own process: this is the test's own peak.
    rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak resident set: %ld MB\n", usage.ru_maxrss / 1024);
    EXPECT_TRUE(Snapshot() == before_) << "the database changed";
    database_.reset();
    absl::StatusOr<CheckReport> report = CheckDatabase(path_);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->problems.empty());
  }

  std::string Snapshot() {
    std::ostringstream out;
    EXPECT_TRUE(database_->Export("nt", "", out).ok());
    auto stats = database_->GetStatistics();
    EXPECT_TRUE(stats.ok());
    return absl::StrCat(out.str(), "\n", stats->triples, " ", stats->documents);
  }

  // Loads `file`; expects the load to report a failure for it (or to fail outright).
  void ExpectLoadFails(const std::string& file, const std::string& why) {
    absl::StatusOr<LoadReport> report = database_->Load({file});
    if (!report.ok()) {
      EXPECT_THAT(report.status().code(),
                  AnyOf(absl::StatusCode::kInvalidArgument, absl::StatusCode::kResourceExhausted))
          << report.status();
      return;
    }
    ASSERT_EQ(report->failures.size(), 1u) << why;
    EXPECT_THAT(report->failures[0], HasSubstr(why));
    EXPECT_TRUE(report->documents.empty());
  }

  // Runs `query`; OK or one of the errors that mean "refused" or "over budget".
  void ExpectQueryEnds(const std::string& query, const QueryOptions& options = {}) {
    absl::StatusOr<QueryResult> result = database_->Query(query, {}, options);
    if (result.ok()) return;
    EXPECT_THAT(result.status().code(),
                AnyOf(absl::StatusCode::kInvalidArgument, absl::StatusCode::kUnimplemented,
                      absl::StatusCode::kResourceExhausted, absl::StatusCode::kDeadlineExceeded))
        << result.status().message().substr(0, 300);
    EXPECT_FALSE(result.status().message().empty());
  }

  ScratchDir dir_;
  std::string path_;
  std::unique_ptr<Database> database_;
  std::string before_;
};

void WriteRepeated(const std::string& path, char byte, size_t size) {
  std::ofstream out(path, std::ios::binary);
  const std::string chunk(1 << 20, byte);
  for (size_t written = 0; written < size; written += chunk.size()) {
    out.write(chunk.data(), static_cast<std::streamsize>(std::min(chunk.size(), size - written)));
  }
}

TEST_F(HostileTest, TwoHundredMegabyteSingleLine) {
  const std::string file = dir_.Join("one line \xC3\xBC.tsv");
  WriteRepeated(file, 'x', size_t{200} << 20);
  ExpectLoadFails(file, "longer than");
  std::remove(file.c_str());
}

TEST_F(HostileTest, NulBytes) {
  for (const char* name : {"nuls.tsv", "nuls.nt", "nuls.jsonl", "nuls.txt"}) {
    const std::string file = dir_.Join(absl::StrCat("z\xC3\xA9ro ", name));
    WriteRepeated(file, '\0', 1 << 20);
    absl::StatusOr<LoadReport> report = database_->Load({file});
    if (report.ok()) {
      EXPECT_EQ(report->failures.size(), 1u) << name;
      EXPECT_TRUE(report->documents.empty()) << name;
    }
  }
}

TEST_F(HostileTest, DeeplyNestedExpressionAndPattern) {
  const int depth = 10'000;
  ExpectQueryEnds(absl::StrCat("RETURN ", std::string(depth, '('), "1", std::string(depth, ')')));
  ExpectQueryEnds(absl::StrCat("RETURN ", std::string(depth, '['), std::string(depth, ']')));
  ExpectQueryEnds(absl::StrCat("RETURN ", std::string(depth, '-'), "1"));
  ExpectQueryEnds(absl::StrCat("RETURN ", std::string(depth, '{'), "1"));
  std::string nots = "RETURN ";
  for (int level = 0; level < depth; ++level) nots += "NOT ";
  ExpectQueryEnds(nots + "true");
  ExpectQueryEnds(
      absl::StrCat("MATCH ", std::string(depth, '('), "a", std::string(depth, ')'), " RETURN a"));
}

TEST_F(HostileTest, HundredVariableLengthHops) {
  std::string query = "MATCH (n0 {name: 'N0'})";
  for (int hop = 1; hop <= 100; ++hop) query += absl::StrCat("-[*]->(n", hop, ")");
  query += " RETURN count(*)";
  QueryOptions options;
  // Rows here are wide (up to 100 lists of relationships): about 8 KB each when the budget
  // stops the query, so the row budget is what bounds memory.
  options.max_rows = 10'000;
  options.timeout_ms = 20'000;
  ExpectQueryEnds(query, options);
}

TEST_F(HostileTest, CrossProductIsBoundedByMaxRows) {
  QueryOptions options;
  options.max_rows = 100'000;
  absl::StatusOr<QueryResult> result =
      database_->Query("MATCH (a), (b), (c) RETURN a.name, b.name, c.name", {}, options);
  EXPECT_THAT(result.status(),
              testing::StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
  result = database_->Query("MATCH (a {name: 'N1'}), (b) RETURN count(*) AS n", {}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows()[0][0].ToString(), "3000");
}

TEST_F(HostileTest, MapWithHundredThousandKeys) {
  std::string query = "RETURN size(keys({";
  for (int key = 0; key < 100'000; ++key)
    query += absl::StrCat(key == 0 ? "" : ", ", "k", key, ": ", key);
  query += "})) AS n";
  absl::StatusOr<QueryResult> result = database_->Query(query);
  if (result.ok()) {
    EXPECT_EQ(result->rows()[0][0].ToString(), "100000");
  } else {
    ExpectQueryEnds(query);
  }
}

}  // namespace
}  // namespace quarry
