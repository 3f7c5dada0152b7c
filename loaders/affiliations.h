// Affiliations from context: the country or body a person named without one serves, when
// the article says it only by where it was written, who travelled where, whom they hosted,
// or the party they lead. Runs once the relations are found.
#ifndef QUARRY_LOADERS_AFFILIATIONS_H_
#define QUARRY_LOADERS_AFFILIATIONS_H_

#include <vector>

#include "loaders/coreference.h"
#include "loaders/knowledge.h"
#include "loaders/relations.h"

namespace quarry::loaders {

// Adds to `people` the affiliations that context gives, each only to a holder of a national
// office (a president, minister, secretary, speaker, monarch, spokesperson …):
// - the country of a party the person leads ("General Secretary of the Communist Party of
//   Vietnam" serves Vietnam too);
// - the country a visitor went to, for whom they met in the sentence that reports the visit
//   ("travelled to Panama City, where he was received by President X");
// - the dateline's country, for everyone named without a country but those who travelled
//   there ("NEW DELHI - Defence Minister X held talks with …");
// - without a dateline, the one country that visitors named with their own countries went
//   to, for those who hosted them ("Lao Prime Minister Y arrived in Bangkok … Prime
//   Minister X hosted a luncheon for Y").
// People who have an affiliation keep theirs.
void AffiliateFromContext(const Knowledge& knowledge, const Dateline& dateline,
                          const std::vector<RelationFact>& facts,
                          const std::vector<AnalyzedSentence>& sentences,
                          std::vector<PersonEntity>* people);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_AFFILIATIONS_H_
