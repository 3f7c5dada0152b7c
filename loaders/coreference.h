// Coreference: groups an article's person mentions into people. A surname or partial name
// ("Okafor", "Mr. Lin", "van der Berg") joins the one fuller name that contains it; a
// name shared by two people ("Okafor" with Julia and Daniel Okafor) stays unresolved; a
// title-only mention ("the Saudi Crown Prince") joins the one person with that title and
// affiliation. Names in headlines only join people named in the body.
#ifndef QUARRY_LOADERS_COREFERENCE_H_
#define QUARRY_LOADERS_COREFERENCE_H_

#include <string>
#include <vector>

#include "loaders/name_resolver.h"
#include "loaders/persons.h"

namespace quarry::loaders {

// A person of the article.
struct PersonEntity {
  std::string name;  // canonical: the fullest form, without honorifics
  std::vector<int> mentions;
  std::vector<Role> roles;
  std::vector<std::string> affiliations;
  std::vector<std::string> aliases;  // other forms as written ("Mullah Okafor", "Okafor")
  bool strong = false;
};

// Resolves `mentions` (setting each one's `cluster`) and returns the people. `resolver`
// (nullable) is asked about one-word names the article does not resolve. Never fails.
std::vector<PersonEntity> ResolvePersons(std::vector<PersonMention>* mentions,
                                         const NameResolver* resolver);

// The lower-case words of a name that matter for matching (initials dropped, and an Arabic
// article joined by a hyphen: "el-Sisi" matches "Sisi").
std::vector<std::string> NameKey(absl::string_view name);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_COREFERENCE_H_
