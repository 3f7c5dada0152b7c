// The `quarry` command line as a user runs it: exit statuses, messages, and the embedding
// example.
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::CommandRun;
using ::quarry::testing::Quarry;
using ::quarry::testing::QuarryBinary;
using ::quarry::testing::ReadFile;
using ::quarry::testing::RunCommand;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::WriteFile;
using ::testing::HasSubstr;

TEST(CliTest, LoadStatsDocsExportAndUnload) {
  ScratchDir dir;
  WriteFile(dir.Join("facts.tsv"), "Ada Example\tmet\tBo Sample\nAda Example\t:label\tPerson\n");
  CommandRun load = Quarry(dir, "load '" + dir.Join("facts.tsv") + "'");
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.err, HasSubstr("loaded 1 documents"));

  CommandRun stats = Quarry(dir, "stats");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_THAT(stats.out, HasSubstr("triples\t2\n"));
  EXPECT_THAT(stats.out, HasSubstr("predicate\tmet\t1\n"));
  EXPECT_THAT(stats.out, HasSubstr("label\tPerson\t1\n"));

  CommandRun docs = Quarry(dir, "docs");
  ASSERT_EQ(docs.exit_code, 0) << docs.err;
  const std::string id = docs.out.substr(0, docs.out.find('\t'));
  EXPECT_EQ(id.size(), 32u);
  EXPECT_THAT(docs.out, HasSubstr("\tfacts.tsv\t"));

  CommandRun exported = Quarry(dir, "export --format tsv");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(exported.out, HasSubstr("Ada Example\tmet\tBo Sample\n"));

  CommandRun unload = Quarry(dir, "unload " + id);
  ASSERT_EQ(unload.exit_code, 0) << unload.err;
  stats = Quarry(dir, "stats");
  EXPECT_THAT(stats.out, HasSubstr("triples\t0\n"));
}

// `-o` renames a finished file into place, but writes a pipe or device where it is: renaming
// over "/dev/null" would replace the device with a file. A directory is refused.
TEST(CliTest, OutputToAPipeIsWrittenInPlaceAndADirectoryIsRefused) {
  ScratchDir dir;
  WriteFile(dir.Join("facts.tsv"), "Ada Example\tmet\tBo Sample\n");
  const std::string facts = "'" + dir.Join("facts.tsv") + "'";
  const std::string fifo = dir.Join("out.fifo");
  for (const std::string& command : {"extract " + facts, std::string("export --format tsv")}) {
    SCOPED_TRACE(command);
    if (command.rfind("export", 0) == 0) {
      ASSERT_EQ(Quarry(dir, "load " + facts).exit_code, 0);
    }
    CommandRun to_file = Quarry(dir, command + " -o '" + dir.Join("out.file") + "'");
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // A reader drains the pipe in the background, as a consumer downstream would (and gives
    // up when nothing ever opens it).
    const std::string drain =
        absl::StrCat("timeout 20 cat '", fifo, "' > '", dir.Join("drained"), "' & ", QuarryBinary(),
                     " --db '", dir.Join("db"), "' ", command, " -o '", fifo,
                     "'; status=$?; wait; "
                     "exit $status");
    ASSERT_EQ(std::system(drain.c_str()), 0);
    struct stat info;
    ASSERT_EQ(::stat(fifo.c_str(), &info), 0);
    EXPECT_TRUE(S_ISFIFO(info.st_mode));
    EXPECT_EQ(ReadFile(dir.Join("drained")), ReadFile(dir.Join("out.file")));
    EXPECT_FALSE(ReadFile(dir.Join("drained")).empty());
    ASSERT_EQ(std::remove(fifo.c_str()), 0);

    CommandRun to_directory = Quarry(dir, command + " -o '" + dir.path() + "'");
    EXPECT_EQ(to_directory.exit_code, 1);
    EXPECT_THAT(to_directory.err, HasSubstr("is a directory"));
  }
}

TEST(CliTest, DryRunPrintsTriplesAndTouchesNoDatabase) {
  ScratchDir dir;
  WriteFile(dir.Join("facts.tsv"), "Ada Example\trole\t\"Envoy\"\n");
  CommandRun run = Quarry(dir, "load --dry-run '" + dir.Join("facts.tsv") + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Ada Example\trole\t\"Envoy\"\n");
  EXPECT_NE(system(("test -e '" + dir.Join("db") + "'").c_str()), 0);
}

