// Tests of the article reader.
#include "loaders/article_reader.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

using ::quarry::testing::StatusIs;

TEST(ArticleReaderTest, ReadsTextMetadataLines) {
  auto articles = ReadArticles("# source: http://a.example/x\n# date: 2023-10-07\n\nBody text.\n",
                               "dir/07.txt", "auto");
  QUARRY_ASSERT_OK(articles);
  ASSERT_EQ(articles->size(), 1u);
  const Article& a = (*articles)[0];
  EXPECT_EQ(a.text, "Body text.\n");
  EXPECT_EQ(a.source, "http://a.example/x");
  EXPECT_EQ(a.date.year(), 2023);
  EXPECT_EQ(a.date.day(), 7);
  EXPECT_EQ(a.name, "07");
  EXPECT_EQ(a.format, "text");
}

TEST(ArticleReaderTest, UnknownDateIsZeroAndBadDateNamesTheLine) {
  auto articles = ReadArticles("# date: unknown\nText", "a.md", "auto");
  QUARRY_ASSERT_OK(articles);
  EXPECT_EQ((*articles)[0].date.year(), 0);
  EXPECT_EQ((*articles)[0].format, "markdown");
  EXPECT_THAT(ReadArticles("# source: x\n# date: 2023-13-01\nText", "b.txt", "auto"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "b.txt:2: expected a date YYYY-MM-DD, found '2023-13-01'"));
}

TEST(ArticleReaderTest, ReadsJsonlAndReportsBadLines) {
  auto articles = ReadArticles(
      "{\"text\": \"One.\", \"title\": \"T\", \"date\": \"2022-07-28\", \"url\": "
      "\"http://u\"}\n\n{\"text\": \"Two.\"}\n",
      "in.jsonl", "auto");
  QUARRY_ASSERT_OK(articles);
  ASSERT_EQ(articles->size(), 2u);
  EXPECT_EQ((*articles)[0].title, "T");
  EXPECT_EQ((*articles)[0].source, "http://u");
  EXPECT_EQ((*articles)[1].name, "in:3");
  EXPECT_THAT(
      ReadArticles("{\"text\": 1}\n", "in.jsonl", "jsonl"),
      StatusIs(absl::StatusCode::kInvalidArgument, "in.jsonl:1: missing string field \"text\""));
  EXPECT_THAT(ReadArticles("{oops\n", "in.jsonl", "jsonl"),
              StatusIs(absl::StatusCode::kInvalidArgument, "in.jsonl:1: expected a JSON object"));
}

TEST(ArticleReaderTest, JsonlArticlesComeOneAtATimeUntilABadLine) {
  std::vector<std::string> names;
  auto collect = [&](Article&& article) {
    names.push_back(article.name);
    return absl::OkStatus();
  };
  // Numbered from `first_line`, as a part of a larger file; the line after two good ones is
  // bad, after they were passed on.
  EXPECT_THAT(
      ForEachArticle("{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"}\n{oops\n{\"text\": \"x\"}\n",
                     "in.jsonl", "jsonl", 40, collect),
      StatusIs(absl::StatusCode::kInvalidArgument, "in.jsonl:43: expected a JSON object"));
  EXPECT_EQ(names, (std::vector<std::string>{"in:40", "in:42"}));
  names.clear();
  EXPECT_THAT(
      ForEachArticle("{\"text\": \"One.\"}\n{\"text\": \"bad \xC3\"}\n", "in.jsonl", "jsonl", 1,
                     collect),
      StatusIs(absl::StatusCode::kInvalidArgument, "in.jsonl:2: invalid UTF-8 at column 15"));
  EXPECT_EQ(names, (std::vector<std::string>{"in:1"}));
  // An error of the callback stops the reading and is returned.
  EXPECT_THAT(ForEachArticle("{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n", "in.jsonl", "jsonl", 1,
                             [](Article&&) { return absl::CancelledError("enough"); }),
              StatusIs(absl::StatusCode::kCancelled, "enough"));
}

TEST(ArticleReaderTest, HtmlTitleAndInvalidUtf8) {
  auto articles =
      ReadArticles("<html><title>Talks &amp; more</title><p>x</p></html>", "p.html", "auto");
  QUARRY_ASSERT_OK(articles);
  EXPECT_EQ((*articles)[0].title, "Talks & more");
  EXPECT_EQ((*articles)[0].format, "html");
  EXPECT_THAT(ReadArticles("ok\nbad \xC3", "c.txt", "auto"),
              StatusIs(absl::StatusCode::kInvalidArgument, "c.txt:2: invalid UTF-8 at byte 7"));
  EXPECT_THAT(ReadArticles("x", "c.txt", "pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("unknown article format 'pdf'")));
}

}  // namespace
}  // namespace quarry::loaders
