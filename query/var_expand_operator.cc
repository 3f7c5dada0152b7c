// VarExpand: variable-length relationships as trails (no relationship twice), depth-first
// with an explicit stack so that a hub's millions of trails stream out batch by batch.
#include <algorithm>
#include <deque>
#include <utility>

#include "query/adjacency.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class VarExpandOperator : public PhysicalOperator {
 public:
  VarExpandOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator(op.into ? "VarExpand(Into)" : "VarExpand", op.description,
                         op.estimated_rows, std::move(input)),
        op_(op) {}

 private:
  struct Frame {
    absl::Span<const Edge> edges;
    size_t next = 0;
    // Owned copy when the adjacency cache could not keep the list.
    std::vector<Edge> owned;
  };

  absl::Status OpenImpl() override {
    stack_.clear();
    trail_.clear();
    row_ = nullptr;
    return adjacency_.Reset(context_, op_.types, op_.direction, op_.build_rows);
  }

  absl::Status PushFrame(TermId node) {
    QUARRY_ASSIGN_OR_RETURN(absl::Span<const Edge> edges, adjacency_.Edges(node));
    stack_.emplace_back();
    Frame& frame = stack_.back();
    // A transient list is overwritten by the next lookup: keep a copy.
    if (adjacency_.IsTransient(edges)) {
      frame.owned.assign(edges.begin(), edges.end());
      frame.edges = frame.owned;
    } else {
      frame.edges = edges;
    }
    return absl::OkStatus();
  }

  void Emit(TermId end, std::vector<Row>* batch) {
    if (op_.into) {
      const Datum& target = (*row_)[op_.to_slot];
      if (target.kind() != Datum::Kind::kNode || target.node_id() != end) return;
    }
    DatumList rels;
    rels.reserve(trail_.size());
    for (const IdTriple& triple : trail_) rels.push_back(Datum::Rel(triple));
    if (op_.reverse_list) std::reverse(rels.begin(), rels.end());
    Row out = *row_;
    out[op_.rel_slot] = Datum::List(std::move(rels));
    if (!op_.into) out[op_.to_slot] = Datum::Node(end);
    batch->push_back(std::move(out));
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    if (!adjacency_.possible() && op_.min_hops > 0) return absl::OkStatus();
    while (batch->size() < kBatchSize) {
      if (stack_.empty()) {
        QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row_));
        if (!more) break;
        QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> start,
                                NodeInSlot(*row_, op_.from_slot, context_));
        if (!start.has_value()) continue;
        trail_.clear();
        nodes_.assign(1, *start);
        if (op_.min_hops == 0) Emit(*start, batch);
        if (op_.max_hops > 0 && adjacency_.possible()) QUARRY_RETURN_IF_ERROR(PushFrame(*start));
        continue;
      }
      Frame& top = stack_.back();
      if (top.next >= top.edges.size()) {
        stack_.pop_back();
        if (!trail_.empty()) {
          trail_.pop_back();
          nodes_.pop_back();
        }
        continue;
      }
      const Edge edge = top.edges[top.next++];
      if (std::find(trail_.begin(), trail_.end(), edge.triple) != trail_.end()) continue;
      if (!IsUniqueRel(*row_, edge.triple, op_.unique_rels, op_.unique_rel_lists)) continue;
      trail_.push_back(edge.triple);
      nodes_.push_back(edge.other);
      int depth = static_cast<int>(trail_.size());
      if (depth >= op_.min_hops) Emit(edge.other, batch);
      if (depth < op_.max_hops) {
        QUARRY_RETURN_IF_ERROR(PushFrame(edge.other));
      } else {
        trail_.pop_back();
        nodes_.pop_back();
      }
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  AdjacencyCache adjacency_;
  std::deque<Frame> stack_;  // a deque keeps frames in place as it grows
  std::vector<IdTriple> trail_;
  std::vector<TermId> nodes_;
  const Row* row_ = nullptr;
};

}  // namespace

OperatorPtr MakeVarExpand(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<VarExpandOperator>(op, std::move(input));
}

}  // namespace quarry::query
