// Fixed-width big-endian integer coding, so that encoded keys sort like the numbers.
#ifndef QUARRY_UTIL_CODING_H_
#define QUARRY_UTIL_CODING_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace quarry {

// Appends `value` as 8 big-endian bytes.
inline void PutBigEndian64(std::string* out, uint64_t value) {
  char bytes[8];
  for (int index = 7; index >= 0; --index) {
    bytes[index] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  out->append(bytes, 8);
}

// Reads 8 big-endian bytes at `data`; the caller guarantees they exist.
inline uint64_t GetBigEndian64(const char* data) {
  uint64_t value = 0;
  for (int index = 0; index < 8; ++index) {
    value = (value << 8) | static_cast<uint8_t>(data[index]);
  }
  return value;
}

inline uint64_t GetBigEndian64(absl::string_view data, size_t offset) {
  return GetBigEndian64(data.data() + offset);
}

}  // namespace quarry

#endif  // QUARRY_UTIL_CODING_H_
