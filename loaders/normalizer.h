// Normalizer: the first pipeline stage. Validates UTF-8, strips HTML tags and entities or
// Markdown markup, straightens typographic quotes and dashes, and applies Unicode NFC,
// keeping for every output byte the byte offset it came from in the original text, so that
// evidence spans point into the document as it was loaded.
#ifndef QUARRY_LOADERS_NORMALIZER_H_
#define QUARRY_LOADERS_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace quarry::loaders {

// Normalized text and its map back to the original bytes.
struct NormalizedText {
  std::string text;
  // to_original[i] is the original byte offset of text[i]; to_original[text.size()] is the
  // original length. Non-decreasing.
  std::vector<uint32_t> to_original;

  // The original byte offset of normalized offset `offset` (clamped to the end).
  uint32_t Original(uint32_t offset) const {
    return offset < to_original.size() ? to_original[offset] : to_original.back();
  }
};

// Normalizes `original`. `format` is "text", "markdown" or "html" (anything else is text).
// Errors: kInvalidArgument "invalid UTF-8 at byte N" (N the offset of the first bad byte).
absl::StatusOr<NormalizedText> Normalize(absl::string_view original, absl::string_view format);

// The offset of the first invalid UTF-8 byte in `text`, or -1 when it is valid.
int64_t FindInvalidUtf8(absl::string_view text);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_NORMALIZER_H_
