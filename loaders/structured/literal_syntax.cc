// Literal lexical forms. std::from_chars/to_chars give exact, locale-free conversions and
// shortest round-trip doubles.
#include "loaders/structured/literal_syntax.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "absl/strings/str_format.h"

namespace quarry::loaders::structured {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits at `text[pos]`.
size_t DigitRun(absl::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && IsDigit(text[end])) ++end;
  return end - pos;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  if (year < 0 || year > 9999 || month < 0 || month > 12 || day < 0) return false;
  if (month == 0) return day == 0;
  return day <= DaysInMonth(year, month);
}

int TwoDigits(absl::string_view text, size_t pos) {
  return (text[pos] - '0') * 10 + (text[pos + 1] - '0');
}

}  // namespace

LexResult ParseInt64(absl::string_view text, int64_t* value) {
  const size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == sign || DigitRun(text, sign) != text.size() - sign) {
    return LexResult::kNotLiteral;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  if (error != std::errc() || end != text.data() + text.size()) return LexResult::kOutOfRange;
  return LexResult::kOk;
}

LexResult ParseDouble(absl::string_view text, double* value) {
  size_t pos = !text.empty() && text[0] == '-' ? 1 : 0;
  const size_t integer_digits = DigitRun(text, pos);
  if (integer_digits == 0) return LexResult::kNotLiteral;
  pos += integer_digits;
  bool has_fraction_or_exponent = false;
  if (pos < text.size() && text[pos] == '.') {
    const size_t fraction_digits = DigitRun(text, pos + 1);
    if (fraction_digits == 0) return LexResult::kNotLiteral;
    pos += 1 + fraction_digits;
    has_fraction_or_exponent = true;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    const size_t exponent_digits = DigitRun(text, pos);
    if (exponent_digits == 0) return LexResult::kNotLiteral;
    pos += exponent_digits;
    has_fraction_or_exponent = true;
  }
  if (pos != text.size() || !has_fraction_or_exponent) return LexResult::kNotLiteral;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  // Magnitudes too large (or too small) for a double are reported, not rounded silently.
  if (error == std::errc::result_out_of_range) return LexResult::kOutOfRange;
  if (error != std::errc() || end != text.data() + text.size()) return LexResult::kNotLiteral;
  return LexResult::kOk;
}

std::string FormatDouble(double value) {
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string text(buffer, error == std::errc() ? end - buffer : 0);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

LexResult ParseIsoDate(absl::string_view text, proto::Date* date) {
  if (text.size() != 10 || DigitRun(text, 0) != 4 || text[4] != '-' || DigitRun(text, 5) != 2 ||
      text[7] != '-' || DigitRun(text, 8) != 2) {
    return LexResult::kNotLiteral;
  }
  const int year = TwoDigits(text, 0) * 100 + TwoDigits(text, 2);
  const int month = TwoDigits(text, 5);
  const int day = TwoDigits(text, 8);
  if (!IsValidDate(year, month, day)) return LexResult::kOutOfRange;
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
  return LexResult::kOk;
}

std::optional<std::string> FormatIsoDate(const proto::Date& date) {
  if (!IsValidDate(date.year(), date.month(), date.day())) return std::nullopt;
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

}  // namespace quarry::loaders::structured
