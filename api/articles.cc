// Bridges the facade to loaders/: the article extractor, cross-document name resolution
// over the graph's `names` index, and evaluation.
#include "api/articles.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "api/inputs.h"
#include "loaders/loaders.h"
#include "quarry/eval.h"
#include "quarry/load.h"
#include "util/status_macros.h"

namespace quarry {
namespace {

// Resolves names written in an article to nodes already in the graph, with their labels.
class SnapshotResolver : public loaders::NameResolver {
 public:
  explicit SnapshotResolver(const graph::Snapshot& snapshot) : snapshot_(snapshot) {}

  std::vector<loaders::NameCandidate> Candidates(absl::string_view surface) const override {
    std::vector<loaders::NameCandidate> candidates;
    absl::StatusOr<std::vector<graph::TermId>> nodes = snapshot_.FindNodesByName(surface);
    if (!nodes.ok()) return candidates;
    graph::Cursor cursor = snapshot_.NewCursor();
    for (graph::TermId node : *nodes) {
      absl::StatusOr<proto::Term> term = snapshot_.DecodeTerm(node);
      if (!term.ok() || term->value_case() != proto::Term::kNode) continue;
      loaders::NameCandidate candidate;
      candidate.name = term->node();
      bool exists = false;
      for (cursor.Seek({node, std::nullopt, std::nullopt}); cursor.Valid(); cursor.Next()) {
        exists = true;
        if (cursor.triple().predicate != graph::kLabelPredicateId) continue;
        absl::StatusOr<proto::Term> label = snapshot_.DecodeTerm(cursor.triple().object);
        if (label.ok()) candidate.labels.push_back(label->label());
      }
      if (exists) candidates.push_back(std::move(candidate));  // skip names left by unloads
    }
    return candidates;
  }

 private:
  const graph::Snapshot& snapshot_;
};

}  // namespace

class ArticlePipelineState {
 public:
  std::unique_ptr<loaders::Knowledge> knowledge;
  std::unique_ptr<loaders::ArticleExtractor> extractor;
};

ArticlePipeline::ArticlePipeline(std::unique_ptr<ArticlePipelineState> state)
    : state_(std::move(state)) {}
ArticlePipeline::~ArticlePipeline() = default;

absl::StatusOr<std::unique_ptr<ArticlePipeline>> ArticlePipeline::Create(
    const std::vector<std::string>& gazetteers) {
  std::vector<std::string> paths = {loaders::DefaultDataDir()};
  paths.insert(paths.end(), gazetteers.begin(), gazetteers.end());
  auto state = std::make_unique<ArticlePipelineState>();
  QUARRY_ASSIGN_OR_RETURN(state->knowledge, loaders::Knowledge::Load(paths));
  state->extractor = std::make_unique<loaders::ArticleExtractor>(*state->knowledge);
  return std::unique_ptr<ArticlePipeline>(new ArticlePipeline(std::move(state)));
}

absl::Status ArticlePipeline::Extract(
    absl::string_view content, absl::string_view file_name, absl::string_view format,
    const graph::Store* store,
    const std::function<absl::Status(const proto::TripleBatch&)>& on_batch,
    int64_t first_line) const {
  return loaders::ForEachArticle(
      content, file_name, ReaderFormat(format), first_line,
      [&](loaders::Article&& article) -> absl::Status {
        absl::StatusOr<proto::TripleBatch> batch;
        if (store != nullptr) {
          std::unique_ptr<graph::Snapshot> snapshot = store->GetSnapshot();
          SnapshotResolver resolver(*snapshot);
          batch = state_->extractor->Extract(article, &resolver);
        } else {
          batch = state_->extractor->Extract(article, nullptr);
        }
        if (!batch.ok()) {
          return absl::Status(
              batch.status().code(),
              absl::StrCat(article.name.empty() ? std::string(file_name) : article.name, ": ",
                           batch.status().message()));
        }
        return on_batch(*batch);
      });
}

absl::StatusOr<std::string> ArticlePipeline::Evaluate(const std::string& gold_path,
                                                      const std::vector<std::string>& files) const {
  QUARRY_ASSIGN_OR_RETURN(std::string gold, ReadInput(gold_path));
  std::vector<loaders::PredictedArticle> predictions;
  for (const std::string& file : files) {
    QUARRY_ASSIGN_OR_RETURN(std::string content, ReadInput(file));
    QUARRY_ASSIGN_OR_RETURN(std::vector<loaders::Article> articles,
                            loaders::ReadArticles(content, file, "auto"));
    for (const loaders::Article& article : articles) {
      QUARRY_ASSIGN_OR_RETURN(proto::TripleBatch batch,
                              state_->extractor->Extract(article, nullptr));
      predictions.push_back({article.name, std::move(batch)});
    }
  }
  QUARRY_ASSIGN_OR_RETURN(loaders::EvalReport report,
                          loaders::Evaluate(gold, gold_path, predictions, state_->knowledge.get()));
  return loaders::FormatEvalReport(report);
}

absl::StatusOr<std::string> EvaluateExtraction(const std::string& gold_path,
                                               const std::vector<std::string>& paths,
                                               const LoadOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandInputs(paths));
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<ArticlePipeline> pipeline,
                          ArticlePipeline::Create(options.gazetteers));
  return pipeline->Evaluate(gold_path, files);
}

}  // namespace quarry
