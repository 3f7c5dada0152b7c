// ReadNTriples: each line goes through serd's strict N-Triples parser (N-Triples is
// line-based, so a line is a complete parse), and each statement is mapped to Quarry terms
// as ntriples_mapping.h documents.
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "loaders/structured/line_reader.h"
#include "loaders/structured/ntriples_mapping.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/reader_common.h"
#include "loaders/structured/utf8.h"
#include "serd/serd.h"

namespace quarry::loaders::structured {
namespace {

// What the serd callbacks need, and the first errors they met.
struct ParseState {
  absl::string_view file_name;
  absl::string_view document_id;
  const LineReader* lines = nullptr;
  TripleSink* sink = nullptr;
  absl::Status status;       // First conversion or sink error.
  proto::Triple triple;      // refilled for each statement: see TripleSink::AddReusing
  std::string syntax_error;  // First message serd reported for the current line.
  unsigned syntax_column = 0;
  int64_t triples = 0;
};

absl::string_view NodeText(const SerdNode* node) {
  return absl::string_view(reinterpret_cast<const char*>(node->buf), node->n_bytes);
}

// Serd decodes \u escapes without rejecting surrogates; names and strings must be UTF-8.
absl::Status CheckUtf8(absl::string_view text, absl::string_view what) {
  if (IsValidUtf8(text)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " is not valid UTF-8 after unescaping"));
}

// The name of a subject or object node (IRI or blank node).
absl::StatusOr<std::string> NodeName(const SerdNode* node) {
  if (node->type == SERD_BLANK) return absl::StrCat("_:", NodeText(node));
  absl::StatusOr<std::string> name = NodeNameFromIri(NodeText(node));
  if (!name.ok()) return name.status();
  absl::Status utf8 = CheckUtf8(*name, "an IRI");
  if (!utf8.ok()) return utf8;
  return name;
}

// Maps one RDF statement to a Quarry triple (without evidence) in `*triple`, which is empty.
absl::Status ToTriple(const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                      const SerdNode* datatype, proto::Triple* triple) {
  absl::StatusOr<std::string> subject_name = NodeName(subject);
  if (!subject_name.ok()) return subject_name.status();
  triple->mutable_subject()->set_node(*std::move(subject_name));

  const absl::string_view predicate_iri = NodeText(predicate);
  if (predicate_iri == kRdfTypeIri && object->type == SERD_URI) {
    absl::StatusOr<std::optional<std::string>> label = LabelFromIri(NodeText(object));
    if (!label.ok()) return label.status();
    if (label->has_value()) {
      absl::Status utf8 = CheckUtf8(**label, "a label IRI");
      if (!utf8.ok()) return utf8;
      triple->set_predicate(":label");
      triple->mutable_object()->set_label(std::move(**label));
      return absl::OkStatus();
    }
  }
  absl::StatusOr<std::string> predicate_name = PredicateNameFromIri(predicate_iri);
  if (!predicate_name.ok()) return predicate_name.status();
  absl::Status utf8 = CheckUtf8(*predicate_name, "a predicate IRI");
  if (!utf8.ok()) return utf8;
  triple->set_predicate(*std::move(predicate_name));

  if (object->type == SERD_LITERAL) {
    absl::StatusOr<proto::Term> literal = LiteralFromRdf(
        NodeText(object), datatype == nullptr ? absl::string_view() : NodeText(datatype));
    if (!literal.ok()) return literal.status();
    if (literal->has_string_value()) {
      utf8 = CheckUtf8(literal->string_value(), "a string literal");
      if (!utf8.ok()) return utf8;
    }
    *triple->mutable_object() = *std::move(literal);
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> object_name = NodeName(object);
  if (!object_name.ok()) return object_name.status();
  triple->mutable_object()->set_node(*std::move(object_name));
  return absl::OkStatus();
}

SerdStatus OnStatement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* /*graph*/,
                       const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                       const SerdNode* datatype, const SerdNode* /*language*/) {
  auto& state = *static_cast<ParseState*>(handle);
  if (!state.status.ok()) return SERD_FAILURE;
  proto::Triple& triple = state.triple;
  triple.Clear();
  absl::Status converted = ToTriple(subject, predicate, object, datatype, &triple);
  if (!converted.ok()) {
    state.status = internal::LineError(state.file_name, *state.lines, 1, converted.message());
    return SERD_FAILURE;
  }
  internal::SetLineEvidence(*state.lines, state.document_id, "nt", triple.add_evidence());
  state.status = state.sink->AddReusing(triple);
  if (!state.status.ok()) return SERD_FAILURE;
  ++state.triples;
  return SERD_SUCCESS;
}

SerdStatus OnError(void* handle, const SerdError* error) {
  auto& state = *static_cast<ParseState*>(handle);
  if (!state.syntax_error.empty()) return SERD_SUCCESS;
  char buffer[512];
  va_list args;
  va_copy(args, *error->args);
  std::vsnprintf(buffer, sizeof(buffer), error->fmt, args);
  va_end(args);
  state.syntax_error = std::string(absl::StripTrailingAsciiWhitespace(buffer));
  state.syntax_column = error->col;
  return SERD_SUCCESS;
}

struct SerdReaderDeleter {
  void operator()(SerdReader* reader) const { serd_reader_free(reader); }
};

}  // namespace

absl::Status ReadNTriples(std::istream& in, absl::string_view file_name,
                          absl::string_view document_id, TripleSink& sink,
                          const ReadOptions& options) {
  LineReader lines(in, file_name, options.max_line_bytes);
  ParseState state;
  state.file_name = file_name;
  state.document_id = document_id;
  state.lines = &lines;
  state.sink = &sink;
  std::unique_ptr<SerdReader, SerdReaderDeleter> reader(
      serd_reader_new(SERD_NTRIPLES, &state, nullptr, nullptr, nullptr, OnStatement, nullptr));
  serd_reader_set_strict(reader.get(), true);
  serd_reader_set_error_sink(reader.get(), OnError, &state);
  std::string line;  // Serd reads NUL-terminated text.
  while (true) {
    absl::StatusOr<bool> more = lines.Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (lines.line().find_first_not_of(" \t") == absl::string_view::npos) continue;
    line.assign(lines.line().data(), lines.line().size());
    if (line.find('\0') != std::string::npos) {
      return internal::LineError(file_name, lines, line.find('\0') + 1,
                                 "NUL byte in N-Triples input (write it as \\u0000)");
    }
    const SerdStatus result =
        serd_reader_read_string(reader.get(), reinterpret_cast<const uint8_t*>(line.c_str()));
    if (!state.status.ok()) return state.status;
    if (result != SERD_SUCCESS || !state.syntax_error.empty()) {
      if (state.syntax_error.empty()) state.syntax_error = "invalid N-Triples statement";
      return internal::LineError(file_name, lines, std::max(state.syntax_column, 1u),
                                 state.syntax_error);
    }
  }
  if (state.triples == 0) return internal::NoTriplesError(file_name, lines);
  return absl::OkStatus();
}

}  // namespace quarry::loaders::structured
