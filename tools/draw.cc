// Pictures of results: Database::Export as DOT, then `dot -Tsvg|-Tpng` in a child process.
#include "tools/draw.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace quarry::tools {
namespace {

absl::Status WriteDot(const Database& database, const std::string& query, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot write ", path));
  absl::Status status = database.Export("dot", query, out);
  out.close();
  if (!status.ok()) return status;
  if (!out) return absl::DataLossError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

// Runs `dot -T<type> -o output input`; false when it fails.
bool RunDot(const std::string& dot, const std::string& type, const std::string& input,
            const std::string& output) {
  const pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    const std::string flag = absl::StrCat("-T", type);
    execl(dot.c_str(), "dot", flag.c_str(), "-o", output.c_str(), input.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::string FindDot() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view directory : absl::StrSplit(path, ':', absl::SkipEmpty())) {
    const std::string candidate = absl::StrCat(directory, "/dot");
    struct stat info;
    if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return "";
}

absl::StatusOr<std::string> Draw(const Database& database, const std::string& query,
                                 std::string file) {
  if (file.empty()) {
    // In the working directory, named in full so that the message says where.
    char directory[4096];
    file = getcwd(directory, sizeof directory) != nullptr
               ? absl::StrCat(directory, "/quarry-result.dot")
               : "quarry-result.dot";
  }
  if (absl::EndsWith(file, ".dot") || absl::EndsWith(file, ".gv")) {
    if (absl::Status status = WriteDot(database, query, file); !status.ok()) return status;
    return absl::StrCat("wrote ", file, " (render it with: dot -Tsvg -o out.svg ", file, ")");
  }
  std::string type;
  if (absl::EndsWith(file, ".svg")) type = "svg";
  if (absl::EndsWith(file, ".png")) type = "png";
  if (type.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot draw '", file, "': give a name ending in .svg, .png or .dot"));
  }
  const std::string dot_file = absl::StrCat(file.substr(0, file.size() - type.size()), "dot");
  if (absl::Status status = WriteDot(database, query, dot_file); !status.ok()) return status;
  const std::string dot = FindDot();
  if (dot.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the 'dot' program is not installed (install Graphviz: sudo apt-get install "
                     "graphviz); wrote ",
                     dot_file, " instead"));
  }
  if (!RunDot(dot, type, dot_file, file)) {
    return absl::InternalError(absl::StrCat("dot could not render ", dot_file, " to ", file));
  }
  std::remove(dot_file.c_str());
  return absl::StrCat("wrote ", file);
}

}  // namespace quarry::tools
