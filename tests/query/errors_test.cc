// Malformed and ill-typed queries: each error's code, line, column and message.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

struct ErrorCase {
  const char* query;
  absl::StatusCode code;
  // The first line of the message: "line L, column C: message".
  const char* first_line;
};

const ErrorCase kErrorCases[] = {
    {"MATCH (c:Person-[:met]->(t) RETURN c", absl::StatusCode::kInvalidArgument,
     "line 1, column 16: expected ')' to close the node pattern but found '-'"},
    {"MATCH (a)-[:met]->(b RETURN b", absl::StatusCode::kInvalidArgument,
     "line 1, column 22: expected ')' to close the node pattern but found 'RETURN'"},
    {"MATCH (a) RETURN", absl::StatusCode::kInvalidArgument,
     "line 1, column 17: expected an expression to return but found end of query"},
    {"MATCH (a)", absl::StatusCode::kInvalidArgument,
     "line 1, column 10: a query must end with RETURN"},
    {"RETURN 1 +", absl::StatusCode::kInvalidArgument,
     "line 1, column 11: expected an expression but found end of query"},
    {"RETURN 1 +* 2", absl::StatusCode::kInvalidArgument,
     "line 1, column 11: expected an expression but found '*'"},
    {"MATCH (a) RETURN b", absl::StatusCode::kInvalidArgument,
     "line 1, column 18: variable 'b' is not defined"},
    {"MATCH (a)-[r]->(b) RETURN a, r, c.name", absl::StatusCode::kInvalidArgument,
     "line 1, column 33: variable 'c' is not defined"},
    {"RETURN 'abc", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: unterminated string literal"},
    {"RETURN 1 # 2", absl::StatusCode::kInvalidArgument,
     "line 1, column 10: unexpected character '#'"},
    {"RETURN foo(1)", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: unknown function 'foo'"},
    {"RETURN toLower('a', 'b')", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: function 'toLower' expects 1 argument but got 2"},
    {"MATCH (a) WHERE count(*) > 1 RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 17: aggregate functions are not allowed in WHERE"},
    {"RETURN count(count(*))", absl::StatusCode::kInvalidArgument,
     "line 1, column 14: aggregate functions cannot be nested"},
    {"RETURN $missing", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: missing parameter $missing"},
    {"MATCH (a)-[r]->(b) MATCH (r) RETURN r", absl::StatusCode::kInvalidArgument,
     "line 1, column 26: variable 'r' is a relationship, not a node"},
    {"MATCH (a)-[a]->(b) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 10: variable 'a' is a node, not a relationship"},
    {"WITH 123 AS n MATCH (n) RETURN n", absl::StatusCode::kInvalidArgument,
     "line 1, column 21: variable 'n' is a value, not a node"},
    {"WITH {x: 1} AS r MATCH ()-[r]->() RETURN r", absl::StatusCode::kInvalidArgument,
     "line 1, column 26: variable 'r' is a value, not a relationship"},
    {"RETURN 1 AS x, 2 AS x", absl::StatusCode::kInvalidArgument,
     "line 1, column 16: column name 'x' is used twice"},
    {"MATCH (a) WITH a.name RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 16: an expression in WITH must be aliased (use AS)"},
    {"MATCH (a) WITH a, count(*) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 19: an expression in WITH must be aliased (use AS)"},
    {"UNWIND [1] AS x UNWIND [2] AS x RETURN x", absl::StatusCode::kInvalidArgument,
     "line 1, column 31: variable 'x' is already defined"},
    {"MATCH p = shortestPath((a)-[:met]->(b)) RETURN p", absl::StatusCode::kInvalidArgument,
     "line 1, column 27: a shortest path needs a variable-length relationship, e.g. [*]"},
    {"CREATE (n) RETURN n", absl::StatusCode::kUnimplemented,
     "line 1, column 1: CREATE is not supported: queries are read-only"},
    {"MATCH (n) RETURN n UNION MATCH (m) RETURN m AS n2", absl::StatusCode::kInvalidArgument,
     "line 1, column 20: all parts of a UNION must return the same columns"},
    {"MATCH (a) RETURN [(a)-->(b) | b]", absl::StatusCode::kUnimplemented,
     "line 1, column 18: pattern comprehensions are not supported"},
    {"MATCH (a)-[r]->(b) RETURN labels(r)", absl::StatusCode::kInvalidArgument,
     "line 1, column 34: labels() expects a node but got a relationship"},
    {"MATCH (a) RETURN type(a)", absl::StatusCode::kInvalidArgument,
     "line 1, column 23: type() expects a relationship but got a node"},
    {"MATCH p = (a)-->(b) RETURN p.name", absl::StatusCode::kInvalidArgument,
     "line 1, column 28: cannot read property 'name' of a path"},
    {"MATCH (a)-[r*]->(b) RETURN r.name", absl::StatusCode::kInvalidArgument,
     "line 1, column 28: cannot read property 'name' of a list of relationships"},
    {"RETURN 1 SKIP -1", absl::StatusCode::kInvalidArgument,
     "line 1, column 15: SKIP expects a non-negative integer"},
    {"RETURN 1 LIMIT 'a'", absl::StatusCode::kInvalidArgument,
     "line 1, column 16: LIMIT expects a non-negative integer"},
    {"MATCH (a) RETURN toLower(DISTINCT a.name)", absl::StatusCode::kInvalidArgument,
     "line 1, column 18: DISTINCT is only allowed in aggregate functions, not in 'toLower'"},
    {"MATCH (a)-[r]->(b)-[r]->(c) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 19: relationship variable 'r' is used more than once in the pattern"},
    {"MATCH (a) WHERE (a)-[:met]->(x) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 29: variable 'x' is not defined (a pattern predicate cannot introduce new "
     "variables)"},
    {"MATCH (a) RETURN a ORDER BY", absl::StatusCode::kInvalidArgument,
     "line 1, column 28: expected an expression but found end of query"},
    {"MATCH (a:) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 10: expected a label name after ':' but found ')'"},
    {"MATCH (a)-[:]->(b) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 13: expected a relationship type but found ']'"},
    {"RETURN 'a\\q'", absl::StatusCode::kInvalidArgument,
     "line 1, column 10: invalid escape sequence '\\q'"},
    {"MATCH (a)\nWHERE a.x = \nRETURN a", absl::StatusCode::kInvalidArgument,
     "line 3, column 1: expected an expression but found 'RETURN'"},
    {"RETURN 99999999999999999999", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: integer '99999999999999999999' is too large"},
    {"RETURN 9223372036854775808", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: integer '9223372036854775808' is too large"},
    {"MATCH (a) RETURN a; MATCH", absl::StatusCode::kInvalidArgument,
     "line 1, column 21: expected end of query after ';' but found 'MATCH'"},
    {"MATCH (a) RETURN a.name AS x ORDER BY y", absl::StatusCode::kInvalidArgument,
     "line 1, column 39: variable 'y' is not defined"},
    {"RETURN cos(1)", absl::StatusCode::kUnimplemented,
     "line 1, column 8: function 'cos' is not supported"},
    {"MATCH (a)-[r:met*1..2 {count: 1}]->(b) RETURN a", absl::StatusCode::kUnimplemented,
     "line 1, column 10: properties on a variable-length relationship are not supported"},
    {"MATCH (a) RETURN a LIMIT 1 RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 28: expected end of query after RETURN but found 'RETURN'"},
    {"MATCH (a)-[:met]-(b) RETURN * ", absl::StatusCode::kOk, ""},
    {"RETURN *", absl::StatusCode::kInvalidArgument,
     "line 1, column 8: RETURN * needs at least one variable in scope"},
    {"MATCH (a) RETURN a.name, count(*) ORDER BY a.age", absl::StatusCode::kInvalidArgument,
     "line 1, column 44: variable 'a' is not defined"},
    {"FOO (a) RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 1: expected a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN) but "
     "found 'FOO'"},
    {"MATCH (a {name: 'x') RETURN a", absl::StatusCode::kInvalidArgument,
     "line 1, column 20: expected ',' or '}' in the map but found ')'"},
};

class ErrorsTest : public ::testing::TestWithParam<ErrorCase> {
 protected:
  static void SetUpTestSuite() {
    auto graph = FixtureGraph::Build("A | met | B\nA | :label | Person\n");
    ASSERT_TRUE(graph.ok()) << graph.status();
    graph_ = graph->release();
  }
  static void TearDownTestSuite() {
    delete graph_;
    graph_ = nullptr;
  }
  static FixtureGraph* graph_;
};

FixtureGraph* ErrorsTest::graph_ = nullptr;

TEST_P(ErrorsTest, ReportsCodeAndLocation) {
  const ErrorCase& error = GetParam();
  absl::StatusOr<QueryResult> result = graph_->Query(error.query);
  ASSERT_EQ(result.status().code(), error.code) << error.query << "\n" << result.status();
  if (error.code == absl::StatusCode::kOk) return;
  std::vector<std::string> lines = absl::StrSplit(result.status().message(), '\n');
  ASSERT_EQ(lines.size(), 3u) << result.status().message();
  EXPECT_EQ(lines[0], error.first_line);
}

INSTANTIATE_TEST_SUITE_P(Cases, ErrorsTest, ::testing::ValuesIn(kErrorCases));

TEST(ErrorsFormatTest, ShowsTheQueryLineWithACaret) {
  auto graph = FixtureGraph::Build("A | met | B\n");
  ASSERT_TRUE(graph.ok());
  absl::StatusOr<QueryResult> result = (*graph)->Query("MATCH (c:Person-[:met]->(t) RETURN c");
  EXPECT_EQ(result.status().message(),
            "line 1, column 16: expected ')' to close the node pattern but found '-'\n"
            "  MATCH (c:Person-[:met]->(t) RETURN c\n"
            "                 ^");
}

TEST(ErrorsFormatTest, CaretOnTheRightLineOfAMultiLineQuery) {
  auto graph = FixtureGraph::Build("A | met | B\n");
  ASSERT_TRUE(graph.ok());
  absl::StatusOr<QueryResult> result = (*graph)->Query("MATCH (a)\nRETURN nope");
  EXPECT_EQ(result.status().message(),
            "line 2, column 8: variable 'nope' is not defined\n"
            "  RETURN nope\n"
            "         ^");
}

TEST(ErrorsFormatTest, RuntimeErrorsAreLocated) {
  auto graph = FixtureGraph::Build("A | met | B\n");
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ((*graph)->Query("RETURN 1 / 0").status().message(),
            "line 1, column 8: division by zero\n  RETURN 1 / 0\n         ^");
  absl::StatusOr<QueryResult> result = (*graph)->Query("RETURN 'a' - 1");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(result.status().message()).substr(0, 59),
            "line 1, column 8: arithmetic expects numbers but got String");
}

}  // namespace
}  // namespace quarry::query::testing
