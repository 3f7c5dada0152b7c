// The writer factory and the checks every writer applies before writing a triple.
#include "loaders/structured/writer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "loaders/structured/utf8.h"

namespace quarry::loaders::structured {
namespace {

constexpr absl::string_view kLabelPredicate = ":label";

absl::Status NotExportable(const proto::Triple& triple, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("cannot export triple (", triple.ShortDebugString(), "): ", problem));
}

}  // namespace

absl::Status CheckExportable(const proto::Triple& triple) {
  if (!triple.subject().has_node() || triple.subject().node().empty()) {
    return NotExportable(triple, "the subject must be a named node");
  }
  if (triple.predicate().empty()) return NotExportable(triple, "empty predicate");
  const proto::Term& object = triple.object();
  if (object.value_case() == proto::Term::VALUE_NOT_SET) {
    return NotExportable(triple, "no object");
  }
  const bool is_label = triple.predicate() == kLabelPredicate;
  if (is_label != object.has_label()) {
    return NotExportable(triple, "a label object goes with the :label predicate only");
  }
  if ((object.has_node() && object.node().empty()) ||
      (object.has_label() && object.label().empty())) {
    return NotExportable(triple, "empty object name");
  }
  const std::string* texts[] = {&triple.subject().node(), &triple.predicate(),
                                object.has_node()           ? &object.node()
                                : object.has_label()        ? &object.label()
                                : object.has_string_value() ? &object.string_value()
                                                            : nullptr};
  for (const std::string* text : texts) {
    if (text != nullptr && !IsValidUtf8(*text)) return NotExportable(triple, "invalid UTF-8");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<TripleWriter>> NewTripleWriter(absl::string_view format,
                                                              std::ostream& out) {
  if (format == "tsv") return NewTsvWriter(out);
  if (format == "jsonl" || format == "jsonl-triples") return NewJsonlWriter(out);
  if (format == "nt") return NewNTriplesWriter(out);
  return absl::InvalidArgumentError(
      absl::StrCat("unknown export format '", format, "' (expected tsv, jsonl or nt)"));
}

}  // namespace quarry::loaders::structured
