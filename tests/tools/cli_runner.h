// Runs the `quarry` binary from tests: exit status, stdout and stderr of one command.
#ifndef QUARRY_TESTS_TOOLS_CLI_RUNNER_H_
#define QUARRY_TESTS_TOOLS_CLI_RUNNER_H_

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/util/test_util.h"

namespace quarry::testing {

// What one command did.
struct CommandRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary` with `arguments` (already shell-quoted) through the shell, with stdin from
// `stdin_path` (/dev/null when empty), and captures its output in `dir`.
inline CommandRun RunCommand(const ScratchDir& dir, const std::string& binary,
                             const std::string& arguments, const std::string& stdin_path = "") {
  const std::string out = dir.Join("stdout");
  const std::string err = dir.Join("stderr");
  const std::string command = absl::StrCat(binary, " ", arguments, " >", out, " 2>", err, " <'",
                                           stdin_path.empty() ? "/dev/null" : stdin_path, "'");
  const int status = std::system(command.c_str());
  CommandRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(out);
  run.err = ReadFile(err);
  return run;
}

// The quarry binary of this build.
inline std::string QuarryBinary() { return QUARRY_BINARY_DIR "/tools/quarry"; }

// Runs `quarry --db DIR/db ARGUMENTS`.
inline CommandRun Quarry(const ScratchDir& dir, const std::string& arguments,
                         const std::string& stdin_path = "") {
  return RunCommand(dir, QuarryBinary(), absl::StrCat("--db '", dir.Join("db"), "' ", arguments),
                    stdin_path);
}

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_TOOLS_CLI_RUNNER_H_
