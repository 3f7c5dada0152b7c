// Data-driven extraction cases: testdata/extraction_cases.txt (format in its header).
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "loaders/loaders.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

struct Case {
  int line = 0;
  std::string text;
  proto::Date date;
  std::set<std::string> expected;
  std::set<std::string> checked;
};

bool Symmetric(const std::string& relation) {
  return relation == "met" || relation == "talked_with" || relation == "plans_to_meet";
}

// "s\tp\to" with symmetric pairs in sorted order.
std::string Key(std::string s, const std::string& p, std::string o) {
  if (Symmetric(p) && o < s) std::swap(s, o);
  return s + "\t" + p + "\t" + o;
}

std::vector<Case> ReadCases() {
  std::ifstream in(std::string(QUARRY_SOURCE_DIR) + "/tests/loaders/testdata/extraction_cases.txt");
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  proto::Date pending_date;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (absl::StartsWith(line, "@date ")) {
      auto date = ParseIsoDate(line.substr(6));
      if (date.ok()) pending_date = *date;
      continue;
    }
    if (absl::StartsWith(line, "> ")) {
      Case c;
      c.line = number;
      c.text = absl::StrReplaceAll(line.substr(2), {{"\\n", "\n"}});
      c.date = pending_date;
      pending_date = proto::Date();
      c.checked = {"met", "talked_with", "plans_to_meet", "visited", "invited"};
      cases.push_back(c);
      continue;
    }
    std::vector<std::string> parts = absl::StrSplit(line, '\t');
    if (parts.size() != 3 || cases.empty()) {
      ADD_FAILURE() << "extraction_cases.txt:" << number << ": malformed line";
      continue;
    }
    cases.back().expected.insert(Key(parts[0], parts[1], parts[2]));
    cases.back().checked.insert(parts[1]);
  }
  return cases;
}

TEST(ExtractionCasesTest, EveryCaseYieldsExactlyItsTriples) {
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  ArticleExtractor extractor(**knowledge);
  std::vector<Case> cases = ReadCases();
  ASSERT_GE(cases.size(), 80u);
  for (const Case& c : cases) {
    Article article;
    article.text = c.text;
    article.date = c.date;
    auto batch = extractor.Extract(article);
    QUARRY_ASSERT_OK(batch);
    std::set<std::string> actual;
    for (const proto::Triple& triple : batch->triples()) {
      if (!c.checked.count(triple.predicate())) continue;
      std::string object = triple.object().has_string_value() ? triple.object().string_value()
                                                              : triple.object().node();
      actual.insert(Key(triple.subject().node(), triple.predicate(), object));
    }
    EXPECT_EQ(actual, c.expected) << "extraction_cases.txt:" << c.line << ": " << c.text;
  }
}

}  // namespace
}  // namespace quarry::loaders
