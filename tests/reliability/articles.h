// Generated news articles for the reliability tests: invented names (syllable soup, no real
// people), each article a few sentences of meetings, roles and places, one file each.
#ifndef QUARRY_TESTS_RELIABILITY_ARTICLES_H_
#define QUARRY_TESTS_RELIABILITY_ARTICLES_H_

#include <filesystem>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/util/test_util.h"

namespace quarry::reliability {

// A capitalized invented word of two or three syllables.
inline std::string InventedWord(std::mt19937_64& random) {
  static constexpr const char* kSyllables[] = {"ka", "lo",  "mer", "vin", "sa",  "tor", "ben",
                                               "ri", "dal", "os",  "ne",  "gar", "vel", "mi"};
  std::uniform_int_distribution<int> pick(0, 13);
  std::uniform_int_distribution<int> length(2, 3);
  std::string word;
  for (int syllable = length(random); syllable > 0; --syllable) word += kSyllables[pick(random)];
  word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

// Writes `count` articles into directory `dir` (created), deterministic for `seed`.
inline void WriteArticles(const std::string& dir, int count, uint64_t seed) {
  std::filesystem::create_directories(dir);
  std::mt19937_64 random(seed);
  std::vector<std::string> people;
  for (int person = 0; person < 60; ++person) {
    people.push_back(InventedWord(random) + " " + InventedWord(random));
  }
  std::vector<std::string> places;
  for (int place = 0; place < 12; ++place) places.push_back(InventedWord(random));
  std::uniform_int_distribution<size_t> pick_person(0, people.size() - 1);
  std::uniform_int_distribution<size_t> pick_place(0, places.size() - 1);
  std::uniform_int_distribution<int> day(1, 28);
  for (int article = 0; article < count; ++article) {
    const std::string& a = people[pick_person(random)];
    const std::string& b = people[pick_person(random)];
    const std::string& c = people[pick_person(random)];
    const std::string& place = places[pick_place(random)];
    const std::string text = absl::StrCat(
        "Talks in ", place, " (number ", article, ")\n\n", a, " met ", b, " in ", place, " on ",
        day(random), " March 2021. ", b, " is the mayor of ", place, ". ", c, " spoke with ", a,
        " by phone. ", c, " later met ", b, " in ", places[pick_place(random)], ".\n");
    testing::WriteFile(absl::StrFormat("%s/article_%04d.txt", dir, article), text);
  }
}

}  // namespace quarry::reliability

#endif  // QUARRY_TESTS_RELIABILITY_ARTICLES_H_
