// Content hashes for document ids: XXH3-128 of the bytes, as 32 lowercase hex digits.
#ifndef QUARRY_UTIL_HASH_H_
#define QUARRY_UTIL_HASH_H_

#include <string>

#include "absl/strings/string_view.h"

namespace quarry {

// Returns the hex content hash of `bytes`; stable across runs, machines and versions.
std::string ContentHash(absl::string_view bytes);

}  // namespace quarry

#endif  // QUARRY_UTIL_HASH_H_
