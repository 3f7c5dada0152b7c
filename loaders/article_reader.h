// Article reader: turns file content into articles. Plain text and Markdown may start with
// "# source: URL", "# date: YYYY-MM-DD" (or "unknown") and "# title: ..." metadata lines;
// HTML gives its <title>; JSONL carries one article a line with "text" and optional
// "title", "date" and "url".
#ifndef QUARRY_LOADERS_ARTICLE_READER_H_
#define QUARRY_LOADERS_ARTICLE_READER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders {

// One article to extract from.
struct Article {
  // The article text as loaded (HTML markup included for format "html"); evidence spans
  // and the document id refer to these bytes.
  std::string text;
  std::string title;
  std::string source;           // a URL or a file path
  proto::Date date;             // year 0 when unknown
  std::string format = "text";  // text | markdown | html
  // A name for evaluation and messages: the file name without its extension (JSONL: with
  // ":LINE" appended).
  std::string name;
};

// Reads the articles in `content`. `format` is "auto" (by the extension of `file_name`,
// then by content), "text", "markdown", "html" or "jsonl". The source of a text article
// without a "# source:" line is `file_name`.
// Errors: kInvalidArgument "FILE:LINE: ..." for malformed JSONL lines, bad metadata dates
// and invalid UTF-8 (with its byte offset); kInvalidArgument for an unknown format.
absl::StatusOr<std::vector<Article>> ReadArticles(absl::string_view content,
                                                  absl::string_view file_name,
                                                  absl::string_view format);

// As ReadArticles, one article at a time: `on_article` gets each in order and may stop the
// reading with an error, which is returned. A JSONL file is read a line at a time, so a bad
// line fails after the articles of the lines before it were passed on (a load keeps them,
// as it keeps the articles before one that fails to extract), and its invalid UTF-8 or NUL
// byte is named by line and column. `first_line` is the number of the first line of
// `content`: more than 1 when it is a part of a JSONL file (`quarry extract --lines`).
absl::Status ForEachArticle(absl::string_view content, absl::string_view file_name,
                            absl::string_view format, int64_t first_line,
                            const std::function<absl::Status(Article&&)>& on_article);

// The format "auto" picks for a file name and its content.
std::string DetectArticleFormat(absl::string_view file_name, absl::string_view content);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_ARTICLE_READER_H_
