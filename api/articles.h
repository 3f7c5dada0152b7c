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
  // Loads the default knowledge files plus `gazetteers` (files or directories). Errors name
  // the data file and line.
  static absl::StatusOr<std::unique_ptr<ArticlePipeline>> Create(
      const std::vector<std::string>& gazetteers);
  ~ArticlePipeline();

  // Extracts the articles in `content` (format "text", "markdown", "html" or
  // "jsonl-articles"). With a store, each article's names resolve against a fresh snapshot
  // of it, so an article sees the ones loaded before it; `on_batch` receives each batch in
  // order (e.g. to apply it) and may stop the extraction by returning an error. An article
  // that fails (to read or to extract) ends it, after the batches of those before it.
  // `first_line` numbers the first line of `content` when it is a part of a JSONL file.
  absl::Status Extract(absl::string_view content, absl::string_view file_name,
                       absl::string_view format, const graph::Store* store,
                       const std::function<absl::Status(const proto::TripleBatch&)>& on_batch,
                       int64_t first_line = 1) const;

  // Scores extraction of `paths` against the gold file (see include/quarry/eval.h).
  absl::StatusOr<std::string> Evaluate(const std::string& gold_path,
                                       const std::vector<std::string>& files) const;

 private:
  explicit ArticlePipeline(std::unique_ptr<ArticlePipelineState> state);
  std::unique_ptr<ArticlePipelineState> state_;
};

}  // namespace quarry

#endif  // QUARRY_API_ARTICLES_H_
