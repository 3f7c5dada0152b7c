// Planner rules and evaluator shortcuts that must not change results: label tests folded
// into the Expand that reaches the node, `x.name = y.name` compared by node id (with blank
// nodes, whose `name` is an ordinary property, falling back to the values), and count(*)
// grouped by keys of one node counted per node first.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

constexpr char kGraph[] = R"(
A | :label | Person
B | :label | Person
C | :label | Country
A | met | B
B | met | A
A | met | A
A | met | C
_:x | name | "A"
_:x | met | A
_:y | met | B
)";

class PlanRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto graph = FixtureGraph::Build(kGraph);
    ASSERT_TRUE(graph.ok()) << graph.status();
    graph_ = std::move(*graph);
  }
  std::vector<std::string> Rows(const std::string& query) {
    auto result = graph_->Query(query);
    EXPECT_TRUE(result.ok()) << query << "\n" << result.status();
    return result.ok() ? FormatRows(*result, false) : std::vector<std::string>{"error"};
  }
  std::unique_ptr<FixtureGraph> graph_;
};

TEST_F(PlanRulesTest, ALabelTestOnTheReachedNodeIsPartOfTheExpand) {
  // B, unlike A, names no blank node too, so `a` is anchored by name and the plan expands.
  auto explain = graph_->Query("EXPLAIN MATCH (a {name: 'B'})-[:met]->(b:Person) RETURN b.name");
  ASSERT_TRUE(explain.ok()) << explain.status();
  EXPECT_TRUE(absl::StrContains(explain->plan(), "Expand (a)-[:met]->(b) b:Person"))
      << explain->plan();
  EXPECT_FALSE(absl::StrContains(explain->plan(), "Filter b:Person")) << explain->plan();
  EXPECT_EQ(Rows("MATCH (a {name: 'B'})-[:met]->(b:Person) RETURN b.name"),
            std::vector<std::string>{"'A'"});
  // a is A, and also _:x, whose literal `name` is 'A' too (it met A).
  EXPECT_EQ(Rows("MATCH (a {name: 'A'})-[:met]->(b:Person) RETURN b.name"),
            (std::vector<std::string>{"'A'", "'A'", "'B'"}));
  EXPECT_EQ(Rows("MATCH (a {name: 'A'})-[:met]->(b:Person:Country) RETURN b.name"),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("MATCH (a {name: 'A'})-[:met]->(b:Nothing) RETURN b.name"),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("MATCH (a)-[:met]->(b:Country) RETURN a.name, b.name"),
            std::vector<std::string>{"'A' | 'C'"});
}

TEST_F(PlanRulesTest, NameComparisonsOfNodesMatchTheirValues) {
  // _:x has a literal name 'A' (equal to A's), _:y has none (null).
  EXPECT_EQ(Rows("MATCH (p)-[:met]->(q) WHERE p.name = q.name RETURN p.name, q.name"),
            (std::vector<std::string>{"'A' | 'A'", "'A' | 'A'"}));
  EXPECT_EQ(Rows("MATCH (p)-[:met]->(q) WHERE p.name <> q.name RETURN p.name, q.name"),
            (std::vector<std::string>{"'A' | 'B'", "'A' | 'C'", "'B' | 'A'"}));
  EXPECT_EQ(Rows("MATCH (p)-[:met]->(q) WHERE p.name = q.name RETURN count(*)"),
            std::vector<std::string>{"2"});
  // Not nodes: maps and nulls compare their values. (p {name: 'A'}) is A and _:x.
  EXPECT_EQ(Rows("WITH {name: 'A'} AS m MATCH (p {name: 'A'}) RETURN m.name = p.name"),
            (std::vector<std::string>{"true", "true"}));
  EXPECT_EQ(Rows("OPTIONAL MATCH (n:Nothing) WITH n MATCH (p {name: 'A'}) "
                 "RETURN n.name <> p.name"),
            (std::vector<std::string>{"null", "null"}));
}

TEST_F(PlanRulesTest, CountsGroupedByOneNodeMergeNodesWithEqualKeys) {
  auto ordered = [&](const std::string& query) {
    auto result = graph_->Query(query);
    EXPECT_TRUE(result.ok()) << query << "\n" << result.status();
    return result.ok() ? FormatRows(*result, true) : std::vector<std::string>{"error"};
  };
  EXPECT_EQ(ordered("MATCH (p)-[:met]->(q) RETURN q.name AS n, count(*) AS c ORDER BY n"),
            (std::vector<std::string>{"'A' | 3", "'B' | 2", "'C' | 1"}));
  // _:x's literal name 'A' groups with A; _:y has no name.
  EXPECT_EQ(ordered("MATCH (p)-[:met]->(q) RETURN p.name AS n, count(*) AS c ORDER BY n"),
            (std::vector<std::string>{"'A' | 4", "'B' | 1", "null | 1"}));
  EXPECT_EQ(ordered("MATCH (p)-[:met]->(q) RETURN toLower(p.name) AS n, count(*) AS c, "
                    "count(*) AS d ORDER BY n"),
            (std::vector<std::string>{"'a' | 4 | 4", "'b' | 1 | 1", "null | 1 | 1"}));
  // Keys over two variables, or other aggregates: the general grouping.
  EXPECT_EQ(ordered("MATCH (p)-[:met]->(q) "
                    "RETURN p.name AS n, q.name AS m, count(*) AS c ORDER BY n, m"),
            (std::vector<std::string>{"'A' | 'A' | 2", "'A' | 'B' | 1", "'A' | 'C' | 1",
                                      "'B' | 'A' | 1", "null | 'B' | 1"}));
  EXPECT_EQ(ordered("MATCH (p)-[:met]->(q) RETURN p.name AS n, count(DISTINCT q) AS c "
                    "ORDER BY n"),
            (std::vector<std::string>{"'A' | 3", "'B' | 1", "null | 1"}));
  // Not a node in the slot: counted the ordinary way.
  EXPECT_EQ(ordered("UNWIND [1, 1, 2] AS x RETURN x AS k, count(*) AS c ORDER BY k"),
            (std::vector<std::string>{"1 | 2", "2 | 1"}));
}

}  // namespace
}  // namespace quarry::query::testing
