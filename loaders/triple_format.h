// Triple format: renders a TripleBatch one triple a line, `subject<TAB>predicate<TAB>object`,
// as `quarry load --dry-run` prints it and as the TSV loader reads it back: nodes by
// canonical name, strings double-quoted with \" and \\ escaped, numbers, booleans and dates
// bare.
#ifndef QUARRY_LOADERS_TRIPLE_FORMAT_H_
#define QUARRY_LOADERS_TRIPLE_FORMAT_H_

#include <string>

#include "proto/quarry.pb.h"

namespace quarry::loaders {

// One term as TSV writes it.
std::string FormatTerm(const proto::Term& term);

// Every triple of `batch`, one a line, each line ending in '\n'.
std::string FormatTriples(const proto::TripleBatch& batch);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_TRIPLE_FORMAT_H_
