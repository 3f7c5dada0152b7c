// Tab completion for the REPL: what may follow the cursor in a query or a dot-command.
#ifndef QUARRY_TOOLS_COMPLETION_H_
#define QUARRY_TOOLS_COMPLETION_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "quarry/database.h"

namespace quarry::tools {

// Completes words of a line from the query language and the database: keywords and
// dot-commands, labels and relationship types after ':', property keys after '.', and node
// names inside a quoted string.
class Completer {
 public:
  explicit Completer(const Database& database) : database_(database) {}

  // Forgets the cached labels, types and keys (after a load).
  void Invalidate() { loaded_ = false; }

  // The replacements for `line[word_start, cursor)`, each a full replacement of that word,
  // sorted. Inside a quoted string the name prefix starts after the quote even if it holds
  // spaces; the replacement then covers only the part from `word_start` and ends with the
  // closing quote.
  std::vector<std::string> Complete(absl::string_view line, size_t word_start, size_t cursor);

 private:
  void Load();

  const Database& database_;
  bool loaded_ = false;
  std::vector<std::string> labels_and_types_;
  std::vector<std::string> keys_;
};

}  // namespace quarry::tools

#endif  // QUARRY_TOOLS_COMPLETION_H_
