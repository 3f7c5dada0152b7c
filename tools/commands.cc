// The `quarry` commands over the public API: load, query, export, stats, docs, unload, eval.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "quarry/database.h"
#include "quarry/eval.h"
#include "quarry/load.h"
#include "tools/cli.h"
#include "tools/output_file.h"
#include "tools/result_format.h"

namespace quarry::tools {

int Usage(const std::string& message, const char* usage) {
  std::cerr << "quarry: " << message << "\nusage: " << usage << "\n";
  return kExitUsage;
}

bool TakeValue(const std::vector<std::string>& args, size_t& index, std::string* value) {
  if (index + 1 >= args.size()) return false;
  *value = args[++index];
  return true;
}

namespace {

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  if (path == "-") {
    std::ostringstream contents;
    contents << std::cin.rdbuf();
    return contents.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string HumanBytes(int64_t bytes) {
  if (bytes >= (1 << 20)) return absl::StrFormat("%.1f MB", bytes / 1048576.0);
  if (bytes >= 1024) return absl::StrFormat("%.1f KB", bytes / 1024.0);
  return absl::StrCat(bytes, " B");
}

}  // namespace

int ReportError(const absl::Status& status) {
  std::cerr << "quarry: " << status.message() << "\n";
  return kExitUserError;
}

LoadTotals SumLoadReport(const LoadReport& report) {
  LoadTotals totals;
  for (const LoadedDocument& document : report.documents) {
    if (document.already_present) {
      ++totals.already_present;
      continue;
    }
    ++totals.loaded;
    totals.triples_added += document.triples_added;
    totals.triples_stated += document.triples_in_document;
  }
  return totals;
}

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const CommandLine& command_line,
                                                       bool read_only) {
  Options options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  return Database::Open(command_line.db_path, options);
}

Value ParseParamValue(const std::string& text) {
  int64_t integer;
  if (absl::SimpleAtoi(text, &integer)) return Value(integer);
  double number;
  if (text.find_first_of(".eE") != std::string::npos && absl::SimpleAtod(text, &number)) {
    return Value(number);
  }
  if (text == "true") return Value(true);
  if (text == "false") return Value(false);
  if (text == "null") return Value();
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    return Value(text.substr(1, text.size() - 2));
  }
  return Value(text);
}

int RunLoad(const CommandLine& command_line) {
  constexpr const char* kLoadUsage =
      "quarry load [--format auto|text|markdown|html|jsonl|tsv|nt] [--dry-run] "
      "[--gazetteer FILE]... [--sort-memory MB] [--commit-every N] PATH|- ...";
  LoadOptions options;
  bool dry_run = false;
  std::vector<std::string> paths;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (arg == "--format") {
      if (!TakeValue(args, index, &options.format))
        return Usage("--format needs a value", kLoadUsage);
    } else if (arg == "--gazetteer") {
      std::string file;
      if (!TakeValue(args, index, &file)) return Usage("--gazetteer needs a file", kLoadUsage);
      options.gazetteers.push_back(file);
    } else if (arg == "--dry-run") {
      dry_run = true;
    } else if (arg == "--sort-memory") {
      std::string megabytes;
      if (!TakeValue(args, index, &megabytes) ||
          !absl::SimpleAtoi(megabytes, &options.sort_memory_mb) || options.sort_memory_mb < 1) {
        return Usage("--sort-memory needs a whole number of MiB, 1 or more", kLoadUsage);
      }
    } else if (arg == "--commit-every") {
      std::string documents;
      if (!TakeValue(args, index, &documents) ||
          !absl::SimpleAtoi(documents, &options.article_group_documents) ||
          options.article_group_documents < 1) {
        return Usage("--commit-every needs a whole number of articles, 1 or more", kLoadUsage);
      }
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return Usage(absl::StrCat("unknown option '", arg, "'"), kLoadUsage);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) return Usage("load needs at least one PATH", kLoadUsage);
  static const char* kFormats[] = {"auto", "text", "markdown", "html", "jsonl", "tsv", "nt"};
  if (std::find(std::begin(kFormats), std::end(kFormats), options.format) == std::end(kFormats)) {
    return Usage(absl::StrCat("unknown format '", options.format, "'"), kLoadUsage);
  }
  if (dry_run) {
    absl::StatusOr<ExtractReport> report = ExtractToText(paths, options, std::cout);
    if (!report.ok()) return ReportError(report.status());
    for (const std::string& failure : report->failures) std::cerr << "quarry: " << failure << "\n";
    return report->failures.empty() ? kExitOk : kExitUserError;
  }

  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, false);
  if (!database.ok()) return ReportError(database.status());
  const bool show_progress = isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  ProgressCallback progress = nullptr;
  if (show_progress) {
    progress = [start](const LoadProgress& p) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double fraction =
          p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / p.bytes_total : 1.0;
      const int filled = static_cast<int>(fraction * 30);
      const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
      // "\033[K" clears what a longer previous line left.
      // While a large file is bulk-loaded, its triples read so far count too.
      const int64_t triples = p.triples_added + p.triples_read;
      std::fprintf(
          stderr, "\r[%s%s] %lld/%lld files  %s of %s  %lld triples  %.0f triples/s  %s\033[K",
          std::string(filled, '#').c_str(), std::string(30 - filled, '.').c_str(),
          static_cast<long long>(p.files_done), static_cast<long long>(p.files_total),
          HumanBytes(p.bytes_done).c_str(), HumanBytes(p.bytes_total).c_str(),
          static_cast<long long>(triples), seconds > 0 ? triples / seconds : 0.0,
          p.writing_indexes ? "writing indexes" : absl::StrFormat("ETA %.0fs", eta).c_str());
    };
  }
  absl::StatusOr<LoadReport> report = (*database)->Load(paths, options, progress);
  if (show_progress) std::fprintf(stderr, "\n");
  if (!report.ok()) return ReportError(report.status());
  const LoadTotals totals = SumLoadReport(*report);
  for (const std::string& failure : report->failures) std::cerr << "quarry: " << failure << "\n";
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << absl::StrFormat(
      "loaded %d documents (%d already present, %d failed), %d new triples, %s in %.2fs\n",
      totals.loaded, totals.already_present, report->failures.size(), totals.triples_added,
      HumanBytes(report->bytes_read), seconds);
  return report->failures.empty() ? kExitOk : kExitUserError;
}

