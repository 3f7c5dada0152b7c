// scripts/quarry-dask with a 2-worker LocalCluster against single-process `quarry load` of
// the same generated articles, also when a worker dies mid-run or an input fails. Labelled `slow`:
// runs in the Release ctest only. Skips when Debian's python3-distributed is missing.
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scale/scale_runner.h"

namespace quarry::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kArticles = 2000;

class DaskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("/usr/bin/python3 -c 'import distributed' >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "python3-distributed is not installed";
    }
    articles_ = scratch_.Join("articles");
    ASSERT_EQ(GenerateArticles(scratch_, articles_, kArticles, 11), 0)
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

  // Runs quarry-dask with 2 workers into `db`; `extra` adds options, `environment` sets
  // variables.
  int RunDask(const std::string& db, const std::string& extra,
              const std::string& environment = "") {
    return Shell(scratch_, absl::StrCat(environment, QUARRY_SOURCE_DIR "/scripts/quarry-dask ",
                                        "--workers 2 --quarry ", ScaleQuarry(), " --db '", db, "' ",
                                        extra, " '", articles_, "'"));
  }

  ScratchDir scratch_;
  std::string articles_;
  std::string loaded_;
};

TEST_F(DaskTest, TwoWorkersGiveTheGraphOfLoad) {
  // An earlier run's shard in the shard directory is not ingested with this run's.
  const std::string shards = scratch_.Join("shards");
  const std::string other = scratch_.Join("other.txt");
  WriteFile(other, "Senator Ana Lopez met Governor Raul Diaz in Lima on Monday.\n");
  ASSERT_EQ(Shell(scratch_, absl::StrCat("mkdir '", shards, "' && ", ScaleQuarry(), " extract -o '",
                                         shards, "/shard-00099.tqb' '", other, "'")),
            0)
      << ReadFile(scratch_.Join("err"));
  const std::string db = scratch_.Join("dask");
  ASSERT_EQ(RunDask(db, "--shards '" + shards + "'"), 0) << ReadFile(scratch_.Join("err"));
  EXPECT_EQ(ExportOf(scratch_, db), loaded_);
}

TEST_F(DaskTest, AWorkerKilledMidRunStillGivesTheGraphOfLoad) {
  const std::string db = scratch_.Join("dask");
  const std::string marker = scratch_.Join("killed");
  const std::string shards = scratch_.Join("shards");
  // The ingest goes in groups of 700 documents here, each resolved against those before.
  ASSERT_EQ(RunDask(db, absl::StrCat("--shards '", shards, "' --test-kill-marker '", marker,
                                     "' --commit-every 700")),
            0)
      << ReadFile(scratch_.Join("err"));
  // The hook did kill a worker, and the retried task left only whole shards.
  EXPECT_EQ(Shell(scratch_, "test -e '" + marker + "'"), 0);
  EXPECT_EQ(ExportOf(scratch_, db), loaded_);
  ASSERT_EQ(Shell(scratch_, "ls '" + shards + "' | wc -l"), 0);
  EXPECT_EQ(ReadFile(scratch_.Join("out")), "8\n");
}

// With --scheduler the tasks go to an existing cluster, as on many machines: here a
// `dask scheduler` and a `dask worker` of two processes started for the test.
TEST_F(DaskTest, AnExistingClusterGivesTheGraphOfLoad) {
  const std::string file = scratch_.Join("scheduler.json");
  const std::string db = scratch_.Join("dask");
  const std::string script = absl::StrCat(
      "dask scheduler --scheduler-file '", file, "' --port 0 --no-dashboard >'",
      scratch_.Join("scheduler.log"), "' 2>&1 & scheduler=$!\n", "dask worker --scheduler-file '",
      file, "' --nworkers 2 --nthreads 1 --no-dashboard >'", scratch_.Join("worker.log"),
      "' 2>&1 & worker=$!\n", "for i in $(seq 300); do [ -s '", file,
      "' ] && break; sleep 0.1; done\n",
      "address=$(/usr/bin/python3 -c 'import json, sys; "
      "print(json.load(open(sys.argv[1]))[\"address\"])' '",
      file, "')\n", QUARRY_SOURCE_DIR "/scripts/quarry-dask --scheduler \"$address\" --quarry ",
      ScaleQuarry(), " --db '", db, "' '", articles_, "'\nstatus=$?\n",
      "kill $worker $scheduler; wait\nexit $status\n");
  ASSERT_EQ(Shell(scratch_, script), 0)
      << ReadFile(scratch_.Join("err")) << ReadFile(scratch_.Join("scheduler.log"));
  EXPECT_EQ(ExportOf(scratch_, db), loaded_);
}

