// A byte-bounded LRU map of derived data, tagged by store version.
#include "graph/derived_cache.h"

#include <utility>

namespace quarry::graph {

std::shared_ptr<const void> DerivedCache::Find(absl::string_view key, uint64_t version) {
  absl::MutexLock lock(&mutex_);
  auto it = index_.find(key);
  if (it == index_.end() || it->second->version != version) return nullptr;
  recency_.splice(recency_.begin(), recency_, it->second);
  return it->second->value;
}

void DerivedCache::Insert(absl::string_view key, uint64_t version,
                          std::shared_ptr<const void> value, size_t bytes) {
  absl::MutexLock lock(&mutex_);
  // A reader of an old snapshot may finish after newer ones: its data is of no use.
  if (version < newest_version_) return;
  Advance(version);
  claims_.erase(key);
  if (bytes > capacity_bytes_) return;
  if (auto it = index_.find(key); it != index_.end()) Erase(it->second);
  while (bytes_ + bytes > capacity_bytes_ && !recency_.empty()) Erase(std::prev(recency_.end()));
  recency_.push_front(Entry{std::string(key), version, std::move(value), bytes});
  index_[recency_.front().key] = recency_.begin();
  bytes_ += bytes;
}

int64_t DerivedCache::AddCost(absl::string_view key, uint64_t version, int64_t cost) {
  absl::MutexLock lock(&mutex_);
  if (version < newest_version_) return cost;
  Advance(version);
  int64_t& total = costs_[key];
  total += cost;
  return total;
}

bool DerivedCache::ClaimBuild(absl::string_view key, uint64_t version) {
  absl::MutexLock lock(&mutex_);
  if (version < newest_version_) return true;  // nobody else wants data of an old state
  Advance(version);
  return claims_.insert(std::string(key)).second;
}

void DerivedCache::ReleaseClaim(absl::string_view key, uint64_t version) {
  absl::MutexLock lock(&mutex_);
  if (version == newest_version_) claims_.erase(key);
}

void DerivedCache::Advance(uint64_t version) {
  if (version <= newest_version_) return;
  newest_version_ = version;
  costs_.clear();
  claims_.clear();
  for (auto entry = recency_.begin(); entry != recency_.end();) {
    auto next = std::next(entry);
    if (entry->version < version) Erase(entry);
    entry = next;
  }
}

size_t DerivedCache::bytes() const {
  absl::MutexLock lock(&mutex_);
  return bytes_;
}

void DerivedCache::Erase(Recency::iterator entry) {
  bytes_ -= entry->bytes;
  index_.erase(entry->key);
  recency_.erase(entry);
}

}  // namespace quarry::graph
