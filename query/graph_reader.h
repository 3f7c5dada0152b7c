// GraphReader: the engine's view of one snapshot as a property graph (DESIGN.md, "As Cypher
// sees it"): nodes, labels, literal properties, relationships and their evidence-derived
// properties. Caches dictionary lookups for the life of one query. Not thread-safe.
#ifndef QUARRY_QUERY_GRAPH_READER_H_
#define QUARRY_QUERY_GRAPH_READER_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "graph/store.h"
#include "quarry/value.h"
#include "query/ast.h"
#include "query/datum.h"

namespace quarry::query {

// A relationship seen from one of its nodes: the triple and the node at the other end.
struct Edge {
  IdTriple triple;
  TermId other = 0;
};

class GraphReader {
 public:
  explicit GraphReader(const graph::Snapshot& snapshot);
  ~GraphReader();
  GraphReader(const GraphReader&) = delete;
  GraphReader& operator=(const GraphReader&) = delete;

  const graph::Snapshot& snapshot() const { return snapshot_; }
  // Statistics (label sizes) for choosing between seeks and scans; may stay unset. Must
  // outlive the reader.
  void set_stats(const graph::GraphStats* stats) { stats_ = stats; }
  const graph::GraphStats* stats() const { return stats_; }

  // Dictionary lookups; nullopt when the graph has no such predicate/label.
  absl::StatusOr<std::optional<TermId>> PredicateId(const std::string& name);
  absl::StatusOr<std::string> PredicateName(TermId id);
  absl::StatusOr<std::optional<TermId>> LabelId(const std::string& name);
  absl::StatusOr<std::string> LabelName(TermId id);

  // The node whose canonical name is exactly `name` and that appears in some triple.
  absl::StatusOr<std::optional<TermId>> NodeByName(absl::string_view name);
  // Whether `node` appears in some triple (as subject or object).
  absl::StatusOr<bool> NodeExists(TermId node);
  // The node's key: its canonical name, or "_:..." for a blank node.
  absl::StatusOr<std::string> NodeKey(TermId node);
  // Whether a.name = b.name without decoding strings: node ids are interned names, so two
  // named nodes have equal names exactly when they are the same node. Nullopt when either
  // is a blank node (its `name`, if any, is a property: compare the values instead).
  absl::StatusOr<std::optional<bool>> NamesEqual(TermId a, TermId b);

  // One seek per new (node, label); once a label's seeks cost more than scanning its
  // members (PreferScan), the members are read once into a hash set.
  absl::StatusOr<bool> HasLabel(TermId node, TermId label);
  // Learns whether each of `nodes` has `label` at once, so that HasLabel answers them from
  // memory: one scan of the label once the caller's probes (`*probes`, its running count
  // of probes of this label, updated here) cost more, else probes split over two threads.
  absl::Status PrefetchLabel(TermId label, absl::Span<const TermId> nodes, int64_t* probes);
  // The members of a label: a bitmap over their id range when that is dense (ids are
  // dictionary sequence numbers), else a hash set. Shared with later queries through the
  // snapshot's DerivedCache.
  struct LabelSet {
    TermId base = 0;
    std::vector<uint64_t> bits;
    absl::flat_hash_set<TermId> members;
    // Fills from `nodes` (sorted).
    void Assign(const std::vector<TermId>& nodes);
    bool Contains(TermId node) const;
    size_t bytes() const { return bits.size() * 8 + members.size() * 16 + 64; }
  };
  // `label`'s members when they are in memory (then HasLabel never seeks), else null. Valid
  // while this reader lives.
  const LabelSet* KnownLabelMembers(TermId label) { return Members(label).set.get(); }
  absl::StatusOr<std::vector<std::string>> Labels(TermId node);

  // A node property: `name` is the canonical name (null for blank nodes); any other key is
  // the literal object of (node, key, literal). When several literals exist the smallest in
  // ORDER BY order is returned, so results do not depend on load order. Null when absent.
  absl::StatusOr<Datum> NodeProperty(TermId node, const std::string& key);
  // All properties of a node, sorted by key.
  absl::StatusOr<DatumMap> NodeProperties(TermId node);

