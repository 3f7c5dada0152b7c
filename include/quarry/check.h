// Verifying a database end to end, and repairing the data derived from its triples.
#ifndef QUARRY_CHECK_H_
#define QUARRY_CHECK_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace quarry {

// What CheckDatabase found. The kinds of inconsistency (keys of `problems`) are:
// format_version, next_term, term_dictionary, malformed_key, malformed_value,
// unresolvable_term, missing_pos, missing_osp, extra_pos, extra_osp, triple_without_evidence,
// evidence_unknown_document, evidence_without_doc_triple, doc_triple_without_evidence,
// doc_triple_unknown_document, missing_name, stats_mismatch.
struct CheckReport {
  // Kind -> number found; only non-zero kinds appear. Empty for a consistent database.
  std::map<std::string, int64_t> problems;
  // Informational counts: "triples", "documents", "terms", "stale_names" (names entries of
  // nodes whose triples were all unloaded, which the format allows).
  std::map<std::string, int64_t> notes;
  // A few examples of the problems, one line each.
  std::vector<std::string> examples;
  // Whether a repair ran (only when asked and problems were found), and the problems left
  // after it: those a rebuild from the triples cannot fix (e.g. an unresolvable term id).
  bool repaired = false;
  std::map<std::string, int64_t> remaining;
};

// Checks the database in directory `path`: every triple in all three index permutations and
// nowhere else, every term id resolvable, document triples and evidence agreeing both ways,
// the statistics equal to a recount, and the format version. Without `repair` it opens the
// directory read-only, so it may run while another process loads (it sees the state as of
// its start). With `repair` it needs the writer's lock and, when problems were found,
// rebuilds the permutations pos and osp, the names index, the document-triple index and the
// statistics from the triples and documents, then checks again. The database must not be
// open for writing in this process. Errors: kNotFound (no database at `path`),
// kFailedPrecondition (not a Quarry database, or "database is locked by another process"
// with `repair`), kDataLoss (storage corruption). Thread-safe.
absl::StatusOr<CheckReport> CheckDatabase(absl::string_view path, bool repair = false);

}  // namespace quarry

#endif  // QUARRY_CHECK_H_
