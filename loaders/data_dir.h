// The default location of the loaders' data files.
#ifndef QUARRY_LOADERS_DATA_DIR_H_
#define QUARRY_LOADERS_DATA_DIR_H_

#include <string>

namespace quarry::loaders {

// $QUARRY_DATA_DIR when set; else the source tree's loaders/data when it exists (a build
// that has not been installed); else the installed share/quarry directory.
std::string DefaultDataDir();

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_DATA_DIR_H_
