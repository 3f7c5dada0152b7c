// `quarry repl`: an interactive shell over the same engine, with libedit for line editing
// and history. Statements end at ';' or a blank line; lines starting with '.' are commands.
// When stdin is not a terminal it reads statements from stdin without prompts.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <editline/readline.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "quarry/database.h"
#include "tools/cli.h"
#include "tools/completion.h"
#include "tools/draw.h"
#include "tools/result_format.h"

namespace quarry::tools {

int PrintWhy(const Database& database, const QueryResult& result, std::ostream& out);

namespace {

std::atomic<bool> g_cancel{false};

void OnInterrupt(int) { g_cancel.store(true); }

constexpr const char* kHelp =
    R"(Enter an openCypher query ending with ';' (or a blank line). Tab completes keywords,
labels and types after ':', property keys after '.', and names inside quotes. Commands:
  .help                 this text
  .schema               labels, relationship types and property keys with counts
  .stats                database counts by label and predicate
  .docs                 the loaded documents
  .mode table|tsv|csv|json                        .timer on|off
  .explain QUERY        the plan without running it
  .why                  the sentences behind the last result's relationships
  .draw [FILE]          the last result as a picture: FILE.svg or FILE.png through Graphviz,
                        FILE.dot, or quarry-result.dot when no FILE is given
  .load PATH            load files or directories
  .quit                 leave (also Ctrl-D)
)";

class Shell {
 public:
  Shell(Database& database, bool interactive, bool ascii)
      : database_(database), interactive_(interactive), completer_(database) {
    style_.unicode = interactive && !ascii && IsUtf8Locale();
  }

  Completer& completer() { return completer_; }
  // Whether a statement or command failed.
  bool failed() const { return failed_; }

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
  void Error(absl::string_view message) {
    std::cout.flush();
    std::cerr << "error: " << message << "\n";
    failed_ = true;
  }

  // The prompt loop clears the cancel flag before reading each line, so a Ctrl-C typed
  // between reading the statement and starting it still cancels it.
  void RunQuery(const std::string& text, bool explain_only) {
    QueryOptions options;
    options.cancel = &g_cancel;
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<QueryResult> result =
        database_.Query(explain_only ? absl::StrCat("EXPLAIN ", text) : text, {}, options);
    const double millis =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      Error(result.status().message());
      return;
    }
    if (!result->plan().empty()) std::cout << result->plan();
    if (result->executed() && !result->columns().empty()) {
      WriteResult(*result, format_, style_, std::cout);
      if (format_ == OutputFormat::kTable && interactive_) {
        std::cout << result->rows().size() << (result->rows().size() == 1 ? " row" : " rows");
        if (timer_) std::cout << absl::StrFormat(" in %.2f ms", millis);
        std::cout << "\n";
      }
    }
    if (!explain_only) {
      last_ = std::move(*result);
      last_text_ = text;
    }
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
        Error(format.status().message());
      }
    } else if (name == ".timer") {
      timer_ = argument != "off";
    } else if (name == ".explain") {
      RunQuery(argument, true);
    } else if (name == ".why") {
      if (!last_.has_value()) {
        Error("no result yet: run a query first");
      } else {
        PrintWhy(database_, *last_, std::cout);
      }
    } else if (name == ".draw") {
      if (!last_.has_value()) {
        Error("no result yet: run a query that returns nodes or relationships first");
      } else {
        absl::StatusOr<std::string> drawn = Draw(database_, last_text_, argument);
        if (drawn.ok()) {
          std::cout << *drawn << "\n";
        } else {
          Error(drawn.status().message());
        }
      }
    } else if (name == ".load") {
      if (argument.empty()) {
        Error(".load needs a PATH");
        return true;
      }
      absl::StatusOr<LoadReport> report = database_.Load({argument});
      completer_.Invalidate();
      if (!report.ok()) {
        Error(report.status().message());
      } else {
        for (const std::string& failure : report->failures) Error(failure);
        int64_t triples = 0;
        for (const LoadedDocument& document : report->documents) triples += document.triples_added;
        std::cout << report->documents.size() << " documents, " << triples << " new triples\n";
      }
    } else if (name == ".stats" || name == ".schema") {
      absl::StatusOr<Statistics> stats = database_.GetStatistics();
      if (!stats.ok()) {
        Error(stats.status().message());
        return true;
      }
      if (name == ".stats") {
        std::cout << "documents: " << stats->documents << "\ntriples: " << stats->triples << "\n";
      }
      std::cout << "labels:\n";
      for (const auto& [label, count] : stats->labels)
        std::cout << "  :" << label << "  " << count << "\n";
      if (name == ".stats") {
        std::cout << "predicates:\n";
        for (const auto& [predicate, count] : stats->predicates)
          std::cout << "  " << predicate << "  " << count << "\n";
        return true;
      }
      // A predicate is a relationship type when one of its triples links two nodes, else
      // a property key.
      std::vector<std::pair<std::string, int64_t>> types;
      std::vector<std::pair<std::string, int64_t>> keys;
      for (const auto& entry : stats->predicates) {
        if (entry.first.empty() || entry.first[0] == ':') continue;
        absl::StatusOr<QueryResult> probe =
            database_.Query(absl::StrCat("MATCH ()-[r:`", entry.first, "`]->() RETURN 1 LIMIT 1"));
        (probe.ok() && !probe->rows().empty() ? types : keys).push_back(entry);
      }
      std::cout << "relationship types:\n";
      for (const auto& [type, count] : types) std::cout << "  :" << type << "  " << count << "\n";
      std::cout << "property keys:\n  name\n";
      for (const auto& [key, count] : keys) std::cout << "  " << key << "  " << count << "\n";
    } else if (name == ".docs") {
      absl::StatusOr<std::vector<DocumentInfo>> documents = database_.ListDocuments();
      if (!documents.ok()) {
        Error(documents.status().message());
        return true;
      }
      for (const DocumentInfo& document : *documents) {
        std::cout << document.id << "  "
                  << (document.title.empty() ? document.source : document.title) << "  "
                  << document.date << "\n";
      }
    } else {
      Error(absl::StrCat("unknown command '", name, "' (try .help)"));
    }
    return true;
  }

  Database& database_;
  bool interactive_;
  OutputFormat format_ = OutputFormat::kTable;
  TableStyle style_;
  bool timer_ = true;
  bool failed_ = false;
  Completer completer_;
  std::optional<QueryResult> last_;
  std::string last_text_;
};

