// Internal helpers shared by the three readers: evidence for a line and error messages
// with a location. Not part of the library's interface.
#ifndef QUARRY_LOADERS_STRUCTURED_READER_COMMON_H_
#define QUARRY_LOADERS_STRUCTURED_READER_COMMON_H_

#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "loaders/structured/line_reader.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured::internal {

// Fills `evidence` for the reader's current line.
inline void SetLineEvidence(const LineReader& lines, absl::string_view document_id,
                            absl::string_view rule, proto::Evidence* evidence) {
  constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
  evidence->set_document_id(std::string(document_id));
  evidence->set_sentence_index(-1);
  evidence->mutable_span()->set_begin(static_cast<uint32_t>(std::min(lines.line_offset(), kMax)));
  evidence->mutable_span()->set_end(
      static_cast<uint32_t>(std::min(lines.line_offset() + lines.line().size(), kMax)));
  evidence->set_rule(std::string(rule));
  evidence->set_confidence(1.0f);
}

// kInvalidArgument "FILE:LINE:COL: message" for the current line; `column` is 1-based.
inline absl::Status LineError(absl::string_view file_name, const LineReader& lines, size_t column,
                              absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat(file_name, ":", lines.line_number(), ":", column, ": ", message));
}

// The error for a stream that held no triples: empty, or only blanks and comments.
inline absl::Status NoTriplesError(absl::string_view file_name, const LineReader& lines) {
  if (lines.bytes_read() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(file_name, ": empty file, no triples"));
  }
  return absl::InvalidArgumentError(absl::StrCat(file_name, ": no triples"));
}

}  // namespace quarry::loaders::structured::internal

#endif  // QUARRY_LOADERS_STRUCTURED_READER_COMMON_H_
