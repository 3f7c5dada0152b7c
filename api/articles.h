// The article pipeline as the facade uses it: read articles from a file's content and
// extract one TripleBatch per article, resolving names across documents through the graph.
#ifndef QUARRY_API_ARTICLES_H_
#define QUARRY_API_ARTICLES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "proto/quarry.pb.h"

namespace quarry {

class ArticlePipelineState;

// Extraction with the knowledge files loaded once. Thread-compatible.
class ArticlePipeline {
 public:
  // Loads the default knowledge files plus `gazetteers` (files or directories).
  static absl::StatusOr<std::unique_ptr<ArticlePipeline>> Create(
      const std::vector<std::string>& gazetteers);
  ~ArticlePipeline();

  // Extracts the articles in `content` (format "text", "markdown", "html" or
  // "jsonl-articles"). With a snapshot, names resolve against documents already loaded.
  absl::StatusOr<std::vector<proto::TripleBatch>> Extract(absl::string_view content,
                                                          absl::string_view file_name,
                                                          absl::string_view format,
                                                          const graph::Snapshot* snapshot) const;

 private:
  explicit ArticlePipeline(std::unique_ptr<ArticlePipelineState> state);
  std::unique_ptr<ArticlePipelineState> state_;
};

}  // namespace quarry

#endif  // QUARRY_API_ARTICLES_H_
