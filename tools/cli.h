// The `quarry` command line: shared pieces of the commands (arguments, errors, opening).
#ifndef QUARRY_TOOLS_CLI_H_
#define QUARRY_TOOLS_CLI_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "quarry/database.h"

namespace quarry::tools {

// Exit statuses of the contract in DESIGN.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitUsage = 2;

// The arguments after the command name, with the global options already taken.
struct CommandLine {
  std::string db_path;
  // --ascii: tables in plain ASCII even on a UTF-8 terminal.
  bool ascii = false;
  std::vector<std::string> args;
};

// Thrown-free usage errors: a command returns this to exit 2 with its usage.
struct UsageError {
  std::string message;
};

// Prints "quarry: MESSAGE" for `status` on stderr and returns the exit status (1).
int ReportError(const absl::Status& status);

// Prints "quarry: MESSAGE" and the command's usage on stderr; returns the exit status (2).
int Usage(const std::string& message, const char* usage);

// Takes the value of the option at args[index] from args[index + 1], advancing `index`;
// false when it is missing.
bool TakeValue(const std::vector<std::string>& args, size_t& index, std::string* value);

// What a load or an ingest did, summed over its documents.
struct LoadTotals {
  int64_t loaded = 0;
  int64_t already_present = 0;
  int64_t triples_added = 0;
  // Each document's own triples, counted once per document.
  int64_t triples_stated = 0;
};
LoadTotals SumLoadReport(const LoadReport& report);

// Opens the database for the command.
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const CommandLine& command_line,
                                                       bool read_only);

// Parses a --param value: integers, floats, true/false, null, quoted strings; anything else
// is a string.
Value ParseParamValue(const std::string& text);

// Commands; each returns the exit status.
int RunLoad(const CommandLine& command_line);
int RunQuery(const CommandLine& command_line);
int RunRepl(const CommandLine& command_line);
int RunExport(const CommandLine& command_line);
int RunStats(const CommandLine& command_line);
int RunDocs(const CommandLine& command_line);
int RunUnload(const CommandLine& command_line);
int RunEval(const CommandLine& command_line);
int RunWhy(const CommandLine& command_line);

}  // namespace quarry::tools

#endif  // QUARRY_TOOLS_CLI_H_
