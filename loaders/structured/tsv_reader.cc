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

// Parses one non-blank, non-comment line into `triple` (without evidence).
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

  absl::StatusOr<std::string> subject_name = ParseTsvName(subject, &offset);
  if (!subject_name.ok()) {
    return internal::LineError(file_name, lines, 1 + offset,
                               absl::StrCat("subject: ", subject_name.status().message()));
  }
  absl::StatusOr<std::string> predicate_name = ParseTsvName(predicate, &offset);
  if (!predicate_name.ok()) {
    return internal::LineError(file_name, lines, first_tab + 2 + offset,
                               absl::StrCat("predicate: ", predicate_name.status().message()));
  }
  absl::StatusOr<proto::Term> object_term = ParseTsvObject(object, &offset);
  if (!object_term.ok()) {
    return internal::LineError(file_name, lines, second_tab + 2 + offset,
                               absl::StrCat("object: ", object_term.status().message()));
  }
  if (*predicate_name == kLabelPredicate) {
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
  triple->mutable_subject()->set_node(*std::move(subject_name));
  triple->set_predicate(*std::move(predicate_name));
  *triple->mutable_object() = *std::move(object_term);
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
    triple.Clear();
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
