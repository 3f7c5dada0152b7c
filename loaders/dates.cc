// Date expressions: a small hand-written matcher over tokens.
#include "loaders/dates.h"

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"

namespace quarry::loaders {
namespace {

int WeekdayNumber(const std::string& lower) {
  static const char* kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (lower == kDays[i]) return i;  // 0 = Monday
  }
  return -1;
}

int Number(const Token& token) {
  int value = 0;
  if (!token.Is(kTokDigit)) return -1;
  std::string digits = token.lower;
  // "28th", "1st"
  while (!digits.empty() && !(digits.back() >= '0' && digits.back() <= '9')) digits.pop_back();
  if (!absl::SimpleAtoi(digits, &value)) return -1;
  return value;
}

bool Known(const proto::Date& date) { return date.year() > 0; }

proto::Date MakeDate(int year, int month, int day) {
  proto::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// A month without a year: the document's year, or the year before for a month later than
// the document's (news reports the past).
int YearFor(int month, const proto::Date& document_date) {
  if (!Known(document_date)) return 0;
  return month > document_date.month() + 1 ? document_date.year() - 1 : document_date.year();
}

}  // namespace

int MonthNumber(const std::string& lower) {
  static const char* kMonths[] = {"january",   "february", "march",    "april",
                                  "may",       "june",     "july",     "august",
                                  "september", "october",  "november", "december"};
  if (lower.size() < 3 || lower.size() > 10 || lower[0] < 'a' || lower[0] > 's') return 0;
  absl::string_view word = lower;
  if (word.back() == '.') word.remove_suffix(1);
  for (int i = 0; i < 12; ++i) {
    absl::string_view name = kMonths[i];
    if (word == name) return i + 1;
    if (word.size() >= 3 && word.size() < name.size() && name.substr(0, word.size()) == word &&
        (word.size() == 3 || word == "sept")) {
      return i + 1;
    }
  }
  return 0;
}

int64_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

proto::Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2));
  return MakeDate(year, month, day);
}

std::vector<DateMention> FindDates(const std::vector<Token>& tokens, int begin, int end,
                                   const proto::Date& document_date) {
  std::vector<DateMention> found;
  auto at = [&](int i) -> const Token* { return i >= begin && i < end ? &tokens[i] : nullptr; };
  for (int i = begin; i < end; ++i) {
    const Token& token = tokens[i];
    DateMention mention;
    mention.token_begin = i;
    int month = token.Is(kTokCap) ? MonthNumber(token.lower) : 0;
    if (month > 0 && !(token.lower == "may" && !(at(i + 1) && at(i + 1)->Is(kTokDigit)))) {
      // Month [Day][, Year] | Month Year
      int next = i + 1;
      int day = 0, year = 0;
      if (at(next) && Number(*at(next)) >= 1 && Number(*at(next)) <= 31) {
        day = Number(*at(next));
        ++next;
        if (at(next) && at(next)->lower == ",") ++next;
        if (at(next) && Number(*at(next)) >= 1000 && Number(*at(next)) <= 2999)
          year = Number(*at(next++));
        else if (at(next - 1)->lower == ",")
          --next;
      } else if (at(next) && Number(*at(next)) >= 1000 && Number(*at(next)) <= 2999) {
        year = Number(*at(next++));
      }
      if (year == 0) year = YearFor(month, document_date);
      if (year == 0) continue;
      mention.date = MakeDate(year, month, day);
      mention.token_end = next;
      found.push_back(mention);
      i = next - 1;
      continue;
    }
    int number = Number(token);
    if (number >= 1 && number <= 31 && at(i + 1) && MonthNumber(at(i + 1)->lower) > 0 &&
        at(i + 1)->Is(kTokCap)) {
      // Day Month [Year]
      int day_month = MonthNumber(at(i + 1)->lower);
      int next = i + 2;
      int year = 0;
      if (at(next) && Number(*at(next)) >= 1000 && Number(*at(next)) <= 2999)
        year = Number(*at(next++));
      if (year == 0) year = YearFor(day_month, document_date);
      if (year == 0) continue;
      mention.date = MakeDate(year, day_month, number);
      mention.token_end = next;
      found.push_back(mention);
      i = next - 1;
      continue;
    }
    int weekday = WeekdayNumber(token.lower);
    if (weekday >= 0 && Known(document_date) && document_date.day() > 0) {
      // The latest such weekday on or before the document date, unless a date follows.
      if (at(i + 1) && at(i + 1)->lower == "," && at(i + 2) &&
          (MonthNumber(at(i + 2)->lower) > 0 || Number(*at(i + 2)) > 0)) {
        continue;
      }
      int64_t days =
          DaysFromCivil(document_date.year(), document_date.month(), document_date.day());
      int doc_weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
      int back = (doc_weekday - weekday + 7) % 7;
      mention.date = CivilFromDays(days - back);
      mention.token_end = i + 1;
      found.push_back(mention);
      continue;
    }
    if (!Known(document_date)) continue;
    if (token.lower == "yesterday" || token.lower == "today") {
      if (document_date.day() == 0) continue;
      int64_t days =
          DaysFromCivil(document_date.year(), document_date.month(), document_date.day());
      mention.date = CivilFromDays(token.lower == "yesterday" ? days - 1 : days);
      mention.token_end = i + 1;
      found.push_back(mention);
      continue;
    }
    if ((token.lower == "last" || token.lower == "this") && at(i + 1) &&
        (at(i + 1)->lower == "month" || at(i + 1)->lower == "year")) {
      bool last = token.lower == "last";
      if (at(i + 1)->lower == "month") {
        int m = document_date.month() - (last ? 1 : 0);
        int y = document_date.year();
        if (m == 0) {
          m = 12;
          --y;
        }
        mention.date = MakeDate(y, m, 0);
      } else {
        mention.date = MakeDate(document_date.year() - (last ? 1 : 0), 0, 0);
      }
      mention.token_end = i + 2;
      found.push_back(mention);
      ++i;
      continue;
    }
    if (number >= 1900 && number <= 2999 && token.lower.size() == 4 && i > begin &&
        (tokens[i - 1].lower == "in" || tokens[i - 1].lower == "since")) {
      mention.date = MakeDate(number, 0, 0);
      mention.token_end = i + 1;
      found.push_back(mention);
    }
  }
  return found;
}

}  // namespace quarry::loaders