  // A relationship property: count, confidence, first_seen, last_seen, sources, snippet,
  // or a user property stored with the triple. Null when absent.
  absl::StatusOr<Datum> RelProperty(const IdTriple& rel, const std::string& key);
  // All of a relationship's properties (the snippet only when `with_snippet`).
  absl::StatusOr<DatumMap> RelProperties(const IdTriple& rel, bool with_snippet);

  // Appends the relationships of `node` in `direction` whose type is one of `predicates`
  // (any relationship type when null). An undirected scan lists a self-loop once.
  absl::Status Neighbors(TermId node, Direction direction, const std::vector<TermId>* predicates,
                         std::vector<Edge>* out);
  // The same through `cursor` (one per thread), for lookups run on other threads.
  static absl::Status ReadNeighbors(graph::Cursor& cursor, TermId node, Direction direction,
                                    const std::vector<TermId>* predicates, std::vector<Edge>* out);
  // Whether relationship (s, p, o) exists.
  absl::StatusOr<bool> HasTriple(const IdTriple& triple);

  // Nodes with a label, in id order.
  absl::Status ScanLabel(TermId label, std::vector<TermId>* out);
  // Every node of the graph, in id order.
  absl::Status ScanAllNodes(std::vector<TermId>* out);
  // Subjects of (?, predicate, object).
  absl::Status ScanSubjects(TermId predicate, TermId object, std::vector<TermId>* out);
  // The id of a literal value when the dictionary has it.
  absl::StatusOr<std::optional<TermId>> LiteralId(const Datum& value);
  // Whether some blank node has a literal `name` property equal to `value` (a node's name
  // is its canonical name, but a blank node's is its smallest `name` literal).
  absl::StatusOr<bool> SomeBlankNodeNamed(const Datum& value);

  // The public form of a value: nodes with name, labels and properties, and so on.
  absl::StatusOr<Value> ToValue(const Datum& value);

 private:
  absl::StatusOr<Datum> DecodeLiteral(TermId id);
  absl::StatusOr<std::optional<proto::TripleMeta>> Meta(const IdTriple& rel);
  absl::StatusOr<Datum> Snippet(const proto::TripleMeta& meta);

  // A label's probes so far, and its members once scanned (or found in the DerivedCache).
  struct LabelMembers {
    int64_t probes = 0;
    bool cache_checked = false;
    std::shared_ptr<const LabelSet> set;
    // Probes earlier queries made for want of the set (DerivedCache::AddCost), and the
    // seeks this reader made, recorded there when it is destroyed.
    int64_t prior = 0;
    int64_t made = 0;
  };
  // The state of `label`, with the members a previous query scanned when the cache has them.
  LabelMembers& Members(TermId label);

  const graph::Snapshot& snapshot_;
  graph::Cursor cursor_;
  absl::flat_hash_map<std::string, std::optional<TermId>> predicate_ids_;
  absl::flat_hash_map<TermId, std::string> predicate_names_;
  absl::flat_hash_map<std::string, std::optional<TermId>> label_ids_;
  absl::flat_hash_map<TermId, std::string> label_names_;
  const graph::GraphStats* stats_ = nullptr;
  absl::flat_hash_map<std::pair<TermId, TermId>, bool> has_label_;
  absl::flat_hash_map<TermId, LabelMembers> label_members_;
  // Whether `node` has `label`: one seek through `cursor`.
  static absl::StatusOr<bool> ProbeLabel(graph::Cursor& cursor, TermId node, TermId label);
  // Reads the members of `label` (about `expected` of them) into `members`.
  absl::Status ScanMembers(TermId label, int64_t expected, LabelMembers* members);

  absl::flat_hash_map<TermId, std::string> node_keys_;
  absl::flat_hash_map<TermId, bool> blank_nodes_;
  absl::flat_hash_map<TermId, Datum> literals_;
  absl::flat_hash_map<std::string, std::optional<proto::Document>> documents_;
};

// Converts a stored date to a Datum; null for an unset date.
Datum DateDatum(const proto::Date& date);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_GRAPH_READER_H_
