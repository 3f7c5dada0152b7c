// DerivedCache (graph/derived_cache.h) and the store versions it is keyed by
// (Snapshot::version): entries and cost totals hold only at their own version, memory stays
// within the capacity, and every kind of write — Apply, Unload, a bulk load — gives later
// snapshots a new version, while snapshots without a write in between share one.
#include "graph/derived_cache.h"

#include <memory>
#include <string>

#include "graph/bulk_loader.h"
#include "graph/store.h"
#include "graph/term.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using testing::MakeBatch;
using testing::MakeTriple;

std::shared_ptr<const void> Value(int value) { return std::make_shared<const int>(value); }
int Read(const std::shared_ptr<const void>& value) {
  return *std::static_pointer_cast<const int>(value);
}

TEST(DerivedCacheTest, FindsAnEntryOnlyAtItsVersion) {
  DerivedCache cache(1000);
  cache.Insert("adjacency/met", 3, Value(7), 10);
  ASSERT_NE(cache.Find("adjacency/met", 3), nullptr);
  EXPECT_EQ(Read(cache.Find("adjacency/met", 3)), 7);
  EXPECT_EQ(cache.Find("adjacency/met", 4), nullptr);
  EXPECT_EQ(cache.Find("adjacency/met", 2), nullptr);
  EXPECT_EQ(cache.Find("label/5", 3), nullptr);
}

TEST(DerivedCacheTest, ANewerVersionDropsOlderEntriesAndOlderInsertsAreIgnored) {
  DerivedCache cache(1000);
  cache.Insert("a", 1, Value(1), 100);
  cache.Insert("b", 1, Value(2), 100);
  EXPECT_EQ(cache.bytes(), 200u);
  cache.Insert("c", 2, Value(3), 50);
  EXPECT_EQ(cache.bytes(), 50u);
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  // A reader of an old snapshot that finishes late does not bring old data back.
  cache.Insert("a", 1, Value(4), 10);
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.bytes(), 50u);
}

TEST(DerivedCacheTest, StaysWithinItsCapacityDroppingTheLeastRecentlyUsed) {
  DerivedCache cache(300);
  cache.Insert("a", 1, Value(1), 100);
  cache.Insert("b", 1, Value(2), 100);
  cache.Insert("c", 1, Value(3), 100);
  ASSERT_NE(cache.Find("a", 1), nullptr);  // now the most recently used
  cache.Insert("d", 1, Value(4), 100);
  EXPECT_EQ(cache.bytes(), 300u);
  EXPECT_NE(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.Find("b", 1), nullptr);
  EXPECT_NE(cache.Find("c", 1), nullptr);
  EXPECT_NE(cache.Find("d", 1), nullptr);
  // Replacing a key frees the old value's bytes; a value larger than everything is not kept.
  cache.Insert("c", 1, Value(5), 50);
  EXPECT_EQ(cache.bytes(), 250u);
  EXPECT_EQ(Read(cache.Find("c", 1)), 5);
  cache.Insert("huge", 1, Value(6), 301);
  EXPECT_EQ(cache.Find("huge", 1), nullptr);
  EXPECT_EQ(cache.bytes(), 250u);
}

TEST(DerivedCacheTest, AHandedOutValueOutlivesItsEviction) {
  DerivedCache cache(100);
  cache.Insert("a", 1, Value(1), 100);
  std::shared_ptr<const void> held = cache.Find("a", 1);
  cache.Insert("b", 1, Value(2), 100);
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  EXPECT_EQ(Read(held), 1);
}

TEST(DerivedCacheTest, AddsCostsPerKeyUntilTheVersionChanges) {
  DerivedCache cache(1000);
  EXPECT_EQ(cache.AddCost("adjacency/met", 1, 0), 0);
  EXPECT_EQ(cache.AddCost("adjacency/met", 1, 30), 30);
  EXPECT_EQ(cache.AddCost("adjacency/met", 1, 12), 42);
  EXPECT_EQ(cache.AddCost("label/7", 1, 5), 5);
  // An old snapshot's reader neither adds to nor reads the totals of a newer version.
  EXPECT_EQ(cache.AddCost("adjacency/met", 2, 1), 1);
  EXPECT_EQ(cache.AddCost("adjacency/met", 1, 100), 100);
  EXPECT_EQ(cache.AddCost("adjacency/met", 2, 0), 1);
  EXPECT_EQ(cache.AddCost("label/7", 2, 0), 0);
}

TEST(DerivedCacheTest, OneCallerAtATimeClaimsABuild) {
  DerivedCache cache(1000);
  EXPECT_TRUE(cache.ClaimBuild("adjacency/met", 3));
  EXPECT_FALSE(cache.ClaimBuild("adjacency/met", 3));   // being built
  EXPECT_TRUE(cache.ClaimBuild("adjacency/knows", 3));  // another key
  // Inserting the key ends its claim (even when the value is too large to keep).
  cache.Insert("adjacency/met", 3, Value(1), 5000);
  EXPECT_EQ(cache.Find("adjacency/met", 3), nullptr);
  EXPECT_TRUE(cache.ClaimBuild("adjacency/met", 3));
  // A released claim can be taken again.
  cache.ReleaseClaim("adjacency/met", 3);
  EXPECT_TRUE(cache.ClaimBuild("adjacency/met", 3));
  // A newer version forgets the claims of older ones; an older version never waits.
  EXPECT_TRUE(cache.ClaimBuild("adjacency/met", 4));
  EXPECT_TRUE(cache.ClaimBuild("adjacency/knows", 3));
  EXPECT_TRUE(cache.ClaimBuild("adjacency/knows", 3));
  EXPECT_FALSE(cache.ClaimBuild("adjacency/met", 4));
}

TEST(SnapshotVersionTest, EveryWriteGivesANewVersion) {
  quarry::testing::ScratchDir dir;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(store.ok()) << store.status();
  auto version = [&] { return (*store)->GetSnapshot()->version(); };
  const std::optional<uint64_t> empty = version();
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(version(), empty);
  EXPECT_NE((*store)->GetSnapshot()->derived_cache(), nullptr);

  ASSERT_TRUE(
      (*store)->Apply(MakeBatch("d1", {MakeTriple(NodeTerm("a"), "met", NodeTerm("b"))})).ok());
  const std::optional<uint64_t> applied = version();
  ASSERT_TRUE(applied.has_value());
  EXPECT_NE(applied, empty);

  // A bulk load ingests files instead of writing batches: a write all the same.
  absl::StatusOr<std::unique_ptr<BulkLoader>> loader = BulkLoader::Start(**store);
  ASSERT_TRUE(loader.ok()) << loader.status();
  ASSERT_TRUE(
      (*loader)->AddBatch(MakeBatch("d2", {MakeTriple(NodeTerm("b"), "met", NodeTerm("c"))})).ok());
  ASSERT_TRUE((*loader)->Finish().ok());
  loader->reset();  // it holds the writer's lock
  const std::optional<uint64_t> bulk = version();
  ASSERT_TRUE(bulk.has_value());
  EXPECT_GT(*bulk, *applied);

  ASSERT_TRUE((*store)->Unload("d1").ok());
  const std::optional<uint64_t> unloaded = version();
  ASSERT_TRUE(unloaded.has_value());
  EXPECT_GT(*unloaded, *bulk);
}

TEST(SnapshotVersionTest, NoCacheWhenItsCapacityIsZero) {
  quarry::testing::ScratchDir dir;
  StoreOptions options;
  options.derived_cache_bytes = 0;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir.path() + "/db", options);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->GetSnapshot()->derived_cache(), nullptr);
}

}  // namespace
}  // namespace quarry::graph
