// Shared pieces of the fuzz targets: a scratch store that lives for the whole run.
#ifndef QUARRY_FUZZ_FUZZ_UTIL_H_
#define QUARRY_FUZZ_FUZZ_UTIL_H_

#include <stdlib.h>

#include <memory>
#include <string>
#include <utility>

#include "graph/store.h"

namespace quarry::fuzz {

// A store in a fresh temporary directory, opened once per process; aborts when it cannot be
// made (a fuzz target has no other way to fail setup).
inline graph::Store& ScratchStore() {
  // Owned by a static so that it is closed at exit: a store left open leaks RocksDB's
  // background work, which LeakSanitizer reports when libFuzzer replays a corpus.
  static std::unique_ptr<graph::Store> store = [] {
    char pattern[] = "/tmp/quarry_fuzz_XXXXXX";
    const char* dir = mkdtemp(pattern);
    if (dir == nullptr) abort();
    auto opened = graph::Store::Open(std::string(dir) + "/db");
    if (!opened.ok()) abort();
    return std::move(*opened);
  }();
  return *store;
}

}  // namespace quarry::fuzz

#endif  // QUARRY_FUZZ_FUZZ_UTIL_H_
