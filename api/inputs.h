// Reading the inputs of load, extract and ingest: whole files or stdin, and each file's
// format.
#ifndef QUARRY_API_INPUTS_H_
#define QUARRY_API_INPUTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace quarry {

// All the bytes of `path` ("-" is stdin). Errors name the path.
absl::StatusOr<std::string> ReadInput(const std::string& path);

// The format of one input: `requested` ("auto", "jsonl" or a format name), resolved by the
// extension of `path` and the first bytes of its content, `head`.
absl::StatusOr<std::string> ChooseFormat(absl::string_view requested, absl::string_view path,
                                         absl::string_view head);

// Whether `format` (as ChooseFormat returns it) holds triples rather than articles.
bool IsStructuredFormat(absl::string_view format);

}  // namespace quarry

#endif  // QUARRY_API_INPUTS_H_