// An input that fails is left out as `quarry load` leaves it out: the run goes on, names
// it, exits 1 and gives load's graph, with no temporary shards left behind.
TEST_F(DaskTest, AFailedInputIsLeftOutAsLoadLeavesItOut) {
  WriteFile(articles_ + "/article-001000.jsonl", "{\"id\": \"j1\", \"text\": broken\n");
  const std::string loaded = scratch_.Join("loaded-with-failure");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(loaded, "load '" + articles_ + "'")), 1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr("article-001000.jsonl:1:"));

  const std::string temporary = scratch_.Join("tmp");
  ASSERT_EQ(Shell(scratch_, "mkdir '" + temporary + "'"), 0);
  const std::string db = scratch_.Join("dask");
  EXPECT_EQ(RunDask(db, "", "TMPDIR='" + temporary + "' "), 1);
  const std::string errors = ReadFile(scratch_.Join("err"));
  EXPECT_THAT(errors, HasSubstr("article-001000.jsonl:1:"));
  EXPECT_THAT(errors, HasSubstr("(1 failed)"));
  EXPECT_EQ(ExportOf(scratch_, db), ExportOf(scratch_, loaded));
  EXPECT_EQ(ExportOf(scratch_, db), loaded_);
  ASSERT_EQ(Shell(scratch_, "ls '" + temporary + "' | grep -c quarry-shards || true"), 0);
  EXPECT_EQ(ReadFile(scratch_.Join("out")), "0\n");
}

// One large JSONL file of articles is split into ranges of its lines, a task each. A bad
// line ends the file there, as `quarry load` ends it: the articles before it are kept.
TEST_F(DaskTest, ALargeJsonlFileIsSplitIntoLineRangesAndEndsAtABadLine) {
  const std::string jsonl = scratch_.Join("articles.jsonl");
  ASSERT_EQ(Shell(scratch_,
                  absl::StrCat("/usr/bin/python3 -c 'import json, os, sys\n"
                               "d = sys.argv[1]\n"
                               "for i, n in enumerate(sorted(os.listdir(d))):\n"
                               "    if i == 1500: print(\"{broken\")\n"
                               "    print(json.dumps({\"text\": open(d + \"/\" + n).read()}))' '",
                               articles_, "' > '", jsonl, "'")),
            0)
      << ReadFile(scratch_.Join("err"));
  const std::string loaded = scratch_.Join("loaded-jsonl");
  ASSERT_EQ(Shell(scratch_, QuarryCommand(loaded, "load '" + jsonl + "'")), 1);
  EXPECT_THAT(ReadFile(scratch_.Join("err")), HasSubstr("articles.jsonl:1501:"));

  const std::string db = scratch_.Join("dask");
  EXPECT_EQ(
      Shell(scratch_, absl::StrCat(QUARRY_SOURCE_DIR "/scripts/quarry-dask --workers 2 ",
                                   "--quarry ", ScaleQuarry(), " --db '", db, "' '", jsonl, "'")),
      1);
  const std::string errors = ReadFile(scratch_.Join("err"));
  EXPECT_THAT(errors, HasSubstr("articles.jsonl:1501:"));
  EXPECT_THAT(errors, HasSubstr("1 files in 8 partitions (1 failed)"));
  EXPECT_THAT(errors, HasSubstr("ingested 1500 documents"));
  EXPECT_EQ(ExportOf(scratch_, db), ExportOf(scratch_, loaded));
}

}  // namespace
}  // namespace quarry::testing
