// `quarry`: the command-line front end of the library. Parses the global options and hands
// the rest to one command; see DESIGN.md for the contract.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/match.h"
#include "tools/cli.h"

namespace quarry::tools {
// tools/check_command.cc
int RunCheck(const CommandLine& command_line);
// tools/extract_command.cc, tools/ingest_command.cc
int RunExtract(const CommandLine& command_line);
int RunIngest(const CommandLine& command_line);
}  // namespace quarry::tools

namespace {

constexpr const char* kUsage = R"(usage: quarry [--db DIR] [--ascii] COMMAND ...

DIR: --db, else $QUARRY_DB, else ./quarry.db; --ascii: tables without box drawing

commands:
  load [--format auto|text|markdown|html|jsonl|tsv|nt] [--dry-run] [--gazetteer FILE]... PATH|- ...
  extract [--format F] [--gazetteer FILE]... [--lines A-B] PATH|- ... -o OUT|-   TripleBatch stream, no database
  ingest [--commit-every N] STREAM|DIR|- ...  load `extract` streams (as `load` would), idempotently
  query [--format table|tsv|csv|json] [--param NAME=VALUE]... [--timeout MS] QUERY | -f FILE | -
  repl [--ascii]               an interactive shell (reads queries from stdin when not a terminal)
  why QUERY                    each result row with the sentences behind its relationships
  export --format nt|tsv|jsonl|dot [--query QUERY] [-o FILE]
  stats                        counts of triples, documents, predicates and labels
  docs                         the loaded documents: ID, title or source, date, format, triples
  unload DOC_ID                retract one document's evidence
  eval --gold GOLD.tsv PATH... extraction precision/recall per relation
  check [--repair]             verify the database (exit 1 when inconsistent); rebuild derived data
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace quarry::tools;
  CommandLine command_line;
  const char* env_db = std::getenv("QUARRY_DB");
  command_line.db_path = env_db != nullptr && *env_db != '\0' ? env_db : "quarry.db";

  int index = 1;
  for (; index < argc; ++index) {
    const std::string arg = argv[index];
    if (arg == "--db") {
      if (index + 1 >= argc) {
        std::cerr << "quarry: --db needs a directory\n" << kUsage;
        return kExitUsage;
      }
      command_line.db_path = argv[++index];
    } else if (arg == "--ascii") {
      command_line.ascii = true;
    } else if (absl::StartsWith(arg, "--db=")) {
      command_line.db_path = arg.substr(5);
    } else if (arg == "-h" || arg == "--help" || arg == "help") {
      std::cout << kUsage;
      return kExitOk;
    } else {
      break;
    }
  }
  if (index >= argc) {
    if (isatty(STDIN_FILENO)) return RunRepl(command_line);
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[index++];
  for (; index < argc; ++index) command_line.args.emplace_back(argv[index]);

  if (command == "load") return RunLoad(command_line);
  if (command == "query") return RunQuery(command_line);
  if (command == "repl") return RunRepl(command_line);
  if (command == "why") return RunWhy(command_line);
  if (command == "export") return RunExport(command_line);
  if (command == "stats") return RunStats(command_line);
  if (command == "docs") return RunDocs(command_line);
  if (command == "unload") return RunUnload(command_line);
  if (command == "eval") return RunEval(command_line);
  if (command == "check") return RunCheck(command_line);
  if (command == "extract") return RunExtract(command_line);
  if (command == "ingest") return RunIngest(command_line);
  std::cerr << "quarry: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}
