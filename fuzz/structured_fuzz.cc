// Fuzzes the structured readers (TSV, JSONL triples, N-Triples) on arbitrary bytes; the first
// byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "loaders/structured/reader.h"
#include "loaders/structured/triple_sink.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr const char* kFormats[] = {"tsv", "jsonl", "nt"};
  const char* format = kFormats[data[0] % 3];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  quarry::proto::TripleBatch batch;
  quarry::loaders::structured::BatchCollector sink(batch);
  quarry::loaders::structured::ReadOptions options;
  options.max_line_bytes = 1 << 16;
  quarry::loaders::structured::ReadTriples(format, in, "fuzz", "doc", sink, options).IgnoreError();
  return 0;
}
