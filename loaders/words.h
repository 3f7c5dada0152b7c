// Small helpers for matching words, shared by the extraction passes.
#ifndef QUARRY_LOADERS_WORDS_H_
#define QUARRY_LOADERS_WORDS_H_

#include <initializer_list>

#include "absl/strings/string_view.h"

namespace quarry::loaders {

// Whether `word` is one of `words` (string views: their lengths are known at compile time,
// so most comparisons end at the length).
inline bool In(absl::string_view word, std::initializer_list<absl::string_view> words) {
  for (absl::string_view w : words) {
    if (word == w) return true;
  }
  return false;
}

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_WORDS_H_
