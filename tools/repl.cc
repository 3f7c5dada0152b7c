// `quarry repl`: an interactive shell over the same engine, with libedit for line editing
// and history. Statements end at ';' or a blank line; lines starting with '.' are commands.
// When stdin is not a terminal it reads statements from stdin without prompts.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include <editline/readline.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "quarry/database.h"
#include "tools/cli.h"
#include "tools/result_format.h"

namespace quarry::tools {

int PrintWhy(const Database& database, const QueryResult& result, std::ostream& out);

namespace {

std::atomic<bool> g_cancel{false};

void OnInterrupt(int) { g_cancel.store(true); }

constexpr const char* kHelp =
    R"(Enter an openCypher query ending with ';' (or a blank line). Commands:
  .help                 this text
  .schema               labels, relationship types and property keys with counts
  .stats                database counts          .docs   the loaded documents
  .mode table|tsv|csv|json                        .timer on|off
  .explain QUERY        the plan without running it
  .why                  the sentences behind the last result's relationships
  .load PATH            load files or directories
  .quit                 leave (also Ctrl-D)
)";

class Shell {
 public:
  Shell(Database& database, bool interactive) : database_(database), interactive_(interactive) {
    style_.unicode = interactive && IsUtf8Locale();
  }

  // Runs one statement or command; false to quit.
  bool Execute(const std::string& input) {
    std::string text(absl::StripAsciiWhitespace(input));
    if (text.empty()) return true;
    if (text[0] == '.') return Command(text);
    while (!text.empty() && text.back() == ';') text.pop_back();
    RunQuery(text, false);
    return true;
  }

 private:
  static bool IsUtf8Locale() {
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
      const char* value = std::getenv(name);
      if (value != nullptr && *value != '\0') {
        std::string lower = absl::AsciiStrToLower(value);
        return absl::StrContains(lower, "utf-8") || absl::StrContains(lower, "utf8");
      }
    }
    return false;
  }

  void RunQuery(const std::string& text, bool explain_only) {
    g_cancel.store(false);
    QueryOptions options;
    options.cancel = &g_cancel;
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<QueryResult> result =
        database_.Query(explain_only ? absl::StrCat("EXPLAIN ", text) : text, {}, options);
    const double millis =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      std::cerr << "error: " << result.status().message() << "\n";
      return;
    }
    if (!result->plan().empty()) std::cout << result->plan();
    if (!result->columns().empty()) {
      WriteResult(*result, format_, style_, std::cout);
      if (format_ == OutputFormat::kTable && interactive_) {
        std::cout << result->rows().size() << (result->rows().size() == 1 ? " row" : " rows");
        if (timer_) std::cout << absl::StrFormat(" in %.2f ms", millis);
        std::cout << "\n";
      }
    }
    last_ = std::move(*result);
  }

  bool Command(const std::string& text) {
    const size_t space = text.find(' ');
    const std::string name = text.substr(0, space);
    const std::string argument = space == std::string::npos
                                     ? ""
                                     : std::string(absl::StripAsciiWhitespace(text.substr(space)));
    if (name == ".quit" || name == ".exit") return false;
    if (name == ".help") {
      std::cout << kHelp;
    } else if (name == ".mode") {
      absl::StatusOr<OutputFormat> format = ParseOutputFormat(argument);
      if (format.ok()) {
        format_ = *format;
      } else {
        std::cerr << "error: " << format.status().message() << "\n";
      }
    } else if (name == ".timer") {
      timer_ = argument != "off";
    } else if (name == ".explain") {
      RunQuery(argument, true);
    } else if (name == ".why") {
      if (!last_.has_value()) {
        std::cerr << "error: no result yet\n";
      } else {
        PrintWhy(database_, *last_, std::cout);
      }
    } else if (name == ".load") {
      absl::StatusOr<LoadReport> report = database_.Load({argument});
      if (!report.ok()) {
        std::cerr << "error: " << report.status().message() << "\n";
      } else {
        for (const std::string& failure : report->failures)
          std::cerr << "error: " << failure << "\n";
        int64_t triples = 0;
        for (const LoadedDocument& document : report->documents) triples += document.triples_added;
        std::cout << report->documents.size() << " documents, " << triples << " new triples\n";
      }
    } else if (name == ".stats" || name == ".schema") {
      absl::StatusOr<Statistics> stats = database_.GetStatistics();
      if (!stats.ok()) {
        std::cerr << "error: " << stats.status().message() << "\n";
        return true;
      }
      std::cout << "documents: " << stats->documents << "\ntriples: " << stats->triples << "\n";
      std::cout << "labels:\n";
      for (const auto& [label, count] : stats->labels)
        std::cout << "  :" << label << "  " << count << "\n";
      std::cout << "predicates:\n";
      for (const auto& [predicate, count] : stats->predicates) {
        std::cout << "  " << predicate << "  " << count << "\n";
      }
    } else if (name == ".docs") {
      absl::StatusOr<std::vector<DocumentInfo>> documents = database_.ListDocuments();
      if (!documents.ok()) {
        std::cerr << "error: " << documents.status().message() << "\n";
        return true;
      }
      for (const DocumentInfo& document : *documents) {
        std::cout << document.id << "  "
                  << (document.title.empty() ? document.source : document.title) << "  "
                  << document.date << "\n";
      }
    } else {
      std::cerr << "error: unknown command '" << name << "' (try .help)\n";
    }
    return true;
  }

  Database& database_;
  bool interactive_;
  OutputFormat format_ = OutputFormat::kTable;
  TableStyle style_;
  bool timer_ = true;
  std::optional<QueryResult> last_;
};