int RunQuery(const CommandLine& command_line) {
  constexpr const char* kQueryUsage =
      "quarry query [--format table|tsv|csv|json] [--ascii] [--param NAME=VALUE]... "
      "[--timeout MS] QUERY | -f FILE | -";
  std::string format_name = "table";
  std::string text;
  bool have_text = false;
  Params params;
  QueryOptions options;
  bool ascii = command_line.ascii;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    std::string value;
    if (arg == "--format") {
      if (!TakeValue(args, index, &format_name))
        return Usage("--format needs a value", kQueryUsage);
    } else if (arg == "--ascii") {
      ascii = true;
    } else if (arg == "--param") {
      if (!TakeValue(args, index, &value)) return Usage("--param needs NAME=VALUE", kQueryUsage);
      const size_t equals = value.find('=');
      if (equals == std::string::npos || equals == 0) {
        return Usage(absl::StrCat("--param '", value, "' is not NAME=VALUE"), kQueryUsage);
      }
      params[value.substr(0, equals)] = ParseParamValue(value.substr(equals + 1));
    } else if (arg == "--timeout") {
      if (!TakeValue(args, index, &value) || !absl::SimpleAtoi(value, &options.timeout_ms)) {
        return Usage("--timeout needs milliseconds", kQueryUsage);
      }
    } else if (arg == "-f") {
      if (!TakeValue(args, index, &value)) return Usage("-f needs a file", kQueryUsage);
      absl::StatusOr<std::string> contents = ReadAll(value);
      if (!contents.ok()) return ReportError(contents.status());
      text = *contents;
      have_text = true;
    } else if (arg == "-") {
      absl::StatusOr<std::string> contents = ReadAll("-");
      if (!contents.ok()) return ReportError(contents.status());
      text = *contents;
      have_text = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] == '-') {
      return Usage(absl::StrCat("unknown option '", arg, "'"), kQueryUsage);
    } else if (!have_text) {
      text = arg;
      have_text = true;
    } else {
      return Usage("give one QUERY (quote it)", kQueryUsage);
    }
  }
  if (!have_text) return Usage("query needs a QUERY", kQueryUsage);
  absl::StatusOr<OutputFormat> format = ParseOutputFormat(format_name);
  if (!format.ok()) return Usage(std::string(format.status().message()), kQueryUsage);

  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, true);
  if (!database.ok()) return ReportError(database.status());
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<QueryResult> result = (*database)->Query(text, params, options);
  const double millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!result.ok()) {
    std::cerr << "error: " << result.status().message() << "\n";
    return kExitUserError;
  }
  // The plan of EXPLAIN is the output; PROFILE's goes to stderr in the machine-readable
  // formats, so that their stdout still parses.
  if (!result->plan().empty()) {
    (*format == OutputFormat::kTable || !result->executed() ? std::cout : std::cerr)
        << result->plan();
  }
  if (result->executed() && !result->columns().empty()) {
    TableStyle style;
    style.unicode = !ascii && IsUtf8Locale();
    WriteResult(*result, *format, style, std::cout);
    // On a terminal, a table ends with its row count and time (never in files or pipes).
    if (*format == OutputFormat::kTable && isatty(STDOUT_FILENO) != 0) {
      const size_t rows = result->rows().size();
      std::cout << absl::StrFormat("%d row%s in %.2f ms\n", rows, rows == 1 ? "" : "s", millis);
    }
  }
  return kExitOk;
}

