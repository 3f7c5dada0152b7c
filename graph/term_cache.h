// A cache of the term dictionary for readers. Dictionary entries never change once written
// (ids are never reused and terms are never deleted), so a found entry can be cached across
// snapshots; misses are never cached. Thread-safe; memory is bounded by clearing a shard
// when it fills.
#ifndef QUARRY_GRAPH_TERM_CACHE_H_
#define QUARRY_GRAPH_TERM_CACHE_H_

#include <array>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace quarry::graph {

class TermCache {
 public:
  // Keeps at most about `max_entries` entries.
  explicit TermCache(size_t max_entries = 2'000'000) : max_per_shard_(max_entries / kShards) {}

  // The cached value of `terms` key `key`, if any.
  std::optional<std::string> Find(absl::string_view key) const;
  // Remembers a value read from the dictionary.
  void Insert(absl::string_view key, absl::string_view value);

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable absl::Mutex mutex;
    absl::flat_hash_map<std::string, std::string> entries ABSL_GUARDED_BY(mutex);
  };
  Shard& ShardFor(absl::string_view key) const;

  const size_t max_per_shard_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_TERM_CACHE_H_
