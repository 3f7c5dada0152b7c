// NameResolver: the hook through which extraction consults names known outside the article
// (the graph's `names` index), so that "Okafor" in a new article can resolve to the
// "Julia Okafor" loaded before. Implemented by the caller; loaders never depends on
// the graph.
#ifndef QUARRY_LOADERS_NAME_RESOLVER_H_
#define QUARRY_LOADERS_NAME_RESOLVER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace quarry::loaders {

// A node known under a name or alias.
struct NameCandidate {
  std::string name;                 // canonical name (the node key)
  std::vector<std::string> labels;  // e.g. {"Person"}
};

// Looks names up across documents. Implementations must be safe to call from the thread
// running the extraction; they are called only with names as written in an article.
class NameResolver {
 public:
  virtual ~NameResolver() = default;
  // The nodes whose name or alias equals `surface` ignoring case (e.g. a surname); empty
  // when none. The extractor uses a candidate only when it is the only Person.
  virtual std::vector<NameCandidate> Candidates(absl::string_view surface) const = 0;
};

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_NAME_RESOLVER_H_
