// Helpers for the graph/ tests: building batches, resolving triples to ids, recounting
// statistics from the indexes, and dumping the whole store for "nothing changed" checks.
#ifndef QUARRY_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define QUARRY_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "graph/term.h"
#include "proto/quarry.pb.h"

namespace quarry::graph {

// Lets GoogleTest print triples of ids in failure messages.
inline void PrintTo(const IdTriple& triple, std::ostream* out) {
  *out << "(" << triple.subject << ", " << triple.predicate << ", " << triple.object << ")";
}

namespace testing {

// A triple without evidence (Apply then records the batch's default evidence).
proto::Triple MakeTriple(const proto::Term& subject, absl::string_view predicate,
                         const proto::Term& object);

// A batch for document `document_id` (title "title of <id>") with `triples`.
proto::TripleBatch MakeBatch(absl::string_view document_id, std::vector<proto::Triple> triples);

// The id of `term`; fails the test (and returns 0) when the dictionary lacks it.
TermId IdOf(const Snapshot& snapshot, const proto::Term& term);
// The id of `predicate`; fails the test (and returns 0) when unknown.
TermId PredicateIdOf(const Snapshot& snapshot, absl::string_view predicate);

// The ids of a proto triple, nullopt when one of its terms is not in the dictionary.
std::optional<IdTriple> ResolveTriple(const Snapshot& snapshot, const proto::Triple& triple);

// The triples matching `pattern`, in scan order; fails the test on a read error.
std::vector<IdTriple> ScanToVector(const Snapshot& snapshot, const TriplePattern& pattern);
// Every triple in the store.
std::set<IdTriple> AllTriples(const Snapshot& snapshot);

// The eight pattern shapes that contain `triple`: (s,p,o), (s,p,?), ..., (?,?,?).
std::vector<TriplePattern> PatternsContaining(const IdTriple& triple);

// The document ids of a triple's evidence, sorted (with repeats); empty when absent.
std::vector<std::string> EvidenceDocuments(const Snapshot& snapshot, const IdTriple& triple);

// Statistics recounted from the spo index and the docs family.
GraphStats Recount(const Snapshot& snapshot);
// Expects ReadStats() to equal `expected` field by field.
void ExpectStatsEqual(const GraphStats& actual, const GraphStats& expected);
// Expects ReadStats() to equal a full recount.
void ExpectStatsMatchRecount(const Snapshot& snapshot);

// Every key and value of every column family, for "the store did not change" checks.
std::map<std::pair<int, std::string>, std::string> DumpStore(const Snapshot& snapshot);
// As DumpStore, with each doc_triples entry split into runs of one triple (empty values):
// where a document's runs end is not part of the format, so two stores with the same
// triples per document dump the same.
std::map<std::pair<int, std::string>, std::string> DumpStoreByTriple(const Snapshot& snapshot);

}  // namespace testing
}  // namespace quarry::graph

#endif  // QUARRY_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
