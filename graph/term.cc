// Term value encoding: order-preserving bytes per kind, so a dictionary key sorts by value.
#include "graph/term.h"

#include <algorithm>

#include <cstdlib>
#include <cstring>

#include <utf8proc.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "util/coding.h"

namespace quarry::graph {
namespace {

constexpr uint64_t kSignBit = uint64_t{1} << 63;

uint64_t OrderedDoubleBits(double value) {
  if (value == 0.0) value = 0.0;  // -0.0 and 0.0 are one value
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return (bits & kSignBit) != 0 ? ~bits : bits | kSignBit;
}

double DoubleFromOrderedBits(uint64_t bits) {
  bits = (bits & kSignBit) != 0 ? bits & ~kSignBit : ~bits;
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

TermKind KindOfTerm(const proto::Term& term) {
  switch (term.value_case()) {
    case proto::Term::kNode:
      return TermKind::kNode;
    case proto::Term::kLabel:
      return TermKind::kLabel;
    case proto::Term::kStringValue:
      return TermKind::kString;
    case proto::Term::kIntValue:
      return TermKind::kInt;
    case proto::Term::kDoubleValue:
      return TermKind::kDouble;
    case proto::Term::kBoolValue:
      return TermKind::kBool;
    case proto::Term::kDateValue:
      return TermKind::kDate;
    case proto::Term::VALUE_NOT_SET:
      break;
  }
  return TermKind::kInvalid;
}

std::string EncodeTermValue(const proto::Term& term) {
  std::string bytes;
  switch (term.value_case()) {
    case proto::Term::kNode:
      return term.node();
    case proto::Term::kLabel:
      return term.label();
    case proto::Term::kStringValue:
      return term.string_value();
    case proto::Term::kIntValue:
      PutBigEndian64(&bytes, static_cast<uint64_t>(term.int_value()) ^ kSignBit);
      return bytes;
    case proto::Term::kDoubleValue:
      PutBigEndian64(&bytes, OrderedDoubleBits(term.double_value()));
      return bytes;
    case proto::Term::kBoolValue:
      bytes.push_back(term.bool_value() ? '\1' : '\0');
      return bytes;
    case proto::Term::kDateValue: {
      const proto::Date& date = term.date_value();
      const uint32_t year = static_cast<uint32_t>(date.year()) ^ 0x80000000u;
      for (int shift = 24; shift >= 0; shift -= 8)
        bytes.push_back(static_cast<char>(year >> shift));
      bytes.push_back(static_cast<char>(date.month()));
      bytes.push_back(static_cast<char>(date.day()));
      return bytes;
    }
    case proto::Term::VALUE_NOT_SET:
      break;
  }
  return bytes;
}

absl::StatusOr<proto::Term> DecodeTermValue(TermKind kind, absl::string_view bytes) {
  proto::Term term;
  auto wrong_size = [&](size_t expected) {
    return absl::DataLossError(absl::StrCat("term of kind ", static_cast<int>(kind), " has ",
                                            bytes.size(), " bytes, expected ", expected));
  };
  switch (kind) {
    case TermKind::kNode:
      term.set_node(std::string(bytes));
      return term;
    case TermKind::kLabel:
      term.set_label(std::string(bytes));
      return term;
    case TermKind::kString:
      term.set_string_value(std::string(bytes));
      return term;
    case TermKind::kInt:
      if (bytes.size() != 8) return wrong_size(8);
      term.set_int_value(static_cast<int64_t>(GetBigEndian64(bytes.data()) ^ kSignBit));
      return term;
    case TermKind::kDouble:
      if (bytes.size() != 8) return wrong_size(8);
      term.set_double_value(DoubleFromOrderedBits(GetBigEndian64(bytes.data())));
      return term;
    case TermKind::kBool:
      if (bytes.size() != 1) return wrong_size(1);
      term.set_bool_value(bytes[0] != 0);
      return term;
    case TermKind::kDate: {
      if (bytes.size() != 6) return wrong_size(6);
      uint32_t year = 0;
      for (int index = 0; index < 4; ++index) {
        year = (year << 8) | static_cast<uint8_t>(bytes[index]);
      }
      proto::Date* date = term.mutable_date_value();
      date->set_year(static_cast<int32_t>(year ^ 0x80000000u));
      date->set_month(static_cast<uint8_t>(bytes[4]));
      date->set_day(static_cast<uint8_t>(bytes[5]));
      return term;
    }
    case TermKind::kPredicate:
    case TermKind::kInvalid:
      break;
  }
  return absl::DataLossError(absl::StrCat("no term value of kind ", static_cast<int>(kind)));
}

namespace {

// `text` with one space between words and none at the ends, its ASCII letters lowercased
// when `lowercase`.
std::string CollapseWhitespace(absl::string_view text, bool lowercase) {
  std::string collapsed;
  collapsed.reserve(text.size());
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
    } else {
      collapsed.push_back(lowercase ? absl::ascii_tolower(static_cast<unsigned char>(c)) : c);
    }
  }
  if (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

}  // namespace

std::string FoldName(absl::string_view name) {
  // ASCII (most names): NFKC case folding is lowercasing there, so skip utf8proc.
  if (std::all_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return CollapseWhitespace(name, /*lowercase=*/true);
  }
  utf8proc_uint8_t* folded = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
      static_cast<utf8proc_ssize_t>(name.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD | UTF8PROC_IGNORE));
  std::string result;
  if (length < 0) {
    result = absl::AsciiStrToLower(name);  // not UTF-8: fold what we can
  } else {
    result.assign(reinterpret_cast<const char*>(folded), static_cast<size_t>(length));
  }
  std::free(folded);
  return CollapseWhitespace(result, /*lowercase=*/false);
}

proto::Term NodeTerm(absl::string_view name) {
  proto::Term term;
  term.set_node(std::string(name));
  return term;
}
proto::Term LabelTerm(absl::string_view label) {
  proto::Term term;
  term.set_label(std::string(label));
  return term;
}
proto::Term StringTerm(absl::string_view value) {
  proto::Term term;
  term.set_string_value(std::string(value));
  return term;
}
proto::Term IntTerm(int64_t value) {
  proto::Term term;
  term.set_int_value(value);
  return term;
}
proto::Term DoubleTerm(double value) {
  proto::Term term;
  term.set_double_value(value);
  return term;
}
proto::Term BoolTerm(bool value) {
  proto::Term term;
  term.set_bool_value(value);
  return term;
}
proto::Term DateTerm(int year, int month, int day) {
  proto::Term term;
  proto::Date* date = term.mutable_date_value();
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
  return term;
}

}  // namespace quarry::graph
