// Adjacency lists with a bounded cache: expansions revisit hubs, and each miss is a seek.
#include "query/adjacency.h"

#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

constexpr size_t kMaxCachedEdges = 4'000'000;

}  // namespace

absl::Status AdjacencyCache::Reset(ExecContext* context, const std::vector<std::string>& types,
                                   Direction direction) {
  context_ = context;
  direction_ = direction;
  cache_.clear();
  cached_edges_ = 0;
  possible_ = true;
  predicates_.reset();
  if (!types.empty()) {
    predicates_.emplace();
    for (const std::string& type : types) {
      QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, context->reader().PredicateId(type));
      if (id.has_value()) predicates_->push_back(*id);
    }
    possible_ = !predicates_->empty();
  }
  return absl::OkStatus();
}

absl::StatusOr<const std::vector<Edge>*> AdjacencyCache::Edges(TermId node) {
  auto it = cache_.find(node);
  if (it != cache_.end()) return &it->second;
  scratch_.clear();
  QUARRY_RETURN_IF_ERROR(context_->reader().Neighbors(
      node, direction_, predicates_.has_value() ? &*predicates_ : nullptr, &scratch_));
  if (cached_edges_ + scratch_.size() > kMaxCachedEdges) return &scratch_;
  cached_edges_ += scratch_.size() + 1;
  return &cache_.emplace(node, scratch_).first->second;
}

bool IsUniqueRel(const Row& row, const IdTriple& triple, const std::vector<int>& unique_rels,
                 const std::vector<int>& unique_rel_lists) {
  for (int slot : unique_rels) {
    const Datum& other = row[slot];
    if (other.kind() == Datum::Kind::kRel && other.rel() == triple) return false;
  }
  for (int slot : unique_rel_lists) {
    const Datum& list = row[slot];
    if (list.kind() != Datum::Kind::kList) continue;
    for (const Datum& other : list.list()) {
      if (other.kind() == Datum::Kind::kRel && other.rel() == triple) return false;
    }
  }
  return true;
}

absl::StatusOr<std::optional<TermId>> NodeInSlot(const Row& row, int slot, ExecContext* context) {
  const Datum& value = row[slot];
  if (value.is_null()) return std::nullopt;
  if (value.kind() != Datum::Kind::kNode) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a pattern expected a node but the variable holds a ", Datum::KindName(value.kind())));
  }
  (void)context;
  return value.node_id();
}

}  // namespace quarry::query
