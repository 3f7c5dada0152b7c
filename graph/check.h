// The integrity check of a store directory: every invariant of graph/layout.h verified end to
// end, and a repair that rebuilds the derived column families from `spo` and `docs`.
#ifndef QUARRY_GRAPH_CHECK_H_
#define QUARRY_GRAPH_CHECK_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace quarry::graph {

// Kinds of inconsistency, as reported (stable names, used by tests and the CLI):
//   format_version            missing, unreadable or not a version this build reads
//   next_term                 the term counter is missing, malformed, or not above every id
//   term_dictionary           a forward entry without its reverse entry, or the reverse
//   malformed_key             a key of the wrong length in spo, pos, osp, doc_triples, names
//   malformed_value           an spo value that is not a TripleMeta, a doc that is not a
//                             Document, a doc_triples value that is not whole triples
//                             ascending after its key's, a stats value that is not a counter
//   unresolvable_term         a triple or name refers to an id the dictionary does not have
//   missing_pos, missing_osp  a triple of spo absent from pos / osp
//   extra_pos, extra_osp      an entry of pos / osp whose triple is not in spo
//   triple_without_evidence   an spo triple with no evidence
//   evidence_unknown_document evidence naming a document that is not loaded
//   evidence_without_doc_triple  evidence of document D without the doc_triples entry
//   doc_triple_without_evidence  a doc_triples entry whose triple lacks D's evidence
//   doc_triple_unknown_document  a doc_triples entry of a document that is not loaded
//   missing_name              a named node or alias without its `names` entry
//   stats_mismatch            a stats counter that differs from a full recount
// `stale_names` (entries left by unloads, allowed by the store contract) is counted in
// `notes`, not as an inconsistency.
struct StoreCheckReport {
  // Inconsistency kind -> count; only kinds with a non-zero count appear.
  std::map<std::string, int64_t> problems;
  // Informational counts: triples, documents, terms, stale_names.
  std::map<std::string, int64_t> notes;
  // Up to a few human-readable examples, for the first problems found.
  std::vector<std::string> examples;
  // Whether a repair ran, and the problems left after it (those a rebuild cannot fix).
  bool repaired = false;
  std::map<std::string, int64_t> remaining;

  int64_t total_problems() const {
    int64_t total = 0;
    for (const auto& [kind, count] : problems) total += count;
    return total;
  }
};

// Checks the store at `path`. Without `repair` the directory is opened read-only (so it may
// run while another process loads; it sees the state as of the open). With `repair` it is
// opened for writing (kFailedPrecondition "locked" while another process has it open), and
// when problems were found pos, osp, names, doc_triples and stats are rebuilt from spo and
// docs, then the check runs again into `remaining`. Errors: kNotFound (no database),
// kFailedPrecondition (not a Quarry database, or locked), kDataLoss (RocksDB corruption).
// Memory: proportional to the number of distinct predicates, labels and documents, not to
// the number of triples.
absl::StatusOr<StoreCheckReport> CheckStore(absl::string_view path, bool repair);

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_CHECK_H_
