// Streaming at scale: a million generated TSV lines through a counting sink, and a 200 MB
// line that must be refused without being buffered whole.
#include <istream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loaders/structured/reader.h"
#include "tests/loaders/structured/generated_stream.h"
#include "tests/loaders/structured/test_helpers.h"
#include "tests/util/test_util.h"

namespace quarry::loaders::structured {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::Eq;
using namespace ::quarry::loaders::structured::testing;  // NOLINT: test helpers.

// Counts triples and remembers the last one.
class CountingSink : public TripleSink {
 public:
  absl::Status Add(proto::Triple triple) override {
    ++count_;
    last_ = std::move(triple);
    return absl::OkStatus();
  }
  int64_t count() const { return count_; }
  const proto::Triple& last() const { return last_; }

 private:
  int64_t count_ = 0;
  proto::Triple last_;
};

TEST(LargeInputTest, StreamsAMillionTsvLines) {
  constexpr int kLines = 1000000;
  int line = 0;
  uint64_t bytes = 0;
  GeneratedStreamBuf buffer([&]() -> std::string {
    if (line == kLines) return "";
    std::string text;
    for (int batch = 0; batch < 1000 && line < kLines; ++batch, ++line) {
      switch (line % 3) {
        case 0:
          absl::StrAppend(&text, "person ", line, "\tmet\tperson ", line + 1, "\n");
          break;
        case 1:
          absl::StrAppend(&text, "person ", line, "\tage\t", line % 90, "\n");
          break;
        default:
          absl::StrAppend(&text, "person ", line, "\trole\t\"role ", line, "\"\n");
      }
    }
    bytes += text.size();
    return text;
  });
  std::istream in(&buffer);
  CountingSink sink;
  QUARRY_ASSERT_OK(ReadTsv(in, "big.tsv", "doc", sink));
  EXPECT_EQ(sink.count(), kLines);
  EXPECT_EQ(Show(sink.last()), Show(MakeTriple("person 999999", "met", Node("person 1000000"))));
  EXPECT_EQ(sink.last().evidence(0).span().end(), bytes - 1);
}

TEST(LargeInputTest, RefusesA200MegabyteLineWithoutHoldingIt) {
  constexpr uint64_t kLineBytes = uint64_t{200} << 20;
  uint64_t produced = 0;
  const std::string chunk(1 << 20, 'x');
  GeneratedStreamBuf buffer([&]() -> std::string {
    if (produced >= kLineBytes) return "";
    produced += chunk.size();
    return chunk;
  });
  std::istream in(&buffer);
  CountingSink sink;
  EXPECT_THAT(ReadTsv(in, "huge.tsv", "doc", sink),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("huge.tsv:1:1: line is longer than the limit of 67108864 bytes")));
  // The reader stopped soon after the limit instead of reading (and buffering) all 200 MB.
  EXPECT_LT(produced, uint64_t{70} << 20);
  EXPECT_EQ(sink.count(), 0);
}

}  // namespace
}  // namespace quarry::loaders::structured
