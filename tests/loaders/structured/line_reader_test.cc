// Tests of LineReader: terminators, offsets, chunk boundaries, and stream failures.
#include "loaders/structured/line_reader.h"

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Eq;

struct SeenLine {
  std::string text;
  int64_t number;
  uint64_t offset;
  bool operator==(const SeenLine& other) const {
    return text == other.text && number == other.number && offset == other.offset;
  }
};

std::vector<SeenLine> ReadAll(const std::string& text) {
  std::istringstream in(text);
  LineReader lines(in, "f", 1 << 20);
  std::vector<SeenLine> seen;
  while (true) {
    absl::StatusOr<bool> more = lines.Next();
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    seen.push_back({std::string(lines.line()), lines.line_number(), lines.line_offset()});
  }
  return seen;
}

TEST(LineReaderTest, SplitsLinesAndTracksOffsets) {
  EXPECT_THAT(ReadAll("ab\r\n\ncd"),
              ElementsAre(SeenLine{"ab", 1, 0}, SeenLine{"", 2, 4}, SeenLine{"cd", 3, 5}));
  EXPECT_THAT(ReadAll("one\n"), ElementsAre(SeenLine{"one", 1, 0}));
  EXPECT_THAT(ReadAll(""), ElementsAre());
}

TEST(LineReaderTest, LinesSpanningReadChunks) {
  // Lines longer than the 256 KiB read chunk and lines straddling chunk boundaries.
  const std::string long_line(700000, 'q');
  const std::string text = "x\n" + long_line + "\n" + long_line + "\ny";
  std::vector<SeenLine> seen = ReadAll(text);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[1].text, long_line);
  EXPECT_EQ(seen[2].offset, 2u + long_line.size() + 1);
  EXPECT_EQ(seen[3].text, "y");
  EXPECT_EQ(seen[3].offset, text.size() - 1);
}

TEST(LineReaderTest, ReportsAFailedStream) {
  std::istringstream in("data\n");
  in.setstate(std::ios::failbit);
  LineReader lines(in, "broken.tsv", 1 << 20);
  EXPECT_THAT(lines.Next(),
              StatusIs(absl::StatusCode::kDataLoss, Eq("broken.tsv: read error after 0 bytes")));
}

TEST(LineReaderTest, RejectsOverlongAndInvalidLines) {
  std::istringstream in("short\n0123456789\n");
  LineReader lines(in, "f", 8);
  QUARRY_ASSERT_OK(lines.Next());
  EXPECT_THAT(lines.Next(), StatusIs(absl::StatusCode::kInvalidArgument,
                                     Eq("f:2:1: line is longer than the limit of 8 bytes")));

  std::istringstream bad("ok\n\xE0\x80\x80\n");  // An overlong encoding of NUL.
  LineReader bad_lines(bad, "g", 1 << 20);
  QUARRY_ASSERT_OK(bad_lines.Next());
  EXPECT_THAT(bad_lines.Next(), StatusIs(absl::StatusCode::kInvalidArgument,
                                         Eq("g:2:1: invalid UTF-8 (byte 0xE0 at file offset 3)")));
}

}  // namespace
}  // namespace quarry::loaders::structured
