// The radix sort equals std::stable_sort on the same keys: ties keep their order, every byte
// of a word counts, constant bytes are skipped without changing the result, and small inputs
// (sorted by comparison) agree too.
#include "graph/radix_sort.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace quarry::graph {
namespace {

// A key of two words and the order the record was made in.
struct Record {
  uint64_t high = 0;
  uint64_t low = 0;
  uint32_t order = 0;
  friend bool operator==(const Record& a, const Record& b) {
    return a.high == b.high && a.low == b.low && a.order == b.order;
  }
};
struct ByKey {
  static constexpr int kWords = 2;
  static uint64_t Word(const Record& record, int index) {
    return index == 0 ? record.high : record.low;
  }
  bool operator()(const Record& a, const Record& b) const {
    return a.high != b.high ? a.high < b.high : a.low < b.low;
  }
};
static_assert(IsRadixKey<ByKey, Record>::value);
static_assert(!IsRadixKey<std::less<int>, int>::value);

// `count` records whose words are `high_mask` and `low_mask` of random numbers: masks with
// few bits make many ties and constant bytes.
std::vector<Record> RandomRecords(size_t count, uint64_t high_mask, uint64_t low_mask,
                                  uint32_t seed) {
  std::mt19937_64 random(seed);
  std::vector<Record> records(count);
  for (size_t index = 0; index < count; ++index) {
    records[index] = {random() & high_mask, random() & low_mask, static_cast<uint32_t>(index)};
  }
  return records;
}

void ExpectSortsLikeStableSort(std::vector<Record> records) {
  std::vector<Record> expected = records;
  std::stable_sort(expected.begin(), expected.end(), ByKey());
  RadixSort<ByKey>(records);
  EXPECT_TRUE(records == expected);
}

TEST(RadixSortTest, EqualsAStableSort) {
  for (size_t count : {0, 1, 2, 5, 63, 64, 65, 1000, 50000}) {
    SCOPED_TRACE(count);
    ExpectSortsLikeStableSort(RandomRecords(count, ~uint64_t{0}, ~uint64_t{0}, 1));
    ExpectSortsLikeStableSort(RandomRecords(count, 0x3, 0x0f0f, 2));  // every digit decides some
    ExpectSortsLikeStableSort(RandomRecords(count, 0x3, 0xff00, 2));  // many full ties
    ExpectSortsLikeStableSort(RandomRecords(count, 0, 0, 3));         // all equal
    // Only the top byte and one middle byte vary, as with term kinds and sequences.
    ExpectSortsLikeStableSort(RandomRecords(count, 0xff000000000000ff, 0x0000ff0000000000, 4));
  }
}

TEST(RadixSortTest, SortedAndReversedInputs) {
  std::vector<Record> records = RandomRecords(10000, 0xfffff, 0xfff, 5);
  std::stable_sort(records.begin(), records.end(), ByKey());
  ExpectSortsLikeStableSort(records);
  std::reverse(records.begin(), records.end());
  ExpectSortsLikeStableSort(records);
}

}  // namespace
}  // namespace quarry::graph
