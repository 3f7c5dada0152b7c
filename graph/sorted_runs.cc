// File access of sorted runs (see graph/sorted_runs.h).
#include "graph/sorted_runs.h"

#include "absl/cleanup/cleanup.h"

namespace quarry::graph::sorted_runs_internal {

absl::Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return absl::OkStatus();
}

absl::Status ReadAt(const std::string& path, char* data, size_t size, uint64_t offset) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::DataLossError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  absl::Cleanup closer = [fd] { ::close(fd); };
  while (size > 0) {
    const ssize_t read = ::pread(fd, data, size, static_cast<off_t>(offset));
    if (read < 0 && errno == EINTR) continue;
    if (read <= 0) {
      return absl::DataLossError(absl::StrCat("cannot read ", path, " at byte ", offset, ": ",
                                              read < 0 ? std::strerror(errno) : "end of file"));
    }
    data += read;
    size -= static_cast<size_t>(read);
    offset += static_cast<uint64_t>(read);
  }
  return absl::OkStatus();
}

}  // namespace quarry::graph::sorted_runs_internal