// As `load` does, a dry run and `extract` name an input that fails, go on with the others
// and exit 1: the output holds what `load` would load.
TEST(CliTest, DryRunAndExtractLeaveOutABadInputAndExitOne) {
  ScratchDir dir;
  WriteFile(dir.Join("a.tsv"), "Ada Example\trole\t\"Envoy\"\n");
  WriteFile(dir.Join("b.tsv"), "a\tb\tc\nbroken line\n");
  WriteFile(dir.Join("c.tsv"), "Bo Sample\trole\t\"Aide\"\n");
  const std::string inputs =
      absl::StrCat("'", dir.Join("a.tsv"), "' '", dir.Join("b.tsv"), "' '", dir.Join("c.tsv"), "'");
  CommandRun dry_run = Quarry(dir, "load --dry-run " + inputs);
  EXPECT_EQ(dry_run.exit_code, 1);
  EXPECT_THAT(dry_run.err, HasSubstr("b.tsv:2:"));
  EXPECT_EQ(dry_run.out, "Ada Example\trole\t\"Envoy\"\nBo Sample\trole\t\"Aide\"\n");

  CommandRun extract = Quarry(dir, "extract -o '" + dir.Join("out.tqb") + "' " + inputs);
  EXPECT_EQ(extract.exit_code, 1);
  EXPECT_THAT(extract.err, HasSubstr("b.tsv:2:"));
  CommandRun ingest = Quarry(dir, "ingest '" + dir.Join("out.tqb") + "'");
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_THAT(ingest.err, HasSubstr("ingested 2 documents"));

  // A path that does not exist fails before anything is written.
  CommandRun missing =
      Quarry(dir, "extract -o '" + dir.Join("none.tqb") + "' '" + dir.Join("nope.tsv") + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.tsv: no such file or directory"));
  EXPECT_NE(system(("test -e '" + dir.Join("none.tqb") + "'").c_str()), 0);
}

TEST(CliTest, BadInputExitsOneNamingFileAndLine) {
  ScratchDir dir;
  WriteFile(dir.Join("bad.tsv"), "a\tb\tc\nbroken line\n");
  CommandRun run = Quarry(dir, "load '" + dir.Join("bad.tsv") + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("bad.tsv:2:"));

  CommandRun missing = Quarry(dir, "load '" + dir.Join("nope.tsv") + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.tsv: no such file or directory"));
}

TEST(CliTest, UsageErrorsExitTwo) {
  ScratchDir dir;
  EXPECT_EQ(Quarry(dir, "frobnicate").exit_code, 2);
  EXPECT_EQ(Quarry(dir, "load").exit_code, 2);
  EXPECT_EQ(Quarry(dir, "load --format xml x").exit_code, 2);
  EXPECT_EQ(Quarry(dir, "load --sort-memory 0 x").exit_code, 2);
  EXPECT_EQ(Quarry(dir, "load --sort-memory lots x").exit_code, 2);
  EXPECT_THAT(Quarry(dir, "load --sort-memory").err, HasSubstr("--sort-memory needs"));
  EXPECT_EQ(Quarry(dir, "load --commit-every 0 x").exit_code, 2);
  EXPECT_THAT(Quarry(dir, "load --commit-every many x").err, HasSubstr("--commit-every needs"));
  EXPECT_EQ(Quarry(dir, "extract --lines 5-3 x.jsonl -o y").exit_code, 2);
  EXPECT_EQ(Quarry(dir, "extract --lines 0-3 x.jsonl -o y").exit_code, 2);
  EXPECT_THAT(Quarry(dir, "extract --lines many x.jsonl -o y").err, HasSubstr("--lines needs"));
  EXPECT_EQ(Quarry(dir, "export --format png").exit_code, 2);
  EXPECT_EQ(Quarry(dir, "unload").exit_code, 2);
}

TEST(CliTest, NotADatabaseIsAClearError) {
  ScratchDir dir;
  WriteFile(dir.Join("db"), "not a directory");
  CommandRun run = Quarry(dir, "stats");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("is not a directory"));
}

TEST(CliTest, EmbeddingExampleAppliesScansAndPrints) {
  ScratchDir dir;
  CommandRun run =
      RunCommand(dir, QUARRY_BINARY_DIR "/tools/quarry_embed_example", "'" + dir.Join("db") + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("applied 5 triples (5 new)\n"));
  EXPECT_THAT(run.out, HasSubstr("Ada Example\tmet\t"));
  EXPECT_THAT(run.out, HasSubstr("Ada Example\taffiliated_with\t"));
}

}  // namespace
}  // namespace quarry
