// Helpers shared by the expanding operators: relationship types resolved to predicate ids,
// a bounded per-operator cache of adjacency lists (or, past a threshold, every list of the
// types built at once from one sequential scan: the build side of a hash join), and the
// relationship-uniqueness test.
#ifndef QUARRY_QUERY_ADJACENCY_H_
#define QUARRY_QUERY_ADJACENCY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "graph/derived_cache.h"
#include "query/exec_context.h"

namespace quarry::query {

// The relationships of nodes in one direction with one set of types, cached. Each miss is
// one index seek, costing about kSeekCostInScanRows entries of a sequential scan plus the
// entries it reads; once the seeks cost more than reading every relationship of the types
// in one scan (`build_rows`, the types' triple count from the statistics; see PreferScan),
// the cache builds all the lists from that scan and answers the rest from memory. The
// seeks of earlier queries over the same state count too (DerivedCache::AddCost), and the
// lists built are kept for later queries. The lists are the same either way, in the same
// order.
class AdjacencyCache {
 public:
  AdjacencyCache() = default;
  ~AdjacencyCache();
  AdjacencyCache(const AdjacencyCache&) = delete;
  AdjacencyCache& operator=(const AdjacencyCache&) = delete;

  // Resolves `types` (empty: any type) in `context`'s dictionary. Call before Edges.
  // `build_rows` > 0 allows the one-scan build for typed relationships (0: never);
  // `build_now` builds at the first lookup.
  absl::Status Reset(ExecContext* context, const std::vector<std::string>& types,
                     Direction direction, int64_t build_rows = 0, bool build_now = false);
  // False when none of the types exists in the graph: nothing can match.
  bool possible() const { return possible_; }
  // The edges of `node`. Cached lists stay valid until Reset; an uncached one (when the
  // cache is full, see IsTransient) only until the next call.
  absl::StatusOr<absl::Span<const Edge>> Edges(TermId node);
  // Reads the lists of those of `nodes` not yet known in one go, split over two threads,
  // or builds every list when that now costs less. Edges then answers them from memory.
  absl::Status Prefetch(absl::Span<const TermId> nodes);
  // Asks the CPU to load the built lists of `nodes` into its cache ahead of their use, so
  // that the misses of a batch overlap instead of coming one after another. Only a hint.
  void PrefetchMemory(absl::Span<const TermId> nodes) const;
  bool IsTransient(absl::Span<const Edge> edges) const {
    return !built_ && !edges.empty() && edges.data() == scratch_.data();
  }
  // Whether the lists were built from one scan (by this query or, through the snapshot's
  // DerivedCache, by an earlier one).
  bool built() const { return built_ != nullptr; }

 private:
  // Every list of the types, grouped by node. When the nodes' ids are dense (ids are
  // dictionary sequence numbers) node `base + i` has [offsets[i], offsets[i + 1]) of
  // `edges`; otherwise `index` maps node -> [begin, end).
  struct BuiltLists {
    bool dense = false;
    TermId base = 0;
    std::vector<uint32_t> offsets;
    absl::flat_hash_map<TermId, std::pair<uint32_t, uint32_t>> index;
    std::vector<Edge> edges;
    size_t bytes() const {
      return offsets.size() * 4 + index.size() * 24 + edges.size() * sizeof(Edge) + 64;
    }
  };

  // Reads every relationship of the types and groups them by node, in Neighbors order.
  absl::Status Build();
  // The DerivedCache key of the lists of these types in this direction.
  std::string BuiltKey() const;

  ExecContext* context_ = nullptr;
  Direction direction_ = Direction::kOut;
  std::optional<std::vector<TermId>> predicates_;
  bool possible_ = true;
  absl::node_hash_map<TermId, std::vector<Edge>> cache_;
  size_t cached_edges_ = 0;
  std::vector<Edge> scratch_;
  int64_t build_rows_ = 0;
  bool build_now_ = false;
  // What this cache's seeks cost, in entries scanned (a seek costs kSeekCostInScanRows,
  // each entry it reads one more), since it last added them to shared_'s total (see
  // prior_spent_). With prior_spent_, compared with build_rows_.
  int64_t spent_ = 0;
  std::shared_ptr<const BuiltLists> built_;
  // Where the lists are shared with other queries, and the total spent on seeks without
  // them there (DerivedCache::AddCost) when last read: spending is added once a batch and
  // when the cache is done.
  graph::DerivedCache* shared_ = nullptr;
  std::string shared_key_;
  uint64_t shared_version_ = 0;
  int64_t prior_spent_ = 0;
  // Records spent_ in shared_ (then forgets shared_).
  void RecordSpending();
};

// Whether `triple` differs from the relationships in `unique_rels` and in the lists in
// `unique_rel_lists` of `row` (relationship uniqueness within one MATCH).
bool IsUniqueRel(const Row& row, const IdTriple& triple, const std::vector<int>& unique_rels,
                 const std::vector<int>& unique_rel_lists);

// The node in `row[slot]`: nullopt for null; kInvalidArgument when it is not a node.
absl::StatusOr<std::optional<TermId>> NodeInSlot(const Row& row, int slot, ExecContext* context);

inline Direction ReverseDirection(Direction direction) {
  if (direction == Direction::kOut) return Direction::kIn;
  if (direction == Direction::kIn) return Direction::kOut;
  return Direction::kBoth;
}

}  // namespace quarry::query

#endif  // QUARRY_QUERY_ADJACENCY_H_
