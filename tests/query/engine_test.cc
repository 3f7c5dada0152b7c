// The engine as a whole: EXPLAIN, PROFILE, budgets, cancellation, typed result values.
#include "query/engine.h"

#include <atomic>
#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

using ::quarry::testing::StatusIs;

constexpr char kGraph[] = R"(
A | :label | Person
B | :label | Person
C | :label | Person
A | met | B
B | met | C
C | met | A
A | age | 7
_:x | met | A
)";

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto graph = FixtureGraph::Build(kGraph);
    ASSERT_TRUE(graph.ok()) << graph.status();
    graph_ = std::move(*graph);
  }
  std::unique_ptr<FixtureGraph> graph_;
};

TEST_F(EngineTest, ExplainReturnsThePlanAndNoRows) {
  auto result = graph_->Query("EXPLAIN MATCH (a:Person)-[:met]->(b) RETURN b.name");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->rows().empty());
  EXPECT_EQ(result->columns(), std::vector<std::string>{"b.name"});
  EXPECT_TRUE(absl::StartsWith(result->plan(), "ProduceResults b.name")) << result->plan();
  EXPECT_TRUE(absl::StrContains(result->plan(), "LabelScan (a:Person)")) << result->plan();
  EXPECT_TRUE(absl::StrContains(result->plan(), "Expand (a)-[:met]->(b)")) << result->plan();
  EXPECT_FALSE(absl::StrContains(result->plan(), "time")) << result->plan();
  EXPECT_FALSE(result->executed());
}

TEST_F(EngineTest, ProfileReturnsRowsAndActualCounts) {
  auto result = graph_->Query("PROFILE MATCH (a:Person)-[:met]->(b) RETURN b.name");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows().size(), 3u);
  EXPECT_TRUE(absl::StrContains(result->plan(), "Expand (a)-[:met]->(b)  (est. rows"))
      << result->plan();
  EXPECT_TRUE(absl::StrContains(result->plan(), ", rows 3, time ")) << result->plan();
  EXPECT_TRUE(result->executed());
}

TEST_F(EngineTest, RowBudgetStopsARunawayQuery) {
  QueryOptions options;
  options.max_rows = 10;
  auto result = graph_->Query("UNWIND range(1, 100000) AS x RETURN x", {}, options);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kResourceExhausted,
                               ::testing::HasSubstr("row budget of 10")));
}

TEST_F(EngineTest, CancelledQueryStops) {
  std::atomic<bool> cancel{true};
  QueryOptions options;
  options.cancel = &cancel;
  EXPECT_THAT(graph_->Query("MATCH (a) RETURN a", {}, options),
              StatusIs(absl::StatusCode::kCancelled, ::testing::HasSubstr("cancelled")));
}

TEST_F(EngineTest, TimeBudgetStopsAQuery) {
  QueryOptions options;
  options.timeout_ms = 1;
  options.max_rows = 0;
  // Enough rows that the deadline passes before the end.
  auto result = graph_->Query(
      "UNWIND range(1, 3000) AS x UNWIND range(1, 3000) AS y RETURN count(*)", {}, options);
  EXPECT_THAT(result,
              StatusIs(absl::StatusCode::kDeadlineExceeded, ::testing::HasSubstr("time budget")));
}

TEST_F(EngineTest, HopCapLimitsUnboundedVariableLength) {
  QueryOptions options;
  options.max_hops = 2;
  auto result = graph_->Query("MATCH (a {name: 'A'})-[:met*]->(b) RETURN b.name", {}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(FormatRows(*result, false), (std::vector<std::string>{"'B'", "'C'"}));
}

TEST_F(EngineTest, ReturnsTypedNodesRelationshipsAndPaths) {
  auto result = graph_->Query("MATCH p = (a {name: 'A'})-[r:met]->(b) RETURN a, r, p, b.name");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->rows().size(), 1u);
  const auto& row = result->rows()[0];
  ASSERT_TRUE(row[0].is<Node>());
  EXPECT_EQ(row[0].as<Node>().name, "A");
  EXPECT_EQ(row[0].as<Node>().labels, std::vector<std::string>{"Person"});
  EXPECT_EQ(row[0].as<Node>().properties.at("age").as<int64_t>(), 7);
  ASSERT_TRUE(row[1].is<Relationship>());
  EXPECT_EQ(row[1].as<Relationship>().type, "met");
  EXPECT_EQ(row[1].as<Relationship>().start, row[0].as<Node>().id);
  EXPECT_EQ(row[1].as<Relationship>().properties.at("count").as<int64_t>(), 1);
  ASSERT_TRUE(row[2].is<Path>());
  EXPECT_EQ(row[2].as<Path>().nodes.size(), 2u);
  EXPECT_EQ(row[2].as<Path>().nodes[1].name, "B");
  EXPECT_EQ(row[3].as<std::string>(), "B");
}

TEST_F(EngineTest, BlankNodesHaveNoName) {
  auto result = graph_->Query(
      "MATCH (x)-[:met]->(a {name: 'A'}) WHERE x.name IS NULL "
      "RETURN x.name, labels(x)");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(FormatRows(*result, false), std::vector<std::string>{"null | []"});
}

TEST_F(EngineTest, ParametersMayBeNodes) {
  auto node = graph_->Query("MATCH (n {name: 'B'}) RETURN n");
  ASSERT_TRUE(node.ok());
  Params params = {{"node", node->rows()[0][0]}};
  auto result = graph_->Query("MATCH (a)-[:met]->(b) WHERE b = $node RETURN a.name", params);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(FormatRows(*result, false), std::vector<std::string>{"'A'"});
}

TEST_F(EngineTest, ConcurrentQueriesShareASnapshot) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        auto result = graph_->Query("MATCH (a)-[:met*1..3]->(b) RETURN count(*)");
        if (!result.ok() || result->rows()[0][0].as<int64_t>() != 12) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace quarry::query::testing
