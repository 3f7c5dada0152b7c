// The task runner of util/tasks.h.
#include "util/tasks.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace quarry {

absl::Status RunTasks(const std::vector<std::function<absl::Status()>>& tasks, int threads) {
  std::vector<absl::Status> statuses(tasks.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t index = next++; index < tasks.size(); index = next++) {
      statuses[index] = tasks[index]();
    }
  };
  std::vector<std::thread> helpers;
  const size_t wanted = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), tasks.size());
  for (size_t thread = 1; thread < wanted; ++thread) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  for (const absl::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

int WorkerThreads(int limit) {
  const unsigned cores = std::thread::hardware_concurrency();
  if (cores == 0) return std::max(1, std::min(2, limit));
  return std::max(1, std::min(static_cast<int>(cores), limit));
}

void NameThisThread(const char* name) {
  char truncated[16] = {};
  for (size_t index = 0; index + 1 < sizeof(truncated) && name[index] != '\0'; ++index) {
    truncated[index] = name[index];
  }
  ::pthread_setname_np(::pthread_self(), truncated);
}

}  // namespace quarry
