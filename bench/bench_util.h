// Small measuring helpers shared by the benchmarks: elapsed time, peak RSS, size on disk.
#ifndef QUARRY_BENCH_BENCH_UTIL_H_
#define QUARRY_BENCH_BENCH_UTIL_H_

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace quarry::bench {

using Clock = std::chrono::steady_clock;

// Seconds since `start`.
inline double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Milliseconds since `start`.
inline double Millis(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The process's peak resident set size so far, in MiB.
inline int64_t PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// The bytes of all regular files below `dir`.
inline int64_t DirectoryBytes(const std::string& dir) {
  int64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += static_cast<int64_t>(entry.file_size());
  }
  return bytes;
}

}  // namespace quarry::bench

#endif  // QUARRY_BENCH_BENCH_UTIL_H_
