// Internal: the stream handling the three writers share.
#ifndef QUARRY_LOADERS_STRUCTURED_WRITER_COMMON_H_
#define QUARRY_LOADERS_STRUCTURED_WRITER_COMMON_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace quarry::loaders::structured::internal {

// Writes `line` to `out`; kDataLoss when the stream has failed.
inline absl::Status WriteLine(std::ostream& out, absl::string_view line) {
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
  if (!out) return absl::DataLossError("write to the output failed");
  return absl::OkStatus();
}

// Flushes `out`; kDataLoss when the stream has failed.
inline absl::Status FlushStream(std::ostream& out) {
  out.flush();
  if (!out) return absl::DataLossError("flushing the output failed");
  return absl::OkStatus();
}

}  // namespace quarry::loaders::structured::internal

#endif  // QUARRY_LOADERS_STRUCTURED_WRITER_COMMON_H_