// libedit's completion hooks reach the shell through these.
Completer* g_completer = nullptr;
std::vector<std::string> g_matches;

char* NextMatch(const char*, int state) {
  static size_t next = 0;
  if (state == 0) next = 0;
  if (next >= g_matches.size()) return nullptr;
  return strdup(g_matches[next++].c_str());
}

char** AttemptCompletion(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;
  if (g_completer == nullptr || rl_line_buffer == nullptr) return nullptr;
  const std::string line(rl_line_buffer, std::strlen(rl_line_buffer));
  g_matches = g_completer->Complete(line, static_cast<size_t>(start), static_cast<size_t>(end));
  if (g_matches.empty()) return nullptr;
  // Names end with their closing quote; keywords and the rest take a space.
  const std::string& first = g_matches.front();
  const bool quoted = !first.empty() && (first.back() == '\'' || first.back() == '"');
  rl_completion_append_character = quoted ? '\0' : ' ';
  return rl_completion_matches(text, NextMatch);
}

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
  bool ascii = command_line.ascii;
  for (const std::string& arg : command_line.args) {
    if (arg == "--ascii") {
      ascii = true;
    } else {
      std::cerr << "quarry: unexpected argument '" << arg << "'\nusage: quarry repl [--ascii]\n";
      return kExitUsage;
    }
  }
  const bool interactive = isatty(STDIN_FILENO) != 0;
  Shell shell(**database, interactive, ascii);
  signal(SIGINT, OnInterrupt);

  if (!interactive) {
    std::string buffer;
    std::string line;
    while (std::getline(std::cin, line)) {
      const bool blank = absl::StripAsciiWhitespace(line).empty();
      if (buffer.empty() && !blank &&
          absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), ".")) {
        if (!shell.Execute(line)) break;
        continue;
      }
      buffer += line + "\n";
      if (blank || StatementComplete(buffer)) {
        if (!shell.Execute(buffer)) break;
        buffer.clear();
      }
    }
    if (std::cin.eof()) shell.Execute(buffer);
    return shell.failed() ? kExitUserError : kExitOk;
  }

  const char* home = std::getenv("HOME");
  const std::string history = home != nullptr ? absl::StrCat(home, "/.quarry_history") : "";
  using_history();
  if (!history.empty()) read_history(history.c_str());
  g_completer = &shell.completer();
  // ':' and '.' end words too, so that labels, types and keys complete after them.
  static char word_breaks[] = " \t\n\"\\'`@$><=;|&{(:.[,)]";
  rl_basic_word_break_characters = word_breaks;
  rl_completer_word_break_characters = word_breaks;
  rl_attempted_completion_function = AttemptCompletion;
  std::cout << "Quarry " << (*database)->path() << (options.read_only ? " (read-only)" : "")
            << ". Type .help for help.\n";
  std::string buffer;
  while (true) {
    g_cancel.store(false);
    char* raw = readline(buffer.empty() ? "quarry> " : "   ...> ");
    if (raw == nullptr) {
      // Ctrl-C at the prompt drops the statement being typed; only Ctrl-D (EOF) leaves.
      if (g_cancel.load()) {
        std::cout << "\n";
        buffer.clear();
        continue;
      }
      break;
    }
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
  g_completer = nullptr;
  std::cout << "\n";
  return kExitOk;
}

}  // namespace quarry::tools
