// Completion candidates for the REPL (tools/completion.cc) over a small database.
#include "tools/completion.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "quarry/database.h"
#include "tests/util/test_util.h"

namespace quarry::tools {
namespace {

using ::quarry::testing::ScratchDir;
using ::quarry::testing::WriteFile;
using ::testing::ElementsAre;

class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Join("facts.tsv"),
              "Ada Example\tmet\tBo Sample\nAda Example\t:label\tPerson\n"
              "Adam Other\trole\t\"Envoy\"\nAdam Other\t:label\tPerson\n"
              "Bo Sample\t:label\tOrganization\n");
    absl::StatusOr<std::unique_ptr<Database>> database = Database::Open(dir_.Join("db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(database_->Load({dir_.Join("facts.tsv")}).ok());
    completer_ = std::make_unique<Completer>(*database_);
  }

  // Completes `line` at its end, the word starting after the last break character.
  std::vector<std::string> Complete(const std::string& line) {
    const size_t start = line.find_last_of(" \t\n\"'`@$><=;|&{(:.[,)]");
    return completer_->Complete(line, start == std::string::npos ? 0 : start + 1, line.size());
  }

  ScratchDir dir_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Completer> completer_;
};

TEST_F(CompletionTest, Keywords) {
  EXPECT_THAT(Complete("MAT"), ElementsAre("MATCH"));
  EXPECT_THAT(Complete("match (n) ret"), ElementsAre("return"));
  EXPECT_THAT(Complete("MATCH (n) WHERE n.name STA"), ElementsAre("STARTS"));
}

TEST_F(CompletionTest, DotCommands) {
  EXPECT_THAT(Complete(".dr"), ElementsAre("draw"));
  EXPECT_THAT(Complete(".s"), ElementsAre("schema", "stats"));
}

TEST_F(CompletionTest, LabelsTypesAndKeys) {
  EXPECT_THAT(Complete("MATCH (n:Pe"), ElementsAre("Person"));
  EXPECT_THAT(Complete("MATCH (n:O"), ElementsAre("Organization"));
  EXPECT_THAT(Complete("MATCH (a)-[r:m"), ElementsAre("met"));
  EXPECT_THAT(Complete("MATCH (n) RETURN n.r"), ElementsAre("role"));
  EXPECT_THAT(Complete("MATCH (n) RETURN n.na"), ElementsAre("name"));
}

TEST_F(CompletionTest, NamesInsideQuotesIgnoreCaseAndCloseTheQuote) {
  EXPECT_THAT(Complete("MATCH (n {name: 'ada"), ElementsAre("Ada Example'", "Adam Other'"));
  EXPECT_THAT(Complete("MATCH (n) WHERE n.name = \"Bo"), ElementsAre("Bo Sample\""));
  // A word after a space inside the quotes: only the rest of the name replaces it.
  EXPECT_THAT(Complete("MATCH (n {name: 'Ada Ex"), ElementsAre("Example'"));
  EXPECT_THAT(Complete("MATCH (n {name: 'Zed"), ElementsAre());
}

}  // namespace
}  // namespace quarry::tools
