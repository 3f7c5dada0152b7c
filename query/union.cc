// UNION by splitting the text at top-level UNION keywords.
#include "query/union.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "query/engine.h"
#include "query/lexer.h"
#include "query/query_error.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

// A key that tells rows apart: entities by id, other values by their text.
std::string ValueKey(const Value& value) {
  if (value.is<Node>()) return absl::StrCat("N", value.as<Node>().id);
  if (value.is<Relationship>()) return absl::StrCat("R", value.as<Relationship>().id);
  if (value.is<double>()) return absl::StrCat("D", value.ToString());
  return absl::StrCat("V", value.ToString());
}

}  // namespace

absl::StatusOr<std::optional<QueryResult>> RunUnion(const graph::Snapshot& snapshot,
                                                    absl::string_view text, const Params& params,
                                                    const QueryOptions& options) {
  absl::StatusOr<std::vector<Token>> tokens = Lexer(text).Tokenize();
  if (!tokens.ok()) return std::nullopt;         // the parser reports the error
  std::vector<std::pair<size_t, size_t>> parts;  // [begin, end) of each part
  std::vector<int> union_offsets;
  int all_count = 0;
  size_t begin = 0;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const Token& token = (*tokens)[i];
    if (token.kind != TokenKind::kIdentifier || token.quoted ||
        !absl::EqualsIgnoreCase(token.text, "UNION")) {
      continue;
    }
    parts.emplace_back(begin, token.offset);
    union_offsets.push_back(token.offset);
    begin = token.offset + token.length;
    if (i + 1 < tokens->size() && (*tokens)[i + 1].kind == TokenKind::kIdentifier &&
        absl::EqualsIgnoreCase((*tokens)[i + 1].text, "ALL")) {
      ++all_count;
      begin = (*tokens)[i + 1].offset + (*tokens)[i + 1].length;
      ++i;
    }
  }
  if (parts.empty()) return std::nullopt;
  parts.emplace_back(begin, text.size());
  if (all_count != 0 && all_count != static_cast<int>(union_offsets.size())) {
    return QuerySyntaxError(text, union_offsets[0], "UNION and UNION ALL cannot be mixed");
  }
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  std::set<std::vector<std::string>> seen;
  for (size_t index = 0; index < parts.size(); ++index) {
    std::string part(text.substr(parts[index].first, parts[index].second - parts[index].first));
    QUARRY_ASSIGN_OR_RETURN(QueryResult result, RunQuery(snapshot, part, params, options));
    if (index == 0) {
      columns = result.columns();
    } else if (result.columns() != columns) {
      return QuerySyntaxError(text, union_offsets[index - 1],
                              "all parts of a UNION must return the same columns");
    }
    for (const std::vector<Value>& row : result.rows()) {
      if (all_count == 0) {
        std::vector<std::string> key;
        for (const Value& value : row) key.push_back(ValueKey(value));
        if (!seen.insert(std::move(key)).second) continue;
      }
      rows.push_back(row);
    }
  }
  return QueryResult(std::move(columns), std::move(rows));
}

}  // namespace quarry::query
