// Writing a command's output file (`quarry extract -o`, `quarry export -o`) so that a failed
// or killed run leaves no partial file, without ever replacing what is not a file.
#ifndef QUARRY_TOOLS_OUTPUT_FILE_H_
#define QUARRY_TOOLS_OUTPUT_FILE_H_

#include <functional>
#include <ostream>
#include <string>

#include "absl/status/status.h"

namespace quarry::tools {

// Calls `write` with a stream to `path`. A regular file, or a path that does not exist yet, is
// written as a hidden temporary beside it (".NAME.tmp.PID", which `quarry ingest DIR` skips)
// and renamed into place once `write` succeeded, so a failed or killed run leaves `path` as
// it was. An existing device, pipe or socket ("/dev/null", a FIFO) is written directly:
// renaming over it would replace it. A directory is an error naming it; so is a failed
// `write` (its own status) or a failed write to the stream.
absl::Status WriteOutputFile(const std::string& path,
                             const std::function<absl::Status(std::ostream&)>& write);

}  // namespace quarry::tools

#endif  // QUARRY_TOOLS_OUTPUT_FILE_H_
