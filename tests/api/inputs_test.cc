// ReadInput and InputBytes: a file's bytes read whole (or mapped, without a copy), whatever
// its size or kind, and errors that name the path.
#include "api/inputs.h"

#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::ReadFile;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using ::quarry::testing::WriteFile;
using ::testing::HasSubstr;

TEST(InputBytesTest, HoldsTheBytesOfAFile) {
  ScratchDir dir;
  std::string contents;
  for (int line = 0; line < 5000; ++line) contents += "line " + std::to_string(line) + "\n";
  contents.push_back('\0');  // binary bytes too
  contents += "tail";
  const std::string path = dir.Join("stream.tqb");
  WriteFile(path, contents);
  absl::StatusOr<InputBytes> input = InputBytes::Open(path);
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_EQ(input->bytes(), contents);

  // Moved, the bytes stay valid; the moved-from holds none.
  InputBytes moved = *std::move(input);
  EXPECT_EQ(moved.bytes(), contents);
  EXPECT_TRUE(input->bytes().empty());
}

TEST(InputBytesTest, AFileReplacedByRenameKeepsTheBytesOpened) {
  ScratchDir dir;
  const std::string path = dir.Join("stream.tqb");
  WriteFile(path, "first version");
  absl::StatusOr<InputBytes> input = InputBytes::Open(path);
  ASSERT_TRUE(input.ok()) << input.status();
  WriteFile(dir.Join("next.tmp"), "the second, longer version");
  ASSERT_EQ(std::rename(dir.Join("next.tmp").c_str(), path.c_str()), 0);
  EXPECT_EQ(input->bytes(), "first version");
  EXPECT_EQ(ReadFile(path), "the second, longer version");
}

TEST(InputBytesTest, EmptyFilesAndDevicesAreReadWhole) {
  ScratchDir dir;
  WriteFile(dir.Join("empty"), "");
  absl::StatusOr<InputBytes> empty = InputBytes::Open(dir.Join("empty"));
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->bytes().empty());
  absl::StatusOr<InputBytes> device = InputBytes::Open("/dev/null");
  ASSERT_TRUE(device.ok()) << device.status();
  EXPECT_TRUE(device->bytes().empty());
}

TEST(InputBytesTest, ANamedPipeIsReadWholeThroughOneOpening) {
  ScratchDir dir;
  const std::string path = dir.Join("stream.fifo");
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::string contents;
  for (int line = 0; line < 50000; ++line) contents += "line " + std::to_string(line) + "\n";
  // The writer fails (EPIPE, not a signal) if the reader ever closes before the end.
  ::signal(SIGPIPE, SIG_IGN);
  bool written = false;
  std::thread writer([&] {
    FILE* pipe = std::fopen(path.c_str(), "wb");
    if (pipe == nullptr) return;
    const bool complete = std::fwrite(contents.data(), 1, contents.size(), pipe) == contents.size();
    written = std::fclose(pipe) == 0 && complete;
  });
  absl::StatusOr<InputBytes> input = InputBytes::Open(path);
  writer.join();
  ::signal(SIGPIPE, SIG_DFL);
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_TRUE(written);
  EXPECT_EQ(input->bytes(), contents);
}

TEST(InputBytesTest, AMissingFileIsAnErrorNamingIt) {
  ScratchDir dir;
  EXPECT_THAT(InputBytes::Open(dir.Join("missing.tqb")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.tqb")));
}

TEST(ReadInputTest, ReadsFilesOfEverySizeWhole) {
  ScratchDir dir;
  for (const size_t size : {0, 1, 4095, 65536, 65537, 300001}) {
    std::string contents(size, 'x');
    for (size_t i = 0; i < size; ++i) contents[i] = static_cast<char>('a' + i * 7 % 26);
    const std::string path = dir.Join("file-" + std::to_string(size));
    WriteFile(path, contents);
    absl::StatusOr<std::string> read = ReadInput(path);
    ASSERT_TRUE(read.ok()) << read.status();
    EXPECT_EQ(*read, contents) << size;
  }
}

TEST(ReadInputTest, AFileThatStatesNoSizeIsReadToTheEnd) {
  // Files of /proc report a size of 0 but have contents.
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  ASSERT_TRUE(in) << "no /proc";
  const std::string expected((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  ASSERT_FALSE(expected.empty());
  absl::StatusOr<std::string> read = ReadInput("/proc/self/cmdline");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, expected);
}

TEST(ReadInputTest, ErrorsNameThePath) {
  ScratchDir dir;
  EXPECT_THAT(ReadInput(dir.Join("missing.txt")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.txt")));
  EXPECT_THAT(ReadInput(dir.path()),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr(dir.path() + ": read error")));
}

}  // namespace
}  // namespace quarry
