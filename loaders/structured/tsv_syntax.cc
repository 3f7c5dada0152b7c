// TSV field parsing and formatting. The writer's rule for quoting a name is "quote unless
// the raw text parses back to exactly this name", which keeps the two sides in step.
#include "loaders/structured/tsv_syntax.h"

#include <cmath>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "loaders/structured/literal_syntax.h"

namespace quarry::loaders::structured {
namespace {

// Reads the body of a `"..."` or `<...>` field whose first byte is the opener; the closer
// must be the field's last byte.
absl::StatusOr<std::string> Unquote(absl::string_view field, char closer, const char* what,
                                    size_t* error_offset) {
  std::string out;
  out.reserve(field.size());
  size_t pos = 1;
  while (pos < field.size()) {
    const char c = field[pos];
    if (c == closer) {
      if (pos + 1 != field.size()) {
        *error_offset = pos + 1;
        return absl::InvalidArgumentError(absl::StrCat("unexpected text after the ", what));
      }
      return out;
    }
    if (c != '\\') {
      out.push_back(c);
      ++pos;
      continue;
    }
    if (pos + 1 == field.size()) break;
    switch (field[pos + 1]) {
      case '\\':
        out.push_back('\\');
        break;
      case '"':
        out.push_back('"');
        break;
      case '>':
        out.push_back('>');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      default:
        *error_offset = pos;
        return absl::InvalidArgumentError(absl::StrCat("invalid escape '\\",
                                                       field.substr(pos + 1, 1), "' in ", what,
                                                       " (use \\\\, \\\", \\>, \\t, \\n or \\r)"));
    }
    pos += 2;
  }
  *error_offset = 0;
  return absl::InvalidArgumentError(absl::StrCat("unterminated ", what));
}

// Appends `text` with `special` and control characters escaped.
void AppendEscaped(absl::string_view text, char special, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out->append("\\\\");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (c == special) out->push_back('\\');
        out->push_back(c);
    }
  }
}

// Classifies unquoted object text: a literal, or a node when no literal shape matches.
absl::StatusOr<proto::Term> ParseBareObject(absl::string_view field, size_t* error_offset) {
  proto::Term term;
  if (field == "true" || field == "false") {
    term.set_bool_value(field == "true");
    return term;
  }
  const char first = field[0];
  if ((first >= '0' && first <= '9') || first == '-') {
    *error_offset = 0;
    int64_t integer;
    switch (ParseInt64(field, &integer)) {
      case LexResult::kOk:
        term.set_int_value(integer);
        return term;
      case LexResult::kOutOfRange:
        return absl::InvalidArgumentError(
            absl::StrCat("integer literal out of the int64 range: ", field));
      case LexResult::kNotLiteral:
        break;
    }
    double real;
    switch (ParseDouble(field, &real)) {
      case LexResult::kOk:
        term.set_double_value(real);
        return term;
      case LexResult::kOutOfRange:
        return absl::InvalidArgumentError(absl::StrCat("double literal out of range: ", field));
      case LexResult::kNotLiteral:
        break;
    }
    switch (ParseIsoDate(field, term.mutable_date_value())) {
      case LexResult::kOk:
        return term;
      case LexResult::kOutOfRange:
        return absl::InvalidArgumentError(absl::StrCat("invalid date: ", field));
      case LexResult::kNotLiteral:
        term.clear_date_value();
        break;
    }
  }
  term.set_node(std::string(field));
  return term;
}

bool NeedsQuoting(absl::string_view name, TsvPosition position) {
  if (name.empty() || name[0] == '"' || name[0] == '<') return true;
  if (position == TsvPosition::kSubject && name[0] == '#') return true;
  if (name.find_first_of("\t\n\r") != absl::string_view::npos) return true;
  if (position != TsvPosition::kObject) return false;
  size_t ignored;
  absl::StatusOr<proto::Term> bare = ParseBareObject(name, &ignored);
  return !bare.ok() || !bare->has_node();
}

}  // namespace

absl::StatusOr<std::string> ParseTsvName(absl::string_view field, size_t* error_offset) {
  *error_offset = 0;
  if (field.empty()) return absl::InvalidArgumentError("empty name");
  if (field[0] == '"') {
    return absl::InvalidArgumentError("expected a name, found a string literal");
  }
  if (field[0] != '<') return std::string(field);
  absl::StatusOr<std::string> name = Unquote(field, '>', "quoted name", error_offset);
  if (name.ok() && name->empty()) return absl::InvalidArgumentError("empty name");
  return name;
}

absl::StatusOr<proto::Term> ParseTsvObject(absl::string_view field, size_t* error_offset) {
  *error_offset = 0;
  if (field.empty()) return absl::InvalidArgumentError("empty object");
  proto::Term term;
  if (field[0] == '"') {
    absl::StatusOr<std::string> value = Unquote(field, '"', "string literal", error_offset);
    if (!value.ok()) return value.status();
    term.set_string_value(*std::move(value));
    return term;
  }
  if (field[0] == '<') {
    absl::StatusOr<std::string> name = ParseTsvName(field, error_offset);
    if (!name.ok()) return name.status();
    term.set_node(*std::move(name));
    return term;
  }
  return ParseBareObject(field, error_offset);
}

std::string FormatTsvName(absl::string_view name, TsvPosition position) {
  if (!NeedsQuoting(name, position)) return std::string(name);
  std::string out = "<";
  AppendEscaped(name, '>', &out);
  out.push_back('>');
  return out;
}

std::string QuoteTsvString(absl::string_view value) {
  std::string out = "\"";
  AppendEscaped(value, '"', &out);
  out.push_back('"');
  return out;
}

std::string TermToText(const proto::Term& term) {
  switch (term.value_case()) {
    case proto::Term::kNode:
      return FormatTsvName(term.node(), TsvPosition::kObject);
    case proto::Term::kLabel:
      return FormatTsvName(term.label(), TsvPosition::kObject);
    case proto::Term::kStringValue:
      return QuoteTsvString(term.string_value());
    case proto::Term::kIntValue:
      return absl::StrCat(term.int_value());
    case proto::Term::kDoubleValue: {
      const double value = term.double_value();
      if (std::isnan(value)) return "NaN";
      if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
      return FormatDouble(value);
    }
    case proto::Term::kBoolValue:
      return term.bool_value() ? "true" : "false";
    case proto::Term::kDateValue: {
      std::optional<std::string> text = FormatIsoDate(term.date_value());
      if (text.has_value()) return *std::move(text);
      const proto::Date& date = term.date_value();
      return absl::StrCat(date.year(), "-", date.month(), "-", date.day());
    }
    case proto::Term::VALUE_NOT_SET:
      break;
  }
  return "<unset>";
}

}  // namespace quarry::loaders::structured
