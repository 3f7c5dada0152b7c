// Running independent pieces of work on a few threads.
#ifndef QUARRY_UTIL_TASKS_H_
#define QUARRY_UTIL_TASKS_H_

#include <functional>
#include <vector>

#include "absl/status/status.h"

namespace quarry {

// Runs `tasks` on up to `threads` threads (the caller's among them), each task once, taken
// in index order as threads become free. Returns the error of the first failed task by index.
absl::Status RunTasks(const std::vector<std::function<absl::Status()>>& tasks, int threads);

// The threads worth using for CPU-bound work: the cores, at most `limit`, at least 1.
int WorkerThreads(int limit);

// Names the calling thread as `top -H`, perf and gdb show it (at most 15 characters are
// kept), so that a profile of a load tells its stages apart.
void NameThisThread(const char* name);

}  // namespace quarry

#endif  // QUARRY_UTIL_TASKS_H_