int RunExport(const CommandLine& command_line) {
  constexpr const char* kExportUsage =
      "quarry export --format nt|tsv|jsonl|dot [--query QUERY] [-o FILE]";
  std::string format;
  std::string query;
  std::string output;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (arg == "--format") {
      if (!TakeValue(args, index, &format)) return Usage("--format needs a value", kExportUsage);
    } else if (arg == "--query") {
      if (!TakeValue(args, index, &query)) return Usage("--query needs a query", kExportUsage);
    } else if (arg == "-o") {
      if (!TakeValue(args, index, &output)) return Usage("-o needs a file", kExportUsage);
    } else {
      return Usage(absl::StrCat("unexpected argument '", arg, "'"), kExportUsage);
    }
  }
  if (format != "nt" && format != "tsv" && format != "jsonl" && format != "dot") {
    return Usage("--format must be nt, tsv, jsonl or dot", kExportUsage);
  }
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, true);
  if (!database.ok()) return ReportError(database.status());
  if (output.empty() || output == "-") {
    absl::Status status = (*database)->Export(format, query, std::cout);
    return status.ok() ? kExitOk : ReportError(status);
  }
  absl::Status status = WriteOutputFile(
      output, [&](std::ostream& out) { return (*database)->Export(format, query, out); });
  if (!status.ok()) return ReportError(status);
  return kExitOk;
}

int RunStats(const CommandLine& command_line) {
  if (!command_line.args.empty()) return Usage("stats takes no arguments", "quarry stats");
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, true);
  if (!database.ok()) return ReportError(database.status());
  absl::StatusOr<Statistics> stats = (*database)->GetStatistics();
  if (!stats.ok()) return ReportError(stats.status());
  std::cout << "documents\t" << stats->documents << "\n";
  std::cout << "triples\t" << stats->triples << "\n";
  for (const auto& [label, count] : stats->labels) {
    std::cout << "label\t" << label << "\t" << count << "\n";
  }
  for (const auto& [predicate, count] : stats->predicates) {
    std::cout << "predicate\t" << predicate << "\t" << count << "\n";
  }
  return kExitOk;
}

int RunDocs(const CommandLine& command_line) {
  if (!command_line.args.empty()) return Usage("docs takes no arguments", "quarry docs");
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, true);
  if (!database.ok()) return ReportError(database.status());
  absl::StatusOr<std::vector<DocumentInfo>> documents = (*database)->ListDocuments();
  if (!documents.ok()) return ReportError(documents.status());
  for (const DocumentInfo& document : *documents) {
    std::cout << document.id << "\t" << (document.title.empty() ? document.source : document.title)
              << "\t" << document.date << "\t" << document.format << "\t" << document.triples
              << "\n";
  }
  return kExitOk;
}

int RunUnload(const CommandLine& command_line) {
  if (command_line.args.size() != 1)
    return Usage("unload needs one DOC_ID", "quarry unload DOC_ID");
  if (command_line.args[0].size() > 1 && command_line.args[0][0] == '-') {
    return Usage(absl::StrCat("unknown option '", command_line.args[0], "'"),
                 "quarry unload DOC_ID");
  }
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, false);
  if (!database.ok()) return ReportError(database.status());
  absl::StatusOr<UnloadSummary> unloaded = (*database)->Unload(command_line.args[0]);
  if (!unloaded.ok()) return ReportError(unloaded.status());
  std::cerr << "unloaded " << command_line.args[0] << ": " << unloaded->triples_removed
            << " triples removed, " << unloaded->triples_kept << " kept with other evidence\n";
  return kExitOk;
}

int RunEval(const CommandLine& command_line) {
  constexpr const char* kEvalUsage = "quarry eval --gold GOLD.tsv [--gazetteer FILE]... PATH...";
  std::string gold;
  LoadOptions options;
  std::vector<std::string> paths;
  const std::vector<std::string>& args = command_line.args;
  for (size_t index = 0; index < args.size(); ++index) {
    std::string value;
    if (args[index] == "--gold") {
      if (!TakeValue(args, index, &gold)) return Usage("--gold needs a file", kEvalUsage);
    } else if (args[index] == "--gazetteer") {
      if (!TakeValue(args, index, &value)) return Usage("--gazetteer needs a file", kEvalUsage);
      options.gazetteers.push_back(value);
    } else if (args[index] == "--format") {
      if (!TakeValue(args, index, &options.format))
        return Usage("--format needs a value", kEvalUsage);
    } else if (args[index].size() > 1 && args[index][0] == '-') {
      return Usage(absl::StrCat("unknown option '", args[index], "'"), kEvalUsage);
    } else {
      paths.push_back(args[index]);
    }
  }
  if (gold.empty() || paths.empty()) return Usage("eval needs --gold and a PATH", kEvalUsage);
  absl::StatusOr<std::string> report = EvaluateExtraction(gold, paths, options);
  if (!report.ok()) return ReportError(report.status());
  std::cout << *report;
  return kExitOk;
}

}  // namespace quarry::tools
