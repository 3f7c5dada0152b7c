// Crash safety under load: `quarry load` of a few hundred generated articles runs in a child
// process that is killed with SIGKILL at seeded random moments. After each kill the database
// must check clean and hold every document wholly (its triple count equals the uninterrupted
// load's); after a final reload it must export exactly what an uninterrupted load exports.
// The kill points alternate between committing each article on its own (`--commit-every 1`)
// and in bulk groups written while the next is extracted (`--commit-every 100`).
//
// A bulk load (a structured file over 1 MB, ingested as SST files) killed at random moments
// must leave the database exactly as it was, and the next writer removes its work files.
//
// QUARRY_CRASH_KILLS sets the number of kill points (default 8 in the test run;
// scripts/crash-soak runs 50), QUARRY_CRASH_SEED the seed (default 20260101).
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "quarry/check.h"
#include "quarry/database.h"
#include "tests/reliability/articles.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::ScratchDir;

int EnvInt(const char* name, int fallback) {
  const char* text = std::getenv(name);
  int value = 0;
  return text != nullptr && absl::SimpleAtoi(text, &value) ? value : fallback;
}

// Starts `quarry --db DB load [OPTIONS] DIR` with its output discarded; returns the child's
// pid.
pid_t StartLoad(const std::string& db, const std::string& articles,
                const std::vector<std::string>& options = {}) {
  const std::string binary = QUARRY_BINARY_DIR "/tools/quarry";
  std::vector<std::string> args = {binary, "--db", db, "load"};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back(articles);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (freopen("/dev/null", "w", stdout) == nullptr ||
        freopen("/dev/null", "w", stderr) == nullptr) {
      _exit(126);
    }
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for `pid`; its exit code, or -signal when killed.
int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Document id -> triples, from an in-process read-only open.
std::map<std::string, int64_t> DocumentTriples(const std::string& db) {
  Options options;
  options.read_only = true;
  options.create_if_missing = false;
  absl::StatusOr<std::unique_ptr<Database>> database = Database::Open(db, options);
  std::map<std::string, int64_t> counts;
  if (!database.ok()) return counts;  // killed before the database was created
  absl::StatusOr<std::vector<DocumentInfo>> documents = (*database)->ListDocuments();
  EXPECT_TRUE(documents.ok()) << documents.status();
  if (!documents.ok()) return counts;
  for (const DocumentInfo& document : *documents) counts[document.id] = document.triples;
  return counts;
}

// The N-Triples export, lines sorted (term ids, and so the order, may differ between loads).
std::vector<std::string> SortedExport(const std::string& db) {
  Options options;
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<Database>> database = Database::Open(db, options);
  EXPECT_TRUE(database.ok()) << database.status();
  if (!database.ok()) return {};
  std::ostringstream out;
  EXPECT_TRUE((*database)->Export("nt", "", out).ok());
  std::vector<std::string> lines = absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST(CrashLoadTest, SigkillAtRandomMomentsLosesNoDocumentAndLeavesNoHalf) {
  ScratchDir dir;
  const std::string articles = dir.Join("articles dir");
  const int article_count = EnvInt("QUARRY_CRASH_ARTICLES", 300);
  reliability::WriteArticles(articles, article_count, /*seed=*/7);

  // The uninterrupted load, timed to place the kill points (one article at a time is the
  // slower way).
  const std::vector<std::string> one_by_one = {"--commit-every", "1"};
  const std::vector<std::string> in_groups = {"--commit-every", "100"};
  const std::string baseline_db = dir.Join("baseline");
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(Wait(StartLoad(baseline_db, articles, one_by_one)), 0);
  const auto load_time = std::chrono::steady_clock::now() - start;
  const std::map<std::string, int64_t> baseline = DocumentTriples(baseline_db);
  ASSERT_EQ(static_cast<int>(baseline.size()), article_count);
  const std::vector<std::string> baseline_export = SortedExport(baseline_db);
  ASSERT_FALSE(baseline_export.empty());

  const int kills = EnvInt("QUARRY_CRASH_KILLS", 8);
  std::mt19937_64 random(EnvInt("QUARRY_CRASH_SEED", 20260101));
  const auto max_delay_us =
      std::chrono::duration_cast<std::chrono::microseconds>(load_time).count();
  std::uniform_int_distribution<int64_t> delay(0, std::max<int64_t>(max_delay_us, 1000));
  const std::string crash_db = dir.Join("crash db \xC3\xA9t\xC3\xA9");
  int killed_mid_load = 0;
  for (int kill = 0; kill < kills; ++kill) {
    const pid_t pid = StartLoad(crash_db, articles, kill % 2 == 0 ? one_by_one : in_groups);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    ::kill(pid, SIGKILL);
    const int exit_code = Wait(pid);
    if (exit_code == -SIGKILL) {
      ++killed_mid_load;
    } else {
      EXPECT_EQ(exit_code, 0) << "kill point " << kill;
    }

    const std::map<std::string, int64_t> loaded = DocumentTriples(crash_db);
    for (const auto& [id, triples] : loaded) {
      auto expected = baseline.find(id);
      ASSERT_NE(expected, baseline.end()) << "kill point " << kill << ": unknown document " << id;
      EXPECT_EQ(triples, expected->second) << "kill point " << kill << ": document " << id;
    }
    if (loaded.empty()) continue;
    absl::StatusOr<CheckReport> report = CheckDatabase(crash_db);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->problems.empty())
        << "kill point " << kill << ": " << report->problems.size() << " kinds, e.g. "
        << (report->examples.empty() ? "" : report->examples.front());
    // Once everything is in, start over so that later kill points land in real loading
    // (and in the creation of the database) rather than in runs that skip every document.
    if (loaded.size() == baseline.size()) std::filesystem::remove_all(crash_db);
  }
  // Reload everything; documents already in are skipped.
  ASSERT_EQ(Wait(StartLoad(crash_db, articles)), 0);
  EXPECT_EQ(DocumentTriples(crash_db), baseline);
  absl::StatusOr<CheckReport> report = CheckDatabase(crash_db);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->problems.empty());
  EXPECT_EQ(SortedExport(crash_db), baseline_export);
  std::printf("kill points: %d (%d while loading), load time %lld ms\n", kills, killed_mid_load,
              static_cast<long long>(max_delay_us / 1000));
}

