// `quarry repl` with stdin not a terminal: statements from stdin, no prompts, exact rows;
// dot-commands work the same; `.draw` renders through Graphviz when it is installed.
#include <string>

#include "absl/strings/str_cat.h"
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

void LoadFacts(const ScratchDir& dir) {
  WriteFile(dir.Join("facts.tsv"),
            "Ada Example\tmet\tBo Sample\nAda Example\tmet\tCy Person\n"
            "Ada Example\t:label\tPerson\nBo Sample\t:label\tPerson\n");
  ASSERT_EQ(Quarry(dir, "load '" + dir.Join("facts.tsv") + "'").exit_code, 0);
}

TEST(ReplScriptTest, PipedStatementsGiveExactlyTheirRows) {
  ScratchDir dir;
  LoadFacts(dir);
  WriteFile(dir.Join("script.cypher"),
            ".mode tsv\n"
            "MATCH (a {name: 'Ada Example'})-[:met]->(b)\n"
            "RETURN b.name AS met ORDER BY met;\n"
            "RETURN 1 + 1 AS two\n"
            "\n"
            "MATCH (p:Person) RETURN count(p) AS people;\n");
  CommandRun run = Quarry(dir, "repl", dir.Join("script.cypher"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "met\nBo Sample\nCy Person\ntwo\n2\npeople\n2\n");
  EXPECT_EQ(run.err, "");
}

TEST(ReplScriptTest, TableModeHasNoPromptsAndNoCounts) {
  ScratchDir dir;
  LoadFacts(dir);
  WriteFile(dir.Join("script.cypher"),
            "MATCH (a:Person {name: 'Ada Example'}) RETURN a, 'a long value that is not cut' AS "
            "note;\n");
  CommandRun run = Quarry(dir, "repl", dir.Join("script.cypher"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "+---------------------------------+------------------------------+\n"
            "| a                               | note                         |\n"
            "+---------------------------------+------------------------------+\n"
            "| (:Person {name: \"Ada Example\"}) | a long value that is not cut |\n"
            "+---------------------------------+------------------------------+\n");
}

TEST(ReplScriptTest, ErrorsGoToStderrAndTheScriptCarriesOnThenExitsOne) {
  ScratchDir dir;
  LoadFacts(dir);
  WriteFile(dir.Join("script.cypher"),
            ".mode tsv\nMATCH (a RETURN a;\nRETURN 'after' AS x;\n.nonsense\n");
  CommandRun run = Quarry(dir, "repl", dir.Join("script.cypher"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "x\nafter\n");
  EXPECT_THAT(run.err, HasSubstr("error: "));
  EXPECT_THAT(run.err, HasSubstr("^"));
  EXPECT_THAT(run.err, HasSubstr("unknown command '.nonsense'"));
}

TEST(ReplScriptTest, SchemaSplitsRelationshipTypesFromPropertyKeys) {
  ScratchDir dir;
  LoadFacts(dir);
  WriteFile(dir.Join("more.tsv"), "Ada Example\trole\t\"Envoy\"\n");
  ASSERT_EQ(Quarry(dir, "load '" + dir.Join("more.tsv") + "'").exit_code, 0);
  WriteFile(dir.Join("script.cypher"), ".schema\n");
  CommandRun run = Quarry(dir, "repl", dir.Join("script.cypher"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "labels:\n  :Person  2\nrelationship types:\n  :met  2\nproperty keys:\n  name\n"
            "  role  1\n");
}

TEST(ReplScriptTest, DrawWithoutFileWritesDotInTheWorkingDirectory) {
  ScratchDir dir;
  LoadFacts(dir);
  WriteFile(dir.Join("script.cypher"), "MATCH (a)-[r:met]->(b) RETURN a, r, b;\n.draw\n");
  CommandRun run =
      RunCommand(dir, "cd '" + dir.path() + "' && " + testing::QuarryBinary(),
                 absl::StrCat("--db '", dir.Join("db"), "' repl"), dir.Join("script.cypher"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("wrote " + dir.Join("quarry-result.dot")));
  EXPECT_THAT(ReadFile(dir.Join("quarry-result.dot")), HasSubstr("label=\"Cy Person\""));
}

TEST(ReplScriptTest, QuitStopsReading) {
  ScratchDir dir;
  LoadFacts(dir);
  WriteFile(dir.Join("script.cypher"), ".mode tsv\nRETURN 1 AS a;\n.quit\nRETURN 2 AS b;\n");
  CommandRun run = Quarry(dir, "repl", dir.Join("script.cypher"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "a\n1\n");
}

TEST(ReplScriptTest, DrawWritesDotAndRendersSvgWhenGraphvizIsInstalled) {
  ScratchDir dir;
  LoadFacts(dir);
  const std::string svg = dir.Join("picture.svg");
  WriteFile(dir.Join("script.cypher"),
            "MATCH (a)-[r:met]->(b {name: 'Bo Sample'}) RETURN a, r, b;\n.draw " + svg + "\n");
  // Without `dot` on PATH: the DOT file, and how to install Graphviz.
  CommandRun missing =
      RunCommand(dir, "env PATH=/nonexistent " + testing::QuarryBinary(),
                 absl::StrCat("--db '", dir.Join("db"), "' repl"), dir.Join("script.cypher"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("apt-get install graphviz"));
  const std::string dot = ReadFile(dir.Join("picture.dot"));
  EXPECT_THAT(dot, HasSubstr("label=\"Ada Example\""));
  EXPECT_THAT(dot, HasSubstr("label=\"Bo Sample\""));
  EXPECT_THAT(dot, ::testing::Not(HasSubstr("Cy Person")));

  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "graphviz (dot) is not installed";
  }
  CommandRun run = Quarry(dir, "repl", dir.Join("script.cypher"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("wrote " + svg));
  const std::string picture = ReadFile(svg);
  EXPECT_THAT(picture, HasSubstr("<svg"));
  EXPECT_THAT(picture, HasSubstr("Ada Example"));
  EXPECT_THAT(picture, HasSubstr(">met<"));
}

}  // namespace
}  // namespace quarry
