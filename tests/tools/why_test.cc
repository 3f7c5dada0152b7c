// `quarry why` on a loaded article: each edge of each row with the sentence behind it.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::CommandRun;
using ::quarry::testing::Quarry;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::WriteFile;
using ::testing::HasSubstr;

// Invented people and places; two meetings in two sentences.
constexpr const char* kArticle =
    "# source: https://example.org/news/test-talks\n"
    "# date: 2024-06-04\n"
    "\n"
    "GENEVA (Test Wire) — French Foreign Minister Ada Quillfeather met Boris Tallowmere, the "
    "Swiss envoy, in Geneva on Monday.\n"
    "\n"
    "Later that week, Quillfeather also met Prime Minister Cyra Vantablack in Bern.\n";

class WhyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Join("talks.txt"), kArticle);
    CommandRun load = Quarry(dir_, "load '" + dir_.Join("talks.txt") + "'");
    ASSERT_EQ(load.exit_code, 0) << load.err;
  }
  ScratchDir dir_;
};

TEST_F(WhyTest, EachEdgeShowsItsOwnSentence) {
  CommandRun run = Quarry(dir_,
                          "why 'MATCH (a {name: \"Ada Quillfeather\"})-[r:met]-(b) "
                          "RETURN a, r, b ORDER BY b.name'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string first_sentence =
      "\"GENEVA (Test Wire) — French Foreign Minister Ada Quillfeather met Boris Tallowmere, the "
      "Swiss envoy, in Geneva on Monday.\"\n";
  const std::string second_sentence =
      "\"Later that week, Quillfeather also met Prime Minister Cyra Vantablack in Bern.\"\n";
  const size_t row1 = run.out.find("row 1:");
  const size_t row2 = run.out.find("row 2:");
  ASSERT_NE(row1, std::string::npos) << run.out;
  ASSERT_NE(row2, std::string::npos) << run.out;
  const std::string one = run.out.substr(row1, row2 - row1);
  const std::string two = run.out.substr(row2);
  EXPECT_THAT(one, HasSubstr("  Ada Quillfeather -[met]-> Boris Tallowmere (1 source)\n"))
      << run.out;
  EXPECT_THAT(one, HasSubstr(first_sentence)) << run.out;
  EXPECT_THAT(one, ::testing::Not(HasSubstr(second_sentence))) << run.out;
  EXPECT_THAT(two, HasSubstr("  Ada Quillfeather -[met]-> Cyra Vantablack (1 source)\n"))
      << run.out;
  EXPECT_THAT(two, HasSubstr(second_sentence)) << run.out;
  EXPECT_THAT(two, ::testing::Not(HasSubstr(first_sentence))) << run.out;
  // The document by its source and date.
  EXPECT_THAT(one, HasSubstr("https://example.org/news/test-talks, 2024-06-04")) << run.out;
}

TEST_F(WhyTest, RowsWithoutRelationshipsSaySo) {
  CommandRun run = Quarry(dir_, "why 'RETURN 1 AS one'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("no relationship in this row"));
}

}  // namespace
}  // namespace quarry
