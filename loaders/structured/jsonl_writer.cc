// The JSONL writer: {"s": ..., "p": ..., "o": ...} in that key order. Text is checked to be
// UTF-8 first (CheckExportable), so nlohmann's dump cannot throw.
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "loaders/structured/literal_syntax.h"
#include "loaders/structured/writer.h"
#include "loaders/structured/writer_common.h"
#include "nlohmann/json.hpp"
#include "util/status_macros.h"

namespace quarry::loaders::structured {
namespace {

using Json = nlohmann::ordered_json;

// The "o" value for a literal (see ReadJsonlTriples).
absl::StatusOr<Json> LiteralJson(const proto::Term& term) {
  Json literal = Json::object();
  switch (term.value_case()) {
    case proto::Term::kStringValue:
      literal["value"] = term.string_value();
      break;
    case proto::Term::kIntValue:
      literal["value"] = term.int_value();
      break;
    case proto::Term::kBoolValue:
      literal["value"] = term.bool_value();
      break;
    case proto::Term::kDoubleValue: {
      const double value = term.double_value();
      if (std::isfinite(value)) {
        literal["value"] = value;
      } else {
        literal["value"] = std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        literal["type"] = "double";
      }
      break;
    }
    case proto::Term::kDateValue: {
      std::optional<std::string> text = FormatIsoDate(term.date_value());
      if (!text.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("cannot export an out-of-range date: ", term.ShortDebugString()));
      }
      literal["value"] = *text;
      literal["type"] = "date";
      break;
    }
    default:
      return absl::InvalidArgumentError("not a literal term");
  }
  return literal;
}

class JsonlWriter : public TripleWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}

  absl::Status Write(const proto::Triple& triple) override {
    QUARRY_RETURN_IF_ERROR(CheckExportable(triple));
    const proto::Term& object = triple.object();
    Json line = Json::object();
    line["s"] = triple.subject().node();
    line["p"] = triple.predicate();
    if (object.has_node()) {
      line["o"] = object.node();
    } else if (object.has_label()) {
      line["o"] = object.label();
    } else {
      QUARRY_ASSIGN_OR_RETURN(line["o"], LiteralJson(object));
    }
    text_ = line.dump();
    text_.push_back('\n');
    return internal::WriteLine(out_, text_);
  }

  absl::Status Finish() override { return internal::FlushStream(out_); }

 private:
  std::ostream& out_;
  std::string text_;
};

}  // namespace

std::unique_ptr<TripleWriter> NewJsonlWriter(std::ostream& out) {
  return std::make_unique<JsonlWriter>(out);
}

}  // namespace quarry::loaders::structured
