// A development driver (not a test): extracts every article under the given paths and
// scores them against a gold file, or prints the triples.
//   quarry_loaders_eval GOLD.tsv PATH...     the evaluation report
//   quarry_loaders_eval --dump PATH...       the triples, per article
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "loaders/loaders.h"

namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace quarry::loaders;
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " GOLD.tsv|--dump PATH...\n";
    return 2;
  }
  std::string gold = argv[1];
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  if (!knowledge.ok()) {
    std::cerr << knowledge.status() << "\n";
    return 1;
  }
  ArticleExtractor extractor(**knowledge);
  std::vector<PredictedArticle> predictions;
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
        std::string path = entry.path().string();
        if (entry.path().extension() == ".txt") files.push_back(path);
      }
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    auto articles = ReadArticles(Read(file), file, "auto");
    if (!articles.ok()) {
      std::cerr << articles.status() << "\n";
      return 1;
    }
    for (const Article& article : *articles) {
      auto batch = extractor.Extract(article);
      if (!batch.ok()) {
        std::cerr << batch.status() << "\n";
        return 1;
      }
      if (gold == "--dump") {
        std::cout << "== " << article.name << "\n" << FormatTriples(*batch);
      }
      predictions.push_back({article.name, *std::move(batch)});
    }
  }
  if (gold == "--dump") return 0;
  auto report = Evaluate(Read(gold), gold, predictions, knowledge->get());
  if (!report.ok()) {
    std::cerr << report.status() << "\n";
    return 1;
  }
  std::cout << FormatEvalReport(*report);
  return 0;
}
