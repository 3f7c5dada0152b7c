// Completion candidates: a small scan of the line for the context, then a prefix match over
// keywords, the schema, or the database's names index.
#include "tools/completion.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace quarry::tools {
namespace {

constexpr const char* kKeywords[] = {
    "MATCH",    "OPTIONAL", "WHERE",  "RETURN",   "WITH",     "UNWIND",       "ORDER",
    "BY",       "LIMIT",    "SKIP",   "DISTINCT", "AS",       "AND",          "OR",
    "XOR",      "NOT",      "IN",     "IS",       "NULL",     "TRUE",         "FALSE",
    "CONTAINS", "STARTS",   "ENDS",   "CASE",     "WHEN",     "THEN",         "ELSE",
    "END",      "ASC",      "DESC",   "EXPLAIN",  "PROFILE",  "count",        "collect",
    "exists",   "size",     "labels", "type",     "coalesce", "shortestPath", "toLower",
    "toUpper",  "date",     "id",     "min",      "max",      "avg",          "sum"};

constexpr const char* kCommands[] = {".help",    ".schema", ".stats", ".docs", ".mode", ".timer",
                                     ".explain", ".why",    ".draw",  ".load", ".quit"};

constexpr size_t kMaxNames = 200;

// Adds the entries of `words` that start with `prefix` (ignoring case) to `out`; keywords
// follow the case of the prefix's first letter.
template <typename Words>
void AddMatching(const Words& words, absl::string_view prefix, bool keywords,
                 std::set<std::string>* out) {
  for (const auto& word : words) {
    std::string text(word);
    if (!absl::StartsWithIgnoreCase(text, prefix)) continue;
    if (keywords && !prefix.empty() && absl::ascii_islower(prefix[0]) &&
        absl::ascii_isupper(text[0])) {
      text = absl::AsciiStrToLower(text);
    }
    out->insert(std::move(text));
  }
}

}  // namespace

void Completer::Load() {
  if (loaded_) return;
  labels_and_types_.clear();
  keys_ = {"name"};
  absl::StatusOr<Statistics> stats = database_.GetStatistics();
  if (stats.ok()) {
    for (const auto& [label, count] : stats->labels) labels_and_types_.push_back(label);
    for (const auto& [predicate, count] : stats->predicates) {
      if (predicate.empty() || predicate[0] == ':') continue;
      // A predicate is a relationship type or a property key, depending on its objects.
      labels_and_types_.push_back(predicate);
      keys_.push_back(predicate);
    }
  }
  loaded_ = true;
}

std::vector<std::string> Completer::Complete(absl::string_view line, size_t word_start,
                                             size_t cursor) {
  cursor = std::min(cursor, line.size());
  word_start = std::min(word_start, cursor);
  const absl::string_view word = line.substr(word_start, cursor - word_start);
  std::set<std::string> matches;

  // An open quote before the cursor: complete a node name.
  char quote = 0;
  size_t quote_at = 0;
  for (size_t index = 0; index < cursor; ++index) {
    const char c = line[index];
    if (quote != 0) {
      if (c == '\\') {
        ++index;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      quote_at = index;
    }
  }
  if (quote != 0) {
    const size_t name_start = quote_at + 1;
    const absl::string_view prefix = line.substr(name_start, cursor - name_start);
    if (prefix.empty()) return {};
    absl::StatusOr<std::vector<std::string>> names = database_.NamesWithPrefix(prefix, kMaxNames);
    if (!names.ok()) return {};
    // The replacement covers the word only: drop the part of the name before it.
    const size_t skip = word_start > name_start ? word_start - name_start : 0;
    for (const std::string& name : *names) {
      if (name.size() < skip) continue;
      matches.insert(absl::StrCat(name.substr(skip), std::string(1, quote)));
    }
    return {matches.begin(), matches.end()};
  }

  const char before = word_start > 0 ? line[word_start - 1] : ' ';
  const absl::string_view head = absl::StripLeadingAsciiWhitespace(line.substr(0, word_start));
  if (head.empty() && absl::StartsWith(word, ".")) {
    AddMatching(kCommands, word, false, &matches);
  } else if (head == ".") {
    // '.' breaks words, so a dot-command's word starts after its dot.
    std::set<std::string> commands;
    AddMatching(kCommands, absl::StrCat(".", word), false, &commands);
    for (const std::string& command : commands) matches.insert(command.substr(1));
  } else if (before == ':') {
    Load();
    AddMatching(labels_and_types_, word, false, &matches);
  } else if (before == '.') {
    Load();
    AddMatching(keys_, word, false, &matches);
  } else if (!word.empty()) {
    AddMatching(kKeywords, word, true, &matches);
  }
  return {matches.begin(), matches.end()};
}

}  // namespace quarry::tools
