// Format detection: extension table, then content sniffing (rules in format_detect.h).
#include "loaders/structured/format_detect.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace quarry::loaders::structured {
namespace {

struct Line {
  absl::string_view text;
  int number = 0;
};

// Splits `head` into lines (without '\r'), dropping a partial last line when another
// line precedes it.
std::vector<Line> SplitLines(absl::string_view head) {
  std::vector<Line> lines;
  int number = 0;
  for (absl::string_view text : absl::StrSplit(head, '\n')) {
    ++number;
    if (absl::EndsWith(text, "\r")) text.remove_suffix(1);
    lines.push_back({text, number});
  }
  if (absl::EndsWith(head, "\n")) {
    lines.pop_back();  // The empty string after the final newline.
  } else if (lines.size() > 1) {
    lines.pop_back();  // Cut off by the end of `head`.
  }
  return lines;
}

bool IsBlank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

std::string ExtensionOf(absl::string_view path) {
  const size_t slash = path.find_last_of('/');
  if (slash != absl::string_view::npos) path.remove_prefix(slash + 1);
  const size_t dot = path.find_last_of('.');
  if (dot == absl::string_view::npos || dot == 0) return "";
  return absl::AsciiStrToLower(path.substr(dot + 1));
}

// "# Title" but not "# date: 2021-07-28".
bool IsMarkdownHeading(absl::string_view text) {
  size_t hashes = 0;
  while (hashes < text.size() && text[hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6 || hashes >= text.size() || text[hashes] != ' ') return false;
  absl::string_view rest = absl::StripAsciiWhitespace(text.substr(hashes + 1));
  if (rest.empty()) return false;
  size_t key = 0;
  while (key < rest.size() && (absl::ascii_isalnum(rest[key]) || rest[key] == '_')) ++key;
  const bool metadata =
      key > 0 && key + 1 < rest.size() && rest[key] == ':' && rest[key + 1] == ' ';
  return !metadata;
}

bool LooksLikeMarkdown(const std::vector<Line>& lines) {
  for (size_t index = 0; index < lines.size(); ++index) {
    const absl::string_view text = lines[index].text;
    if (IsMarkdownHeading(text) || absl::StartsWith(text, "```")) return true;
    if (index > 0 && !IsBlank(lines[index - 1].text) && text.size() >= 3 &&
        text.find_first_not_of('=') == absl::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool HasHtmlTag(absl::string_view head) {
  const std::string lower = absl::AsciiStrToLower(head.substr(0, 64 << 10));
  for (absl::string_view tag :
       {"<!doctype html", "<html", "<head", "<body", "<p>", "<div", "<article"}) {
    if (absl::StrContains(lower, tag)) return true;
  }
  return false;
}

// True when `text` contains `"key"` followed (after blanks) by ':'.
bool HasKey(absl::string_view text, absl::string_view key) {
  const std::string quoted = absl::StrCat("\"", key, "\"");
  for (size_t pos = text.find(quoted); pos != absl::string_view::npos;
       pos = text.find(quoted, pos + 1)) {
    size_t after = pos + quoted.size();
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    if (after < text.size() && text[after] == ':') return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::string> DetectJsonlKind(absl::string_view path, absl::string_view head) {
  if (absl::StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  int number = 0;
  for (absl::string_view text : absl::StrSplit(head, '\n')) {
    ++number;
    if (IsBlank(text)) continue;
    const bool complete = text.data() + text.size() < head.data() + head.size();
    bool triples, article;
    nlohmann::json parsed =
        complete ? nlohmann::json::parse(text, nullptr, false) : nlohmann::json();
    if (parsed.is_object()) {
      triples = parsed.contains("s") && parsed.contains("p") && parsed.contains("o");
      article = parsed.contains("text");
    } else {
      triples = HasKey(text, "s") && HasKey(text, "p") && HasKey(text, "o");
      article = HasKey(text, "text");
    }
    if (triples) return std::string("jsonl-triples");
    if (article) return std::string("jsonl-articles");
    return absl::InvalidArgumentError(
        absl::StrCat(path, ":", number,
                     ":1: a JSONL line needs \"s\", \"p\" and \"o\" (a triple) or "
                     "\"text\" (an article)"));
  }
  return absl::InvalidArgumentError(absl::StrCat(path, ": empty input"));
}

absl::StatusOr<std::string> DetectFormat(absl::string_view path, absl::string_view head) {
  const std::string extension = ExtensionOf(path);
  if (extension == "tsv" || extension == "tab") return std::string("tsv");
  if (extension == "nt") return std::string("nt");
  if (extension == "md" || extension == "markdown") return std::string("markdown");
  if (extension == "html" || extension == "htm" || extension == "xhtml") {
    return std::string("html");
  }
  if (extension == "txt" || extension == "text") return std::string("text");
  if (extension == "jsonl" || extension == "ndjson" || extension == "json") {
    return DetectJsonlKind(path, head);
  }

  if (head.find('\0') != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": looks like binary data (a NUL byte), not a text format"));
  }
  if (absl::StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  if (IsBlank(head)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": empty input, cannot detect its format"));
  }
  const std::vector<Line> lines = SplitLines(head);
  std::vector<absl::string_view> significant;
  for (const Line& line : lines) {
    if (!IsBlank(line.text) && line.text[0] != '#') significant.push_back(line.text);
  }
  if (!significant.empty()) {
    const absl::string_view first = absl::StripAsciiWhitespace(significant[0]);
    if (absl::StartsWith(first, "{")) return DetectJsonlKind(path, head);
    if (absl::StartsWith(first, "<") && HasHtmlTag(head)) return std::string("html");
    if ((absl::StartsWith(first, "<") || absl::StartsWith(first, "_:")) &&
        absl::EndsWith(first, ".")) {
      return std::string("nt");
    }
    bool all_tsv = true;
    for (absl::string_view text : significant) {
      if (std::count(text.begin(), text.end(), '\t') != 2) all_tsv = false;
    }
    if (all_tsv) return std::string("tsv");
  }
  if (LooksLikeMarkdown(lines)) return std::string("markdown");
  return std::string("text");
}

}  // namespace quarry::loaders::structured
