// The loaders library in one include: reading articles, knowledge, extraction, evaluation
// and the dry-run format. See each header for its contract.
#ifndef QUARRY_LOADERS_LOADERS_H_
#define QUARRY_LOADERS_LOADERS_H_

#include "loaders/article_extractor.h"
#include "loaders/article_reader.h"
#include "loaders/data_dir.h"
#include "loaders/evaluator.h"
#include "loaders/knowledge.h"
#include "loaders/name_resolver.h"
#include "loaders/triple_format.h"

#endif  // QUARRY_LOADERS_LOADERS_H_
