// Scoring the article extractor against a gold annotation (`quarry eval`).
#ifndef QUARRY_EVAL_H_
#define QUARRY_EVAL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "quarry/load.h"

namespace quarry {

// Extracts the articles at `paths` (no database) and scores them against `gold_path`, a TSV
// of `article<TAB>subject<TAB>relation<TAB>object<TAB>note` lines where `article` is a file
// name without its extension. Returns the report: precision, recall and F1 per relation,
// then the false positives and misses with their sentences. Errors name the file and line.
absl::StatusOr<std::string> EvaluateExtraction(const std::string& gold_path,
                                               const std::vector<std::string>& paths,
                                               const LoadOptions& options);

}  // namespace quarry

#endif  // QUARRY_EVAL_H_
