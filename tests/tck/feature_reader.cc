// A line-oriented Gherkin reader, enough for the TCK's feature files.
#include "tests/tck/feature_reader.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace quarry::tck {
namespace {

constexpr const char* kStepKeywords[] = {"Given ", "When ", "Then ", "And ", "But "};

// Replaces <placeholder>s with the example row's values.
std::string Substitute(const std::string& text, const std::vector<std::string>& header,
                       const std::vector<std::string>& row) {
  std::vector<std::pair<std::string, std::string>> replacements;
  for (size_t i = 0; i < header.size() && i < row.size(); ++i) {
    replacements.emplace_back(absl::StrCat("<", header[i], ">"), row[i]);
  }
  return absl::StrReplaceAll(text, replacements);
}

Step SubstituteStep(const Step& step, const std::vector<std::string>& header,
                    const std::vector<std::string>& row) {
  Step out;
  out.text = Substitute(step.text, header, row);
  out.doc = Substitute(step.doc, header, row);
  for (const auto& table_row : step.table) {
    std::vector<std::string> cells;
    for (const std::string& cell : table_row) cells.push_back(Substitute(cell, header, row));
    out.table.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

std::vector<std::string> SplitTableRow(const std::string& line) {
  std::vector<std::string> cells;
  std::string stripped(absl::StripAsciiWhitespace(line));
  if (stripped.empty() || stripped[0] != '|') return cells;
  std::string cell;
  bool quoted = false;
  for (size_t i = 1; i < stripped.size(); ++i) {
    char c = stripped[i];
    if (quoted && c == '\\' && i + 1 < stripped.size()) {
      cell += c;
      cell += stripped[++i];
      continue;
    }
    if (c == '\'') quoted = !quoted;
    if (c == '|' && !quoted) {
      cells.push_back(std::string(absl::StripAsciiWhitespace(cell)));
      cell.clear();
      continue;
    }
    cell += c;
  }
  return cells;
}

std::vector<Scenario> ParseFeature(const std::string& feature, const std::string& text) {
  std::vector<Scenario> scenarios;
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  std::vector<Step> background;
  std::vector<Step>* steps = nullptr;  // where steps go now
  Scenario current;
  bool in_scenario = false;
  bool outline = false;
  // Examples blocks: each a header then rows.
  std::vector<std::vector<std::vector<std::string>>> examples;
  bool in_examples = false;
  auto flush = [&]() {
    if (!in_scenario) return;
    if (!outline) {
      scenarios.push_back(current);
    } else {
      int number = 0;
      for (const auto& block : examples) {
        for (size_t r = 1; r < block.size(); ++r) {
          Scenario expanded;
          expanded.feature = current.feature;
          expanded.name = absl::StrCat(current.name, " #", ++number);
          for (const Step& step : current.steps) {
            expanded.steps.push_back(SubstituteStep(step, block[0], block[r]));
          }
          scenarios.push_back(std::move(expanded));
        }
      }
    }
    in_scenario = false;
    examples.clear();
    in_examples = false;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line(absl::StripAsciiWhitespace(lines[i]));
    if (line.empty() || line[0] == '#' || line[0] == '@') continue;
    if (absl::StartsWith(line, "\"\"\"")) {
      // A doc string: lines up to the closing quotes, de-indented by the opening's indent.
      size_t indent = lines[i].find('"');
      std::string doc;
      for (++i; i < lines.size(); ++i) {
        if (absl::StartsWith(absl::StripAsciiWhitespace(lines[i]), "\"\"\"")) break;
        std::string content = lines[i];
        size_t strip = 0;
        while (strip < indent && strip < content.size() && content[strip] == ' ') ++strip;
        if (!doc.empty()) doc += "\n";
        doc += content.substr(strip);
      }
      if (steps != nullptr && !steps->empty()) steps->back().doc = doc;
      continue;
    }
    if (line[0] == '|') {
      std::vector<std::string> cells = SplitTableRow(line);
      if (in_examples) {
        examples.back().push_back(std::move(cells));
      } else if (steps != nullptr && !steps->empty()) {
        steps->back().table.push_back(std::move(cells));
      }
      continue;
    }
    if (absl::StartsWith(line, "Feature:")) continue;
    if (absl::StartsWith(line, "Background:")) {
      steps = &background;
      continue;
    }
    if (absl::StartsWith(line, "Scenario Outline:") || absl::StartsWith(line, "Scenario:")) {
      flush();
      in_scenario = true;
      outline = absl::StartsWith(line, "Scenario Outline:");
      current = Scenario();
      current.feature = feature;
      current.name = std::string(absl::StripAsciiWhitespace(line.substr(line.find(':') + 1)));
      current.steps = background;
      steps = &current.steps;
      continue;
    }
    if (absl::StartsWith(line, "Examples:")) {
      in_examples = true;
      examples.emplace_back();
      continue;
    }
    for (const char* keyword : kStepKeywords) {
      if (absl::StartsWith(line, keyword)) {
        Step step;
        step.text = line.substr(std::string(keyword).size());
        if (steps != nullptr) steps->push_back(std::move(step));
        break;
      }
    }
  }
  flush();
  return scenarios;
}

}  // namespace quarry::tck
