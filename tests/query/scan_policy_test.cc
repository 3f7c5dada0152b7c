// The seek-or-scan choice (query/scan_policy.h): expansions hash-joined from one scan of
// their relationship types and label tests answered from one scan of the label give exactly
// the rows, in the same order, of the plain plan that seeks per row; EXPLAIN and PROFILE
// show the hash joins.
#include "query/scan_policy.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

// Persons in countries and organizations, a `met` graph with a self-loop, a hub and a
// literal object on a relationship type, `knows` as a second type, and unlabeled nodes.
std::string SmallGraph() {
  std::string text = "doc small\n";
  for (int i = 0; i < 12; ++i) {
    absl::StrAppend(&text, "p", i, " | :label | Person\n");
    absl::StrAppend(&text, "p", i, " | affiliated_with | c", i % 3, "\n");
    if (i % 2 == 0) absl::StrAppend(&text, "p", i, " | member_of | o", i % 4, "\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 5 + 1) % 12, "\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 7 + 3) % 12, "\n");
    if (i % 3 == 0) absl::StrAppend(&text, "p", i, " | knows | p", (i + 2) % 12, "\n");
  }
  for (int i = 0; i < 3; ++i) absl::StrAppend(&text, "c", i, " | :label | Country\n");
  for (int i = 0; i < 4; ++i) absl::StrAppend(&text, "o", i, " | :label | Organization\n");
  // A self-loop, a literal-valued `met`, a node without labels, a country in an org.
  absl::StrAppend(&text, "p4 | met | p4\np5 | met | \"someone\"\nx | met | p1\n");
  absl::StrAppend(&text, "p1 | met | x\nc1 | member_of | o0\nc2 | affiliated_with | c0\n");
  return text;
}

const char* const kQueries[] = {
    // The peer benchmark's shapes.
    "MATCH (:Country {name: 'c0'})<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
    "-[:member_of]->(:Organization {name: 'o0'}) RETURN count(*)",
    "MATCH (ca:Country)<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
    "-[:affiliated_with]->(cb:Country) WHERE ca.name <> cb.name "
    "RETURN ca.name AS country, count(*) AS n ORDER BY n DESC, country LIMIT 10",
    "MATCH (a:Person {name: 'p3'})-[:met*1..3]->(b:Person) WHERE b.name <> a.name "
    "RETURN count(DISTINCT b)",
    // Row order of unordered results must not change either.
    "MATCH (a)-[r:met]->(b) RETURN a.name, b.name",
    "MATCH (a:Person)-[r:met]-(b) RETURN a.name, type(r), b.name",
    "MATCH (a)<-[:met|knows]-(b:Person)-[:met]->(c) RETURN a.name, b.name, c.name",
    "MATCH (a:Person)-[:met|knows]-(b)-[:affiliated_with]->(c:Country) RETURN a.name, c.name",
    "MATCH (a:Person)-[:met]->(b)-[:met]->(a) RETURN a.name, b.name",
    "MATCH (a:Person)-[:met*2]-(b:Person) RETURN a.name, b.name",
    "MATCH (a)-[:member_of]->(o:Organization) WHERE NOT a:Person RETURN a.name, o.name",
    "MATCH (a:Person) OPTIONAL MATCH (a)-[:knows]->(b) RETURN a.name, b.name",
    "MATCH (a:Person) WHERE (a)-[:member_of]->(:Organization) RETURN a.name",
    "MATCH (a)-[:nothing]->(b) RETURN a, b",
};

TEST(ScanPolicyTest, ScansGiveTheRowsOfSeeksInTheSameOrder) {
  auto graph = FixtureGraph::Build(SmallGraph());
  ASSERT_TRUE(graph.ok()) << graph.status();
  for (const char* query : kQueries) {
    std::vector<std::string> seeks;
    {
      PolicyGuard guard(ScanPolicy::kNever);
      auto result = (*graph)->Query(query);
      ASSERT_TRUE(result.ok()) << query << "\n" << result.status();
      seeks = FormatRows(*result, true);
    }
    PolicyGuard guard(ScanPolicy::kAlways);
    auto result = (*graph)->Query(query);
    ASSERT_TRUE(result.ok()) << query << "\n" << result.status();
    EXPECT_EQ(FormatRows(*result, true), seeks) << query;
  }
}

