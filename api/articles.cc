// Bridges the facade to loaders/: the article extractor and cross-document name resolution.
#include "api/articles.h"

#include "absl/strings/str_cat.h"
#include "quarry/eval.h"

namespace quarry {

class ArticlePipelineState {};

ArticlePipeline::ArticlePipeline(std::unique_ptr<ArticlePipelineState> state)
    : state_(std::move(state)) {}
ArticlePipeline::~ArticlePipeline() = default;

absl::StatusOr<std::unique_ptr<ArticlePipeline>> ArticlePipeline::Create(
    const std::vector<std::string>& /*gazetteers*/) {
  return absl::UnimplementedError("article loading is not available in this build yet");
}

absl::StatusOr<std::vector<proto::TripleBatch>> ArticlePipeline::Extract(
    absl::string_view /*content*/, absl::string_view file_name, absl::string_view format,
    const graph::Snapshot* /*snapshot*/) const {
  return absl::UnimplementedError(
      absl::StrCat(file_name, ": loading ", format, " articles is not available yet"));
}

}  // namespace quarry

namespace quarry {

absl::StatusOr<std::string> EvaluateExtraction(const std::string& gold_path,
                                               const std::vector<std::string>& /*paths*/,
                                               const LoadOptions& /*options*/) {
  return absl::UnimplementedError(
      absl::StrCat("cannot score against ", gold_path, ": the article extractor is not built yet"));
}

}  // namespace quarry
