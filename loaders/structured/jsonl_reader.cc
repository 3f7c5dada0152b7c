// ReadJsonlTriples: one JSON object a line, {"s": ..., "p": ..., "o": ...} (see reader.h).
// nlohmann/json parses through a SAX wrapper that records the error position instead of
// throwing; every access below checks the value's type first, so nothing can throw.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "loaders/structured/line_reader.h"
#include "loaders/structured/literal_syntax.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/reader_common.h"
#include "nlohmann/json.hpp"

namespace quarry::loaders::structured {
namespace {

using Json = nlohmann::json;

constexpr absl::string_view kLabelPredicate = ":label";
constexpr size_t kMaxQuotedError = 160;

// Builds the DOM like nlohmann's own parser, but keeps the first syntax error's position
// and message rather than throwing.
class RecordingDomParser : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit RecordingDomParser(Json& result) : json_sax_dom_parser(result, false) {}

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const Exception& exception) {
    position_ = position;
    message_ = exception.what();
    return false;
  }

  size_t position() const { return position_; }
  // nlohmann's message without its "[json.exception...] parse error at line 1, column N: "
  // prefix (our prefix says where), shortened when it quotes a long token.
  std::string message() const {
    absl::string_view text = message_;
    const size_t column = text.find("column ");
    const size_t colon = column == absl::string_view::npos ? column : text.find(": ", column);
    if (colon != absl::string_view::npos) text.remove_prefix(colon + 2);
    if (text.size() > kMaxQuotedError) return absl::StrCat(text.substr(0, kMaxQuotedError), "...");
    return std::string(text);
  }

 private:
  size_t position_ = 0;
  std::string message_;
};

// A parse failure inside a line: 1-based column and message.
struct LineProblem {
  size_t column = 1;
  std::string message;
};

