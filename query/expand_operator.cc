// Expand: follows one relationship from a bound node, along `spo` (outgoing), `osp`/`pos`
// (incoming) or both. Expand-into checks a relationship between two bound nodes; when the
// target is the same in every row it indexes the target's side once (a hash semi-join).
// Over many rows the adjacency lists come from one scan of the relationship types (a hash
// join, see AdjacencyCache): planned as Expand(HashJoin), or switched to at run time.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/derived_cache.h"
#include "query/adjacency.h"
#include "query/physical_operators.h"
#include "query/scan_policy.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class ExpandOperator : public PhysicalOperator {
 public:
  ExpandOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator(Name(op, op.hash_join), op.description, op.estimated_rows,
                         std::move(input)),
        op_(op) {}

  static std::string Name(const LogicalOp& op, bool hash_join) {
    std::string name = op.into ? "Expand(Into)" : "Expand";
    if (hash_join) name += "(HashJoin)";
    return name;
  }

 private:
  absl::Status OpenImpl() override {
    target_index_.reset();
    constant_edges_.reset();
    known_label_sets_.clear();
    prefetched_batch_ = 0;
    to_labels_.clear();
    labels_possible_ = true;
    for (const std::string& label : op_.to_labels) {
      QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, context_->reader().LabelId(label));
      if (!id.has_value()) labels_possible_ = false;
      if (id.has_value()) to_labels_.push_back(*id);
    }
    label_probes_.assign(to_labels_.size(), 0);
    QUARRY_RETURN_IF_ERROR(
        adjacency_.Reset(context_, op_.types, op_.direction, op_.build_rows, op_.hash_join));
    return target_adjacency_.Reset(context_, op_.types, ReverseDirection(op_.direction));
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    if (!adjacency_.possible() || !labels_possible_) return absl::OkStatus();
    Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(absl::Span<const Row> pending, PendingInputRows());
      if (pending.empty()) break;
      if (input_batches() != prefetched_batch_) {
        prefetched_batch_ = input_batches();
        QUARRY_RETURN_IF_ERROR(Prefetch(pending));
      }
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      QUARRY_RETURN_IF_ERROR(Process(*row, batch));
    }
    // PROFILE shows a switch made at run time.
    if (adjacency_.built() && !op_.hash_join) set_name(Name(op_, true));
    return absl::OkStatus();
  }

  // Looks up, at once, the adjacency of the rows' start nodes and the labels of the nodes
  // they reach.
  absl::Status Prefetch(absl::Span<const Row> rows) {
    if (op_.index_target) return absl::OkStatus();
    std::vector<TermId> nodes;
    nodes.reserve(rows.size());
    for (const Row& row : rows) {
      const Datum& from = row[op_.from_slot];
      if (from.kind() == Datum::Kind::kNode) nodes.push_back(from.node_id());
    }
    if (!op_.from_constant) {
      QUARRY_RETURN_IF_ERROR(adjacency_.Prefetch(nodes));
      adjacency_.PrefetchMemory(nodes);
    }
    known_label_sets_.clear();
    for (TermId label : to_labels_) {
      const GraphReader::LabelSet* members = context_->reader().KnownLabelMembers(label);
      if (members == nullptr) break;
      known_label_sets_.push_back(members);
    }
    if (known_label_sets_.size() == to_labels_.size()) return absl::OkStatus();
    known_label_sets_.clear();
    std::vector<TermId> reached;
    for (TermId node : nodes) {
      QUARRY_ASSIGN_OR_RETURN(absl::Span<const Edge> edges, EdgesOf(node));
      for (const Edge& edge : edges) reached.push_back(edge.other);
    }
    for (size_t index = 0; index < to_labels_.size(); ++index) {
      QUARRY_RETURN_IF_ERROR(
          context_->reader().PrefetchLabel(to_labels_[index], reached, &label_probes_[index]));
    }
    return absl::OkStatus();
  }

  // Where data derived for this query is kept for later queries over the same state (none
  // under the plain plan's policy, which tests compare with).
  graph::DerivedCache* SharedCache() const {
    return GetScanPolicy() == ScanPolicy::kNever ? nullptr
                                                 : context_->reader().snapshot().derived_cache();
  }
  // The DerivedCache key of the `kind` of data this operator derives about `node`.
  std::string SharedKey(absl::string_view kind, TermId node) const {
    return absl::StrCat(kind, "/", static_cast<int>(op_.direction), "/",
                        absl::StrJoin(op_.types, "|"), "/", node);
  }

  // The relationships of `node` in the operator's direction and types.
  absl::StatusOr<absl::Span<const Edge>> EdgesOf(TermId node) {
    if (!op_.from_constant) return adjacency_.Edges(node);
    if (constant_edges_ == nullptr || constant_node_ != node) {
      QUARRY_RETURN_IF_ERROR(KeepConstantEdges(node));
    }
    return absl::Span<const Edge>(*constant_edges_);
  }

  // Reads the list of a named node (from_constant), or finds the copy an earlier query
  // over the same state kept in the snapshot's DerivedCache: a named hub can have
  // hundreds of thousands of relationships.
  absl::Status KeepConstantEdges(TermId node) {
    const graph::Snapshot& snapshot = context_->reader().snapshot();
    graph::DerivedCache* shared = SharedCache();
    const std::string key = SharedKey("list", node);
    constant_node_ = node;
    if (shared != nullptr) {
      constant_edges_ =
          std::static_pointer_cast<const std::vector<Edge>>(shared->Find(key, *snapshot.version()));
      if (constant_edges_ != nullptr) return absl::OkStatus();
    }
    QUARRY_ASSIGN_OR_RETURN(absl::Span<const Edge> edges, adjacency_.Edges(node));
    auto list = std::make_shared<const std::vector<Edge>>(edges.begin(), edges.end());
    if (shared != nullptr) {
      shared->Insert(key, *snapshot.version(), list, list->size() * sizeof(Edge) + 64);
    }
    constant_edges_ = std::move(list);
    return absl::OkStatus();
  }

  // Indexes the relationships of `target` by their other end, or finds the index an
  // earlier query over the same state made (the snapshot's DerivedCache keeps it).
  absl::Status IndexTarget(TermId target) {
    const graph::Snapshot& snapshot = context_->reader().snapshot();
    graph::DerivedCache* shared = SharedCache();
    const std::string key = SharedKey("target", target);
    if (shared != nullptr) {
      target_index_ =
          std::static_pointer_cast<const TargetIndex>(shared->Find(key, *snapshot.version()));
      if (target_index_ != nullptr) return absl::OkStatus();
    }
    auto index = std::make_shared<TargetIndex>();
    index->target = target;
    QUARRY_ASSIGN_OR_RETURN(absl::Span<const Edge> edges, target_adjacency_.Edges(target));
    for (const Edge& edge : edges) {
      index->edges[edge.other].push_back(Edge{edge.triple, target});
    }
    if (shared != nullptr) {
      shared->Insert(key, *snapshot.version(), index,
                     edges.size() * (sizeof(Edge) + 48) + index->edges.size() * 32 + 64);
    }
    target_index_ = std::move(index);
    return absl::OkStatus();
  }

  // Appends a row per matching edge; the last one takes `row` itself (moved from).
  absl::Status Process(Row& row, std::vector<Row>* batch) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> from, NodeInSlot(row, op_.from_slot, context_));
    if (!from.has_value()) return absl::OkStatus();
    std::optional<TermId> to;
    if (op_.into) {
      QUARRY_ASSIGN_OR_RETURN(to, NodeInSlot(row, op_.to_slot, context_));
      if (!to.has_value()) return absl::OkStatus();
    }
    absl::Span<const Edge> edges;
    if (op_.index_target) {
      if (target_index_ == nullptr || target_index_->target != *to) {
        QUARRY_RETURN_IF_ERROR(IndexTarget(*to));
      }
      auto it = target_index_->edges.find(*from);
      if (it == target_index_->edges.end()) return absl::OkStatus();
      edges = it->second;
    } else {
      QUARRY_ASSIGN_OR_RETURN(edges, EdgesOf(*from));
    }
    const Edge* pending = nullptr;
    auto emit = [&](const Edge& edge, bool last) {
      batch->push_back(last ? std::move(row) : row);
      Row& out = batch->back();
      out[op_.rel_slot] = Datum::Rel(edge.triple);
      if (!op_.into) out[op_.to_slot] = Datum::Node(edge.other);
    };
    for (const Edge& edge : edges) {
      if (op_.into && edge.other != *to) continue;
      if (!IsUniqueRel(row, edge.triple, op_.unique_rels, op_.unique_rel_lists)) continue;
      if (op_.rel_bound) {
        const Datum& bound = row[op_.rel_slot];
        if (bound.kind() != Datum::Kind::kRel || !(bound.rel() == edge.triple)) continue;
      }
      bool labeled = true;
      if (!known_label_sets_.empty()) {
        for (const GraphReader::LabelSet* members : known_label_sets_) {
          labeled = labeled && members->Contains(edge.other);
        }
      } else {
        for (TermId label : to_labels_) {
          QUARRY_ASSIGN_OR_RETURN(labeled, context_->reader().HasLabel(edge.other, label));
          if (!labeled) break;
        }
      }
      if (!labeled) continue;
      if (pending != nullptr) emit(*pending, false);
      pending = &edge;
    }
    if (pending != nullptr) emit(*pending, true);
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  AdjacencyCache adjacency_;
  AdjacencyCache target_adjacency_;
  // Label ids of op_.to_labels; labels_possible_ is false when one is not in the graph.
  std::vector<TermId> to_labels_;
  std::vector<int64_t> label_probes_;
  // The members of every label of to_labels_ when all are in memory for this batch, else
  // empty (HasLabel then decides).
  std::vector<const GraphReader::LabelSet*> known_label_sets_;
  bool labels_possible_ = true;
  int64_t prefetched_batch_ = 0;
  // The relationships of an indexed target (index_target) by their other end.
  struct TargetIndex {
    TermId target = 0;
    absl::flat_hash_map<TermId, std::vector<Edge>> edges;
  };
  std::shared_ptr<const TargetIndex> target_index_;
  // The list of the named start node constant_node_ (from_constant).
  TermId constant_node_ = 0;
  std::shared_ptr<const std::vector<Edge>> constant_edges_;
};

}  // namespace

OperatorPtr MakeExpand(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<ExpandOperator>(op, std::move(input));
}

}  // namespace quarry::query
