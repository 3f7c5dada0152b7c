// The choice between one index seek per probe and one sequential scan held in memory (the
// build side of a hash join, or a label's members in a hash set). A seek costs about as
// much as reading kSeekCostInScanRows entries in order, so past that many probes per
// scanned entry the scan wins. Tests can force either side to compare results.
#ifndef QUARRY_QUERY_SCAN_POLICY_H_
#define QUARRY_QUERY_SCAN_POLICY_H_

#include <cstddef>
#include <cstdint>
#include <functional>

#include "absl/status/status.h"

namespace quarry::query {

// How many sequentially scanned index entries cost about as much as one seek that reads
// a node's relationships, as one label probe (a seek that reads one entry), and as one of
// a batch of label probes split over two threads.
inline constexpr int64_t kSeekCostInScanRows = 24;
inline constexpr int64_t kLabelProbeCostInScanRows = 8;
inline constexpr int64_t kSplitLabelProbeCostInScanRows = 4;
// Below this many probes' worth of entries a scan is not worth its memory.
inline constexpr int64_t kMinScanRows = 1024;

enum class ScanPolicy {
  kAdaptive,  // scan once the probes (made or estimated) cost more than the scan
  kNever,     // always seek: the plain plan
  kAlways,    // scan at the first probe (tests)
};

// The process-wide policy; kAdaptive unless a test changed it.
ScanPolicy GetScanPolicy();
// For tests only: not synchronized with running queries.
void SetScanPolicyForTesting(ScanPolicy policy);

// Whether `probes` seeks (each costing `probe_cost` scanned entries) cost more than one
// scan of `scan_rows` entries, under the policy. A scan of 0 rows means no scan is possible.
bool PreferScan(int64_t probes, int64_t scan_rows, int64_t probe_cost = kSeekCostInScanRows);

// Independent lookups are split over two threads from this many on, unless a test
// lowered it: starting a thread can cost milliseconds on a virtual machine, as much as a
// few thousand seeks.
inline constexpr size_t kDefaultMinParallelProbes = 4096;
size_t MinParallelProbes();
void SetMinParallelProbesForTesting(size_t probes);

// Runs `work(begin, end)` over [0, count) in two halves on two threads when count is at
// least MinParallelProbes() and the machine has two cores, else in one call. `work` must
// only touch state of its own range (and thread-safe reads). Returns the first error.
absl::Status SplitWork(size_t count, const std::function<absl::Status(size_t, size_t)>& work);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_SCAN_POLICY_H_
