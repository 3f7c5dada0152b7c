// `quarry extract`: the loader pipeline without a database, writing TripleBatch streams for
// `quarry ingest` (the per-worker stage of a scale-out load).
#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "quarry/ingest.h"
#include "quarry/load.h"
#include "tools/cli.h"
#include "tools/output_file.h"

namespace quarry::tools {
namespace {

constexpr const char* kExtractUsage =
    "quarry extract [--format auto|text|markdown|html|jsonl|tsv|nt] [--gazetteer FILE]... "
    "[--lines FIRST-LAST] PATH|- ... -o OUT|-";

int ExtractUsage(const std::string& message) { return Usage(message, kExtractUsage); }

}  // namespace

// Writes the stream to OUT (see WriteOutputFile: a killed run leaves no partial OUT); `-o -`
// writes to stdout. `--lines FIRST-LAST` extracts only those lines of one JSONL file of
// articles, so that several tasks can share a large file. Inputs that fail are named on stderr and
// left out (exit 1), as `load` leaves them out, so that ingesting the output gives the graph `load`
// gives.
int RunExtract(const CommandLine& command_line) {
  LoadOptions options;
  std::optional<LineRange> lines;  // --lines: a part of one JSONL file of articles
  std::string output;
  std::vector<std::string> paths;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (arg == "--format" || arg == "--gazetteer" || arg == "-o" || arg == "--lines") {
      if (index + 1 >= args.size()) return ExtractUsage(arg + " needs a value");
      const std::string& value = args[++index];
      if (arg == "--lines") {
        std::pair<std::string, std::string> bounds = absl::StrSplit(value, absl::MaxSplits('-', 1));
        LineRange range;
        if (!absl::SimpleAtoi(bounds.first, &range.first) ||
            !absl::SimpleAtoi(bounds.second, &range.last) || range.first < 1 ||
            range.last < range.first) {
          return ExtractUsage("--lines needs FIRST-LAST, line numbers from 1 with FIRST <= LAST");
        }
        lines = range;
      } else if (arg == "--format") {
        options.format = value;
      } else if (arg == "--gazetteer") {
        options.gazetteers.push_back(value);
      } else {
        output = value;
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      return ExtractUsage(absl::StrCat("unknown option '", arg, "'"));
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) return ExtractUsage("extract needs at least one PATH");
  if (output.empty()) return ExtractUsage("extract needs -o OUT (or -o - for stdout)");
  static const char* kFormats[] = {"auto", "text", "markdown", "html", "jsonl", "tsv", "nt"};
  if (std::find(std::begin(kFormats), std::end(kFormats), options.format) == std::end(kFormats)) {
    return ExtractUsage(absl::StrCat("unknown format '", options.format, "'"));
  }
  absl::StatusOr<ExtractReport> report;
  if (output == "-") {
    report = ExtractToStream(paths, options, std::cout, lines ? &*lines : nullptr);
  } else {
    absl::Status written = WriteOutputFile(output, [&](std::ostream& out) {
      report = ExtractToStream(paths, options, out, lines ? &*lines : nullptr);
      return report.status();
    });
    if (!written.ok()) return ReportError(written);
  }
  if (!report.ok()) return ReportError(report.status());
  // As `load` does: each failed input named, the others written, exit 1.
  for (const std::string& failure : report->failures) std::cerr << "quarry: " << failure << "\n";
  return report->failures.empty() ? kExitOk : kExitUserError;
}

}  // namespace quarry::tools
