// The embedded graph database: open a directory, load documents, query with openCypher.
// This header and the others in include/quarry/ are the whole public API.
#ifndef QUARRY_DATABASE_H_
#define QUARRY_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "quarry/load.h"
#include "quarry/query_result.h"
#include "quarry/value.h"

namespace quarry {

namespace proto {
class TripleBatch;
}  // namespace proto

class DatabaseImpl;

// How to open a database.
struct Options {
  // Create the database when the directory does not exist or is empty.
  bool create_if_missing = true;
  // Open for reading only. Does not take the writer's lock, so it works while another
  // process loads; it sees the database as of Open.
  bool read_only = false;
  // Memory for what queries build and later queries reuse while the database is unchanged
  // (the adjacency lists of hash joins, label sets; any write discards them). 0 turns the
  // reuse off: every query then builds its own.
  size_t query_cache_bytes = size_t{512} << 20;
};

// The outcome of loading one document.
struct LoadSummary {
  std::string document_id;
  // The document was loaded before; nothing changed.
  bool already_present = false;
  // Triples new to the graph, and distinct triples the document supports.
  int64_t triples_added = 0;
  int64_t triples_in_document = 0;
};

// The outcome of unloading one document.
struct UnloadSummary {
  int64_t triples_removed = 0;
  int64_t triples_kept = 0;
};

// A triple as text: subject and object by canonical name (or literal text), for scans.
struct TripleText {
  std::string subject;
  std::string predicate;
  // The object as a Value: a node (by name), a label, or a literal.
  Value object;
};

// A pattern for Database::Match: an unset position matches anything. `subject` and a node
// `object` are given by canonical name.
struct MatchPattern {
  std::optional<std::string> subject;
  std::optional<std::string> predicate;
  std::optional<Value> object;
};

// Counts kept by the database.
struct Statistics {
  int64_t triples = 0;
  int64_t documents = 0;
  // (predicate, triple count), by predicate name.
  std::vector<std::pair<std::string, int64_t>> predicates;
  // (label, node count), by label name.
  std::vector<std::pair<std::string, int64_t>> labels;
};

// A loaded document, without its text.
struct DocumentInfo {
  std::string id;
  std::string title;
  std::string source;
  // ISO date "YYYY-MM-DD" (parts may be "00"), or empty.
  std::string date;
  std::string format;
  int64_t triples = 0;
};

// One piece of evidence behind a relationship, for `why`.
struct EvidenceInfo {
  std::string document_id;
  // The document's title, else its source.
  std::string document;
  // The document's date, "YYYY-MM-DD", or empty.
  std::string date;
  int sentence_index = -1;
  // The supporting sentence (empty for structured input), and the mention's byte span in
  // the document.
  std::string sentence;
  uint32_t begin = 0;
  uint32_t end = 0;
  // The byte offset of `sentence` in the document, so that [begin, end) - sentence_begin is
  // the mention's span within `sentence`.
  uint32_t sentence_begin = 0;
  std::string rule;
  double confidence = 0;
  std::string event_date;
  std::string event_place;
};

// An open database. Thread-safe: any number of threads may query while one loads.
class Database {
 public:
  // Opens or creates the database in directory `path`. Errors: kNotFound (missing and
  // !create_if_missing), kFailedPrecondition ("database is locked by another process", or
  // not a Quarry database), kDataLoss (corrupt), kUnimplemented (newer format version).
  static absl::StatusOr<std::unique_ptr<Database>> Open(absl::string_view path,
                                                        const Options& options = {});
  ~Database();

  // Loads one document and the triples it supports, atomically. Loading a document already
  // present changes nothing. kInvalidArgument on a malformed batch (nothing written);
  // kFailedPrecondition when opened read-only.
  absl::StatusOr<LoadSummary> Apply(const proto::TripleBatch& batch);

  // Removes the evidence of document `id` (a hex content hash) and the triples left with
  // none, atomically. kNotFound when no such document is loaded.
  absl::StatusOr<UnloadSummary> Unload(absl::string_view id);

  // The triples matching `pattern`, from one snapshot, in index order.
  absl::StatusOr<std::vector<TripleText>> Match(const MatchPattern& pattern) const;

  // Runs an openCypher query on one snapshot. A statement of CREATE clauses instead writes
  // its nodes and relationships as one new document (kFailedPrecondition when read-only). Errors:
  // kInvalidArgument (syntax or type error, message with line, column and a caret), kUnimplemented
  // (openCypher outside the supported subset), kResourceExhausted (row budget), kDeadlineExceeded
  // (time budget), kCancelled (options.cancel was set).
  absl::StatusOr<QueryResult> Query(absl::string_view text, const Params& params = {},
                                    const QueryOptions& options = {}) const;

  // Loads files: structured triples (TSV, JSONL, N-Triples; a file is one document) and
  // articles (text, Markdown, HTML, JSONL; each article is one document). Each document is
  // atomic; a failing input is reported in LoadReport::failures and the others still load.
  // kNotFound for a missing path; kFailedPrecondition when read-only.
  absl::StatusOr<LoadReport> Load(const std::vector<std::string>& paths,
                                  const LoadOptions& options = {},
                                  const ProgressCallback& progress = nullptr);

  // Writes the graph (or, with a non-empty `query`, the nodes and relationships its rows
  // return) to `out` as "tsv", "jsonl" or "nt" (which Load reads back to the same triples)
  // or "dot" (Graphviz). kInvalidArgument for an unknown format or a bad query.
  absl::Status Export(absl::string_view format, absl::string_view query, std::ostream& out) const;

  // The evidence behind a relationship returned by Query, most confident first. An empty
  // list when the relationship no longer exists.
  absl::StatusOr<std::vector<EvidenceInfo>> Evidence(const Relationship& relationship) const;

  // Canonical names of nodes whose name or alias starts with `prefix` ignoring case, sorted
  // and distinct, at most `limit` of them (for completion).
  absl::StatusOr<std::vector<std::string>> NamesWithPrefix(absl::string_view prefix,
                                                           size_t limit) const;

  // Counts kept by the database, from one snapshot.
  absl::StatusOr<Statistics> GetStatistics() const;
  // The loaded documents in id order.
  absl::StatusOr<std::vector<DocumentInfo>> ListDocuments() const;

  // The directory the database lives in.
  const std::string& path() const;

  // For the library's own modules: the implementation behind this facade.
  DatabaseImpl* impl() const { return impl_.get(); }

 private:
  explicit Database(std::unique_ptr<DatabaseImpl> impl);
  std::unique_ptr<DatabaseImpl> impl_;
};

}  // namespace quarry

#endif  // QUARRY_DATABASE_H_
