// Sorted runs: the merge equals a stable sort of everything added, for any run size, over the
// whole order and over the ranges the splitters cut; batches from several threads merge too.
#include "graph/sorted_runs.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::testing::ScratchDir;

// A key and the order it was added in: ties on `key` must come out in `order`.
struct Item {
  uint32_t key = 0;
  uint32_t order = 0;
  friend bool operator==(const Item& a, const Item& b) {
    return a.key == b.key && a.order == b.order;
  }
};
struct ByKey {
  bool operator()(const Item& a, const Item& b) const { return a.key < b.key; }
};
using Runs = SortedRuns<Item, ByKey>;
// The same order, given as words too: its runs are radix-sorted.
struct ByKeyWords : ByKey {
  static constexpr int kWords = 1;
  static uint64_t Word(const Item& item, int) { return item.key; }
};
using RadixRuns = SortedRuns<Item, ByKeyWords>;

std::vector<Item> RandomItems(size_t count, uint32_t keys, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<Item> items(count);
  for (size_t index = 0; index < count; ++index) {
    items[index] = {static_cast<uint32_t>(random() % keys), static_cast<uint32_t>(index)};
  }
  return items;
}

template <typename Reader>
std::vector<Item> ReadAll(Reader reader) {
  std::vector<Item> out;
  while (const Item* item = reader.Next()) out.push_back(*item);
  EXPECT_TRUE(reader.status().ok()) << reader.status();
  return out;
}

template <typename AnyRuns>
void ExpectMergeIsAStableSortForAnyRunSize() {
  ScratchDir dir;
  for (size_t run_records : {1, 2, 7, 100, 5000}) {
    const std::vector<Item> items = RandomItems(3000, 50, static_cast<uint32_t>(run_records));
    AnyRuns runs(dir.path(), "items", run_records);
    for (const Item& item : items) ASSERT_TRUE(runs.Add(item).ok());
    ASSERT_TRUE(runs.Seal().ok());
    EXPECT_EQ(runs.size(), items.size());
    EXPECT_EQ(runs.files_written(), static_cast<int>(items.size() / run_records))
        << "every full run goes to a file";
    std::vector<Item> expected = items;
    std::stable_sort(expected.begin(), expected.end(), ByKey());
    auto reader = runs.Read(nullptr, nullptr);
    ASSERT_TRUE(reader.ok()) << reader.status();
    EXPECT_EQ(ReadAll(*std::move(reader)), expected) << "runs of " << run_records;
  }
}

TEST(SortedRunsTest, MergeIsAStableSortForAnyRunSize) {
  ExpectMergeIsAStableSortForAnyRunSize<Runs>();
}

TEST(SortedRunsTest, RadixSortedRunsMergeToAStableSortToo) {
  ExpectMergeIsAStableSortForAnyRunSize<RadixRuns>();
}

TEST(SortedRunsTest, SplittersCutRangesThatTogetherAreTheWhole) {
  ScratchDir dir;
  const std::vector<Item> items = RandomItems(20000, 997, 7);
  Runs runs(dir.path(), "items", 1500);
  for (const Item& item : items) ASSERT_TRUE(runs.Add(item).ok());
  ASSERT_TRUE(runs.Seal().ok());
  const std::vector<Item> splitters = runs.Splitters(4);
  ASSERT_EQ(splitters.size(), 3u);
  std::vector<Item> joined;
  for (size_t part = 0; part <= splitters.size(); ++part) {
    const Item* lower = part == 0 ? nullptr : &splitters[part - 1];
    const Item* upper = part == splitters.size() ? nullptr : &splitters[part];
    absl::StatusOr<Runs::Reader> reader = runs.Read(lower, upper);
    ASSERT_TRUE(reader.ok()) << reader.status();
    const std::vector<Item> range = ReadAll(*std::move(reader));
    // About a quarter each: the splitters come from samples of every run.
    EXPECT_GT(range.size(), items.size() / 8) << "part " << part;
    for (const Item& item : range) {
      if (lower != nullptr) {
        EXPECT_GE(item.key, lower->key);
      }
      if (upper != nullptr) {
        EXPECT_LT(item.key, upper->key);
      }
    }
    joined.insert(joined.end(), range.begin(), range.end());
  }
  std::vector<Item> expected = items;
  std::stable_sort(expected.begin(), expected.end(), ByKey());
  EXPECT_EQ(joined, expected);
}

TEST(SortedRunsTest, BatchesFromSeveralThreadsMerge) {
  ScratchDir dir;
  const std::vector<Item> items = RandomItems(40000, 1u << 30, 11);  // distinct keys, mostly
  Runs runs(dir.path(), "items", 777);
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&, thread] {
      for (size_t begin = static_cast<size_t>(thread) * 100; begin < items.size(); begin += 400) {
        const size_t end = std::min(items.size(), begin + 100);
        ASSERT_TRUE(runs.AddBatch(absl::MakeConstSpan(items).subspan(begin, end - begin)).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE(runs.Seal().ok());
  EXPECT_GT(runs.files_written(), 10);
  absl::StatusOr<Runs::Reader> reader = runs.Read(nullptr, nullptr);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<Item> merged = ReadAll(*std::move(reader));
  std::vector<Item> expected = items;
  std::sort(expected.begin(), expected.end(), [](const Item& a, const Item& b) {
    return a.key != b.key ? a.key < b.key : a.order < b.order;
  });
  ASSERT_EQ(merged.size(), expected.size());
  EXPECT_TRUE(std::is_sorted(merged.begin(), merged.end(), ByKey()));
  std::sort(merged.begin(), merged.end(), [](const Item& a, const Item& b) {
    return a.key != b.key ? a.key < b.key : a.order < b.order;
  });
  EXPECT_EQ(merged, expected);
}

TEST(SortedRunsTest, RunFilesAreRemovedWithTheRuns) {
  ScratchDir dir;
  {
    Runs runs(dir.path(), "items", 10);
    for (const Item& item : RandomItems(100, 10, 3)) ASSERT_TRUE(runs.Add(item).ok());
    ASSERT_TRUE(runs.Seal().ok());
    EXPECT_FALSE(std::filesystem::is_empty(dir.path()));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(SortedRunsTest, AMissingRunFileIsAnErrorNamingIt) {
  ScratchDir dir;
  Runs runs(dir.path(), "items", 10);
  for (const Item& item : RandomItems(100, 10, 5)) ASSERT_TRUE(runs.Add(item).ok());
  ASSERT_TRUE(runs.Seal().ok());
  std::filesystem::resize_file(dir.Join("items-3.run"), 4);
  absl::StatusOr<Runs::Reader> reader = runs.Read(nullptr, nullptr);
  absl::Status status = reader.status();
  if (reader.ok()) {
    while (reader->Next() != nullptr) {
    }
    status = reader->status();
  }
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), ::testing::HasSubstr("items-3.run"));
}

}  // namespace
}  // namespace quarry::graph
