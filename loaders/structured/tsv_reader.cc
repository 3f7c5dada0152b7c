// ReadTsv: one triple a line, three tab-separated fields in the syntax of tsv_syntax.h.
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "loaders/structured/line_reader.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/reader_common.h"
#include "loaders/structured/tsv_syntax.h"

namespace quarry::loaders::structured {
namespace {

constexpr absl::string_view kLabelPredicate = ":label";

bool IsBlank(absl::string_view line) {
  return line.find_first_not_of(' ') == absl::string_view::npos;
}

// Sets `name` to the name in `field`, a subject or predicate field, as ParseTsvName reads
// it; a raw name is assigned in place, reusing the string's memory.
absl::Status ParseNameInto(absl::string_view field, size_t* error_offset, std::string* name) {
  if (!field.empty() && field[0] != '<' && field[0] != '"') {
    *error_offset = 0;
    name->assign(field.data(), field.size());
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> parsed = ParseTsvName(field, error_offset);
  if (!parsed.ok()) return parsed.status();
  *name = *std::move(parsed);
  return absl::OkStatus();
}

// Sets `term` to the object `field`, as ParseTsvObject reads it. The common shapes, a bare
// node name and a string literal without escapes, are set in place, reusing the term's
// string when it holds the same kind: a reader refilling one message then allocates nothing.
absl::Status ParseObjectInto(absl::string_view field, size_t* error_offset, proto::Term* term) {
  if (!field.empty()) {
    const char first = field[0];
    if (first == '"' && field.size() >= 2 && field.back() == '"' &&
        field.substr(1, field.size() - 2).find_first_of("\"\\") == absl::string_view::npos) {
      *error_offset = 0;
      term->set_string_value(field.data() + 1, field.size() - 2);
      return absl::OkStatus();
    }
    // A bare field that cannot read as a literal (see ParseTsvObject) names a node.
    if (first != '"' && first != '<' && first != '-' && !(first >= '0' && first <= '9') &&
        field != "true" && field != "false") {
      *error_offset = 0;
      term->set_node(field.data(), field.size());
      return absl::OkStatus();
    }
  }
  absl::StatusOr<proto::Term> parsed = ParseTsvObject(field, error_offset);
  if (!parsed.ok()) return parsed.status();
  *term = *std::move(parsed);
  return absl::OkStatus();
}

// Parses one non-blank, non-comment line into `triple`, whose subject, predicate and object
// it sets (its evidence and properties are the caller's).
absl::Status ParseLine(absl::string_view file_name, const LineReader& lines,
                       proto::Triple* triple) {
  const absl::string_view line = lines.line();
  const size_t first_tab = line.find('\t');
  const size_t second_tab =
      first_tab == absl::string_view::npos ? first_tab : line.find('\t', first_tab + 1);
  if (second_tab == absl::string_view::npos ||
      line.find('\t', second_tab + 1) != absl::string_view::npos) {
    size_t fields = 1;
    for (char c : line) fields += c == '\t';
    return internal::LineError(file_name, lines, 1,
                               absl::StrCat("expected 3 tab-separated fields, found ", fields));
  }
  const absl::string_view subject = line.substr(0, first_tab);
  const absl::string_view predicate = line.substr(first_tab + 1, second_tab - first_tab - 1);
  const absl::string_view object = line.substr(second_tab + 1);
  size_t offset = 0;

  absl::Status parsed = ParseNameInto(subject, &offset, triple->mutable_subject()->mutable_node());
  if (!parsed.ok()) {
    return internal::LineError(file_name, lines, 1 + offset,
                               absl::StrCat("subject: ", parsed.message()));
  }
  parsed = ParseNameInto(predicate, &offset, triple->mutable_predicate());
  if (!parsed.ok()) {
    return internal::LineError(file_name, lines, first_tab + 2 + offset,
                               absl::StrCat("predicate: ", parsed.message()));
  }
  proto::Term* object_term = triple->mutable_object();
  parsed = ParseObjectInto(object, &offset, object_term);
  if (!parsed.ok()) {
    return internal::LineError(file_name, lines, second_tab + 2 + offset,
                               absl::StrCat("object: ", parsed.message()));
  }
  if (triple->predicate() == kLabelPredicate) {
    std::string label;
    if (object_term->has_node()) {
      label = std::move(*object_term->mutable_node());
    } else if (object_term->has_string_value()) {
      label = std::move(*object_term->mutable_string_value());
    }
    if (label.empty()) {
      return internal::LineError(file_name, lines, second_tab + 2,
                                 "the object of :label must be a label name");
    }
    object_term->set_label(std::move(label));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadTsv(std::istream& in, absl::string_view file_name, absl::string_view document_id,
                     TripleSink& sink, const ReadOptions& options) {
  LineReader lines(in, file_name, options.max_line_bytes);
  int64_t triples = 0;
  proto::Triple triple;  // refilled for each line: see TripleSink::AddReusing
  while (true) {
    absl::StatusOr<bool> more = lines.Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    const absl::string_view line = lines.line();
    if (IsBlank(line) || line[0] == '#') continue;
    // ParseLine sets the terms in place; the evidence and properties start empty.
    triple.mutable_evidence()->Clear();
    triple.mutable_properties()->Clear();
    absl::Status status = ParseLine(file_name, lines, &triple);
    if (!status.ok()) return status;
    internal::SetLineEvidence(lines, document_id, "tsv", triple.add_evidence());
    status = sink.AddReusing(triple);
    if (!status.ok()) return status;
    ++triples;
  }
  if (triples == 0) return internal::NoTriplesError(file_name, lines);
  return absl::OkStatus();
}

}  // namespace quarry::loaders::structured
