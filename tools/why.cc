// `quarry why QUERY`: each result row, then for each relationship in it the sentences that
// support it, most confident first, with the two mentions' sentence quoted.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "quarry/database.h"
#include "tools/cli.h"
#include "tools/result_format.h"

namespace quarry::tools {
namespace {

void CollectRelationships(const Value& value, std::vector<Relationship>* out) {
  if (value.is<Relationship>()) {
    out->push_back(value.as<Relationship>());
  } else if (value.is<Path>()) {
    for (const Relationship& relationship : value.as<Path>().relationships)
      out->push_back(relationship);
  } else if (value.is<List>()) {
    for (const Value& item : value.as<List>()) CollectRelationships(item, out);
  }
}

void CollectNames(const Value& value, std::map<uint64_t, std::string>* names) {
  if (value.is<Node>()) {
    (*names)[value.as<Node>().id] = value.as<Node>().name;
  } else if (value.is<Path>()) {
    for (const Node& node : value.as<Path>().nodes) (*names)[node.id] = node.name;
  } else if (value.is<List>()) {
    for (const Value& item : value.as<List>()) CollectNames(item, names);
  }
}

// Where `needle` occurs in `text` ignoring ASCII case, at a word start; npos when nowhere.
size_t FindWord(absl::string_view text, absl::string_view needle) {
  if (needle.empty()) return absl::string_view::npos;
  for (size_t at = 0; at + needle.size() <= text.size(); ++at) {
    if (at > 0 && absl::ascii_isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    if (absl::EqualsIgnoreCase(text.substr(at, needle.size()), needle)) return at;
  }
  return absl::string_view::npos;
}

// The byte range of a mention of `name` in `sentence`: the whole name, else its last word
// (a surname), else its first; nullopt when none occurs.
std::optional<std::pair<size_t, size_t>> FindMention(absl::string_view sentence,
                                                     const std::string& name) {
  std::vector<absl::string_view> words = absl::StrSplit(name, ' ', absl::SkipEmpty());
  std::vector<absl::string_view> tries = {name};
  if (words.size() > 1) {
    tries.push_back(words.back());
    tries.push_back(words.front());
  }
  for (absl::string_view candidate : tries) {
    const size_t at = FindWord(sentence, candidate);
    if (at != absl::string_view::npos) return std::make_pair(at, at + candidate.size());
  }
  return std::nullopt;
}

// The sentence with the two mentions between `on` and `off`: the endpoints' names when the
// sentence names them, else the evidence span.
std::string Highlight(const EvidenceInfo& info, const std::string& start_name,
                      const std::string& end_name, const char* on, const char* off) {
  const std::string& sentence = info.sentence;
  if (*on == '\0') return sentence;
  std::vector<std::pair<size_t, size_t>> ranges;
  for (const std::string* name : {&start_name, &end_name}) {
    if (name->empty()) continue;
    if (auto range = FindMention(sentence, *name)) ranges.push_back(*range);
  }
  if (ranges.empty() && info.end > info.begin && info.begin >= info.sentence_begin &&
      info.end - info.sentence_begin <= sentence.size()) {
    ranges.push_back({info.begin - info.sentence_begin, info.end - info.sentence_begin});
  }
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  size_t done = 0;
  for (const auto& [begin, end] : ranges) {
    if (begin < done) continue;  // overlapping mentions: keep the first
    out.append(sentence, done, begin - done);
    out += on;
    out.append(sentence, begin, end - begin);
    out += off;
    done = end;
  }
  out.append(sentence, done, std::string::npos);
  return out;
}

}  // namespace

int PrintWhy(const Database& database, const QueryResult& result, std::ostream& out) {
  const bool terminal = isatty(STDOUT_FILENO) != 0;
  const char* bold = terminal ? "\033[1m" : "";
  const char* reset = terminal ? "\033[0m" : "";
  int row_number = 0;
  for (const std::vector<Value>& row : result.rows()) {
    ++row_number;
    out << bold << "row " << row_number << ":" << reset;
    for (size_t column = 0; column < row.size() && column < result.columns().size(); ++column) {
      out << " " << result.columns()[column] << "=" << TableText(row[column]);
    }
    out << "\n";
    std::vector<Relationship> relationships;
    std::map<uint64_t, std::string> names;
    for (const Value& value : row) {
      CollectRelationships(value, &relationships);
      CollectNames(value, &names);
    }
    if (relationships.empty()) {
      out << "  (no relationship in this row: return one, e.g. MATCH (a)-[r:met]-(b) RETURN a, r, "
             "b)\n";
    }
    for (const Relationship& relationship : relationships) {
      absl::StatusOr<std::vector<EvidenceInfo>> evidence = database.Evidence(relationship);
      if (!evidence.ok()) return ReportError(evidence.status());
      const std::string& start_name = names[relationship.start];
      const std::string& end_name = names[relationship.end];
      out << "  ";
      if (!start_name.empty() && !end_name.empty()) {
        out << start_name << " -[" << relationship.type << "]-> " << end_name;
      } else {
        out << relationship.type;
      }
      out << " (" << evidence->size() << " source" << (evidence->size() == 1 ? "" : "s") << ")\n";
      for (const EvidenceInfo& info : *evidence) {
        out << absl::StrFormat("    [%.2f] %s%s%s", info.confidence, info.document,
                               info.date.empty() ? "" : ", ", info.date);
        if (!info.event_date.empty() || !info.event_place.empty()) {
          out << " (event:" << (info.event_date.empty() ? "" : " ") << info.event_date
              << (info.event_place.empty() ? "" : " in ") << info.event_place << ")";
        }
        out << " — " << info.rule << "\n";
        if (!info.sentence.empty()) {
          out << "      \"" << Highlight(info, start_name, end_name, bold, reset) << "\"\n";
        }
      }
    }
  }
  return kExitOk;
}

int RunWhy(const CommandLine& command_line) {
  if (command_line.args.size() != 1) {
    std::cerr << "quarry: why needs one QUERY\nusage: quarry why QUERY\n";
    return kExitUsage;
  }
  if (command_line.args[0].size() > 1 && command_line.args[0][0] == '-') {
    std::cerr << "quarry: unknown option '" << command_line.args[0]
              << "'\nusage: quarry why QUERY\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<Database>> database = OpenDatabase(command_line, true);
  if (!database.ok()) return ReportError(database.status());
  absl::StatusOr<QueryResult> result = (*database)->Query(command_line.args[0]);
  if (!result.ok()) {
    std::cerr << "error: " << result.status().message() << "\n";
    return kExitUserError;
  }
  return PrintWhy(**database, *result, std::cout);
}

}  // namespace quarry::tools
