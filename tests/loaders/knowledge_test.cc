// Tests of knowledge loading.
#include "loaders/knowledge.h"

#include "gtest/gtest.h"
#include "loaders/data_dir.h"
#include "tests/util/test_util.h"

namespace quarry::loaders {
namespace {

using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

TEST(KnowledgeTest, LoadsTheDefaultDataCoveringAllUnMemberStates) {
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  int countries = 0;
  for (const char* name :
       {"Afghanistan", "Tuvalu", "Zimbabwe", "United States", "China", "Palestine"}) {
    const EntityInfo* info = (*knowledge)->FindEntity(name);
    ASSERT_NE(info, nullptr) << name;
    if (info->type == EntityType::kCountry) ++countries;
  }
  EXPECT_EQ(countries, 6);
  const PhraseInfo* chinese = (*knowledge)->FindPhrase("chinese");
  ASSERT_NE(chinese, nullptr);
  EXPECT_EQ(chinese->entities[0].target, "China");
  EXPECT_TRUE((*knowledge)->WordHas("mullah", kHonorific));
  EXPECT_TRUE((*knowledge)->WordHas("foreign minister", kTitle));
  EXPECT_TRUE((*knowledge)->abbreviations().contains("sept"));
  EXPECT_FALSE((*knowledge)->triggers().empty());
}

TEST(KnowledgeTest, PhrasesMatchWithOrWithoutAccents) {
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  QUARRY_ASSERT_OK(knowledge);
  // The gazetteer writes "Burkinabe" and "Chisinau"; text may write the accents.
  for (const char* written : {"burkinabe", "burkinab\xc3\xa8", "chi\xc8\x99in\xc4\x83u"}) {
    const PhraseInfo* info = (*knowledge)->FindPhrase(written);
    ASSERT_NE(info, nullptr) << written;
    ASSERT_FALSE(info->entities.empty()) << written;
  }
  // And the other way round: "Mal\xc3\xa9" in the gazetteer, "Male" in text.
  const PhraseInfo* male = (*knowledge)->FindPhrase("male");
  ASSERT_NE(male, nullptr);
  ASSERT_FALSE(male->entities.empty());
  EXPECT_TRUE((*knowledge)->IsPhrasePrefix("s\xc3\xa3o tom\xc3\xa9"));
  EXPECT_EQ((*knowledge)->FindPhrase("burkinab\xc3\xa8s"), nullptr);
}

TEST(KnowledgeTest, UserGazetteerFilesAddEntries) {
  ScratchDir dir;
  ::quarry::testing::WriteFile(dir.Join("mine.tsv"),
                               "#! kind: organizations\nAcme Rebels\tARF\tarmed\n");
  auto knowledge = Knowledge::Load({DefaultDataDir(), dir.Join("mine.tsv")});
  QUARRY_ASSERT_OK(knowledge);
  const PhraseInfo* info = (*knowledge)->FindPhrase("arf");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->entities[0].target, "Acme Rebels");
}

TEST(KnowledgeTest, ReportsFileAndLineOfBadData) {
  ScratchDir dir;
  ::quarry::testing::WriteFile(dir.Join("titles.tsv"), "president\n\nminister\tweird\n");
  EXPECT_THAT(Knowledge::Load({dir.Join("titles.tsv")}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("titles.tsv:3: unknown title flag 'weird'")));
  ::quarry::testing::WriteFile(dir.Join("other.tsv"), "x\ty\n");
  EXPECT_THAT(Knowledge::Load({dir.Join("other.tsv")}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("other.tsv:1: unknown gazetteer kind")));
  EXPECT_THAT(Knowledge::Load({dir.Join("missing")}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing")));
}

}  // namespace
}  // namespace quarry::loaders
