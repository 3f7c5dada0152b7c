// The Quarry <-> RDF term mapping documented in ntriples_mapping.h.
#include "loaders/structured/ntriples_mapping.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "loaders/structured/literal_syntax.h"
#include "loaders/structured/utf8.h"

namespace quarry::loaders::structured {
namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when `name` can be written as an IRI as it stands (see the header).
bool IsWholeIri(absl::string_view name) {
  if (absl::StartsWith(name, kQuarryIriPrefix)) return false;
  const size_t colon = name.find(':');
  if (colon == absl::string_view::npos || colon == 0) return false;
  const auto is_alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!is_alpha(name[0])) return false;
  for (size_t pos = 1; pos < colon; ++pos) {
    const char c = name[pos];
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) return false;
    if (absl::string_view("<>\"{}|^`\\").find(c) != absl::string_view::npos) return false;
  }
  return true;
}

bool IsBlankLabel(absl::string_view label) {
  if (label.empty() || label[0] == '-') return false;
  for (char c : label) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-')) {
      return false;
    }
  }
  return true;
}

std::string IriFor(absl::string_view prefix, absl::string_view name) {
  if (IsWholeIri(name)) return absl::StrCat("<", name, ">");
  return absl::StrCat("<", prefix, PercentEncode(name), ">");
}

// Escapes a literal's lexical form for N-Triples: the ECHAR escapes and \u00XX for the
// remaining control characters; other UTF-8 is written as it is.
std::string QuoteLiteral(absl::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (char c : text) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          absl::StrAppendFormat(&out, "\\u%04X", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

std::string Typed(absl::string_view lexical, absl::string_view xsd_type) {
  return absl::StrCat(QuoteLiteral(lexical), "^^<", kXsdPrefix, xsd_type, ">");
}

absl::StatusOr<std::string> DecodeAfter(absl::string_view iri, absl::string_view prefix) {
  std::optional<std::string> name = PercentDecode(iri.substr(prefix.size()));
  if (!name.has_value() || name->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed percent-encoding or empty name in <", iri, ">"));
  }
  return *std::move(name);
}

bool IsIntegerType(absl::string_view type) {
  static constexpr absl::string_view kTypes[] = {"integer",
                                                 "int",
                                                 "long",
                                                 "short",
                                                 "byte",
                                                 "nonNegativeInteger",
                                                 "positiveInteger",
                                                 "negativeInteger",
                                                 "nonPositiveInteger",
                                                 "unsignedInt",
                                                 "unsignedLong",
                                                 "unsignedShort",
                                                 "unsignedByte"};
  for (absl::string_view candidate : kTypes) {
    if (type == candidate) return true;
  }
  return false;
}

absl::Status BadLexical(absl::string_view lexical, absl::string_view type) {
  return absl::InvalidArgumentError(
      absl::StrCat("\"", lexical, "\" is not a valid xsd:", type, " literal"));
}

// Parses xsd:date, xsd:gYearMonth and xsd:gYear lexical forms (a time zone is ignored).
absl::StatusOr<proto::Term> DateFromRdf(absl::string_view lexical, absl::string_view type) {
  absl::string_view text = lexical;
  if (absl::EndsWith(text, "Z")) {
    text.remove_suffix(1);
  } else if (const size_t length = type == "date"         ? 10
                                   : type == "gYearMonth" ? 7
                                                          : 4;
             text.size() == length + 6 && (text[length] == '+' || text[length] == '-')) {
    text = text.substr(0, length);
  }
  std::string full(text);
  if (type == "gYearMonth") absl::StrAppend(&full, "-00");
  if (type == "gYear") absl::StrAppend(&full, "-00-00");
  proto::Term term;
  if (ParseIsoDate(full, term.mutable_date_value()) != LexResult::kOk ||
      (type == "date" && (term.date_value().month() == 0 || term.date_value().day() == 0)) ||
      (type == "gYearMonth" && term.date_value().month() == 0)) {
    return BadLexical(lexical, type);
  }
  return term;
}

}  // namespace

std::string PercentEncode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsUnreserved(c)) {
      out.push_back(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", static_cast<unsigned char>(c));
    }
  }
  return out;
}

std::optional<std::string> PercentDecode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] != '%') {
      out.push_back(text[pos]);
      continue;
    }
    if (pos + 2 >= text.size()) return std::nullopt;
    const int high = HexValue(text[pos + 1]);
    const int low = HexValue(text[pos + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    pos += 2;
  }
  if (!IsValidUtf8(out)) return std::nullopt;
  return out;
}

