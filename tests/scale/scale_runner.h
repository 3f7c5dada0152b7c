// Helpers of the scale-out tests: generated articles, commands through the shell, exports.
#ifndef QUARRY_TESTS_SCALE_SCALE_RUNNER_H_
#define QUARRY_TESTS_SCALE_SCALE_RUNNER_H_

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/util/test_util.h"

namespace quarry::testing {

// The quarry binary of this build.
inline std::string ScaleQuarry() { return QUARRY_BINARY_DIR "/tools/quarry"; }

// Runs `command` through the shell with stdin from /dev/null; returns the exit status and
// leaves stdout and stderr in `dir`/out and `dir`/err.
inline int Shell(const ScratchDir& dir, const std::string& command) {
  const std::string full =
      absl::StrCat("(", command, ") >'", dir.Join("out"), "' 2>'", dir.Join("err"), "' </dev/null");
  const int status = std::system(full.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// `quarry --db DB ARGS` as a shell command.
inline std::string QuarryCommand(const std::string& db, const std::string& args) {
  return absl::StrCat(ScaleQuarry(), " --db '", db, "' ", args);
}

// Writes `count` generated articles to `dir` (scripts/gen-articles).
inline int GenerateArticles(const ScratchDir& scratch, const std::string& dir, int count,
                            int seed) {
  return Shell(scratch, absl::StrCat(QUARRY_SOURCE_DIR "/scripts/gen-articles --count ", count,
                                     " --seed ", seed, " '", dir, "'"));
}

// The N-Triples export of `db` ("" and a test failure when it fails).
inline std::string ExportOf(const ScratchDir& scratch, const std::string& db) {
  const std::string file = scratch.Join("export.nt");
  if (Shell(scratch, QuarryCommand(db, absl::StrCat("export --format nt -o '", file, "'"))) != 0) {
    ADD_FAILURE() << "export of " << db << " failed: " << ReadFile(scratch.Join("err"));
    return "";
  }
  return ReadFile(file);
}

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SCALE_SCALE_RUNNER_H_