// Whether `buffer` ends a statement: a ';' outside quotes at the end.
bool StatementComplete(const std::string& buffer) {
  char quote = 0;
  bool complete = false;
  for (size_t index = 0; index < buffer.size(); ++index) {
    const char c = buffer[index];
    if (quote != 0) {
      if (c == '\\') {
        ++index;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == ';') {
      complete = true;
    } else if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      complete = false;
    }
  }
  return complete && quote == 0;
}

}  // namespace

int RunRepl(const CommandLine& command_line) {
  Options options;
  absl::StatusOr<std::unique_ptr<Database>> database =
      Database::Open(command_line.db_path, options);
  if (!database.ok() && absl::IsFailedPrecondition(database.status()) &&
      absl::StrContains(database.status().message(), "locked")) {
    options.read_only = true;  // another process loads: query what is there
    database = Database::Open(command_line.db_path, options);
  }
  if (!database.ok()) return ReportError(database.status());
  const bool interactive = isatty(STDIN_FILENO) != 0;
  Shell shell(**database, interactive);
  signal(SIGINT, OnInterrupt);

  if (!interactive) {
    std::string buffer;
    std::string line;
    while (std::getline(std::cin, line)) {
      const bool blank = absl::StripAsciiWhitespace(line).empty();
      if (buffer.empty() && !blank &&
          absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), ".")) {
        if (!shell.Execute(line)) return kExitOk;
        continue;
      }
      buffer += line + "\n";
      if (blank || StatementComplete(buffer)) {
        if (!shell.Execute(buffer)) return kExitOk;
        buffer.clear();
      }
    }
    shell.Execute(buffer);
    return kExitOk;
  }

  const char* home = std::getenv("HOME");
  const std::string history = home != nullptr ? absl::StrCat(home, "/.quarry_history") : "";
  using_history();
  if (!history.empty()) read_history(history.c_str());
  std::cout << "Quarry " << (*database)->path() << (options.read_only ? " (read-only)" : "")
            << ". Type .help for help.\n";
  std::string buffer;
  while (true) {
    char* raw = readline(buffer.empty() ? "quarry> " : "   ...> ");
    if (raw == nullptr) break;
    std::string line(raw);
    free(raw);
    const bool blank = absl::StripAsciiWhitespace(line).empty();
    if (buffer.empty() && blank) continue;
    if (buffer.empty() && absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), ".")) {
      add_history(line.c_str());
      if (!shell.Execute(line)) break;
      continue;
    }
    buffer += line + "\n";
    if (blank || StatementComplete(buffer)) {
      std::string statement(absl::StripAsciiWhitespace(buffer));
      add_history(statement.c_str());
      buffer.clear();
      if (!shell.Execute(statement)) break;
    }
  }
  if (!history.empty()) write_history(history.c_str());
  std::cout << "\n";
  return kExitOk;
}

}  // namespace quarry::tools