std::string NodeToNTriples(absl::string_view name) {
  if (absl::StartsWith(name, "_:") && IsBlankLabel(name.substr(2))) return std::string(name);
  return IriFor(kNodeIriPrefix, name);
}

std::string PredicateToNTriples(absl::string_view name) {
  return IriFor(kPredicateIriPrefix, name);
}

std::string LabelToNTriples(absl::string_view label) {
  return absl::StrCat("<", kLabelIriPrefix, PercentEncode(label), ">");
}

absl::StatusOr<std::string> LiteralToNTriples(const proto::Term& literal) {
  switch (literal.value_case()) {
    case proto::Term::kStringValue:
      return QuoteLiteral(literal.string_value());
    case proto::Term::kIntValue:
      return Typed(absl::StrCat(literal.int_value()), "integer");
    case proto::Term::kDoubleValue: {
      const double value = literal.double_value();
      if (std::isnan(value)) return Typed("NaN", "double");
      if (std::isinf(value)) return Typed(value > 0 ? "INF" : "-INF", "double");
      return Typed(FormatDouble(value), "double");
    }
    case proto::Term::kBoolValue:
      return Typed(literal.bool_value() ? "true" : "false", "boolean");
    case proto::Term::kDateValue: {
      std::optional<std::string> text = FormatIsoDate(literal.date_value());
      if (!text.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("date out of range: ", literal.date_value().ShortDebugString()));
      }
      if (literal.date_value().month() == 0) return Typed(text->substr(0, 4), "gYear");
      if (literal.date_value().day() == 0) return Typed(text->substr(0, 7), "gYearMonth");
      return Typed(*text, "date");
    }
    default:
      break;
  }
  return absl::InvalidArgumentError("not a literal term");
}

absl::StatusOr<std::string> NodeNameFromIri(absl::string_view iri) {
  if (absl::StartsWith(iri, kNodeIriPrefix)) return DecodeAfter(iri, kNodeIriPrefix);
  return std::string(iri);
}

absl::StatusOr<std::string> PredicateNameFromIri(absl::string_view iri) {
  if (absl::StartsWith(iri, kPredicateIriPrefix)) return DecodeAfter(iri, kPredicateIriPrefix);
  return std::string(iri);
}

absl::StatusOr<std::optional<std::string>> LabelFromIri(absl::string_view iri) {
  if (!absl::StartsWith(iri, kLabelIriPrefix)) return std::optional<std::string>();
  absl::StatusOr<std::string> label = DecodeAfter(iri, kLabelIriPrefix);
  if (!label.ok()) return label.status();
  return std::optional<std::string>(*std::move(label));
}

absl::StatusOr<proto::Term> LiteralFromRdf(absl::string_view lexical, absl::string_view datatype) {
  proto::Term term;
  absl::string_view type;
  if (absl::StartsWith(datatype, kXsdPrefix)) type = datatype.substr(kXsdPrefix.size());
  if (type.empty() || type == "string") {  // Plain, language-tagged or foreign type.
    term.set_string_value(std::string(lexical));
    return term;
  }
  if (IsIntegerType(type)) {
    absl::string_view digits = lexical;
    if (absl::StartsWith(digits, "+")) digits.remove_prefix(1);
    int64_t value;
    if (ParseInt64(digits, &value) != LexResult::kOk) return BadLexical(lexical, type);
    term.set_int_value(value);
    return term;
  }
  if (type == "double" || type == "float" || type == "decimal") {
    absl::string_view number = lexical;
    if (absl::StartsWith(number, "+")) number.remove_prefix(1);
    double value;
    int64_t integer;
    if (type != "decimal" && (number == "NaN" || number == "INF" || number == "-INF")) {
      value = number == "NaN"   ? std::numeric_limits<double>::quiet_NaN()
              : number == "INF" ? std::numeric_limits<double>::infinity()
                                : -std::numeric_limits<double>::infinity();
    } else if (ParseInt64(number, &integer) == LexResult::kOk) {
      value = static_cast<double>(integer);
    } else if (ParseDouble(number, &value) != LexResult::kOk) {
      return BadLexical(lexical, type);
    }
    term.set_double_value(value);
    return term;
  }
  if (type == "boolean") {
    if (lexical != "true" && lexical != "false" && lexical != "1" && lexical != "0") {
      return BadLexical(lexical, type);
    }
    term.set_bool_value(lexical == "true" || lexical == "1");
    return term;
  }
  if (type == "date" || type == "gYearMonth" || type == "gYear") {
    return DateFromRdf(lexical, type);
  }
  term.set_string_value(std::string(lexical));
  return term;
}

}  // namespace quarry::loaders::structured
