// DefaultDataDir implementation; the two directories are compile-time definitions.
#include "loaders/data_dir.h"

#include <cstdlib>
#include <filesystem>

namespace quarry::loaders {

std::string DefaultDataDir() {
  const char* env = std::getenv("QUARRY_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::path(QUARRY_SOURCE_DATA_DIR) / "countries.tsv",
                              error)) {
    return QUARRY_SOURCE_DATA_DIR;
  }
  return QUARRY_INSTALLED_DATA_DIR;
}

}  // namespace quarry::loaders
