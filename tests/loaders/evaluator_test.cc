// Tests of the evaluator.
#include "loaders/evaluator.h"

#include "gtest/gtest.h"
#include "loaders/data_dir.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

using ::quarry::testing::StatusIs;

proto::Triple T(const std::string& s, const std::string& p, const std::string& o,
                bool literal = false) {
  proto::Triple triple;
  triple.mutable_subject()->set_node(s);
  triple.set_predicate(p);
  if (literal) {
    triple.mutable_object()->set_string_value(o);
  } else {
    triple.mutable_object()->set_node(o);
  }
  return triple;
}

TEST(EvaluatorTest, ScoresWithSymmetryHonorificsAndRoleContainment) {
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  std::string gold =
      "article\tsubject\trelation\tobject\tnote\n"
      "a1\tAnna Berg\tmet\tMullah Omar Rahimi\tev: \"Anna Berg met\"\n"
      "a1\tAnna Berg\trole\tForeign Minister\tev: \"x\"\n"
      "a1\tAnna Berg\tgroup_met\ta delegation\tev: \"x\"\n"
      "a1\tOmar Rahimi\taffiliated_with\tTaliban\tev: \"Omar Rahimi of the Taliban\"\n";
  PredictedArticle prediction;
  prediction.article = "a1";
  *prediction.batch.add_triples() = T("Omar Rahimi", "met", "Anna Berg");
  *prediction.batch.add_triples() = T("Anna Berg", "role", "deputy foreign minister", true);
  *prediction.batch.add_triples() = T("Anna Berg", "affiliated_with", "Norway");
  *prediction.batch.add_triples() = T("Anna Berg", "alias", "Berg", true);  // not scored
  auto report = Evaluate(gold, "gold.tsv", {prediction}, knowledge->get());
  QUARRY_ASSERT_OK(report);
  EXPECT_EQ(report->by_relation.at("met").matched_predicted, 1);
  EXPECT_EQ(report->by_relation.at("role").matched_gold, 1);
  EXPECT_EQ(report->by_relation.at("affiliated_with").predicted, 1);
  EXPECT_EQ(report->by_relation.at("affiliated_with").matched_predicted, 0);
  EXPECT_EQ(report->by_relation.count("group_met"), 0u);
  EXPECT_EQ(report->met_or_talked.gold, 1);
  EXPECT_DOUBLE_EQ(report->overall.Precision(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(report->overall.Recall(), 2.0 / 3.0);
  ASSERT_EQ(report->misses.size(), 1u);
  EXPECT_EQ(report->misses[0].sentence, "Omar Rahimi of the Taliban");
  ASSERT_EQ(report->false_positives.size(), 1u);
  EXPECT_EQ(report->false_positives[0].object, "Norway");
  std::string text = FormatEvalReport(*report);
  EXPECT_NE(text.find("met+talked_with        1     1     1.000     1.000  1.000"),
            std::string::npos)
      << text;
}

TEST(EvaluatorTest, NamesMatchWithoutAccentsAndByTheirGazetteerEntity) {
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  std::string gold =
      "article\tsubject\trelation\tobject\tnote\n"
      "a1\tJosé Núñez\taffiliated_with\tCôte d'Ivoire\tev: \"x\"\n"
      "a1\tTran Quang\taffiliated_with\tASEAN\tev: \"x\"\n";
  PredictedArticle prediction;
  prediction.article = "a1";
  *prediction.batch.add_triples() = T("Jose Nunez", "affiliated_with", "Cote d'Ivoire");
  *prediction.batch.add_triples() =
      T("Tran Quang", "affiliated_with", "Association of Southeast Asian Nations");
  auto report = Evaluate(gold, "gold.tsv", {prediction}, knowledge->get());
  QUARRY_ASSERT_OK(report);
  EXPECT_EQ(report->by_relation.at("affiliated_with").matched_gold, 2);
  EXPECT_TRUE(report->false_positives.empty());
}

TEST(EvaluatorTest, RolesKeepAWordThatIsAlsoAnHonorific) {
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  // "Professor" is an honorific before names, but a role's first word all the same.
  std::string gold =
      "article\tsubject\trelation\tobject\tnote\n"
      "a1\tAma Owusu\trole\tprofessor of international relations\tev: \"x\"\n"
      "a1\tKofi Bekoe\trole\tProfessor\tev: \"x\"\n";
  PredictedArticle prediction;
  prediction.article = "a1";
  *prediction.batch.add_triples() = T("Ama Owusu", "role", "professor", true);
  *prediction.batch.add_triples() = T("Kofi Bekoe", "role", "economist", true);
  auto report = Evaluate(gold, "gold.tsv", {prediction}, knowledge->get());
  QUARRY_ASSERT_OK(report);
  EXPECT_EQ(report->by_relation.at("role").matched_gold, 1);
  ASSERT_EQ(report->false_positives.size(), 1u);
  EXPECT_EQ(report->false_positives[0].object, "economist");
}

TEST(EvaluatorTest, RejectsShortGoldLines) {
  EXPECT_THAT(Evaluate("article\tsubject\trelation\tobject\nx\ty\n", "g.tsv", {}, nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "g.tsv:2: expected at least 4 tab-separated columns"));
}

}  // namespace
}  // namespace quarry::loaders
