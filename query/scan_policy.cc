// The process-wide seek-or-scan policy.
#include "query/scan_policy.h"

#include <algorithm>
#include <atomic>

namespace quarry::query {
namespace {

std::atomic<ScanPolicy>& Policy() {
  static std::atomic<ScanPolicy> policy{ScanPolicy::kAdaptive};
  return policy;
}

}  // namespace

ScanPolicy GetScanPolicy() { return Policy().load(std::memory_order_relaxed); }

void SetScanPolicyForTesting(ScanPolicy policy) {
  Policy().store(policy, std::memory_order_relaxed);
}

bool PreferScan(int64_t probes, int64_t scan_rows) {
  if (scan_rows <= 0 || probes <= 0) return false;
  switch (GetScanPolicy()) {
    case ScanPolicy::kNever:
      return false;
    case ScanPolicy::kAlways:
      return true;
    case ScanPolicy::kAdaptive:
      break;
  }
  return probes * kSeekCostInScanRows > std::max(scan_rows, kMinScanRows);
}

}  // namespace quarry::query
