// Tests of date expressions.
#include "loaders/dates.h"

#include "gtest/gtest.h"

namespace quarry::loaders {
namespace {

proto::Date D(int y, int m, int d) {
  proto::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::vector<std::string> Find(const std::string& text, const proto::Date& document_date) {
  std::vector<Token> tokens = Tokenize(text, nullptr);
  std::vector<std::string> out;
  for (const DateMention& m :
       FindDates(tokens, 0, static_cast<int>(tokens.size()), document_date)) {
    out.push_back(std::to_string(m.date.year()) + "-" + std::to_string(m.date.month()) + "-" +
                  std::to_string(m.date.day()));
  }
  return out;
}

TEST(DatesTest, ResolvesAbsoluteAndRelativeDates) {
  proto::Date doc = D(2021, 7, 30);  // a Friday
  EXPECT_EQ(Find("on Wednesday, July 28 in Tianjin", doc), (std::vector<std::string>{"2021-7-28"}));
  EXPECT_EQ(Find("on Wednesday in Tianjin", doc), (std::vector<std::string>{"2021-7-28"}));
  EXPECT_EQ(Find("in April 2023 and last month", doc),
            (std::vector<std::string>{"2023-4-0", "2021-6-0"}));
  EXPECT_EQ(Find("(Monday, 16 December 2024)", doc), (std::vector<std::string>{"2024-12-16"}));
  EXPECT_EQ(Find("yesterday", doc), (std::vector<std::string>{"2021-7-29"}));
  EXPECT_EQ(Find("in November", doc), (std::vector<std::string>{"2020-11-0"}));
}

TEST(DatesTest, SkipsRelativeDatesWithoutADocumentDate) {
  EXPECT_EQ(Find("on Wednesday, last month", proto::Date()), std::vector<std::string>{});
  EXPECT_EQ(Find("on August 20, 2025", proto::Date()), (std::vector<std::string>{"2025-8-20"}));
}

TEST(DatesTest, ConvertsCivilDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  proto::Date date = CivilFromDays(DaysFromCivil(2024, 2, 29) + 1);
  EXPECT_EQ(date.month(), 3);
  EXPECT_EQ(date.day(), 1);
  EXPECT_EQ(MonthNumber("sept."), 9);
  EXPECT_EQ(MonthNumber("mayor"), 0);
}

}  // namespace
}  // namespace quarry::loaders
