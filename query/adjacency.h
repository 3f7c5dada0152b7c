// Helpers shared by the expanding operators: relationship types resolved to predicate ids,
// a bounded per-operator cache of adjacency lists, and the relationship-uniqueness test.
#ifndef QUARRY_QUERY_ADJACENCY_H_
#define QUARRY_QUERY_ADJACENCY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "query/exec_context.h"

namespace quarry::query {

// The relationships of nodes in one direction with one set of types, cached.
class AdjacencyCache {
 public:
  // Resolves `types` (empty: any type) in `context`'s dictionary. Call before Edges.
  absl::Status Reset(ExecContext* context, const std::vector<std::string>& types,
                     Direction direction);
  // False when none of the types exists in the graph: nothing can match.
  bool possible() const { return possible_; }
  // The edges of `node`. Cached lists stay valid until Reset; an uncached one (when the
  // cache is full, see IsTransient) only until the next call.
  absl::StatusOr<const std::vector<Edge>*> Edges(TermId node);
  bool IsTransient(const std::vector<Edge>* edges) const { return edges == &scratch_; }

 private:
  ExecContext* context_ = nullptr;
  Direction direction_ = Direction::kOut;
  std::optional<std::vector<TermId>> predicates_;
  bool possible_ = true;
  absl::node_hash_map<TermId, std::vector<Edge>> cache_;
  size_t cached_edges_ = 0;
  std::vector<Edge> scratch_;
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
