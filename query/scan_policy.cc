// The process-wide seek-or-scan policy, and splitting lookups over two threads.
#include "query/scan_policy.h"

#include <algorithm>
#include <atomic>

#include "util/tasks.h"

namespace quarry::query {
namespace {

std::atomic<ScanPolicy>& Policy() {
  static std::atomic<ScanPolicy> policy{ScanPolicy::kAdaptive};
  return policy;
}

std::atomic<size_t>& MinParallel() {
  static std::atomic<size_t> probes{kDefaultMinParallelProbes};
  return probes;
}

}  // namespace

ScanPolicy GetScanPolicy() { return Policy().load(std::memory_order_relaxed); }

void SetScanPolicyForTesting(ScanPolicy policy) {
  Policy().store(policy, std::memory_order_relaxed);
}

size_t MinParallelProbes() { return MinParallel().load(std::memory_order_relaxed); }

void SetMinParallelProbesForTesting(size_t probes) {
  MinParallel().store(probes, std::memory_order_relaxed);
}

absl::Status SplitWork(size_t count, const std::function<absl::Status(size_t, size_t)>& work) {
  static const int threads = WorkerThreads(2);
  if (count == 0) return absl::OkStatus();
  if (threads < 2 || count < std::max<size_t>(MinParallelProbes(), 2)) return work(0, count);
  const size_t middle = count / 2;
  return RunTasks({[&] { return work(0, middle); }, [&] { return work(middle, count); }}, 2);
}

bool PreferScan(int64_t probes, int64_t scan_rows, int64_t probe_cost) {
  if (scan_rows <= 0 || probes <= 0) return false;
  switch (GetScanPolicy()) {
    case ScanPolicy::kNever:
      return false;
    case ScanPolicy::kAlways:
      return true;
    case ScanPolicy::kAdaptive:
      break;
  }
  return probes * probe_cost > std::max(scan_rows, kMinScanRows);
}

}  // namespace quarry::query
