// Counting on two workers (query/parallel.h): the counts equal those of one thread on
// random graphs, whatever the morsel size; plans show the split; errors, the row budget
// and cancellation reach the caller from either worker.
#include "query/parallel.h"

#include <atomic>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

using ::quarry::testing::StatusIs;

// Sets the parallel policy for a test and restores the default when it ends.
class ParallelGuard {
 public:
  ParallelGuard(int64_t min_rows, size_t morsel_rows) {
    SetParallelForTesting(min_rows, morsel_rows);
  }
  ~ParallelGuard() { ResetParallelForTesting(); }
  ParallelGuard(const ParallelGuard&) = delete;
  ParallelGuard& operator=(const ParallelGuard&) = delete;
};

// Persons in countries and organizations with a random `met` graph, some ages, a few
// persons without a country, a few `met` edges to non-persons, and a person `last` added
// last (the largest id) with the path last -> p0 -> p1.
std::string RandomGraph(std::mt19937* random, int persons) {
  std::string text = "doc random\n";
  for (int i = 0; i < persons; ++i) {
    absl::StrAppend(&text, "p", i, " | :label | Person\n");
    if ((*random)() % 10 != 0) {
      absl::StrAppend(&text, "p", i, " | affiliated_with | c", (*random)() % 7, "\n");
    }
    if ((*random)() % 3 == 0) absl::StrAppend(&text, "p", i, " | member_of | o", i % 4, "\n");
    if ((*random)() % 2 == 0) absl::StrAppend(&text, "p", i, " | age | ", 20 + i % 50, "\n");
    const int met = static_cast<int>((*random)() % 6);
    for (int edge = 0; edge < met; ++edge) {
      absl::StrAppend(&text, "p", i, " | met | p", (*random)() % persons, "\n");
    }
  }
  for (int i = 0; i < 7; ++i) absl::StrAppend(&text, "c", i, " | :label | Country\n");
  for (int i = 0; i < 4; ++i) absl::StrAppend(&text, "o", i, " | :label | Organization\n");
  absl::StrAppend(&text, "p1 | met | c2\np2 | met | o1\n");
  // The last person, with a path of two hops.
  absl::StrAppend(&text, "last | :label | Person\nlast | met | p0\np0 | met | p1\n");
  return text;
}

const char* const kCountQueries[] = {
    "MATCH (ca:Country)<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
    "-[:affiliated_with]->(cb:Country) WHERE ca.name <> cb.name "
    "RETURN ca.name AS country, count(*) AS n",
    "MATCH (:Country {name: 'c0'})<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
    "-[:member_of]->(:Organization {name: 'o0'}) RETURN count(*)",
    "MATCH (a:Person)-[:met]->(b)-[:met]->(c) RETURN count(*)",
    "MATCH (a:Person)-[:met]->(b) RETURN b.name, count(b.age) AS aged, count(*) AS n",
    "MATCH (a:Person)-[:met]-(b:Person) WHERE a.age > 40 RETURN a.age % 3 AS k, count(*)",
    "MATCH (a:Person)-[:met*1..2]->(b:Person) RETURN a.name, count(*)",
    "MATCH (c:Country)<-[:affiliated_with]-(a)-[:met]->(b) WITH c, b "
    "MATCH (b)-[:met]->(d) RETURN c.name, count(d)",
    "MATCH (o:Organization)<-[:member_of]-(a)-[:met]->(b)-[:nothing]->(x) RETURN count(*)",
    "MATCH (a:Person)-[:met]->(b:Person) RETURN count(*) AS n, count(b.age) AS m",
};

std::vector<std::string> RunCounts(const FixtureGraph& graph, const char* query) {
  auto result = graph.Query(query);
  EXPECT_TRUE(result.ok()) << query << "\n" << result.status();
  if (!result.ok()) return {};
  return FormatRows(*result, false);
}

TEST(ParallelTest, CountsEqualThoseOfOneThread) {
  std::mt19937 random(20261205);
  int nonzero = 0;
  for (int graph_index = 0; graph_index < 6; ++graph_index) {
    auto graph = FixtureGraph::Build(RandomGraph(&random, 40 + 30 * graph_index));
    ASSERT_TRUE(graph.ok()) << graph.status();
    for (const char* query : kCountQueries) {
      std::vector<std::string> one_thread;
      {
        ParallelGuard guard(-1, kBatchSize);
        one_thread = RunCounts(**graph, query);
      }
      for (size_t morsel : {size_t{1}, size_t{3}, kBatchSize}) {
        ParallelGuard guard(0, morsel);
        EXPECT_EQ(RunCounts(**graph, query), one_thread) << query << " morsels of " << morsel;
        PolicyGuard scans(ScanPolicy::kAlways);
        EXPECT_EQ(RunCounts(**graph, query), one_thread)
            << query << " scans, morsels of " << morsel;
      }
      if (!one_thread.empty() && !absl::StrContains(one_thread.front(), "| 0")) ++nonzero;
    }
  }
  // The graphs must give real counts, not only zeros.
  EXPECT_GT(nonzero, 30);
}

