// ShortestPath: bidirectional breadth-first search between two bound nodes, expanding the
// smaller frontier each round; returns one shortest path, or all of them.
#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "query/adjacency.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

// One side of the search: distances and, per reached node, the edges that reach it from
// the previous level (Edge::other is the node one level closer to this side's root).
struct Side {
  absl::flat_hash_map<TermId, int> distance;
  absl::flat_hash_map<TermId, std::vector<Edge>> parents;
  std::vector<TermId> frontier;
  int depth = 0;
};

class ShortestPathOperator : public PhysicalOperator {
 public:
  ShortestPathOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator(op.all_shortest ? "AllShortestPaths" : "ShortestPath", op.description,
                         op.estimated_rows, std::move(input)),
        op_(op) {}

 private:
  absl::Status OpenImpl() override {
    QUARRY_RETURN_IF_ERROR(forward_.Reset(context_, op_.types, op_.direction));
    return backward_.Reset(context_, op_.types, ReverseDirection(op_.direction));
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    const Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      QUARRY_RETURN_IF_ERROR(Process(*row, batch));
    }
    return absl::OkStatus();
  }

  // Expands `side` by one level; returns the nodes newly reached.
  absl::Status ExpandLevel(Side* side, AdjacencyCache* adjacency) {
    std::vector<TermId> next;
    int depth = side->depth + 1;
    for (TermId node : side->frontier) {
      QUARRY_ASSIGN_OR_RETURN(absl::Span<const Edge> edges, adjacency->Edges(node));
      for (const Edge& edge : edges) {
        auto [it, inserted] = side->distance.emplace(edge.other, depth);
        if (inserted) next.push_back(edge.other);
        if (it->second == depth) side->parents[edge.other].push_back(Edge{edge.triple, node});
      }
    }
    QUARRY_RETURN_IF_ERROR(context_->CheckHeld(static_cast<int64_t>(side->distance.size())));
    // A search over a big graph may run long inside one row: check time and cancellation
    // once per level.
    QUARRY_RETURN_IF_ERROR(context_->CheckBudget(0));
    side->frontier = std::move(next);
    side->depth = depth;
    return absl::OkStatus();
  }

  // All (or the first) half-paths from `side`'s root to `node`, as edges from root outward.
  void HalfPaths(const Side& side, TermId node, std::vector<Edge>* current,
                 std::vector<std::vector<Edge>>* out) {
    auto it = side.parents.find(node);
    if (it == side.parents.end()) {
      out->emplace_back(current->rbegin(), current->rend());
      return;
    }
    for (const Edge& edge : it->second) {
      current->push_back(Edge{edge.triple, node});
      HalfPaths(side, edge.other, current, out);
      current->pop_back();
      if (!op_.all_shortest && !out->empty()) return;
    }
  }

  absl::Status Process(const Row& row, std::vector<Row>* batch) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> from, NodeInSlot(row, op_.from_slot, context_));
    QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> to, NodeInSlot(row, op_.to_slot, context_));
    if (!from.has_value() || !to.has_value()) return absl::OkStatus();
    if (*from == *to) {
      if (op_.min_hops == 0) Emit(row, PathDatum{{*from}, {}}, batch);
      return absl::OkStatus();
    }
    if (!forward_.possible()) return absl::OkStatus();
    Side source;
    Side target;
    source.distance[*from] = 0;
    source.frontier = {*from};
    target.distance[*to] = 0;
    target.frontier = {*to};
    std::vector<TermId> meets;
    while (meets.empty() && source.depth + target.depth < op_.max_hops &&
           !source.frontier.empty() && !target.frontier.empty()) {
      bool forward = source.frontier.size() <= target.frontier.size();
      Side* side = forward ? &source : &target;
      const Side* other = forward ? &target : &source;
      QUARRY_RETURN_IF_ERROR(ExpandLevel(side, forward ? &forward_ : &backward_));
      int best = -1;
      for (TermId node : side->frontier) {
        auto it = other->distance.find(node);
        if (it == other->distance.end()) continue;
        int length = side->depth + it->second;
        if (best < 0 || length < best) {
          best = length;
          meets.clear();
        }
        if (length == best) meets.push_back(node);
      }
    }
    if (meets.empty()) return absl::OkStatus();
    std::sort(meets.begin(), meets.end());
    for (TermId meet : meets) {
      std::vector<std::vector<Edge>> heads;
      std::vector<std::vector<Edge>> tails;
      std::vector<Edge> current;
      HalfPaths(source, meet, &current, &heads);
      HalfPaths(target, meet, &current, &tails);
      for (const auto& head : heads) {
        for (const auto& tail : tails) {
          PathDatum path;
          path.nodes.push_back(*from);
          for (const Edge& edge : head) {
            path.rels.push_back(edge.triple);
            path.nodes.push_back(edge.other);
          }
          // Tail edges run from the target outward; walk them back towards the target.
          for (auto it = tail.rbegin(); it != tail.rend(); ++it) {
            path.rels.push_back(it->triple);
            const IdTriple& triple = it->triple;
            TermId last = path.nodes.back();
            path.nodes.push_back(triple.subject == last ? triple.object : triple.subject);
          }
          bool unique = true;
          for (const IdTriple& triple : path.rels) {
            unique = unique && IsUniqueRel(row, triple, op_.unique_rels, op_.unique_rel_lists);
          }
          if (unique) Emit(row, std::move(path), batch);
          if (!op_.all_shortest) return absl::OkStatus();
        }
      }
    }
    return absl::OkStatus();
  }

  void Emit(const Row& row, PathDatum path, std::vector<Row>* batch) {
    Row out = row;
    DatumList rels;
    for (const IdTriple& triple : path.rels) rels.push_back(Datum::Rel(triple));
    out[op_.rel_slot] = Datum::List(std::move(rels));
    if (op_.slot >= 0) out[op_.slot] = Datum::Path(std::move(path));
    batch->push_back(std::move(out));
  }

  const LogicalOp& op_;
  AdjacencyCache forward_;
  AdjacencyCache backward_;
};

}  // namespace

OperatorPtr MakeShortestPath(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<ShortestPathOperator>(op, std::move(input));
}

}  // namespace quarry::query
