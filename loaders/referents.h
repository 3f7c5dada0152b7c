// Referents by context: whom a title-only mention that coreference left unresolved refers
// to, once the article's visits and dateline are known ("the visiting minister", "the Head
// of State", a bare "the Foreign Minister" in a report from Manama). Relation matching runs
// again with the mentions resolved this way.
#ifndef QUARRY_LOADERS_REFERENTS_H_
#define QUARRY_LOADERS_REFERENTS_H_

#include <vector>

#include "loaders/coreference.h"
#include "loaders/knowledge.h"
#include "loaders/persons.h"
#include "loaders/relations.h"

namespace quarry::loaders {

// The one person a title-only mention that names no one yet refers to, by what the facts
// and the dateline say, or -1:
// - "the visiting minister", or one of another country than the dateline's ("the Jordanian
//   minister" in a report from Beirut): the one of that title (and country) who came to the
//   dateline's country;
//   failing that, who visited anywhere; failing that, who is affiliated with another
//   country than the dateline's (of several, the one who met someone by then); failing
//   all, the one person of any title who came;
// - "the Head of State", "the Head of Government": the one holder of that office of the
//   dateline's country (or of no stated country), or the one holder when there is no
//   dateline;
// - any other title without a country: the one holder of it of the dateline's country (or
//   of no stated country).
int ReferentFromContext(const PersonMention& mention, const std::vector<RelationFact>& facts,
                        const std::vector<PersonEntity>& people, const Knowledge& knowledge,
                        const Dateline& dateline);

// Resolves the title-only mentions that name no one yet by ReferentFromContext. Returns
// whether any was resolved.
bool ResolveFromContext(const std::vector<RelationFact>& facts,
                        const std::vector<PersonEntity>& people, const Knowledge& knowledge,
                        const Dateline& dateline, std::vector<PersonMention>* mentions);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_REFERENTS_H_