// A string member `key` of `object`, or nullptr when absent or not a string.
const std::string* StringMember(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

// A JSON number as an int64 literal; false when it is not an integer in range.
bool IntegerValue(const Json& value, int64_t* out) {
  if (value.is_number_unsigned()) {
    const uint64_t unsigned_value = value.get<uint64_t>();
    if (unsigned_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return false;
    }
    *out = static_cast<int64_t>(unsigned_value);
    return true;
  }
  if (value.is_number_integer()) {
    *out = value.get<int64_t>();
    return true;
  }
  return false;
}

// Converts a literal given as {"value": V[, "type": T]} or a bare number or boolean.
bool LiteralFromJson(const Json& value, const std::string* type, proto::Term* term,
                     LineProblem* problem) {
  const std::string kind = type == nullptr ? "" : *type;
  if (kind.empty()) {
    if (value.is_string()) {
      term->set_string_value(value.get<std::string>());
      return true;
    }
    if (value.is_boolean()) {
      term->set_bool_value(value.get<bool>());
      return true;
    }
    if (value.is_number_integer()) {
      int64_t integer;
      if (IntegerValue(value, &integer)) {
        term->set_int_value(integer);
        return true;
      }
      problem->message = "integer value out of the int64 range";
      return false;
    }
    if (value.is_number_float()) {
      const double real = value.get<double>();
      if (!std::isfinite(real)) {
        problem->message = "number out of the range of a double";
        return false;
      }
      term->set_double_value(real);
      return true;
    }
    problem->message = "a literal value must be a string, number or boolean";
    return false;
  }
  if (kind == "string") {
    if (!value.is_string()) {
      problem->message = "\"type\": \"string\" needs a string \"value\"";
      return false;
    }
    term->set_string_value(value.get<std::string>());
    return true;
  }
  if (kind == "int" || kind == "integer") {
    int64_t integer;
    if (IntegerValue(value, &integer) ||
        (value.is_string() &&
         ParseInt64(*value.get_ptr<const std::string*>(), &integer) == LexResult::kOk)) {
      term->set_int_value(integer);
      return true;
    }
    problem->message = "\"type\": \"int\" needs an integer \"value\" in the int64 range";
    return false;
  }
  if (kind == "double") {
    double real = 0;
    bool ok = value.is_number();
    if (ok) real = value.get<double>();
    if (value.is_string()) {
      const std::string& text = *value.get_ptr<const std::string*>();
      int64_t integer;
      ok = true;
      if (text == "NaN") {
        real = std::numeric_limits<double>::quiet_NaN();
      } else if (text == "Infinity" || text == "-Infinity") {
        real = std::numeric_limits<double>::infinity() * (text[0] == '-' ? -1 : 1);
      } else if (ParseInt64(text, &integer) == LexResult::kOk) {
        real = static_cast<double>(integer);
      } else {
        ok = ParseDouble(text, &real) == LexResult::kOk;
      }
    } else if (ok && !std::isfinite(real)) {
      ok = false;
    }
    if (!ok) {
      problem->message =
          "\"type\": \"double\" needs a number or \"NaN\", \"Infinity\", \"-Infinity\"";
      return false;
    }
    term->set_double_value(real);
    return true;
  }
  if (kind == "bool" || kind == "boolean") {
    if (!value.is_boolean()) {
      problem->message = "\"type\": \"bool\" needs true or false";
      return false;
    }
    term->set_bool_value(value.get<bool>());
    return true;
  }
  if (kind == "date") {
    const LexResult result = value.is_string() ? ParseIsoDate(*value.get_ptr<const std::string*>(),
                                                              term->mutable_date_value())
                                               : LexResult::kNotLiteral;
    if (result != LexResult::kOk) {
      term->clear_date_value();
      problem->message = "\"type\": \"date\" needs a \"value\" like \"2021-07-28\"";
      return false;
    }
    return true;
  }
  problem->message = absl::StrCat("unknown literal type \"", kind,
                                  "\" (expected string, int, double, bool or date)");
  return false;
}

// Converts a parsed line into `triple` (without evidence).
bool TripleFromJson(const Json& line, proto::Triple* triple, LineProblem* problem) {
  if (!line.is_object()) {
    problem->message = "expected a JSON object {\"s\": ..., \"p\": ..., \"o\": ...}";
    return false;
  }
  const std::string* subject = StringMember(line, "s");
  const std::string* predicate = StringMember(line, "p");
  if (subject == nullptr || subject->empty()) {
    problem->message = "\"s\" must be a non-empty string (the subject's name)";
    return false;
  }
  if (predicate == nullptr || predicate->empty()) {
    problem->message = "\"p\" must be a non-empty string (the predicate)";
    return false;
  }
  auto object = line.find("o");
  if (object == line.end()) {
    problem->message = "missing \"o\" (the object)";
    return false;
  }
  proto::Term term;
  if (object->is_string()) {
    term.set_node(object->get<std::string>());
  } else if (object->is_object()) {
    auto value = object->find("value");
    if (value == object->end()) {
      problem->message = "a literal object needs a \"value\"";
      return false;
    }
    auto type = object->find("type");
    if (type != object->end() && !type->is_string()) {
      problem->message = "\"type\" must be a string";
      return false;
    }
    const std::string* type_name =
        type == object->end() ? nullptr : type->get_ptr<const std::string*>();
    if (!LiteralFromJson(*value, type_name, &term, problem)) return false;
  } else if (!LiteralFromJson(*object, nullptr, &term, problem)) {
    return false;
  }
  if (*predicate == kLabelPredicate) {
    std::string label = term.has_node()           ? term.node()
                        : term.has_string_value() ? term.string_value()
                                                  : std::string();
    if (label.empty()) {
      problem->message = "the object of :label must be a label name";
      return false;
    }
    term.set_label(std::move(label));
  } else if (term.has_node() && term.node().empty()) {
    problem->message = "\"o\" must not be an empty name";
    return false;
  }
  triple->mutable_subject()->set_node(*subject);
  triple->set_predicate(*predicate);
  *triple->mutable_object() = std::move(term);
  return true;
}

bool IsBlank(absl::string_view line) {
  return line.find_first_not_of(" \t") == absl::string_view::npos;
}

}  // namespace

absl::Status ReadJsonlTriples(std::istream& in, absl::string_view file_name,
                              absl::string_view document_id, TripleSink& sink,
                              const ReadOptions& options) {
  LineReader lines(in, file_name, options.max_line_bytes);
  int64_t triples = 0;
  proto::Triple triple;  // refilled for each line: see TripleSink::AddReusing
  while (true) {
    absl::StatusOr<bool> more = lines.Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (IsBlank(lines.line())) continue;
    Json parsed;
    RecordingDomParser parser(parsed);
    if (!Json::sax_parse(lines.line(), &parser)) {
      return internal::LineError(file_name, lines, std::max<size_t>(parser.position(), 1),
                                 absl::StrCat("invalid JSON: ", parser.message()));
    }
    triple.Clear();
    LineProblem problem;
    if (!TripleFromJson(parsed, &triple, &problem)) {
      return internal::LineError(file_name, lines, problem.column, problem.message);
    }
    internal::SetLineEvidence(lines, document_id, "jsonl", triple.add_evidence());
    absl::Status status = sink.AddReusing(triple);
    if (!status.ok()) return status;
    ++triples;
  }
  if (triples == 0) return internal::NoTriplesError(file_name, lines);
  return absl::OkStatus();
}

}  // namespace quarry::loaders::structured