TEST(ScanPolicyTest, TheBenchmarkShapesGiveTheirAnswers) {
  auto graph = FixtureGraph::Build(SmallGraph());
  ASSERT_TRUE(graph.ok()) << graph.status();
  PolicyGuard guard(ScanPolicy::kAlways);
  auto q2 = (*graph)->Query(kQueries[0]);
  ASSERT_TRUE(q2.ok()) << q2.status();
  // a in c0: p0, p3, p6, p9; their `met` Persons in o0 (p0, p4, p8): p0->p1,p3;
  // p3->p4,p0; p6->p7,p9; p9->p10,p6 -> (p3,p4) and (p3,p0).
  EXPECT_EQ(FormatRows(*q2, true), std::vector<std::string>{"2"});
  auto q4 = (*graph)->Query(kQueries[1]);
  ASSERT_TRUE(q4.ok()) << q4.status();
  // Only the first `met` edge of p_i crosses countries (i % 3 != 2): c0 and c1 four each.
  EXPECT_EQ(FormatRows(*q4, true), (std::vector<std::string>{"'c0' | 4", "'c1' | 4"}));
}

TEST(ScanPolicyTest, ExplainAndProfileShowTheHashJoin) {
  auto graph = FixtureGraph::Build(SmallGraph());
  ASSERT_TRUE(graph.ok()) << graph.status();
  {
    PolicyGuard guard(ScanPolicy::kAlways);
    auto explain = (*graph)->Query("EXPLAIN MATCH (a:Person)-[:met]->(b) RETURN b.name");
    ASSERT_TRUE(explain.ok()) << explain.status();
    EXPECT_TRUE(absl::StrContains(explain->plan(), "Expand(HashJoin) (a)-[:met]->(b)"))
        << explain->plan();
  }
  PolicyGuard guard(ScanPolicy::kNever);
  auto plain = (*graph)->Query("PROFILE MATCH (a:Person)-[:met]->(b) RETURN b.name");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_TRUE(absl::StrContains(plain->plan(), "Expand (a)-[:met]->(b)")) << plain->plan();
  EXPECT_FALSE(absl::StrContains(plain->plan(), "HashJoin")) << plain->plan();
}

TEST(ScanPolicyTest, LookupsSplitOverTwoThreadsGiveTheSameRows) {
  auto graph = FixtureGraph::Build(SmallGraph());
  ASSERT_TRUE(graph.ok()) << graph.status();
  for (const char* query : kQueries) {
    std::vector<std::string> single;
    {
      PolicyGuard guard(ScanPolicy::kNever);
      auto result = (*graph)->Query(query);
      ASSERT_TRUE(result.ok()) << query << "\n" << result.status();
      single = FormatRows(*result, true);
    }
    PolicyGuard guard(ScanPolicy::kNever);
    SetMinParallelProbesForTesting(2);
    auto result = (*graph)->Query(query);
    SetMinParallelProbesForTesting(kDefaultMinParallelProbes);
    ASSERT_TRUE(result.ok()) << query << "\n" << result.status();
    EXPECT_EQ(FormatRows(*result, true), single) << query;
  }
}

TEST(ScanPolicyTest, ManyProbesSwitchToOneScanByThemselves) {
  // 2000 persons, 4000 `met` edges: expanding every person costs more in seeks than one
  // scan, so the adaptive plan hash-joins; the rows are those of the seeking plan.
  std::string text = "doc big\n";
  for (int i = 0; i < 2000; ++i) {
    absl::StrAppend(&text, "p", i, " | :label | Person\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 37 + 11) % 2000, "\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 101 + 7) % 2000, "\n");
  }
  auto graph = FixtureGraph::Build(text);
  ASSERT_TRUE(graph.ok()) << graph.status();
  const std::string query =
      "MATCH (a:Person)-[:met]->(b:Person)-[:met]->(c:Person) WHERE a.name < 'p2' "
      "RETURN c.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 5";
  auto adaptive = (*graph)->Query("PROFILE " + query);
  ASSERT_TRUE(adaptive.ok()) << adaptive.status();
  EXPECT_TRUE(absl::StrContains(adaptive->plan(), "Expand(HashJoin)")) << adaptive->plan();
  PolicyGuard guard(ScanPolicy::kNever);
  auto plain = (*graph)->Query(query);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(FormatRows(*adaptive, true), FormatRows(*plain, true));
  EXPECT_EQ(FormatRows(*plain, true).size(), 5u);
}

}  // namespace
}  // namespace quarry::query::testing
