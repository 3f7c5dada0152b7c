// `quarry extract`: the loader pipeline without a database, writing TripleBatch streams for
// `quarry ingest` (the per-worker stage of a scale-out load).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "quarry/ingest.h"
#include "quarry/load.h"
#include "tools/cli.h"

namespace quarry::tools {
namespace {

constexpr const char* kExtractUsage =
    "quarry extract [--format auto|text|markdown|html|jsonl|tsv|nt] [--gazetteer FILE]... "
    "PATH|- ... -o OUT|-";

int ExtractUsage(const std::string& message) { return Usage(message, kExtractUsage); }

}  // namespace

// Writes the stream to OUT through .OUT.tmp.PID beside it and a rename, so a killed run leaves no
// partial OUT; `-o -` writes to stdout.
int RunExtract(const CommandLine& command_line) {
  LoadOptions options;
  std::string output;
  std::vector<std::string> paths;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (arg == "--format" || arg == "--gazetteer" || arg == "-o") {
      if (index + 1 >= args.size()) return ExtractUsage(arg + " needs a value");
      const std::string& value = args[++index];
      if (arg == "--format") {
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
  if (output == "-") {
    absl::Status status = ExtractToStream(paths, options, std::cout);
    return status.ok() ? kExitOk : ReportError(status);
  }
  // Hidden (a leading dot), so that `quarry ingest DIR` skips what a killed run leaves.
  const size_t slash = output.rfind('/');
  const std::string temporary = slash == std::string::npos
                                    ? absl::StrCat(".", output, ".tmp.", getpid())
                                    : absl::StrCat(output.substr(0, slash + 1), ".",
                                                   output.substr(slash + 1), ".tmp.", getpid());
  absl::Status status;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      status = absl::PermissionDeniedError(absl::StrCat(temporary, ": cannot open for writing"));
    } else {
      status = ExtractToStream(paths, options, out);
      out.close();
      if (status.ok() && !out) {
        status = absl::DataLossError(absl::StrCat(temporary, ": write error"));
      }
    }
  }
  if (status.ok() && std::rename(temporary.c_str(), output.c_str()) != 0) {
    status = absl::PermissionDeniedError(absl::StrCat(output, ": cannot rename into place"));
  }
  if (!status.ok()) {
    std::remove(temporary.c_str());
    return ReportError(status);
  }
  return kExitOk;
}

}  // namespace quarry::tools
