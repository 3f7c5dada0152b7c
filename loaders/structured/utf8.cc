// A table-free UTF-8 validator with an ASCII fast path (the common case for triple files).
#include "loaders/structured/utf8.h"

#include <cstdint>
#include <cstring>

namespace quarry::loaders::structured {

size_t FindInvalidUtf8(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const size_t size = text.size();
  size_t pos = 0;
  while (pos < size) {
    // Skip eight ASCII bytes at a time.
    while (pos + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + pos, 8);
      if (word & 0x8080808080808080ull) break;
      pos += 8;
    }
    if (pos >= size) break;
    const uint8_t lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    size_t length;
    uint8_t low = 0x80;  // Allowed range of the second byte, per RFC 3629.
    uint8_t high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // No overlongs.
      if (lead == 0xED) high = 0x9F;  // No surrogates.
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // No overlongs.
      if (lead == 0xF4) high = 0x8F;  // Nothing above U+10FFFF.
    } else {
      return pos;
    }
    if (pos + 1 >= size || bytes[pos + 1] < low || bytes[pos + 1] > high) return pos;
    for (size_t index = 2; index < length; ++index) {
      if (pos + index >= size || (bytes[pos + index] & 0xC0) != 0x80) return pos;
    }
    pos += length;
  }
  return kValidUtf8;
}

}  // namespace quarry::loaders::structured
