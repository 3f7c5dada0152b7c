// MatchPlanner: plans the patterns of one MATCH (or OPTIONAL MATCH body, or pattern
// predicate) greedily: bind nodes named by an exact `name` first, then repeatedly close
// relationships between bound nodes (expand-into), expand the cheapest relationship from
// the bound set, or scan the most selective remaining anchor (property, smallest label).
// Filters are placed as soon as their variables are bound.
#ifndef QUARRY_QUERY_MATCH_PLANNER_H_
#define QUARRY_QUERY_MATCH_PLANNER_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "graph/store.h"
#include "quarry/query_result.h"
#include "query/bound_query.h"
#include "query/graph_reader.h"
#include "query/logical_plan.h"

namespace quarry::query {

// What planning needs from outside: statistics, dictionary lookups, options, slot names
// for descriptions, and a hook that plans the pattern predicates inside an expression.
struct PlannerContext {
  const graph::GraphStats* stats = nullptr;
  GraphReader* reader = nullptr;
  const QueryOptions* options = nullptr;
  const std::vector<std::string>* slot_names = nullptr;
  std::function<absl::Status(const BoundExpr&)> track_patterns;
};

class MatchPlanner {
 public:
  explicit MatchPlanner(const PlannerContext& context);

  // Extends `input` (whose rows bind `bound`) with the matches of `parts` filtered by
  // `where` (may be null). Returns the new plan root.
  absl::StatusOr<std::unique_ptr<LogicalOp>> Plan(std::unique_ptr<LogicalOp> input,
                                                  const std::vector<BoundPatternPart>& parts,
                                                  const BoundExpr* where,
                                                  const std::set<int>& bound);

 private:
  struct Conjunct {
    BoundExpr expr;
    std::set<int> slots;
    bool applied = false;
  };
  struct RelInfo {
    const BoundRel* rel = nullptr;
    int left = -1;
    int right = -1;
    bool planned = false;
  };

  void AddConjunct(BoundExpr expr);
  absl::Status ApplyReadyConjuncts();
  absl::Status PlanNameAnchors();
  absl::Status PlanAnchor(int slot);
  absl::Status PlanRel(RelInfo* info);
  absl::Status PlanShortest(const BoundPatternPart& part);
  void PlanBuildPath(const BoundPatternPart& part);
  double AnchorEstimate(int slot, const Conjunct** anchor);
  // The average relationships of `rel` per node at its bound end `from`.
  double Fanout(const BoundRel& rel, int from);
  // How many nodes `from` can be: the smallest count of the labels it must have, else
  // every node (at least 1).
  double FromCount(int from);
  // The triples of the relationship's types (0 for any type): the size of a one-scan build.
  int64_t TypesTripleCount(const BoundRel& rel);
  // The rows after expanding `info` from its bound end `from`: the current rows times the
  // average fanout, or times the exact degree when `from` is a node named in the query.
  double ExpandEstimate(const RelInfo& info, int from);
  // How many relationships of `predicates` (null: any) `node` has in `direction`: read once
  // per plan, and kept in the snapshot's DerivedCache for later plans over the same state
  // (a named hub can have hundreds of thousands).
  absl::StatusOr<int64_t> ConstantDegree(TermId node, Direction direction,
                                         const std::vector<TermId>* predicates);
  double LabelCount(const std::string& label);
  double NodeCount();
  std::string Name(int slot) const;
  std::string RelText(const BoundRel& rel, int from, int to, Direction direction) const;
  void Push(std::unique_ptr<LogicalOp> op, double rows);

  PlannerContext context_;
  std::unique_ptr<LogicalOp> root_;
  double rows_ = 1;
  std::set<int> bound_;
  std::set<int> constant_nodes_;
  // The ids of constant nodes (named by `name`), absent when the graph has no such node.
  std::map<int, std::optional<TermId>> constant_ids_;
  // ConstantDegree's answers in this plan, by its DerivedCache key.
  absl::flat_hash_map<std::string, int64_t> degrees_;
  std::vector<int> node_slots_;
  std::vector<Conjunct> conjuncts_;
  std::vector<RelInfo> rels_;
  std::vector<int> planned_rels_;
  std::vector<int> planned_rel_lists_;
  // The types of each planned relationship (or list), by slot.
  std::map<int, std::vector<std::string>> planned_rel_types_;
};

// Slots that an expression reads from its row (pattern predicates: their named variables; not
// the variable of a list comprehension or quantifier, which it binds itself).
void CollectSlots(const BoundExpr& expr, std::set<int>* slots);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_MATCH_PLANNER_H_
