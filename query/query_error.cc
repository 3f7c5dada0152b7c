// Renders located query errors with a caret line.
#include "query/query_error.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace quarry::query {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string FormatQueryError(absl::string_view query, int offset, absl::string_view message) {
  size_t position = std::min<size_t>(std::max(offset, 0), query.size());
  size_t line_start = 0;
  int line = 1;
  for (size_t index = 0; index < position; ++index) {
    if (query[index] == '\n') {
      ++line;
      line_start = index + 1;
    }
  }
  size_t line_end = query.find('\n', line_start);
  if (line_end == absl::string_view::npos) line_end = query.size();
  absl::string_view line_text = query.substr(line_start, line_end - line_start);
  if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);
  // The caret line copies tabs so that the caret lines up under tab-indented text.
  std::string caret = "  ";
  int column = 1;
  for (size_t index = line_start; index < position; ++index) {
    if (IsContinuationByte(query[index])) continue;
    caret.push_back(query[index] == '\t' ? '\t' : ' ');
    ++column;
  }
  caret.push_back('^');
  return absl::StrCat("line ", line, ", column ", column, ": ", message, "\n  ", line_text, "\n",
                      caret);
}

absl::Status QuerySyntaxError(absl::string_view query, int offset, absl::string_view message) {
  return absl::InvalidArgumentError(FormatQueryError(query, offset, message));
}

absl::Status QueryUnsupportedError(absl::string_view query, int offset, absl::string_view message) {
  return absl::UnimplementedError(FormatQueryError(query, offset, message));
}

}  // namespace quarry::query
