#include "graph/term_cache.h"

#include "absl/hash/hash.h"

namespace quarry::graph {

TermCache::Shard& TermCache::ShardFor(absl::string_view key) const {
  return shards_[absl::HashOf(key) % kShards];
}

std::optional<std::string> TermCache::Find(absl::string_view key) const {
  Shard& shard = ShardFor(key);
  absl::ReaderMutexLock lock(&shard.mutex);
  auto found = shard.entries.find(key);
  if (found == shard.entries.end()) return std::nullopt;
  return found->second;
}

void TermCache::Insert(absl::string_view key, absl::string_view value) {
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mutex);
  if (shard.entries.size() >= max_per_shard_) shard.entries.clear();
  shard.entries.emplace(key, value);
}

}  // namespace quarry::graph
