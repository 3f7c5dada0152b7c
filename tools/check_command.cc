// `quarry check [--repair]`: verifies the database end to end; exit 1 when inconsistent.
#include <cstdint>
#include <iostream>
#include <map>
#include <string>

#include "quarry/check.h"
#include "tools/cli.h"

namespace quarry::tools {
namespace {

constexpr const char* kCheckUsage = "usage: quarry [--db DIR] check [--repair]\n";

void PrintCounts(const char* title, const std::map<std::string, int64_t>& counts) {
  for (const auto& [kind, count] : counts) {
    std::cout << title << kind << ": " << count << "\n";
  }
}

}  // namespace

// Declared here rather than in cli.h: the dispatcher in quarry_main.cc declares it too.
int RunCheck(const CommandLine& command_line);

int RunCheck(const CommandLine& command_line) {
  bool repair = false;
  for (const std::string& arg : command_line.args) {
    if (arg == "--repair") {
      repair = true;
    } else {
      std::cerr << "quarry: unknown argument '" << arg << "'\n" << kCheckUsage;
      return kExitUsage;
    }
  }
  absl::StatusOr<CheckReport> report = CheckDatabase(command_line.db_path, repair);
  if (!report.ok()) return ReportError(report.status());
  PrintCounts("", report->notes);
  if (report->problems.empty()) {
    std::cout << "ok: no inconsistencies\n";
    return kExitOk;
  }
  PrintCounts("problem ", report->problems);
  for (const std::string& example : report->examples) std::cout << "  e.g. " << example << "\n";
  if (!report->repaired) return kExitUserError;
  if (report->remaining.empty()) {
    std::cout << "repaired: no inconsistencies left\n";
    return kExitOk;
  }
  PrintCounts("left after repair ", report->remaining);
  return kExitUserError;
}

}  // namespace quarry::tools
