// One scenario: classify its steps, build its graph with CREATE, run the query under test
// and compare with the expected table or error.
#include "tests/tck/scenario_runner.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "quarry/query_result.h"
#include "query/create.h"
#include "query/engine.h"
#include "query/parser.h"
#include "tests/tck/tck_values.h"

namespace quarry::tck {
namespace {

using Kind = Outcome::Kind;

Outcome Skip(std::string reason) { return Outcome{Kind::kSkipped, std::move(reason)}; }
Outcome Fail(std::string reason) { return Outcome{Kind::kFailed, std::move(reason)}; }

// The upper-cased words of a query outside string literals and comments.
std::vector<std::string> Words(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  char quote = 0;
  for (size_t i = 0; i < query.size(); ++i) {
    char c = query[i];
    if (quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      continue;
    }
    if (c == '/' && i + 1 < query.size() && query[i + 1] == '/') {
      while (i < query.size() && query[i] != '\n') ++i;
      continue;
    }
    if (absl::ascii_isalnum(c) || c == '_') {
      word += absl::ascii_toupper(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Why a query under test is not read-only, or empty when it is.
std::string WriteReason(const std::string& query) {
  for (const std::string& word : Words(query)) {
    if (word == "CALL") return "procedure call";
    if (word == "CREATE" || word == "MERGE" || word == "DELETE" || word == "DETACH" ||
        word == "SET" || word == "REMOVE" || word == "FOREACH") {
      return absl::StrCat("write clause ", word);
    }
  }
  return "";
}

std::string FirstLine(absl::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (line.size() > 160) line = line.substr(0, 160) + "...";
  return line;
}

// The rows of a result as canonical strings, columns in `order`.
std::vector<std::string> ActualRows(const QueryResult& result, const std::vector<int>& order,
                                    bool sort_lists) {
  std::vector<std::string> rows;
  for (const auto& row : result.rows()) {
    std::vector<std::string> cells;
    for (int index : order) cells.push_back(RenderTckValue(row[index], sort_lists));
    rows.push_back(absl::StrJoin(cells, " | "));
  }
  return rows;
}

}  // namespace

Outcome ScenarioRunner::Run(const Scenario& scenario) {
  std::vector<std::string> setup;
  Params params;
  std::string query;
  const Step* then = nullptr;
  bool control_query = false;
  for (const Step& step : scenario.steps) {
    const std::string& text = step.text;
    if (absl::StartsWith(text, "an empty graph") || absl::StartsWith(text, "any graph")) continue;
    if (absl::StartsWith(text, "the ") && absl::EndsWith(text, " graph")) {
      return Skip("named graph");
    }
    if (absl::StartsWith(text, "having executed")) {
      setup.push_back(step.doc);
    } else if (absl::StartsWith(text, "parameters are")) {
      for (const auto& row : step.table) {
        if (row.size() != 2) continue;
        absl::StatusOr<Value> value = ParseTckValue(row[1]);
        if (!value.ok()) return Fail(absl::StrCat("unparsed parameter ", row[1]));
        params[row[0]] = *std::move(value);
      }
    } else if (absl::StartsWith(text, "executing query")) {
      query = step.doc;
    } else if (absl::StartsWith(text, "executing control query")) {
      control_query = true;
    } else if (absl::StartsWith(text, "the result should be") ||
               absl::StrContains(text, "should be raised")) {
      if (then == nullptr) then = &step;
    }
  }
  if (query.empty() || then == nullptr) return Skip("no query under test");
  if (control_query) return Skip("control query after a write");
  std::string write = WriteReason(query);
  if (!write.empty()) return Skip(write);

  QueryOptions options;
  options.timeout_ms = 10'000;
  graph::Store* store = nullptr;
  std::unique_ptr<graph::Store> own_store;
  std::string own_path;
  if (setup.empty()) {
    if (empty_store_ == nullptr) {
      absl::StatusOr<std::unique_ptr<graph::Store>> opened =
          graph::Store::Open(absl::StrCat(scratch_dir_, "/empty"));
      if (!opened.ok()) return Fail(opened.status().ToString());
      empty_store_ = *std::move(opened);
    }
    store = empty_store_.get();
  } else {
    own_path = absl::StrCat(scratch_dir_, "/s", stores_opened_++);
    absl::StatusOr<std::unique_ptr<graph::Store>> opened = graph::Store::Open(own_path);
    if (!opened.ok()) return Fail(opened.status().ToString());
    own_store = *std::move(opened);
    store = own_store.get();
    for (const std::string& statement : setup) {
      if (!query::Parser::StartsWithCreate(statement)) {
        return Skip(absl::StrCat("setup is not CREATE-only: ", FirstLine(statement)));
      }
      absl::StatusOr<query::CreateSummary> created =
          query::ExecuteCreate(*store, statement, params, options);
      if (!created.ok()) {
        if (created.status().code() == absl::StatusCode::kUnimplemented) {
          return Skip(
              absl::StrCat("setup outside the model: ", FirstLine(created.status().message())));
        }
        return Fail(absl::StrCat("setup failed: ", FirstLine(created.status().message())));
      }
      if (created->merged_relationships > 0) {
        return Skip("parallel relationships our model merges");
      }
      if (created->merged_nodes > 0) return Skip("nodes sharing a name merge");
    }
  }

  absl::StatusOr<QueryResult> result = query::RunStatement(*store, query, params, options);
  Outcome outcome = [&]() -> Outcome {
    const std::string& expect = then->text;
    if (absl::StrContains(expect, "should be raised")) {
      if (result.ok()) return Fail(absl::StrCat("expected an error: ", expect));
      if (result.status().code() == absl::StatusCode::kUnimplemented) {
        return Fail(absl::StrCat("unsupported: ", FirstLine(result.status().message())));
      }
      return Outcome{Kind::kPassed, ""};
    }
    if (!result.ok()) {
      return Fail(absl::StrCat(
          result.status().code() == absl::StatusCode::kUnimplemented ? "unsupported: " : "error: ",
          FirstLine(result.status().message())));
    }
    bool sort_lists = absl::StrContains(expect, "ignoring element order for lists");
    bool in_order = absl::StrContains(expect, "in order");
    if (absl::StrContains(expect, "should be empty")) {
      if (result->rows().empty()) return Outcome{Kind::kPassed, ""};
      return Fail(absl::StrCat("expected no rows, got ", result->rows().size()));
    }
    if (then->table.empty()) return Fail("no expected table");
    const std::vector<std::string>& header = then->table[0];
    if (header.size() != result->columns().size()) {
      return Fail(absl::StrCat("columns: expected ", absl::StrJoin(header, ", "), "; got ",
                               absl::StrJoin(result->columns(), ", ")));
    }
    std::vector<int> order;
    for (const std::string& column : header) {
      auto it = std::find(result->columns().begin(), result->columns().end(), column);
      if (it == result->columns().end()) break;
      order.push_back(static_cast<int>(it - result->columns().begin()));
    }
    if (order.size() != header.size()) {
      order.clear();
      for (size_t i = 0; i < header.size(); ++i) order.push_back(static_cast<int>(i));
    }
    std::vector<std::string> expected;
    for (size_t r = 1; r < then->table.size(); ++r) {
      std::vector<std::string> cells;
      for (const std::string& cell : then->table[r]) {
        absl::StatusOr<Value> value = ParseTckValue(cell);
        if (!value.ok()) return Fail(absl::StrCat("unparsed expected value ", cell));
        cells.push_back(RenderTckValue(*value, sort_lists));
      }
      expected.push_back(absl::StrJoin(cells, " | "));
    }
    std::vector<std::string> actual = ActualRows(*result, order, sort_lists);
    if (!in_order) {
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
    }
    if (expected == actual) return Outcome{Kind::kPassed, ""};
    return Fail(absl::StrCat("rows differ: expected [", FirstLine(absl::StrJoin(expected, "; ")),
                             "] got [", FirstLine(absl::StrJoin(actual, "; ")), "]"));
  }();
  if (own_store != nullptr) {
    own_store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(own_path, ignored);
  }
  return outcome;
}

}  // namespace quarry::tck
