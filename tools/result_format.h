// Renders query results for the command line: aligned tables, TSV, CSV and JSON.
#ifndef QUARRY_TOOLS_RESULT_FORMAT_H_
#define QUARRY_TOOLS_RESULT_FORMAT_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "quarry/query_result.h"

namespace quarry::tools {

enum class OutputFormat { kTable, kTsv, kCsv, kJson };

// Parses "table", "tsv", "csv" or "json"; kInvalidArgument otherwise.
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name);

struct TableStyle {
  // Unicode box drawing; plain ASCII when false.
  bool unicode = true;
  // Cells longer than this are cut with an ellipsis (table mode only).
  size_t max_cell_width = 60;
};

// Whether the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8.
bool IsUtf8Locale();

// Writes `result` in `format`. TSV and CSV start with a header line of column names.
void WriteResult(const QueryResult& result, OutputFormat format, const TableStyle& style,
                 std::ostream& out);

// A value as a table or TSV/CSV cell: strings bare, other values in Cypher literal syntax.
std::string CellText(const Value& value);

// A value as a table cell: strings bare, nodes as (:Person {name: "Lena Varga"}), relationships
// as [:met], strings inside lists and maps in double quotes.
std::string TableText(const Value& value);

// A value as JSON.
std::string ValueToJson(const Value& value);

}  // namespace quarry::tools

#endif  // QUARRY_TOOLS_RESULT_FORMAT_H_
