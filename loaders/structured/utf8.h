// UTF-8 validation shared by the readers (every input line) and the writers (every name and
// string they emit), so that what is written can always be read back.
#ifndef QUARRY_LOADERS_STRUCTURED_UTF8_H_
#define QUARRY_LOADERS_STRUCTURED_UTF8_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace quarry::loaders::structured {

// Returned by FindInvalidUtf8 when `text` is valid.
inline constexpr size_t kValidUtf8 = static_cast<size_t>(-1);

// Returns the byte offset of the first byte of `text` that does not start (or continue) a
// well-formed UTF-8 sequence, or kValidUtf8. Overlong forms, surrogates (U+D800..U+DFFF)
// and code points above U+10FFFF are invalid; NUL is valid.
size_t FindInvalidUtf8(absl::string_view text);

// True when `text` is well-formed UTF-8.
inline bool IsValidUtf8(absl::string_view text) { return FindInvalidUtf8(text) == kValidUtf8; }

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_UTF8_H_
