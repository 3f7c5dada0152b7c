// The lexical forms of literal values shared by every format: decimal integers, shortest
// round-trip doubles and ISO dates. Locale-independent; no exceptions.
#ifndef QUARRY_LOADERS_STRUCTURED_LITERAL_SYNTAX_H_
#define QUARRY_LOADERS_STRUCTURED_LITERAL_SYNTAX_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured {

// How a piece of text parsed as a number or date.
enum class LexResult {
  kOk,          // `text` is exactly a literal of the kind asked for.
  kNotLiteral,  // `text` does not have the literal's shape.
  kOutOfRange,  // Shaped like one, but out of range (or, for dates, not a calendar date).
};

// Parses `-?[0-9]+` into `*value`.
LexResult ParseInt64(absl::string_view text, int64_t* value);

// Parses `-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?` with a fraction or an exponent (so that it
// is never also an integer) into `*value`. kOutOfRange when the value overflows a double.
LexResult ParseDouble(absl::string_view text, double* value);

// Formats `value` (finite) in the shortest form that parses back to the same double, always
// with a '.' or an exponent: 1.0 -> "1.0", 1e20 -> "1e+20", -0.0 -> "-0.0".
std::string FormatDouble(double value);

// Parses `YYYY-MM-DD`. Unknown parts are written 00: "2023-04-00" is April 2023, and
// "2023-00-00" the year 2023; a day needs a month. kOutOfRange for impossible dates
// ("2021-02-30", month 13).
LexResult ParseIsoDate(absl::string_view text, proto::Date* date);

// Formats `date` as `YYYY-MM-DD` (zeros for unknown parts); nullopt when the date is not
// one ParseIsoDate accepts (year outside 0..9999, bad month or day).
std::optional<std::string> FormatIsoDate(const proto::Date& date);

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_LITERAL_SYNTAX_H_
