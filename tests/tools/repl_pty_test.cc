// `quarry repl` driven through a real pseudo-terminal, as a person types: a query, an error
// and recovery, history recall with the up arrow, completion of a name with Tab, `.why`,
// `.draw` and `.quit`.
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::Quarry;
using ::quarry::testing::QuarryBinary;
using ::quarry::testing::ReadFile;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::WriteFile;
using ::testing::HasSubstr;

// Generous: the ASan build is slow, and the machine is shared.
constexpr int kWaitMs = 60'000;

// A child process on a pseudo-terminal, with everything it printed so far.
class Terminal {
 public:
  // Starts `quarry ARGS...` with HOME=`home`.
  Terminal(const std::vector<std::string>& args, const std::string& home) {
    struct winsize size = {};
    size.ws_row = 50;
    size.ws_col = 200;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      setenv("HOME", home.c_str(), 1);
      setenv("TERM", "xterm", 1);
      setenv("LANG", "C.UTF-8", 1);
      unsetenv("LC_ALL");
      const std::string binary = QuarryBinary();
      std::vector<char*> argv = {const_cast<char*>("quarry")};
      for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
  }

  ~Terminal() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }

  bool started() const { return pid_ > 0; }

  void Type(const std::string& keys) {
    size_t done = 0;
    while (done < keys.size()) {
      const ssize_t written = write(master_, keys.data() + done, keys.size() - done);
      if (written <= 0) return;
      done += written;
    }
  }

  // Reads until `text` appears after the last match; true when it does in time. The next
  // wait starts after it.
  bool WaitFor(const std::string& text, int wait_ms = kWaitMs) {  // NOLINT
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    while (true) {
      const size_t found = output_.find(text, consumed_);
      if (found != std::string::npos) {
        consumed_ = found + text.size();
        return true;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0 || !ReadSome(static_cast<int>(left))) return false;
    }
  }

  // Waits for the child to exit; its exit status, or -1.
  int Wait() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kWaitMs);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      ReadSome(100);
    }
    return -1;
  }

  // What the terminal showed since the last match.
  std::string Rest() const { return output_.substr(consumed_); }

 private:
  bool ReadSome(int timeout_ms) {
    struct pollfd poll_fd = {master_, POLLIN, 0};
    if (poll(&poll_fd, 1, timeout_ms) <= 0) return timeout_ms < kWaitMs;
    char buffer[4096];
    const ssize_t got = read(master_, buffer, sizeof buffer);
    if (got <= 0) return false;  // the child closed the terminal
    output_.append(buffer, got);
    return true;
  }

  pid_t pid_ = -1;
  int master_ = -1;
  bool exited_ = false;
  std::string output_;
  size_t consumed_ = 0;
};

