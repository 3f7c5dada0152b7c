// End-to-end: extracts ../shared/corpus/seeds (skipped when absent) and checks, through the
// extractor and the evaluator, the seed gold's met/talked_with pairs and affiliations, and
// that every triple carries evidence pointing into its document.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "loaders/loaders.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(CorpusTest, SeedArticlesMeetTheTargets) {
  const std::string corpus = std::string(QUARRY_SHARED_DIR) + "/corpus";
  if (!std::filesystem::exists(corpus + "/seed_gold.tsv")) GTEST_SKIP() << "no shared corpus";
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  ArticleExtractor extractor(**knowledge);
  std::vector<PredictedArticle> predictions;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(corpus + "/seeds")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  }
  ASSERT_EQ(files.size(), 5u);
  for (const std::string& file : files) {
    auto articles = ReadArticles(Read(file), file, "auto");
    QUARRY_ASSERT_OK(articles);
    for (const Article& article : *articles) {
      auto batch = extractor.Extract(article);
      QUARRY_ASSERT_OK(batch);
      for (const proto::Triple& triple : batch->triples()) {
        ASSERT_GT(triple.evidence_size(), 0);
        for (const proto::Evidence& evidence : triple.evidence()) {
          EXPECT_EQ(evidence.document_id(), batch->document().id());
          EXPECT_LE(evidence.span().end(), article.text.size());
          EXPECT_LT(evidence.sentence_index(), batch->document().sentences_size());
        }
      }
      predictions.push_back({article.name, *std::move(batch)});
    }
  }
  auto report =
      Evaluate(Read(corpus + "/seed_gold.tsv"), "seed_gold.tsv", predictions, knowledge->get());
  QUARRY_ASSERT_OK(report);
  // Every gold met/talked_with pair is found and nothing else is claimed.
  EXPECT_EQ(report->met_or_talked.matched_gold, report->met_or_talked.gold)
      << FormatEvalReport(*report);
  EXPECT_EQ(report->met_or_talked.matched_predicted, report->met_or_talked.predicted)
      << FormatEvalReport(*report);
  EXPECT_GE(report->met_or_talked.gold, 4);
  const EvalCounts& affiliated = report->by_relation.at("affiliated_with");
  EXPECT_GE(affiliated.Precision(), 0.9) << FormatEvalReport(*report);
  EXPECT_GE(report->by_relation.at("role").Precision(), 0.9) << FormatEvalReport(*report);
}

}  // namespace
}  // namespace quarry::loaders
