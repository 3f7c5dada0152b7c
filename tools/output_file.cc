// The output files of tools/output_file.h.
#include "tools/output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace quarry::tools {
namespace {

// Writes `path` in place (a device or pipe: no rename).
absl::Status WriteInPlace(const std::string& path,
                          const std::function<absl::Status(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot open for writing"));
  absl::Status status = write(out);
  out.close();
  if (status.ok() && !out) return absl::DataLossError(absl::StrCat(path, ": write error"));
  return status;
}

}  // namespace

absl::Status WriteOutputFile(const std::string& path,
                             const std::function<absl::Status(std::ostream&)>& write) {
  struct stat info;
  if (stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      return absl::FailedPreconditionError(absl::StrCat(path, ": is a directory"));
    }
    if (!S_ISREG(info.st_mode)) return WriteInPlace(path, write);
  }
  const size_t slash = path.rfind('/');
  const std::string temporary =
      slash == std::string::npos
          ? absl::StrCat(".", path, ".tmp.", getpid())
          : absl::StrCat(path.substr(0, slash + 1), ".", path.substr(slash + 1), ".tmp.", getpid());
  absl::Status status;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      status = absl::PermissionDeniedError(absl::StrCat(temporary, ": cannot open for writing"));
    } else {
      status = write(out);
      out.close();
      if (status.ok() && !out) {
        status = absl::DataLossError(absl::StrCat(temporary, ": write error"));
      }
    }
  }
  if (status.ok() && std::rename(temporary.c_str(), path.c_str()) != 0) {
    status = absl::PermissionDeniedError(absl::StrCat(path, ": cannot rename into place"));
  }
  if (!status.ok()) std::remove(temporary.c_str());
  return status;
}

}  // namespace quarry::tools
