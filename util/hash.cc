// XXH3-128 is fast (several GB/s) and well specified, so ids never change between builds.
#include "util/hash.h"

#include <xxhash.h>

#include "absl/strings/str_format.h"

namespace quarry {

std::string ContentHash(absl::string_view bytes) {
  XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return absl::StrFormat("%016x%016x", hash.high64, hash.low64);
}

}  // namespace quarry
