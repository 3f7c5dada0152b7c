// Values in the TCK's result syntax: parsing expected cells and rendering actual values to
// the same canonical text, so that comparing two values is comparing two strings.
#ifndef QUARRY_TESTS_TCK_TCK_VALUES_H_
#define QUARRY_TESTS_TCK_TCK_VALUES_H_

#include <string>

#include "absl/status/statusor.h"
#include "quarry/value.h"

namespace quarry::tck {

// Parses a TCK value: null, booleans, numbers (Inf, NaN), 'strings', [lists], {maps},
// nodes (:L {k: v}), relationships [:T {k: v}] and paths <(a)-[:T]->(b)>.
absl::StatusOr<Value> ParseTckValue(const std::string& text);

// The canonical text of a value: labels and map keys sorted, a node's name among its
// properties, doubles in shortest round-trip form. With `sort_lists`, list elements are
// sorted (the TCK's "ignoring element order for lists").
std::string RenderTckValue(const Value& value, bool sort_lists);

}  // namespace quarry::tck

#endif  // QUARRY_TESTS_TCK_TCK_VALUES_H_