TEST(ReplPtyTest, QueryErrorHistoryCompletionWhyDrawQuit) {
  ScratchDir dir;
  WriteFile(dir.Join("facts.tsv"),
            "Ada Example\tmet\tBo Sample\nAda Example\t:label\tPerson\n"
            "Bo Sample\t:label\tPerson\n");
  ASSERT_EQ(Quarry(dir, "load '" + dir.Join("facts.tsv") + "'").exit_code, 0);

  Terminal terminal({"--db", dir.Join("db"), "repl"}, dir.path());
  ASSERT_TRUE(terminal.started());
  ASSERT_TRUE(terminal.WaitFor("quarry> ")) << terminal.Rest();

  // A query: its rows, then the row count under the table.
  terminal.Type("MATCH (a:Person)-[r:met]->(b) RETURN a, b.name AS other;\r");
  ASSERT_TRUE(terminal.WaitFor("(:Person {name: \"Ada Example\"})")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("Bo Sample")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("1 row")) << terminal.Rest();

  // An error with its caret, then the shell carries on.
  terminal.Type("MATCH (a RETURN a;\r");
  ASSERT_TRUE(terminal.WaitFor("error:")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("^")) << terminal.Rest();
  terminal.Type("RETURN 41 + 1 AS answer;\r");
  ASSERT_TRUE(terminal.WaitFor("42")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("quarry> ")) << terminal.Rest();

  // History: the up arrow brings the last statement back.
  terminal.Type("\033[A\r");
  ASSERT_TRUE(terminal.WaitFor("42")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("quarry> ")) << terminal.Rest();

  // Completion: Tab finishes the name and its quote; without it the string would not end.
  terminal.Type("MATCH (n) WHERE n.name = 'Ad\t");
  ASSERT_TRUE(terminal.WaitFor("Example'")) << terminal.Rest();
  terminal.Type(" RETURN n.name AS who;\r");
  ASSERT_TRUE(terminal.WaitFor("1 row")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("quarry> ")) << terminal.Rest();

  // .why: the evidence of the last result's relationship.
  terminal.Type("MATCH (a)-[r:met]->(b) RETURN a, r, b;\r");
  ASSERT_TRUE(terminal.WaitFor("1 row")) << terminal.Rest();
  terminal.Type(".why\r");
  ASSERT_TRUE(terminal.WaitFor("Ada Example -[met]-> Bo Sample (1 source)")) << terminal.Rest();
  ASSERT_TRUE(terminal.WaitFor("facts.tsv")) << terminal.Rest();

  // .draw FILE.dot writes the last result as DOT and says where.
  const std::string dot_file = dir.Join("picture.dot");
  terminal.Type(".draw " + dot_file + "\r");
  ASSERT_TRUE(terminal.WaitFor("wrote " + dot_file)) << terminal.Rest();
  EXPECT_THAT(ReadFile(dot_file), HasSubstr("label=\"met\""));

  // .quit ends the shell with status 0. (Ctrl-C at the prompt is not driven here: whether
  // libedit redraws the prompt after SIGINT depends on timing, which made the step flaky.)
  ASSERT_TRUE(terminal.WaitFor("quarry> ")) << terminal.Rest();
  terminal.Type(".quit\r");
  EXPECT_EQ(terminal.Wait(), 0) << terminal.Rest();
  // libedit keeps history with spaces as \040.
  EXPECT_THAT(ReadFile(dir.Join(".quarry_history")),
              HasSubstr("RETURN\\04041\\040+\\0401\\040AS\\040answer;"));
}

// The other commands on a terminal: the load progress and summary, the row count under a
// table, and `why` with the two mentions in bold.
TEST(TerminalOutputTest, ProgressRowCountAndHighlightedMentions) {
  ScratchDir dir;
  WriteFile(dir.Join("talks.txt"),
            "# date: 2024-06-04\n\nFrench Foreign Minister Ada Quillfeather met Boris "
            "Tallowmere, the Swiss envoy, in Geneva on Monday.\n");
  {
    Terminal terminal({"--db", dir.Join("db"), "load", dir.Join("talks.txt")}, dir.path());
    ASSERT_TRUE(terminal.WaitFor("1/1 files")) << terminal.Rest();
    ASSERT_TRUE(terminal.WaitFor("loaded 1 documents (0 already present, 0 failed)"))
        << terminal.Rest();
    EXPECT_EQ(terminal.Wait(), 0);
  }
  {
    Terminal terminal(
        {"--db", dir.Join("db"), "--ascii", "query", "MATCH (p:Person) RETURN p.name"}, dir.path());
    ASSERT_TRUE(terminal.WaitFor("| Boris Tallowmere |")) << terminal.Rest();
    ASSERT_TRUE(terminal.WaitFor("2 rows in ")) << terminal.Rest();
    EXPECT_EQ(terminal.Wait(), 0);
  }
  {
    Terminal terminal({"--db", dir.Join("db"), "why", "MATCH (a)-[r:met]->(b) RETURN a, r, b"},
                      dir.path());
    ASSERT_TRUE(
        terminal.WaitFor("Minister \033[1mAda Quillfeather\033[0m met "
                         "\033[1mBoris Tallowmere\033[0m, the Swiss envoy"))
        << terminal.Rest();
    EXPECT_EQ(terminal.Wait(), 0);
  }
}

}  // namespace
}  // namespace quarry
