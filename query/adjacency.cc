// Adjacency lists with a bounded cache: expansions revisit hubs, and each miss is a seek.
#include "query/adjacency.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/derived_cache.h"
#include "query/predicate_scan.h"
#include "query/scan_policy.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

constexpr size_t kMaxCachedEdges = 4'000'000;

}  // namespace

AdjacencyCache::~AdjacencyCache() { RecordSpending(); }

void AdjacencyCache::RecordSpending() {
  if (shared_ != nullptr && spent_ > 0 && built_ == nullptr) {
    shared_->AddCost(shared_key_, shared_version_, spent_);
  }
  shared_ = nullptr;
}

absl::Status AdjacencyCache::Reset(ExecContext* context, const std::vector<std::string>& types,
                                   Direction direction, int64_t build_rows, bool build_now) {
  RecordSpending();
  context_ = context;
  direction_ = direction;
  cache_.clear();
  cached_edges_ = 0;
  possible_ = true;
  predicates_.reset();
  build_rows_ = types.empty() ? 0 : build_rows;
  build_now_ = build_now && build_rows_ > 0;
  spent_ = 0;
  prior_spent_ = 0;
  built_.reset();
  if (!types.empty()) {
    predicates_.emplace();
    for (const std::string& type : types) {
      QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, context->reader().PredicateId(type));
      if (id.has_value()) predicates_->push_back(*id);
    }
    possible_ = !predicates_->empty();
  }
  // Lists an earlier query built over the same state cost nothing now (the plain plan,
  // kNever, seeks all the same).
  const graph::Snapshot& snapshot = context->reader().snapshot();
  if (build_rows_ > 0 && possible_ && snapshot.derived_cache() != nullptr &&
      GetScanPolicy() != ScanPolicy::kNever) {
    shared_key_ = BuiltKey();
    shared_version_ = *snapshot.version();
    built_ = std::static_pointer_cast<const BuiltLists>(
        snapshot.derived_cache()->Find(shared_key_, shared_version_));
    if (built_ == nullptr) {
      // The seeks earlier queries made for want of these lists count toward building them.
      shared_ = snapshot.derived_cache();
      prior_spent_ = shared_->AddCost(shared_key_, shared_version_, 0);
    }
  }
  return absl::OkStatus();
}

std::string AdjacencyCache::BuiltKey() const {
  return absl::StrCat("adjacency/", static_cast<int>(direction_), "/",
                      absl::StrJoin(*predicates_, ","));
}

absl::StatusOr<absl::Span<const Edge>> AdjacencyCache::Edges(TermId node) {
  if (built_ == nullptr && build_rows_ > 0 && !cache_.contains(node) &&
      (build_now_ || PreferScan(prior_spent_ + spent_ + kSeekCostInScanRows, build_rows_, 1))) {
    QUARRY_RETURN_IF_ERROR(Build());
  }
  if (built_ != nullptr) {
    const BuiltLists& built = *built_;
    if (built.dense) {
      if (node < built.base || node - built.base + 1 >= built.offsets.size()) {
        return absl::Span<const Edge>();
      }
      const size_t index = node - built.base;
      return absl::Span<const Edge>(built.edges.data() + built.offsets[index],
                                    built.offsets[index + 1] - built.offsets[index]);
    }
    auto it = built.index.find(node);
    if (it == built.index.end()) return absl::Span<const Edge>();
    return absl::Span<const Edge>(built.edges.data() + it->second.first,
                                  it->second.second - it->second.first);
  }
  auto it = cache_.find(node);
  if (it != cache_.end()) return absl::Span<const Edge>(it->second);
  scratch_.clear();
  QUARRY_RETURN_IF_ERROR(context_->reader().Neighbors(
      node, direction_, predicates_.has_value() ? &*predicates_ : nullptr, &scratch_));
  spent_ += kSeekCostInScanRows + static_cast<int64_t>(scratch_.size());
  if (cached_edges_ + scratch_.size() > kMaxCachedEdges) return absl::Span<const Edge>(scratch_);
  cached_edges_ += scratch_.size() + 1;
  return absl::Span<const Edge>(cache_.emplace(node, scratch_).first->second);
}

void AdjacencyCache::PrefetchMemory(absl::Span<const TermId> nodes) const {
  if (built_ == nullptr || !built_->dense) return;
  const BuiltLists& built = *built_;
  auto in_range = [&](TermId node) {
    return node >= built.base && node - built.base + 1 < built.offsets.size();
  };
  // Two passes: the offsets, then the edges they point at.
  for (TermId node : nodes) {
    if (in_range(node)) __builtin_prefetch(&built.offsets[node - built.base]);
  }
  for (TermId node : nodes) {
    if (!in_range(node)) continue;
    const uint32_t begin = built.offsets[node - built.base];
    if (begin < built.edges.size()) __builtin_prefetch(&built.edges[begin]);
  }
}

