// DerivedCache: data that readers derive from the store at some cost — the grouped
// adjacency lists of a hash join, a label's member set — kept for the next readers while
// the store does not change. Keys belong to the readers (query/ names them); each entry is
// tagged with the store version it was derived from (Snapshot::version) and is only found
// by snapshots of that same version, so no reader ever sees data derived from another
// state of the store. Memory is bounded: past the capacity the least recently used entries
// are dropped, and an entry of a newer version drops every older one. Thread-safe.
#ifndef QUARRY_GRAPH_DERIVED_CACHE_H_
#define QUARRY_GRAPH_DERIVED_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace quarry::graph {

class DerivedCache {
 public:
  explicit DerivedCache(size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}
  DerivedCache(const DerivedCache&) = delete;
  DerivedCache& operator=(const DerivedCache&) = delete;

  // The value stored under `key` for `version`; null when there is none.
  std::shared_ptr<const void> Find(absl::string_view key, uint64_t version);
  // Stores `value` (about `bytes` of memory) under `key` for `version`, replacing what was
  // there. A value larger than the whole capacity is not kept.
  void Insert(absl::string_view key, uint64_t version, std::shared_ptr<const void> value,
              size_t bytes);

  // Claims the building of `key` at `version` for the caller, so that concurrent readers
  // that want the same data build it once: false while another caller holds the claim (it
  // is building; find the data later). Insert of the key, or ReleaseClaim, ends a claim.
  bool ClaimBuild(absl::string_view key, uint64_t version);
  // Ends the claim on `key` (when the build failed or was given up); no-op without one.
  void ReleaseClaim(absl::string_view key, uint64_t version);

  // The bytes held now (for tests and statistics).
  size_t bytes() const;

  // Adds `cost` to what readers have spent at `version` for want of the data under `key`
  // (seeks made instead of one scan, in the readers' units) and returns the total, so that
  // they build it once the spending exceeds the build: each query alone may not repay a
  // scan, the queries of a session together do. Totals of older versions are forgotten.
  int64_t AddCost(absl::string_view key, uint64_t version, int64_t cost);

 private:
  struct Entry {
    std::string key;
    uint64_t version = 0;
    std::shared_ptr<const void> value;
    size_t bytes = 0;
  };
  using Recency = std::list<Entry>;  // most recently used first

  void Erase(Recency::iterator entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Moves to `version` when it is newer: drops the entries and totals of older ones.
  void Advance(uint64_t version) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t capacity_bytes_;
  mutable absl::Mutex mutex_;
  Recency recency_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, Recency::iterator> index_ ABSL_GUARDED_BY(mutex_);
  size_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
  // The newest version inserted: entries of older versions can no longer be found by new
  // snapshots.
  uint64_t newest_version_ ABSL_GUARDED_BY(mutex_) = 0;
  // AddCost's totals, all of version newest_version_.
  absl::flat_hash_map<std::string, int64_t> costs_ ABSL_GUARDED_BY(mutex_);
  // Keys being built (ClaimBuild), all of version newest_version_.
  absl::flat_hash_set<std::string> claims_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_DERIVED_CACHE_H_
