// Dates: finds date expressions in a sentence and resolves them against the article's date
// ("on Wednesday, July 28", "last month", "in April 2023", "(Monday, 16 December 2024)").
#ifndef QUARRY_LOADERS_DATES_H_
#define QUARRY_LOADERS_DATES_H_

#include <vector>

#include "loaders/tokenizer.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders {

// A date stated in text: tokens [token_begin, token_end) and the date they denote (parts
// the text leaves open are 0).
struct DateMention {
  int token_begin = 0;
  int token_end = 0;
  proto::Date date;
};

// The date expressions in tokens [begin, end), in text order. Relative expressions
// (weekdays, "yesterday", "last month", a month without a year) are resolved against
// `document_date` and skipped when it is unknown (year 0). Weekdays denote the latest such
// day on or before the document date. Never fails.
std::vector<DateMention> FindDates(const std::vector<Token>& tokens, int begin, int end,
                                   const proto::Date& document_date);

// 1..12 for an English month name or abbreviation (lower case, with or without a period),
// else 0.
int MonthNumber(const std::string& lower);

// Days since 1970-01-01 of a complete civil date.
int64_t DaysFromCivil(int year, int month, int day);
// The civil date of a day count since 1970-01-01.
proto::Date CivilFromDays(int64_t days);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_DATES_H_