// Writes a TSV file of `people` persons with labels and a ring of `met` edges: well over the
// 1 MB above which `quarry load` takes the bulk path.
void WriteBigTsv(const std::string& path, int people) {
  std::ofstream out(path);
  for (int person = 0; person < people; ++person) {
    out << "person " << person << "\t:label\tPerson\n";
    out << "person " << person << "\tmet\tperson " << (person * 7 + 1) % people << "\n";
    out << "person " << person << "\trole\t\"analyst number " << person << "\"\n";
  }
}

TEST(CrashLoadTest, KilledBulkLoadLeavesTheDatabaseAsItWas) {
  ScratchDir dir;
  const std::string small = dir.Join("small.tsv");
  {
    std::ofstream out(small);
    out << "person 1\tmet\tsomeone else\nsomeone else\t:label\tPerson\n";
  }
  // 1 MiB of sort memory: runs of about 6,500 triples, so that most kills land while sorted
  // runs are on disk in the load's work directory.
  const std::vector<std::string> kSmallRuns = {"--sort-memory", "1"};
  const std::string big = dir.Join("big.tsv");
  WriteBigTsv(big, 30000);
  ASSERT_GT(std::filesystem::file_size(big), 1u << 20);

  const std::string base_db = dir.Join("base");
  ASSERT_EQ(Wait(StartLoad(base_db, small)), 0);
  const std::vector<std::string> before = SortedExport(base_db);
  ASSERT_EQ(before.size(), 2u);
  const std::string full_db = dir.Join("full");
  std::filesystem::copy(base_db, full_db, std::filesystem::copy_options::recursive);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(Wait(StartLoad(full_db, big)), 0);  // one run, in memory
  const auto load_time = std::chrono::steady_clock::now() - start;
  const std::vector<std::string> after = SortedExport(full_db);
  ASSERT_GT(after.size(), 90000u);

  const int kills = std::max(2, EnvInt("QUARRY_CRASH_KILLS", 8) / 2);
  std::mt19937_64 random(EnvInt("QUARRY_CRASH_SEED", 20260101) + 1);
  const auto max_delay_us =
      std::chrono::duration_cast<std::chrono::microseconds>(load_time).count();
  std::uniform_int_distribution<int64_t> delay(0, std::max<int64_t>(max_delay_us, 1000));
  const std::string crash_db = dir.Join("crash");
  int killed_mid_load = 0;
  for (int kill = 0; kill < kills; ++kill) {
    std::filesystem::remove_all(crash_db);
    std::filesystem::copy(base_db, crash_db, std::filesystem::copy_options::recursive);
    const pid_t pid = StartLoad(crash_db, big, kSmallRuns);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    ::kill(pid, SIGKILL);
    const int exit_code = Wait(pid);
    if (exit_code == -SIGKILL) {
      // Wholly before, or (killed after the ingestion, while exiting) wholly after.
      const std::vector<std::string> exported = SortedExport(crash_db);
      if (exported == before) ++killed_mid_load;
      EXPECT_TRUE(exported == before || exported == after)
          << "kill point " << kill << ": " << exported.size() << " triples, neither "
          << before.size() << " nor " << after.size();
    } else {
      EXPECT_EQ(exit_code, 0) << "kill point " << kill;
      EXPECT_EQ(SortedExport(crash_db), after) << "kill point " << kill;
    }
    {
      absl::StatusOr<std::unique_ptr<Database>> writer = Database::Open(crash_db);
      ASSERT_TRUE(writer.ok()) << writer.status();
    }
    for (const auto& entry : std::filesystem::directory_iterator(crash_db)) {
      EXPECT_NE(entry.path().filename().string().rfind("bulk-", 0), 0u)
          << "kill point " << kill << ": " << entry.path() << " was left behind";
    }
    absl::StatusOr<CheckReport> report = CheckDatabase(crash_db);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->problems.empty()) << "kill point " << kill;
    // The load completes after any kill.
    ASSERT_EQ(Wait(StartLoad(crash_db, big, kSmallRuns)), 0);
    EXPECT_EQ(SortedExport(crash_db), after) << "kill point " << kill;
  }
  std::printf("bulk kill points: %d (%d before the ingestion), load time %lld ms\n", kills,
              killed_mid_load, static_cast<long long>(max_delay_us / 1000));
}

}  // namespace
}  // namespace quarry
