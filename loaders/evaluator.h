// Evaluator: scores extracted triples against a hand-annotated gold file in the format of
// corpus/seed_gold.tsv (columns: article, subject, relation, object, note). Scoring rules
// (corpus/dev/README.md): symmetric relations (met, talked_with, plans_to_meet) match in
// either order; names match ignoring case and honorifics; a role matches when either string
// contains the other; `group_met` lines are left out of precision and recall.
#ifndef QUARRY_LOADERS_EVALUATOR_H_
#define QUARRY_LOADERS_EVALUATOR_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "loaders/knowledge.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders {

// Counts for one relation. Precision counts predictions that match some gold line; recall
// counts gold lines matched by some prediction.
struct EvalCounts {
  int gold = 0;
  int predicted = 0;
  int matched_predicted = 0;
  int matched_gold = 0;
  double Precision() const { return predicted == 0 ? 1.0 : double(matched_predicted) / predicted; }
  double Recall() const { return gold == 0 ? 1.0 : double(matched_gold) / gold; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

// A false positive or a miss, with the sentence behind it (the evidence sentence for a
// prediction, the note's quoted start for a gold line).
struct EvalItem {
  std::string article;
  std::string subject;
  std::string relation;
  std::string object;
  std::string sentence;
};

struct EvalReport {
  std::map<std::string, EvalCounts> by_relation;  // scored relations only
  EvalCounts met_or_talked;                       // met and talked_with together
  EvalCounts overall;
  std::vector<EvalItem> false_positives;
  std::vector<EvalItem> misses;
  // Gold articles for which no prediction was given (all their lines are misses).
  std::vector<std::string> missing_articles;
};

// The extraction of one article: `article` names it as the gold file does (the file name
// without extension).
struct PredictedArticle {
  std::string article;
  proto::TripleBatch batch;
};

// Scores `predictions` against the gold TSV `gold`. Only articles named in the gold file
// and relations that occur in it are scored. `knowledge` (nullable) supplies honorifics for
// name normalization. Errors: kInvalidArgument "FILE:LINE: ..." for a malformed gold line.
absl::StatusOr<EvalReport> Evaluate(absl::string_view gold, absl::string_view gold_file_name,
                                    const std::vector<PredictedArticle>& predictions,
                                    const Knowledge* knowledge);

// A plain-text report: a table of precision, recall and F1 per relation, then the false
// positives and misses with their sentences.
std::string FormatEvalReport(const EvalReport& report);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_EVALUATOR_H_
