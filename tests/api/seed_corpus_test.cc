// End to end on the seed articles (skipped when ../shared/corpus is absent): load them
// through the public API and check, through queries, the gold's met/talked_with pairs and
// the affiliations of the mission question.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "quarry/database.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::ScratchDir;
using Pair = std::pair<std::string, std::string>;

const std::string kCorpus = std::string(QUARRY_SHARED_DIR) + "/corpus";

Pair Unordered(std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  return {a, b};
}

// (relation -> unordered pairs) and (person -> affiliations) from the gold file.
struct Gold {
  std::set<std::pair<std::string, Pair>> meetings;
  std::set<Pair> affiliations;
};

Gold ReadGold(const std::string& path) {
  Gold gold;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    if (fields.size() < 4) continue;
    if (fields[2] == "met" || fields[2] == "talked_with") {
      gold.meetings.insert({fields[2], Unordered(fields[1], fields[3])});
    } else if (fields[2] == "affiliated_with") {
      gold.affiliations.insert({fields[1], fields[3]});
    }
  }
  return gold;
}

TEST(SeedCorpusTest, MissionQueryAnswersTheGoldPairs) {
  if (!std::filesystem::exists(kCorpus + "/seeds")) GTEST_SKIP() << "no corpus at " << kCorpus;
  const Gold gold = ReadGold(kCorpus + "/seed_gold.tsv");
  ScratchDir dir;
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  auto report = (*database)->Load({kCorpus + "/seeds"});
  QUARRY_ASSERT_OK(report);
  ASSERT_TRUE(report->failures.empty()) << report->failures[0];

  // Every gold meeting or call is an edge of that type, in either direction.
  for (const auto& [relation, pair] : gold.meetings) {
    auto result = (*database)->Query(
        "MATCH (a {name: $a})-[r]-(b {name: $b}) WHERE type(r) = $type RETURN count(r) AS n",
        {{"a", pair.first}, {"b", pair.second}, {"type", relation}});
    QUARRY_ASSERT_OK(result);
    ASSERT_EQ(result->rows().size(), 1u);
    EXPECT_GE(result->rows()[0][0].as<int64_t>(), 1)
        << relation << " " << pair.first << " / " << pair.second;
  }

  // The mission query returns exactly the gold pairs of a China-affiliated person and a
  // Taliban-affiliated one.
  std::set<Pair> expected;
  for (const auto& [relation, pair] : gold.meetings) {
    for (const auto& [official, figure] : {pair, Pair{pair.second, pair.first}}) {
      if (gold.affiliations.count({official, "China"}) &&
          gold.affiliations.count({figure, "Taliban"})) {
        expected.insert({official, figure});
      }
    }
  }
  ASSERT_FALSE(expected.empty());
  auto result = (*database)->Query(
      "MATCH (c:Person)-[:affiliated_with]->(:Country {name: 'China'}),\n"
      "      (c)-[:met|talked_with]-(t:Person)-[:affiliated_with]->(:Organization {name: "
      "'Taliban'})\n"
      "RETURN DISTINCT c.name AS official, t.name AS figure");
  QUARRY_ASSERT_OK(result);
  std::set<Pair> actual;
  for (const std::vector<Value>& row : result->rows()) {
    actual.insert({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace quarry
