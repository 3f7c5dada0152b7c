// `quarry ingest`: loads TripleBatch streams written by `quarry extract` (any number of
// workers) into the database, with a progress bar on a terminal.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "quarry/ingest.h"
#include "quarry/load.h"
#include "tools/cli.h"

namespace quarry::tools {

// Prints a summary line on stderr; exit 1 when the ingest fails (the database unchanged
// for unreadable streams; with --commit-every N, the groups before a corrupt batch stay).
int RunIngest(const CommandLine& command_line) {
  constexpr const char* kIngestUsage = "quarry ingest [--commit-every N] STREAM|DIR|- ...";
  IngestOptions options;
  std::vector<std::string> paths;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (arg == "--commit-every") {
      std::string documents;
      if (!TakeValue(args, index, &documents) ||
          !absl::SimpleAtoi(documents, &options.group_documents) || options.group_documents < 1) {
        return Usage("--commit-every needs a whole number of documents, 1 or more", kIngestUsage);
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      return Usage(absl::StrCat("unknown option '", arg, "'"), kIngestUsage);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) return Usage("ingest needs at least one PATH", kIngestUsage);
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, false);
  if (!database.ok()) return ReportError(database.status());
  const bool show_progress = isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  auto seconds_since_start = [start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  ProgressCallback progress = nullptr;
  if (show_progress) {
    progress = [&](const LoadProgress& p) {
      if (p.documents % 256 != 0 && p.files_done != p.files_total) return;
      const double seconds = seconds_since_start();
      const double fraction =
          p.files_total > 0 ? static_cast<double>(p.files_done) / p.files_total : 1.0;
      const int filled = static_cast<int>(fraction * 30);
      std::fprintf(stderr, "\r[%s%s] %lld/%lld streams  %lld documents  %lld triples  %.0f/s\033[K",
                   std::string(filled, '#').c_str(), std::string(30 - filled, '.').c_str(),
                   static_cast<long long>(p.files_done), static_cast<long long>(p.files_total),
                   static_cast<long long>(p.documents), static_cast<long long>(p.triples_added),
                   seconds > 0 ? p.triples_added / seconds : 0.0);
    };
  }
  absl::StatusOr<LoadReport> report = IngestStreams(**database, paths, progress, options);
  if (show_progress) std::fprintf(stderr, "\n");
  if (!report.ok()) return ReportError(report.status());
  const LoadTotals totals = SumLoadReport(*report);
  std::fprintf(stderr,
               "ingested %lld documents (%lld already present), %lld triples added (%lld "
               "stated, counting each document's once) in %.1fs\n",
               static_cast<long long>(totals.loaded),
               static_cast<long long>(totals.already_present),
               static_cast<long long>(totals.triples_added),
               static_cast<long long>(totals.triples_stated), seconds_since_start());
  return kExitOk;
}

}  // namespace quarry::tools
