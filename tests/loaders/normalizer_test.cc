// Tests of the normalizer.
#include "loaders/normalizer.h"

#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

using ::quarry::testing::StatusIs;

TEST(NormalizerTest, StraightensQuotesAndDashesKeepingOriginalOffsets) {
  std::string original = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 Wang\xE2\x80\x99s";
  auto normalized = Normalize(original, "text");
  QUARRY_ASSERT_OK(normalized);
  EXPECT_EQ(normalized->text, "\"Hi\" - Wang's");
  // "W" of Wang: normalized offset 7, original offset 11 (after two 3-byte quotes, a space,
  // a 3-byte dash and a space).
  EXPECT_EQ(normalized->Original(7), 13u);
  EXPECT_EQ(normalized->Original(static_cast<uint32_t>(normalized->text.size())), original.size());
}

TEST(NormalizerTest, RejectsInvalidUtf8WithItsByteOffset) {
  EXPECT_THAT(Normalize("abc\xFF", "text"),
              StatusIs(absl::StatusCode::kInvalidArgument, "invalid UTF-8 at byte 3"));
}

TEST(NormalizerTest, StripsHtmlTagsScriptsAndEntities) {
  auto normalized = Normalize("<p>Tom &amp; Ann</p><script>x()</script><p>met&#33;</p>", "html");
  QUARRY_ASSERT_OK(normalized);
  EXPECT_EQ(normalized->text, "Tom & Ann\nmet!\n");
  EXPECT_EQ(normalized->Original(0), 3u);   // "T"
  EXPECT_EQ(normalized->Original(4), 7u);   // "&" from "&amp;"
  EXPECT_EQ(normalized->Original(6), 13u);  // "Ann"
}

TEST(NormalizerTest, StripsMarkdownHeadingsEmphasisAndLinks) {
  auto normalized = Normalize("# Title\nSee **this** [page](http://x.org).", "markdown");
  QUARRY_ASSERT_OK(normalized);
  EXPECT_EQ(normalized->text, "Title\nSee this page.");
}

TEST(NormalizerTest, ComposesDecomposedCharacters) {
  auto normalized = Normalize("Fernande\xCC\x81z met", "text");  // e + combining acute
  QUARRY_ASSERT_OK(normalized);
  EXPECT_EQ(normalized->text, "Fernand\xC3\xA9z met");
}

}  // namespace
}  // namespace quarry::loaders
