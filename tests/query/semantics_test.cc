// The data-driven semantics suite: every tests/query/data/*.test file holds fixture graphs
// and queries with their exact expected rows (see data/README.md for the format).
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

Value ParseParam(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  int64_t integer;
  double number;
  if (absl::SimpleAtoi(text, &integer)) return Value(integer);
  if (absl::SimpleAtod(text, &number)) return Value(number);
  if (text == "true" || text == "false") return Value(text == "true");
  if (text == "null") return Value();
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    return Value(std::string(text.substr(1, text.size() - 2)));
  }
  return Value(std::string(text));
}

struct Case {
  int line = 0;
  std::string graph;
  std::string query;
  bool ordered = false;
  Params params;
  std::vector<std::string> expected;
  std::string error;  // expected error substring, when the query must fail
};

struct TestFile {
  std::map<std::string, std::string> graphs;
  std::vector<Case> cases;
};

TestFile ReadTestFile(const std::string& path) {
  TestFile file;
  std::ifstream in(path);
  std::string line;
  int line_number = 0;
  std::string current_graph;
  Params pending_params;
  while (std::getline(in, line)) {
    ++line_number;
    absl::string_view view = absl::StripTrailingAsciiWhitespace(line);
    if (view.empty() || absl::StartsWith(view, "#")) continue;
    if (absl::ConsumePrefix(&view, "graph ")) {
      current_graph = std::string(view);
      std::string body;
      while (std::getline(in, line)) {
        ++line_number;
        if (absl::StripAsciiWhitespace(line) == "end") break;
        body += line + "\n";
      }
      file.graphs[current_graph] = body;
      continue;
    }
    if (absl::ConsumePrefix(&view, "param ")) {
      size_t equals = view.find('=');
      pending_params[std::string(absl::StripAsciiWhitespace(view.substr(0, equals)))] =
          ParseParam(view.substr(equals + 1));
      continue;
    }
    if (absl::StartsWith(view, "query")) {
      Case test_case;
      test_case.line = line_number;
      test_case.graph = current_graph;
      test_case.ordered = absl::StrContains(view, "ordered");
      test_case.params = std::move(pending_params);
      pending_params.clear();
      while (std::getline(in, line) && absl::StripTrailingAsciiWhitespace(line) != "----") {
        ++line_number;
        test_case.query += line + "\n";
      }
      ++line_number;
      while (std::getline(in, line)) {
        ++line_number;
        absl::string_view row = absl::StripTrailingAsciiWhitespace(line);
        if (row.empty()) break;
        if (absl::ConsumePrefix(&row, "error: ")) {
          test_case.error = std::string(row);
        } else {
          test_case.expected.emplace_back(row);
        }
      }
      if (!test_case.ordered) std::sort(test_case.expected.begin(), test_case.expected.end());
      file.cases.push_back(std::move(test_case));
    }
  }
  return file;
}

std::vector<std::string> TestFiles() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(QUARRY_SOURCE_DIR "/tests/query/data")) {
    if (entry.path().extension() == ".test") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class SemanticsTest : public ::testing::TestWithParam<std::string> {};

int RunFile(const std::string& path) {
  TestFile file = ReadTestFile(path);
  std::map<std::string, std::unique_ptr<FixtureGraph>> graphs;
  for (const auto& [name, body] : file.graphs) {
    auto graph = FixtureGraph::Build(body);
    EXPECT_TRUE(graph.ok()) << path << " graph " << name << ": " << graph.status();
    if (graph.ok()) graphs[name] = std::move(*graph);
  }
  for (const Case& test_case : file.cases) {
    std::string where = absl::StrCat(path, ":", test_case.line, "\n", test_case.query);
    auto graph = graphs.find(test_case.graph);
    if (graph == graphs.end()) {
      ADD_FAILURE() << where << "no graph '" << test_case.graph << "'";
      continue;
    }
    absl::StatusOr<QueryResult> result = graph->second->Query(test_case.query, test_case.params);
    if (!test_case.error.empty()) {
      EXPECT_FALSE(result.ok()) << where << "expected an error";
      if (!result.ok()) {
        EXPECT_TRUE(absl::StrContains(result.status().ToString(), test_case.error))
            << where << result.status();
      }
      continue;
    }
    if (!result.ok()) {
      ADD_FAILURE() << where << result.status();
      continue;
    }
    std::vector<std::string> actual = FormatRows(*result, test_case.ordered);
    EXPECT_EQ(actual, test_case.expected)
        << where << "actual:\n  " << absl::StrJoin(actual, "\n  ");
  }
  return static_cast<int>(file.cases.size());
}

TEST_P(SemanticsTest, QueriesReturnExpectedRows) { RunFile(GetParam()); }

INSTANTIATE_TEST_SUITE_P(DataFiles, SemanticsTest, ::testing::ValuesIn(TestFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return std::filesystem::path(info.param).stem().string();
                         });

TEST(SemanticsSuiteTest, HasAtLeast150Queries) {
  int total = 0;
  for (const std::string& path : TestFiles())
    total += static_cast<int>(ReadTestFile(path).cases.size());
  EXPECT_GE(total, 150);
}

}  // namespace
}  // namespace quarry::query::testing