TEST(ParallelTest, PlansShowTheSplitAndProfileCountsEveryWorker) {
  std::mt19937 random(7);
  // Large enough that the second worker starts before the first has taken every morsel.
  auto graph = FixtureGraph::Build(RandomGraph(&random, 3000));
  ASSERT_TRUE(graph.ok()) << graph.status();
  const std::string query =
      "MATCH (ca:Country)<-[:affiliated_with]-(a:Person)-[:met]->(b:Person) "
      "RETURN ca.name, count(*)";
  std::string serial_plan;
  {
    ParallelGuard guard(-1, kBatchSize);
    auto result = (*graph)->Query("PROFILE " + query);
    ASSERT_TRUE(result.ok()) << result.status();
    serial_plan = result->plan();
  }
  ParallelGuard guard(0, 2);
  auto explained = (*graph)->Query("EXPLAIN " + query);
  ASSERT_TRUE(explained.ok()) << explained.status();
  EXPECT_THAT(explained->plan(), ::testing::HasSubstr("Aggregate(Parallel)"));
  EXPECT_THAT(explained->plan(), ::testing::HasSubstr("Exchange morsels for 2 workers"));
  EXPECT_THAT(serial_plan, ::testing::Not(::testing::HasSubstr("Exchange")));
  // The expand above the exchange reports the rows of both workers: those of one thread.
  auto profiled = (*graph)->Query("PROFILE " + query);
  ASSERT_TRUE(profiled.ok()) << profiled.status();
  auto met_rows = [](const std::string& plan) {
    const size_t line = plan.find("(a)-[:met]->(b)");
    const size_t rows = plan.find(", rows ", line);
    return plan.substr(rows, plan.find(',', rows + 2) - rows);
  };
  EXPECT_EQ(met_rows(profiled->plan()), met_rows(serial_plan)) << profiled->plan();
}

TEST(ParallelTest, OnlyPlainCountsOverLargeInputsAreSplit) {
  std::mt19937 random(11);
  auto graph = FixtureGraph::Build(RandomGraph(&random, 100));
  ASSERT_TRUE(graph.ok()) << graph.status();
  const char* const kOneThread[] = {
      // Order-dependent or not merged by adding.
      "EXPLAIN MATCH (a:Person)-[:met]->(b) RETURN a.name, collect(b.name)",
      "EXPLAIN MATCH (a:Person)-[:met]->(b) RETURN count(DISTINCT b)",
      "EXPLAIN MATCH (a:Person)-[:met]->(b) RETURN sum(b.age)",
      // Pattern predicates run in the query's one context.
      "EXPLAIN MATCH (a:Person)-[:met]->(b) WHERE (b)-[:met]->() RETURN count(*)",
  };
  ParallelGuard forced(0, 1);
  for (const char* query : kOneThread) {
    auto result = (*graph)->Query(query);
    ASSERT_TRUE(result.ok()) << query << "\n" << result.status();
    EXPECT_THAT(result->plan(), ::testing::Not(::testing::HasSubstr("Exchange"))) << query;
  }
  // The default threshold keeps a small count on one thread.
  ResetParallelForTesting();
  auto small = (*graph)->Query("EXPLAIN MATCH (a:Person)-[:met]->(b) RETURN count(*)");
  ASSERT_TRUE(small.ok()) << small.status();
  EXPECT_THAT(small->plan(), ::testing::Not(::testing::HasSubstr("Exchange")));
}

TEST(ParallelTest, ErrorsBudgetsAndCancellationReachTheCaller) {
  std::mt19937 random(3);
  auto graph = FixtureGraph::Build(RandomGraph(&random, 150));
  ASSERT_TRUE(graph.ok()) << graph.status();
  ParallelGuard guard(0, 1);
  // Every row fails on whichever worker evaluates it.
  auto failed = (*graph)->Query(
      "MATCH (a:Person)-[:met]->(b:Person)-[:met]->(c) WHERE c.name - 1 > 0 RETURN count(*)");
  EXPECT_THAT(failed, StatusIs(absl::StatusCode::kInvalidArgument,
                               ::testing::HasSubstr("arithmetic expects numbers")));
  // One row fails, late in the input.
  auto late = (*graph)->Query(
      "MATCH (a:Person)-[:met]->(b:Person)-[:met]->(c) "
      "WHERE CASE WHEN a.name = 'last' AND c.name = 'p1' THEN 1 / 0 ELSE 1 END = 1 "
      "RETURN count(*)");
  EXPECT_THAT(
      late, StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("division by zero")));
  // The row budget counts the rows of every worker.
  QueryOptions budget;
  budget.max_rows = 50;
  EXPECT_THAT(
      (*graph)->Query("MATCH (a:Person)-[:met]->(b)-[:met]->(c) RETURN count(*)", {}, budget),
      StatusIs(absl::StatusCode::kResourceExhausted, ::testing::HasSubstr("row budget of 50")));
  std::atomic<bool> cancel{true};
  QueryOptions cancelled;
  cancelled.cancel = &cancel;
  EXPECT_THAT(
      (*graph)->Query("MATCH (a:Person)-[:met]->(b)-[:met]->(c) RETURN count(*)", {}, cancelled),
      StatusIs(absl::StatusCode::kCancelled, ::testing::HasSubstr("cancelled")));
}

}  // namespace
}  // namespace quarry::query::testing
