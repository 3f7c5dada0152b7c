// Streaming readers for structured triples: TSV, JSONL triples and N-Triples. Each reads a
// stream line by line, turns every triple into a proto::Triple with one piece of evidence,
// and hands it to a TripleSink. Formats are described in tsv_syntax.h, jsonl_reader.cc and
// ntriples_mapping.h (and DESIGN.md, "Structured input").
//
// Every triple's evidence is {document_id, sentence_index = -1, span = the byte range of
// its line in the stream (without the line terminator), rule = "tsv" | "jsonl" | "nt",
// confidence = 1}. Offsets past 4 GiB saturate at UINT32_MAX (Span is 32-bit).
//
// Errors (all kInvalidArgument unless noted), each prefixed "FILE:LINE:COL: " with 1-based
// line and byte column:
//   - a syntax error in a line (the first one in the file; reading stops there);
//   - invalid UTF-8 (the message names the byte and its file offset);
//   - a line longer than ReadOptions::max_line_bytes;
//   - "FILE: empty file, no triples" for an empty stream, and "FILE: no triples" for one
//     holding only blank and comment lines;
//   - kDataLoss when the stream fails; any error a sink returns, unchanged.
// On error the sink has received the triples before the bad line: the caller discards
// them (e.g. by never applying the batch), so a failed load changes nothing.
//
// Thread-safety: the functions share no state; one call uses one stream and one sink.
// The stream must not have exceptions enabled.
#ifndef QUARRY_LOADERS_STRUCTURED_READER_H_
#define QUARRY_LOADERS_STRUCTURED_READER_H_

#include <cstddef>
#include <istream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "loaders/structured/triple_sink.h"

namespace quarry::loaders::structured {

// Limits that apply to every reader.
struct ReadOptions {
  // A longer line is an error rather than an unbounded allocation.
  size_t max_line_bytes = size_t{64} << 20;
};

// Reads `subject<TAB>predicate<TAB>object` lines; `#` lines and lines of spaces are skipped.
// `file_name` names the input in messages; `document_id` goes into every evidence.
absl::Status ReadTsv(std::istream& in, absl::string_view file_name, absl::string_view document_id,
                     TripleSink& sink, const ReadOptions& options = {});

// Reads one JSON object a line: {"s": NAME, "p": PREDICATE, "o": OBJECT}, where OBJECT is a
// JSON string (a node; a label when "p" is ":label"), a JSON number or boolean (a literal),
// or {"value": V} / {"value": V, "type": T} for a literal, T one of "string", "int",
// "double", "bool", "date". Dates are {"value": "2021-07-28", "type": "date"}; a non-finite
// double is {"value": "NaN" | "Infinity" | "-Infinity", "type": "double"}. Other keys are
// ignored; blank lines are skipped.
absl::Status ReadJsonlTriples(std::istream& in, absl::string_view file_name,
                              absl::string_view document_id, TripleSink& sink,
                              const ReadOptions& options = {});

// Reads N-Triples through serd (a real RDF parser, in strict mode) and maps IRIs, blank
// nodes and typed literals to Quarry terms as ntriples_mapping.h documents.
absl::Status ReadNTriples(std::istream& in, absl::string_view file_name,
                          absl::string_view document_id, TripleSink& sink,
                          const ReadOptions& options = {});

// Dispatches on `format`: "tsv", "nt", "jsonl" or "jsonl-triples". kInvalidArgument for
// any other format (articles are not triples).
absl::Status ReadTriples(absl::string_view format, std::istream& in, absl::string_view file_name,
                         absl::string_view document_id, TripleSink& sink,
                         const ReadOptions& options = {});

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_READER_H_
