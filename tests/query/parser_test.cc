// The parser: clause structure, patterns and expression precedence.
#include "query/parser.h"

#include "gtest/gtest.h"

namespace quarry::query {
namespace {

TEST(ParserTest, ParsesTheMissionQuery) {
  auto statement = Parser(
                       "MATCH (c:Person)-[:affiliated_with]->(:Country {name: 'China'}),\n"
                       "      (c)-[:met|talked_with]-(t:Person)-[:affiliated_with]->"
                       "(:Organization {name: 'Taliban'})\n"
                       "RETURN DISTINCT c.name AS official, t.name AS figure")
                       .Parse();
  ASSERT_TRUE(statement.ok()) << statement.status();
  ASSERT_EQ(statement->clauses.size(), 2u);
  const Clause& match = statement->clauses[0];
  ASSERT_EQ(match.patterns.size(), 2u);
  EXPECT_EQ(match.patterns[0].nodes[1].labels, std::vector<std::string>{"Country"});
  ASSERT_EQ(match.patterns[1].rels.size(), 2u);
  EXPECT_EQ(match.patterns[1].rels[0].types, (std::vector<std::string>{"met", "talked_with"}));
  EXPECT_EQ(match.patterns[1].rels[0].direction, Direction::kBoth);
  EXPECT_EQ(match.patterns[1].rels[1].direction, Direction::kOut);
  const Projection& projection = statement->clauses[1].projection;
  EXPECT_TRUE(projection.distinct);
  EXPECT_EQ(projection.items[0].alias, "official");
  EXPECT_EQ(projection.items[1].alias, "figure");
}

TEST(ParserTest, KeywordsAreCaseInsensitive) {
  auto statement = Parser("match (n) where n.x = 1 return n order by n.x desc limit 3").Parse();
  ASSERT_TRUE(statement.ok()) << statement.status();
  EXPECT_TRUE(statement->clauses[1].projection.order_by[0].descending);
}

TEST(ParserTest, ReadsVariableLengthRanges) {
  auto statement = Parser(
                       "MATCH (a)-[*]->(b), (a)<-[r:T*2]-(c), (a)-[*..4]-(d), (a)-[*3..]-(e) "
                       "RETURN a")
                       .Parse();
  ASSERT_TRUE(statement.ok()) << statement.status();
  const auto& parts = statement->clauses[0].patterns;
  EXPECT_EQ(parts[0].rels[0].min_hops, 1);
  EXPECT_FALSE(parts[0].rels[0].max_hops.has_value());
  EXPECT_EQ(parts[1].rels[0].direction, Direction::kIn);
  EXPECT_EQ(parts[1].rels[0].min_hops, 2);
  EXPECT_EQ(parts[1].rels[0].max_hops, 2);
  EXPECT_EQ(parts[2].rels[0].max_hops, 4);
  EXPECT_EQ(parts[3].rels[0].min_hops, 3);
  EXPECT_FALSE(parts[3].rels[0].max_hops.has_value());
}

TEST(ParserTest, PrecedenceOfBooleanAndArithmeticOperators) {
  auto statement = Parser("RETURN 1 + 2 * 3 = 7 OR NOT true AND false").Parse();
  ASSERT_TRUE(statement.ok());
  const Expr& expr = *statement->clauses[0].projection.items[0].expr;
  ASSERT_EQ(expr.kind, ExprKind::kOr);
  EXPECT_EQ(expr.children[0]->kind, ExprKind::kBinary);
  EXPECT_EQ(expr.children[0]->op, BinaryOp::kEq);
  EXPECT_EQ(expr.children[0]->children[0]->op, BinaryOp::kAdd);
  EXPECT_EQ(expr.children[0]->children[0]->children[1]->op, BinaryOp::kMul);
  EXPECT_EQ(expr.children[1]->kind, ExprKind::kAnd);
  EXPECT_EQ(expr.children[1]->children[0]->kind, ExprKind::kNot);
}

TEST(ParserTest, PatternPredicateVersusParenthesizedExpression) {
  auto statement = Parser("MATCH (a) WHERE (a)-[:met]->() AND (1 + 2) = 3 RETURN a").Parse();
  ASSERT_TRUE(statement.ok()) << statement.status();
  const Expr& where = *statement->clauses[0].where;
  EXPECT_EQ(where.children[0]->kind, ExprKind::kPattern);
  EXPECT_EQ(where.children[1]->kind, ExprKind::kBinary);
}

TEST(ParserTest, ExplainAndProfilePrefixes) {
  EXPECT_EQ(Parser("EXPLAIN RETURN 1").Parse()->mode, StatementMode::kExplain);
  EXPECT_EQ(Parser("profile RETURN 1").Parse()->mode, StatementMode::kProfile);
}

TEST(ParserTest, ColumnNamesDefaultToTheExpressionText) {
  auto statement = Parser("MATCH (n) RETURN n.name, count( * ),toLower(n.x)").Parse();
  ASSERT_TRUE(statement.ok());
  const auto& items = statement->clauses[1].projection.items;
  EXPECT_EQ(items[0].alias, "n.name");
  EXPECT_EQ(items[1].alias, "count( * )");
  EXPECT_EQ(items[2].alias, "toLower(n.x)");
}

}  // namespace
}  // namespace quarry::query
