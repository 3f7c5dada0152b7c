// CREATE through RunStatement: nodes, labels, properties, relationships with properties,
// and where the triple model merges what a property graph keeps apart.
#include "query/create.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "query/engine.h"
#include "tests/util/test_util.h"

namespace quarry::query {
namespace {

using ::quarry::testing::StatusIs;

class CreateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = graph::Store::Open(dir_.Join("db"));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  // The rows of `text` as strings, one per row, cells joined by " | ".
  std::vector<std::string> Rows(const std::string& text, const Params& params = {}) {
    auto result = RunStatement(*store_, text, params, QueryOptions());
    EXPECT_TRUE(result.ok()) << result.status();
    std::vector<std::string> rows;
    if (!result.ok()) return rows;
    for (const auto& row : result->rows()) {
      std::string line;
      for (const Value& value : row) line += (line.empty() ? "" : " | ") + value.ToString();
      rows.push_back(line);
    }
    return rows;
  }

  quarry::testing::ScratchDir dir_;
  std::unique_ptr<graph::Store> store_;
};

TEST_F(CreateTest, CreatesNodesRelationshipsAndTheirProperties) {
  EXPECT_TRUE(
      Rows("CREATE (a:A {num: 1}), (a)-[:KNOWS {since: 2020}]->(b:B {name: 'Bo'}), ()").empty());
  EXPECT_EQ(Rows("MATCH (n) RETURN count(n)"), std::vector<std::string>{"3"});
  EXPECT_EQ(Rows("MATCH (a:A)-[r:KNOWS]->(b) RETURN a.num, r.since, b.name, keys(r)"),
            std::vector<std::string>{"1 | 2020 | 'Bo' | ['since']"});
  EXPECT_EQ(Rows("MATCH (n) WHERE size(labels(n)) = 0 RETURN keys(n)"),
            std::vector<std::string>{"[]"});
}

TEST_F(CreateTest, PropertiesMayUseParametersAndExpressions) {
  Rows("CREATE (:P {x: $x + 1, s: 'a' + 'b'})", Params{{"x", Value(41)}});
  EXPECT_EQ(Rows("MATCH (p:P) RETURN p.x, p.s"), std::vector<std::string>{"42 | 'ab'"});
}

TEST_F(CreateTest, ReportsWhatTheTripleModelMerges) {
  auto first = ExecuteCreate(*store_, "CREATE (a {name: 'N'})-[:T]->(b:B), (a)-[:T]->(b)", {},
                             QueryOptions());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->relationships_created, 2);
  EXPECT_EQ(first->merged_relationships, 1);
  auto second = ExecuteCreate(*store_, "CREATE ({name: 'N'})", {}, QueryOptions());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->merged_nodes, 1);
}

TEST_F(CreateTest, RejectsWhatCannotBeCreated) {
  EXPECT_THAT(RunStatement(*store_, "CREATE (a)-[:T]-(b)", {}, QueryOptions()),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("directed")));
  EXPECT_THAT(RunStatement(*store_, "CREATE (a {xs: [1, 2]})", {}, QueryOptions()),
              StatusIs(absl::StatusCode::kUnimplemented, ::testing::_));
  EXPECT_THAT(RunStatement(*store_, "CREATE (a) RETURN a", {}, QueryOptions()),
              StatusIs(absl::StatusCode::kUnimplemented, ::testing::_));
}

}  // namespace
}  // namespace quarry::query
