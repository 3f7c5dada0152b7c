// Article reader implementation. nlohmann::json is used in its non-throwing mode.
#include "loaders/article_reader.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "loaders/knowledge.h"
#include "loaders/normalizer.h"
#include "util/status_macros.h"

namespace quarry::loaders {
namespace {

std::string BaseName(absl::string_view path) {
  size_t slash = path.find_last_of('/');
  absl::string_view base = slash == absl::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  if (dot != absl::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base);
}

// Parses a metadata date: YYYY-MM-DD or "unknown" (a zero date).
absl::StatusOr<proto::Date> MetadataDate(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  if (value == "unknown" || value.empty()) return proto::Date();
  if (value.size() > 10) value = value.substr(0, 10);  // "2023-10-07T12:00:00Z"
  return ParseIsoDate(value);
}

absl::StatusOr<Article> ReadTextArticle(absl::string_view content, absl::string_view file_name,
                                        const std::string& format) {
  Article article;
  article.format = format;
  article.name = BaseName(file_name);
  article.source = std::string(file_name);
  // Leading metadata lines.
  size_t pos = 0;
  int line_number = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == absl::string_view::npos) end = content.size();
    absl::string_view line = absl::StripAsciiWhitespace(content.substr(pos, end - pos));
    ++line_number;
    absl::string_view value = line;
    if (absl::ConsumePrefix(&value, "# source:")) {
      article.source = std::string(absl::StripAsciiWhitespace(value));
    } else if (absl::ConsumePrefix(&value, "# date:")) {
      absl::StatusOr<proto::Date> date = MetadataDate(value);
      if (!date.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(file_name, ":", line_number, ": ", date.status().message()));
      }
      article.date = *date;
    } else if (absl::ConsumePrefix(&value, "# title:")) {
      article.title = std::string(absl::StripAsciiWhitespace(value));
    } else {
      break;
    }
    pos = end + 1;
  }
  if (pos > content.size()) pos = content.size();
  // The blank line after the metadata is not part of the text.
  while (pos < content.size() && (content[pos] == '\n' || content[pos] == '\r')) ++pos;
  article.text = std::string(content.substr(pos));
  if (format == "html") {
    std::string lower = absl::AsciiStrToLower(article.text);
    size_t open = lower.find("<title");
    if (open != std::string::npos) {
      size_t start = lower.find('>', open);
      size_t close = lower.find("</title", open);
      if (start != std::string::npos && close != std::string::npos && start < close) {
        absl::StatusOr<NormalizedText> title =
            Normalize(absl::string_view(article.text).substr(start + 1, close - start - 1), "html");
        if (title.ok()) article.title = std::string(absl::StripAsciiWhitespace(title->text));
      }
    }
  }
  return article;
}

// The article of one JSONL line, `line_number` in `file_name`.
absl::StatusOr<Article> ReadJsonlLine(absl::string_view line, absl::string_view file_name,
                                      int64_t line_number) {
  auto prefix = [&]() { return absl::StrCat(file_name, ":", line_number, ": "); };
  if (const int64_t bad = FindInvalidUtf8(line); bad >= 0) {
    return absl::InvalidArgumentError(absl::StrCat(prefix(), "invalid UTF-8 at column ", bad + 1));
  }
  if (const size_t nul = line.find('\0'); nul != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix(), "a NUL byte at column ", nul + 1, " (not a text file)"));
  }
  nlohmann::json json = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(prefix(), "expected a JSON object"));
  }
  auto text = json.find("text");
  if (text == json.end() || !text->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat(prefix(), "missing string field \"text\""));
  }
  Article article;
  article.text = text->get<std::string>();
  article.name = absl::StrCat(BaseName(file_name), ":", line_number);
  article.source = absl::StrCat(file_name, ":", line_number);
  for (const char* key : {"title", "url", "date", "format"}) {
    auto field = json.find(key);
    if (field == json.end() || field->is_null()) continue;
    if (!field->is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat(prefix(), "field \"", key, "\" must be a string"));
    }
    std::string value = field->get<std::string>();
    if (std::string(key) == "title") article.title = value;
    if (std::string(key) == "url") article.source = value;
    if (std::string(key) == "format") article.format = value;
    if (std::string(key) == "date") {
      absl::StatusOr<proto::Date> date = MetadataDate(value);
      if (!date.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(prefix(), date.status().message()));
      }
      article.date = *date;
    }
  }
  auto id = json.find("id");
  if (id != json.end() && id->is_string()) article.name = id->get<std::string>();
  return article;
}

}  // namespace

std::string DetectArticleFormat(absl::string_view file_name, absl::string_view content) {
  std::string lower = absl::AsciiStrToLower(file_name);
  if (absl::EndsWith(lower, ".jsonl") || absl::EndsWith(lower, ".ndjson")) return "jsonl";
  if (absl::EndsWith(lower, ".html") || absl::EndsWith(lower, ".htm")) return "html";
  if (absl::EndsWith(lower, ".md") || absl::EndsWith(lower, ".markdown")) return "markdown";
  if (absl::EndsWith(lower, ".txt")) return "text";
  absl::string_view start = absl::StripLeadingAsciiWhitespace(content.substr(0, 512));
  if (absl::StartsWith(start, "{")) return "jsonl";
  std::string head = absl::AsciiStrToLower(start);
  if (absl::StartsWith(head, "<!doctype html") || absl::StartsWith(head, "<html") ||
      absl::StrContains(head, "<body") || absl::StrContains(head, "<p>")) {
    return "html";
  }
  return "text";
}

absl::Status ForEachArticle(absl::string_view content, absl::string_view file_name,
                            absl::string_view format, int64_t first_line,
                            const std::function<absl::Status(Article&&)>& on_article) {
  const std::string chosen =
      format == "auto" ? DetectArticleFormat(file_name, content) : std::string(format);
  if (chosen == "jsonl") {
    int64_t line_number = first_line - 1;
    for (absl::string_view line : absl::StrSplit(content, '\n')) {
      ++line_number;
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      QUARRY_ASSIGN_OR_RETURN(Article article, ReadJsonlLine(line, file_name, line_number));
      QUARRY_RETURN_IF_ERROR(on_article(std::move(article)));
    }
    return absl::OkStatus();
  }
  if (chosen != "text" && chosen != "markdown" && chosen != "html") {
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ": unknown article format '", chosen,
                     "' (expected auto, text, markdown, html or jsonl)"));
  }
  int64_t bad = FindInvalidUtf8(content);
  if (bad >= 0) {
    // Name the line and the byte.
    int line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + bad, '\n'));
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ":", line, ": invalid UTF-8 at byte ", bad));
  }
  if (const size_t nul = content.find('\0'); nul != absl::string_view::npos) {
    // Text never holds NUL: this is a binary file (or a file of zeros left by a crash).
    int line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + nul, '\n'));
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ":", line, ": a NUL byte at byte ", nul, " (not a text file)"));
  }
  QUARRY_ASSIGN_OR_RETURN(Article article, ReadTextArticle(content, file_name, chosen));
  return on_article(std::move(article));
}

absl::StatusOr<std::vector<Article>> ReadArticles(absl::string_view content,
                                                  absl::string_view file_name,
                                                  absl::string_view format) {
  std::vector<Article> articles;
  QUARRY_RETURN_IF_ERROR(ForEachArticle(content, file_name, format, 1, [&](Article&& article) {
    articles.push_back(std::move(article));
    return absl::OkStatus();
  }));
  return articles;
}

}  // namespace quarry::loaders
