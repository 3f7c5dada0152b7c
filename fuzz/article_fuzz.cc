// Fuzzes the article pipeline: reading (format detection, Markdown/HTML/JSONL, metadata,
// normalization) and extraction (sentence splitting, names, relations) of arbitrary bytes.
// The first byte picks the declared format.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "loaders/article_extractor.h"
#include "loaders/article_reader.h"
#include "loaders/data_dir.h"
#include "loaders/knowledge.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const quarry::loaders::Knowledge* knowledge = [] {
    auto loaded = quarry::loaders::Knowledge::Load({quarry::loaders::DefaultDataDir()});
    if (!loaded.ok()) abort();
    return loaded->release();
  }();
  static const quarry::loaders::ArticleExtractor extractor(*knowledge);
  if (size == 0) return 0;
  static constexpr const char* kFormats[] = {"auto", "text", "markdown", "html", "jsonl"};
  static constexpr const char* kNames[] = {"a.txt", "a.txt", "a.md", "a.html", "a.jsonl"};
  const int choice = data[0] % 5;
  const absl::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto articles = quarry::loaders::ReadArticles(content, kNames[choice], kFormats[choice]);
  if (!articles.ok()) return 0;
  for (const quarry::loaders::Article& article : *articles) {
    extractor.Extract(article).IgnoreError();
  }
  return 0;
}
