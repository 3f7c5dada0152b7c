// The openCypher TCK over the read subset: runs every scenario of the target directories,
// prints a per-directory report and the pass line, and fails when a scenario listed in
// tests/tck/expected_pass.txt does not pass. QUARRY_TCK_WRITE_EXPECTED=PATH writes the
// current passes; QUARRY_TCK_VERBOSE=1 prints every failure and skip with its reason.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/tck/feature_reader.h"
#include "tests/tck/scenario_runner.h"
#include "tests/util/test_util.h"

namespace quarry::tck {
namespace {

// The target directories (under features/).
bool IsTarget(const std::string& directory) {
  static const char* kExact[] = {"clauses/match",
                                 "clauses/match-where",
                                 "clauses/return",
                                 "clauses/return-orderby",
                                 "clauses/return-skip-limit",
                                 "clauses/unwind",
                                 "clauses/union",
                                 "useCases/countingSubgraphMatches"};
  for (const char* exact : kExact) {
    if (directory == exact) return true;
  }
  if (absl::StartsWith(directory, "clauses/with")) return true;
  return absl::StartsWith(directory, "expressions/") && directory != "expressions/temporal";
}

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  std::map<std::string, int> skip_reasons;
};

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(TckTest, ReadSubsetConformance) {
  const std::string root = QUARRY_SHARED_DIR "/tck/features";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no TCK at " << root;
  std::vector<std::string> features;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".feature") continue;
    std::string relative = std::filesystem::relative(entry.path(), root).generic_string();
    if (IsTarget(std::filesystem::path(relative).parent_path().generic_string())) {
      features.push_back(relative);
    }
  }
  std::sort(features.begin(), features.end());

  const bool verbose = std::getenv("QUARRY_TCK_VERBOSE") != nullptr;
  // Stores live in memory-backed /dev/shm when there is one: the runner opens hundreds.
  quarry::testing::ScratchDir scratch;
  std::string store_root = scratch.path();
  std::string shm_pattern = "/dev/shm/quarry_tck_XXXXXX";
  if (std::filesystem::is_directory("/dev/shm") && mkdtemp(shm_pattern.data()) != nullptr) {
    store_root = shm_pattern;
  }
  ScenarioRunner runner(store_root);
  std::map<std::string, Tally> tallies;
  std::set<std::string> passes;
  std::map<std::string, std::string> failures;
  for (const std::string& feature : features) {
    std::string directory = std::filesystem::path(feature).parent_path().generic_string();
    for (const Scenario& scenario : ParseFeature(feature, ReadText(root + "/" + feature))) {
      std::string id = absl::StrCat(feature, " :: ", scenario.name);
      Outcome outcome = runner.Run(scenario);
      Tally& tally = tallies[directory];
      switch (outcome.kind) {
        case Outcome::Kind::kPassed:
          ++tally.passed;
          passes.insert(id);
          break;
        case Outcome::Kind::kFailed:
          ++tally.failed;
          failures[id] = outcome.reason;
          break;
        case Outcome::Kind::kSkipped:
          ++tally.skipped;
          ++tally.skip_reasons[outcome.reason.substr(0, outcome.reason.find(':'))];
          if (verbose) std::printf("SKIP %s: %s\n", id.c_str(), outcome.reason.c_str());
          break;
      }
    }
  }

  std::printf("%-36s %5s %6s %6s %7s\n", "directory", "run", "passed", "failed", "skipped");
  int passed = 0;
  int run = 0;
  for (const auto& [directory, tally] : tallies) {
    int directory_run = tally.passed + tally.failed;
    std::printf("%-36s %5d %6d %6d %7d\n", directory.c_str(), directory_run, tally.passed,
                tally.failed, tally.skipped);
    for (const auto& [reason, count] : tally.skip_reasons) {
      std::printf("    skipped %4d  %s\n", count, reason.c_str());
    }
    passed += tally.passed;
    run += directory_run;
  }
  for (const auto& [id, reason] : failures) {
    std::printf("FAIL %s: %s\n", id.c_str(), reason.c_str());
  }

  std::set<std::string> expected;
  std::istringstream listed(ReadText(QUARRY_SOURCE_DIR "/tests/tck/expected_pass.txt"));
  for (std::string line; std::getline(listed, line);) {
    line = std::string(absl::StripTrailingAsciiWhitespace(line));
    if (!line.empty() && line[0] != '#') expected.insert(line);
  }
  int new_passes = 0;
  for (const std::string& id : passes) {
    if (expected.count(id) == 0) ++new_passes;
  }
  if (new_passes > 0) {
    std::printf("%d scenarios pass that tests/tck/expected_pass.txt does not list\n", new_passes);
  }
  for (const std::string& id : expected) {
    EXPECT_TRUE(passes.count(id) > 0) << "regressed: " << id << ": " << failures[id];
  }
  if (const char* path = std::getenv("QUARRY_TCK_WRITE_EXPECTED")) {
    std::ofstream out(path);
    out << "# TCK scenarios that pass (tests/tck/tck_test.cc fails when one regresses).\n";
    for (const std::string& id : passes) out << id << "\n";
  }
  if (store_root != scratch.path()) {
    std::error_code ignored;
    std::filesystem::remove_all(store_root, ignored);
  }
  std::printf("TCK: %d / %d runnable read-only scenarios passed\n", passed, run);
}

}  // namespace
}  // namespace quarry::tck