absl::Status AdjacencyCache::Prefetch(absl::Span<const TermId> nodes) {
  if (built_ != nullptr || !possible_) return absl::OkStatus();
  // Once a batch, what this cache spent joins the shared total, which then includes what
  // other caches spent meanwhile (the other worker of a parallel query, other queries).
  if (shared_ != nullptr && spent_ > 0) {
    prior_spent_ = shared_->AddCost(shared_key_, shared_version_, spent_);
    spent_ = 0;
  }
  std::vector<TermId> missing;
  for (TermId node : nodes) {
    if (!cache_.contains(node)) missing.push_back(node);
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  if (missing.empty()) return absl::OkStatus();
  if (build_rows_ > 0 &&
      (build_now_ || PreferScan(prior_spent_ + spent_ +
                                    static_cast<int64_t>(missing.size()) * kSeekCostInScanRows,
                                build_rows_, 1))) {
    return Build();
  }
  if (missing.size() < MinParallelProbes()) return absl::OkStatus();  // Edges seeks them.
  spent_ += static_cast<int64_t>(missing.size()) * kSeekCostInScanRows;
  std::vector<std::vector<Edge>> lists(missing.size());
  const graph::Snapshot& snapshot = context_->reader().snapshot();
  const std::vector<TermId>* predicates = predicates_.has_value() ? &*predicates_ : nullptr;
  QUARRY_RETURN_IF_ERROR(SplitWork(missing.size(), [&](size_t begin, size_t end) {
    graph::Cursor cursor = snapshot.NewCursor();
    for (size_t index = begin; index < end; ++index) {
      QUARRY_RETURN_IF_ERROR(GraphReader::ReadNeighbors(cursor, missing[index], direction_,
                                                        predicates, &lists[index]));
    }
    return absl::OkStatus();
  }));
  for (const std::vector<Edge>& list : lists) spent_ += static_cast<int64_t>(list.size());
  for (size_t index = 0; index < missing.size(); ++index) {
    if (cached_edges_ + lists[index].size() > kMaxCachedEdges) break;
    cached_edges_ += lists[index].size() + 1;
    cache_.emplace(missing[index], std::move(lists[index]));
  }
  return absl::OkStatus();
}

absl::Status AdjacencyCache::Build() {
  // Another cache (the other worker of a parallel query, a concurrent query) may have built
  // them meanwhile, or be building them: then this one seeks until they are there.
  if (shared_ != nullptr) {
    built_ =
        std::static_pointer_cast<const BuiltLists>(shared_->Find(shared_key_, shared_version_));
    if (built_ != nullptr) return absl::OkStatus();
    if (!shared_->ClaimBuild(shared_key_, shared_version_)) return absl::OkStatus();
  }
  // Inserting the lists ends the claim; this ends it when they are not built after all.
  absl::Cleanup release_claim = [this] {
    if (shared_ != nullptr && built_ == nullptr) {
      shared_->ReleaseClaim(shared_key_, shared_version_);
    }
  };
  // Every (node, edge) in the order GraphReader::Neighbors lists a node's edges: outgoing
  // before incoming, predicate by predicate, and within one predicate by the other end's
  // id. A `pos` scan of one predicate visits (object, subject) in order, so the edges of
  // each node come out sorted by the other end once grouped stably by node.
  std::vector<std::pair<TermId, Edge>> entries;
  entries.reserve(static_cast<size_t>(build_rows_) * (direction_ == Direction::kBoth ? 2 : 1));
  auto scan = [&](TermId predicate, bool outgoing) -> absl::Status {
    if (predicate == graph::kLabelPredicateId) return absl::OkStatus();
    QUARRY_ASSIGN_OR_RETURN(
        std::vector<IdTriple> triples,
        ScanPredicate(context_->reader().snapshot(), predicate, std::nullopt, build_rows_));
    for (const IdTriple& triple : triples) {
      if (outgoing) {
        if (!graph::IsNode(triple.object)) continue;
        entries.emplace_back(triple.subject, Edge{triple, triple.object});
      } else {
        if (direction_ == Direction::kBoth && triple.subject == triple.object) continue;
        entries.emplace_back(triple.object, Edge{triple, triple.subject});
      }
    }
    return context_->CheckHeld(static_cast<int64_t>(entries.size()));
  };
  if (direction_ == Direction::kOut || direction_ == Direction::kBoth) {
    for (TermId predicate : *predicates_) QUARRY_RETURN_IF_ERROR(scan(predicate, true));
  }
  if (direction_ == Direction::kIn || direction_ == Direction::kBoth) {
    for (TermId predicate : *predicates_) QUARRY_RETURN_IF_ERROR(scan(predicate, false));
  }
  if (entries.size() >= std::numeric_limits<uint32_t>::max()) {
    build_rows_ = 0;  // Too big to index here: stay with seeks.
    return absl::OkStatus();
  }
  // A stable counting sort by node: count, assign ranges, place. Over a dense id range
  // the counts live in an array (compressed sparse rows), else in a hash map.
  auto built = std::make_shared<BuiltLists>();
  built->edges.resize(entries.size());
  TermId low = std::numeric_limits<TermId>::max();
  TermId high = 0;
  for (const auto& [node, edge] : entries) {
    low = std::min(low, node);
    high = std::max(high, node);
  }
  built->dense = !entries.empty() && high - low < 4 * entries.size() + 4096;
  if (built->dense) {
    built->base = low;
    std::vector<uint32_t>& offsets = built->offsets;
    offsets.assign(high - low + 2, 0);
    for (const auto& [node, edge] : entries) ++offsets[node - low + 1];
    for (size_t index = 1; index < offsets.size(); ++index) offsets[index] += offsets[index - 1];
    std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& [node, edge] : entries) built->edges[next[node - low]++] = edge;
  } else {
    built->index.reserve(entries.size() / 2 + 1);
    for (const auto& [node, edge] : entries) ++built->index[node].second;
    uint32_t offset = 0;
    for (auto& [node, range] : built->index) {
      uint32_t count = range.second;
      range = {offset, offset};
      offset += count;
    }
    for (const auto& [node, edge] : entries) built->edges[built->index[node].second++] = edge;
  }
  // Later queries over the same state reuse the lists.
  const graph::Snapshot& snapshot = context_->reader().snapshot();
  if (snapshot.derived_cache() != nullptr) {
    snapshot.derived_cache()->Insert(BuiltKey(), *snapshot.version(), built, built->bytes());
  }
  // Lists already handed out from cache_ stay valid until Reset.
  built_ = std::move(built);
  return absl::OkStatus();
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
