// Query errors that show where: "line L, column C: message", then the query line and a
// caret under the spot. Every phase reports through here so errors look the same.
#ifndef QUARRY_QUERY_QUERY_ERROR_H_
#define QUARRY_QUERY_QUERY_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace quarry::query {

// The message text for an error at byte `offset` of `query`: "line L, column C: message"
// followed by a newline, the query line indented by two spaces, a newline and a caret line.
// Columns count code points from 1. An offset at or past the end points after the text.
std::string FormatQueryError(absl::string_view query, int offset, absl::string_view message);

// kInvalidArgument with FormatQueryError's message.
absl::Status QuerySyntaxError(absl::string_view query, int offset, absl::string_view message);

// kUnimplemented (valid openCypher outside the supported subset) with a located message.
absl::Status QueryUnsupportedError(absl::string_view query, int offset, absl::string_view message);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_QUERY_ERROR_H_
