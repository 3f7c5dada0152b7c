// `quarry export --format dot`: the whole graph or a query's subgraph as Graphviz DOT, which
// `dot -Tsvg` reads without errors (skipped when Graphviz is not installed).
#include <cstdlib>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::CommandRun;
using ::quarry::testing::Quarry;
using ::quarry::testing::ReadFile;
using ::quarry::testing::RunCommand;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::WriteFile;
using ::testing::HasSubstr;
using ::testing::Not;

class ExportDotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Join("facts.tsv"),
              "Ada Example\tmet\tBo Sample\nAda Example\t:label\tPerson\n"
              "Ada Example\taffiliated_with\tFreedonia\nFreedonia\t:label\tCountry\n"
              "Cy Person\tmet\tDee Other\n");
    ASSERT_EQ(Quarry(dir_, "load '" + dir_.Join("facts.tsv") + "'").exit_code, 0);
  }

  // Renders `dot_file` to SVG; the SVG, or "" when Graphviz is absent.
  std::string Render(const std::string& dot_file) {
    if (std::system("command -v dot >/dev/null 2>&1") != 0) return "";
    CommandRun run = RunCommand(dir_, "dot", "-Tsvg '" + dot_file + "'");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    return run.out;
  }

  ScratchDir dir_;
};

TEST_F(ExportDotTest, WholeGraphHasEveryNodeAndEdge) {
  CommandRun run = Quarry(dir_, "export --format dot -o '" + dir_.Join("all.dot") + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string dot = ReadFile(dir_.Join("all.dot"));
  EXPECT_THAT(dot, HasSubstr("digraph quarry {"));
  for (const char* name :
       {"\"Ada Example\"", "\"Bo Sample\"", "\"Freedonia\"", "\"Cy Person\"", "\"Dee Other\""}) {
    EXPECT_THAT(dot, HasSubstr(std::string("[label=") + name)) << name;
  }
  EXPECT_THAT(dot, HasSubstr("[label=\"met\"]"));
  EXPECT_THAT(dot, HasSubstr("[label=\"affiliated_with\"]"));
  EXPECT_THAT(dot, HasSubstr("fillcolor=\"#9ecae1\""));  // Person
  EXPECT_THAT(dot, HasSubstr("fillcolor=\"#a1d99b\""));  // Country

  const std::string svg = Render(dir_.Join("all.dot"));
  if (svg.empty()) GTEST_SKIP() << "graphviz (dot) is not installed";
  EXPECT_THAT(svg, HasSubstr("<svg"));
  // Nodes are <g class="node"> with their label as text; edges <g class="edge">.
  int nodes = 0;
  int edges = 0;
  for (size_t at = svg.find("class=\"node\""); at != std::string::npos;
       at = svg.find("class=\"node\"", at + 1)) {
    ++nodes;
  }
  for (size_t at = svg.find("class=\"edge\""); at != std::string::npos;
       at = svg.find("class=\"edge\"", at + 1)) {
    ++edges;
  }
  EXPECT_EQ(nodes, 5);
  EXPECT_EQ(edges, 3);
  EXPECT_THAT(svg, HasSubstr(">Ada Example</text>"));
  EXPECT_THAT(svg, HasSubstr(">Bo Sample</text>"));
  EXPECT_THAT(svg, HasSubstr(">affiliated_with</text>"));
}

TEST_F(ExportDotTest, QuerySubgraphHasOnlyWhatTheRowsReturn) {
  CommandRun run = Quarry(dir_,
                          "export --format dot --query 'MATCH (a)-[r:met]->(b) WHERE a.name = "
                          "\"Ada Example\" RETURN a, r, b'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("[label=\"Ada Example\""));
  EXPECT_THAT(run.out, HasSubstr("[label=\"met\"]"));
  EXPECT_THAT(run.out, Not(HasSubstr("Cy Person")));
  EXPECT_THAT(run.out, Not(HasSubstr("affiliated_with")));
  WriteFile(dir_.Join("part.dot"), run.out);
  const std::string svg = Render(dir_.Join("part.dot"));
  if (svg.empty()) GTEST_SKIP() << "graphviz (dot) is not installed";
  EXPECT_THAT(svg, HasSubstr(">met</text>"));
  EXPECT_THAT(svg, Not(HasSubstr("Dee Other")));
}

}  // namespace
}  // namespace quarry
