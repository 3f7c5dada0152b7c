// `quarry why QUERY`: each result row, then for each relationship in it the sentences that
// support it, most confident first, with the two mentions' sentence quoted.
#include <unistd.h>

#include <iostream>

#include "absl/strings/str_format.h"
#include "quarry/database.h"
#include "tools/cli.h"
#include "tools/result_format.h"

namespace quarry::tools {
namespace {

void CollectRelationships(const Value& value, std::vector<Relationship>* out) {
  if (value.is<Relationship>()) {
    out->push_back(value.as<Relationship>());
  } else if (value.is<Path>()) {
    for (const Relationship& relationship : value.as<Path>().relationships)
      out->push_back(relationship);
  } else if (value.is<List>()) {
    for (const Value& item : value.as<List>()) CollectRelationships(item, out);
  }
}

}  // namespace

int PrintWhy(const Database& database, const QueryResult& result, std::ostream& out) {
  const bool terminal = isatty(STDOUT_FILENO) != 0;
  const char* bold = terminal ? "\033[1m" : "";
  const char* reset = terminal ? "\033[0m" : "";
  int row_number = 0;
  for (const std::vector<Value>& row : result.rows()) {
    ++row_number;
    out << bold << "row " << row_number << ":" << reset;
    for (size_t column = 0; column < row.size() && column < result.columns().size(); ++column) {
      out << " " << result.columns()[column] << "=" << CellText(row[column]);
    }
    out << "\n";
    std::vector<Relationship> relationships;
    for (const Value& value : row) CollectRelationships(value, &relationships);
    if (relationships.empty()) {
      out << "  (no relationship in this row: return one, e.g. MATCH (a)-[r:met]-(b) RETURN a, r, "
             "b)\n";
    }
    for (const Relationship& relationship : relationships) {
      absl::StatusOr<std::vector<EvidenceInfo>> evidence = database.Evidence(relationship);
      if (!evidence.ok()) return ReportError(evidence.status());
      out << "  " << relationship.type << " (" << evidence->size() << " source"
          << (evidence->size() == 1 ? "" : "s") << ")\n";
      for (const EvidenceInfo& info : *evidence) {
        out << absl::StrFormat("    [%.2f] %s%s%s", info.confidence, info.document,
                               info.date.empty() ? "" : ", ", info.date);
        if (!info.event_date.empty() || !info.event_place.empty()) {
          out << " (event: " << info.event_date << (info.event_place.empty() ? "" : " in ")
              << info.event_place << ")";
        }
        out << " — " << info.rule << "\n";
        if (!info.sentence.empty()) out << "      \"" << info.sentence << "\"\n";
      }
    }
  }
  return kExitOk;
}

int RunWhy(const CommandLine& command_line) {
  if (command_line.args.size() != 1) {
    std::cerr << "quarry: why needs one QUERY\nusage: quarry why QUERY\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, true);
  if (!database.ok()) return ReportError(database.status());
  absl::StatusOr<QueryResult> result = (*database)->Query(command_line.args[0]);
  if (!result.ok()) {
    std::cerr << "error: " << result.status().message() << "\n";
    return kExitUserError;
  }
  return PrintWhy(**database, *result, std::cout);
}

}  // namespace quarry::tools
