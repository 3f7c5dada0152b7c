// The mission query of DESIGN.md over a hand-made graph: exactly the expected pairs.
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

constexpr char kGraph[] = R"(
doc one 2022-05-01 | Xu Lan met Omar Haidari in the capital.
China | :label | Country
United States | :label | Country
Taliban | :label | Organization
Xu Lan | :label | Person
Lin Bo | :label | Person
Omar Haidari | :label | Person
Karim Nuri | :label | Person
Pat Smith | :label | Person
Taliban delegation | :label | Group
Xu Lan | affiliated_with | China
Lin Bo | affiliated_with | China
Omar Haidari | affiliated_with | Taliban
Karim Nuri | affiliated_with | Taliban
Pat Smith | affiliated_with | United States
Taliban delegation | affiliated_with | Taliban
Xu Lan | met | Omar Haidari | s=0
Omar Haidari | met | Xu Lan
Karim Nuri | met | Xu Lan
Lin Bo | talked_with | Karim Nuri
Lin Bo | met | Pat Smith
Pat Smith | met | Omar Haidari
Lin Bo | plans_to_meet | Omar Haidari
Xu Lan | met | Taliban delegation
doc two 2022-06-01 | Xu Lan and Omar Haidari met again.
Xu Lan | met | Omar Haidari | s=0
)";

constexpr char kMissionQuery[] = R"(
MATCH (c:Person)-[:affiliated_with]->(:Country {name: 'China'}),
      (c)-[:met|talked_with]-(t:Person)-[:affiliated_with]->(:Organization {name: 'Taliban'})
RETURN DISTINCT c.name AS official, t.name AS figure)";

TEST(MissionTest, ReturnsExactlyTheExpectedPairs) {
  auto graph = FixtureGraph::Build(kGraph);
  ASSERT_TRUE(graph.ok()) << graph.status();
  absl::StatusOr<QueryResult> result = (*graph)->Query(kMissionQuery);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->columns(), (std::vector<std::string>{"official", "figure"}));
  EXPECT_EQ(FormatRows(*result, false),
            (std::vector<std::string>{"'Lin Bo' | 'Karim Nuri'", "'Xu Lan' | 'Karim Nuri'",
                                      "'Xu Lan' | 'Omar Haidari'"}));
}

TEST(MissionTest, PlanStartsFromTheNamedNodes) {
  auto graph = FixtureGraph::Build(kGraph);
  ASSERT_TRUE(graph.ok()) << graph.status();
  absl::StatusOr<QueryResult> result = (*graph)->Query(std::string("EXPLAIN ") + kMissionQuery);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->rows().empty());
  EXPECT_NE(result->plan().find("NodeByName (anon_2) name = 'China'"), std::string::npos)
      << result->plan();
  EXPECT_NE(result->plan().find("Expand(Into)"), std::string::npos) << result->plan();
  EXPECT_EQ(result->plan().find("AllNodesScan"), std::string::npos) << result->plan();
}

TEST(MissionTest, EvidenceExplainsTheEdge) {
  auto graph = FixtureGraph::Build(kGraph);
  ASSERT_TRUE(graph.ok()) << graph.status();
  absl::StatusOr<QueryResult> result = (*graph)->Query(
      "MATCH (:Person {name: 'Xu Lan'})-[r:met]->(:Person {name: 'Omar Haidari'}) "
      "RETURN r.count, r.first_seen, r.last_seen, r.snippet");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(FormatRows(*result, false),
            std::vector<std::string>{"2 | date('2022-05-01') | date('2022-06-01') | 'Xu Lan met "
                                     "Omar Haidari in the capital.'"});
}

}  // namespace
}  // namespace quarry::query::testing
