// `.draw`: the last result as a picture, through Graphviz's `dot` when it is installed.
#ifndef QUARRY_TOOLS_DRAW_H_
#define QUARRY_TOOLS_DRAW_H_

#include <string>

#include "absl/status/statusor.h"
#include "quarry/database.h"

namespace quarry::tools {

// The path of the `dot` program on $PATH, or empty.
std::string FindDot();

// Writes the subgraph `query` returns to `file`: DOT for an empty name (as
// "quarry-result.dot" in the working directory) or a ".dot" name, an SVG or PNG picture
// rendered by `dot` for ".svg" or ".png". Returns a line saying what was written.
// kFailedPrecondition naming the package to install when `dot` is missing (the DOT file is
// then written next to `file`), kInvalidArgument for another extension.
absl::StatusOr<std::string> Draw(const Database& database, const std::string& query,
                                 std::string file);

}  // namespace quarry::tools

#endif  // QUARRY_TOOLS_DRAW_H_
