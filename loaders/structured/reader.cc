// ReadTriples: picks the reader for a format name.
#include "loaders/structured/reader.h"

#include "absl/strings/str_cat.h"

namespace quarry::loaders::structured {

absl::Status ReadTriples(absl::string_view format, std::istream& in, absl::string_view file_name,
                         absl::string_view document_id, TripleSink& sink,
                         const ReadOptions& options) {
  if (format == "tsv") return ReadTsv(in, file_name, document_id, sink, options);
  if (format == "nt") return ReadNTriples(in, file_name, document_id, sink, options);
  if (format == "jsonl" || format == "jsonl-triples") {
    return ReadJsonlTriples(in, file_name, document_id, sink, options);
  }
  return absl::InvalidArgumentError(
      absl::StrCat(file_name, ": not a triple format: '", format, "' (expected tsv, nt or jsonl)"));
}

}  // namespace quarry::loaders::structured
