// Reads openCypher TCK feature files (Gherkin): scenarios with their steps, Background
// steps prepended and Scenario Outlines expanded once per Examples row.
#ifndef QUARRY_TESTS_TCK_FEATURE_READER_H_
#define QUARRY_TESTS_TCK_FEATURE_READER_H_

#include <string>
#include <vector>

namespace quarry::tck {

// One Given/When/Then/And step: its text after the keyword, its doc string and table.
struct Step {
  std::string text;
  std::string doc;
  std::vector<std::vector<std::string>> table;
};

// One runnable scenario (an outline contributes one per Examples row).
struct Scenario {
  std::string feature;  // the path under features/, e.g. clauses/match/Match1.feature
  std::string name;     // the scenario's title, plus " #N" for the Nth example row
  std::vector<Step> steps;
};

// Parses one feature file's text. `feature` names it in the scenarios.
std::vector<Scenario> ParseFeature(const std::string& feature, const std::string& text);

// Splits a table line `| a | 'b|c' |` into trimmed cells, respecting quoted strings.
std::vector<std::string> SplitTableRow(const std::string& line);

}  // namespace quarry::tck

#endif  // QUARRY_TESTS_TCK_FEATURE_READER_H_
