// DESIGN.md's command-line contract, command by command: exit status 0 on success, 1 with a
// one-line message on stderr for a bad query, a missing file or a locked database, 2 for a
// usage error such as an unknown flag.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "quarry/database.h"
#include "tests/tools/cli_runner.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::CommandRun;
using ::quarry::testing::Quarry;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::WriteFile;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class ContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Join("facts.tsv"), "Ada Example\tmet\tBo Sample\n");
    ASSERT_EQ(Quarry(dir_, "load '" + dir_.Join("facts.tsv") + "'").exit_code, 0);
  }

  // Runs and checks the exit status and that stderr holds `message`.
  void Expect(const std::string& arguments, int exit_code, const std::string& message,
              const std::string& stdin_path = "") {
    CommandRun run = Quarry(dir_, arguments, stdin_path);
    EXPECT_EQ(run.exit_code, exit_code) << arguments << "\n" << run.err;
    EXPECT_THAT(run.err, HasSubstr(message)) << arguments;
  }

  ScratchDir dir_;
};

TEST_F(ContractTest, BadQueryExitsOneWithTheCaret) {
  for (const char* command : {"query", "why", "export --format dot --query"}) {
    CommandRun run = Quarry(dir_, absl::StrCat(command, " 'MATCH (a RETURN a'"));
    EXPECT_EQ(run.exit_code, 1) << command;
    EXPECT_THAT(run.err, HasSubstr("line 1")) << command;
    EXPECT_THAT(run.err, HasSubstr("^")) << command;
    EXPECT_EQ(run.out, "") << command;
  }
  WriteFile(dir_.Join("bad.cypher"), "MATCH (a RETURN a;\n");
  Expect("repl", 1, "line 1", dir_.Join("bad.cypher"));
}

TEST_F(ContractTest, MissingFileExitsOneNamingIt) {
  const std::string missing = dir_.Join("nope.tsv");
  Expect("load '" + missing + "'", 1, "nope.tsv");
  Expect("query -f '" + missing + "'", 1, "nope.tsv");
  Expect("eval --gold '" + missing + "' '" + dir_.Join("facts.tsv") + "'", 1, "nope.tsv");
  WriteFile(dir_.Join("load.cypher"), ".load " + missing + "\n");
  Expect("repl", 1, "nope.tsv", dir_.Join("load.cypher"));
  // A database directory that does not exist, for the commands that only read.
  for (const char* command :
       {"stats", "docs", "query 'RETURN 1'", "why 'RETURN 1'", "export --format tsv"}) {
    CommandRun run = testing::RunCommand(dir_, testing::QuarryBinary(),
                                         absl::StrCat("--db '", dir_.Join("none"), "' ", command));
    EXPECT_EQ(run.exit_code, 1) << command;
    EXPECT_THAT(run.err, StartsWith("quarry: ")) << command;
    EXPECT_THAT(run.err, HasSubstr("none")) << command;
  }
}

TEST_F(ContractTest, LockedDatabaseStopsWritersAndLetsReadersRead) {
  absl::StatusOr<std::unique_ptr<Database>> holder = Database::Open(dir_.Join("db"));
  ASSERT_TRUE(holder.ok()) << holder.status();
  Expect("load '" + dir_.Join("facts.tsv") + "'", 1, "locked");
  Expect("unload 0123456789abcdef0123456789abcdef", 1, "locked");
  // Readers open read-only and see what is there.
  CommandRun stats = Quarry(dir_, "stats");
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_THAT(stats.out, HasSubstr("triples\t1\n"));
  CommandRun query = Quarry(dir_, "query --format tsv 'MATCH (a)-[:met]->(b) RETURN b.name'");
  EXPECT_EQ(query.exit_code, 0) << query.err;
  EXPECT_EQ(query.out, "b.name\nBo Sample\n");
  EXPECT_EQ(Quarry(dir_, "docs").exit_code, 0);
  EXPECT_EQ(Quarry(dir_, "export --format tsv").exit_code, 0);
  EXPECT_EQ(Quarry(dir_, "why 'MATCH (a)-[r]->(b) RETURN r'").exit_code, 0);
  // The REPL falls back to reading.
  WriteFile(dir_.Join("script.cypher"), ".mode tsv\nMATCH (a)-[:met]->(b) RETURN b.name;\n");
  CommandRun repl = Quarry(dir_, "repl", dir_.Join("script.cypher"));
  EXPECT_EQ(repl.exit_code, 0) << repl.err;
  EXPECT_EQ(repl.out, "b.name\nBo Sample\n");
}

TEST_F(ContractTest, UnknownFlagExitsTwoWithUsage) {
  const std::vector<std::string> commands = {
      "load --bogus x", "query --bogus 'RETURN 1'", "repl --bogus",
      "why --bogus",    "export --bogus",           "stats --bogus",
      "docs --bogus",   "unload --bogus",           "eval --bogus"};
  for (const std::string& command : commands) {
    CommandRun run = Quarry(dir_, command);
    EXPECT_EQ(run.exit_code, 2) << command << "\n" << run.err;
    EXPECT_THAT(run.err, HasSubstr("usage: quarry")) << command;
  }
  Expect("frobnicate", 2, "unknown command 'frobnicate'");
  Expect("--db", 2, "--db needs a directory");
}

TEST_F(ContractTest, SuccessExitsZero) {
  for (const char* command :
       {"stats", "docs", "query 'RETURN 1 AS one'", "why 'MATCH (a)-[r]->(b) RETURN a, r, b'",
        "export --format dot", "export --format nt", "--help"}) {
    CommandRun run = Quarry(dir_, command);
    EXPECT_EQ(run.exit_code, 0) << command << "\n" << run.err;
    EXPECT_EQ(run.err, "") << command;
  }
}

TEST_F(ContractTest, ExplainPrintsOnlyThePlanAndProfileKeepsJsonParseable) {
  CommandRun explain = Quarry(dir_, "query 'EXPLAIN MATCH (a)-[r]->(b) RETURN a.name'");
  EXPECT_EQ(explain.exit_code, 0) << explain.err;
  EXPECT_THAT(explain.out, HasSubstr("ProduceResults a.name"));
  EXPECT_THAT(explain.out, ::testing::Not(HasSubstr("a.name │")));  // no empty table
  EXPECT_THAT(explain.out, ::testing::Not(HasSubstr("a.name |")));

  CommandRun profile = Quarry(dir_, "query --format json 'PROFILE UNWIND [1, 2] AS x RETURN x'");
  EXPECT_EQ(profile.exit_code, 0) << profile.err;
  EXPECT_EQ(profile.out, "[\n  {\"x\": 1},\n  {\"x\": 2}\n]\n");
  EXPECT_THAT(profile.err, HasSubstr("ProduceResults x"));
}

}  // namespace
}  // namespace quarry
