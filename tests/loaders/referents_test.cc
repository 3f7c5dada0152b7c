// Tests of referents by context: whom an unresolved title-only mention refers to.
#include "loaders/referents.h"

#include <memory>

#include "gtest/gtest.h"
#include "loaders/data_dir.h"

namespace quarry::loaders {
namespace {

PersonEntity Person(const std::string& name, const std::string& title,
                    std::vector<std::string> affiliations) {
  PersonEntity person;
  person.name = name;
  person.roles.push_back(Role{title, title});
  person.affiliations = std::move(affiliations);
  return person;
}

PersonMention TitleOnly(const std::string& title, bool visiting = false) {
  PersonMention mention;
  mention.title = title;
  mention.visiting = visiting;
  return mention;
}

RelationFact Visit(int person, const std::string& place, const std::string& label) {
  RelationFact fact;
  fact.relation = "visited";
  fact.subject = person;
  fact.object_name = place;
  fact.object_label = label;
  return fact;
}

class ReferentsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Knowledge::Load({DefaultDataDir()});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    knowledge_ = *std::move(loaded);
  }
  static std::unique_ptr<Knowledge> knowledge_;
};
std::unique_ptr<Knowledge> ReferentsTest::knowledge_;

TEST_F(ReferentsTest, HeadOfStateIsTheDatelineCountrysHolder) {
  const std::vector<PersonEntity> people = {Person("A", "president", {}),
                                            Person("B", "president", {"Angola"}),
                                            Person("C", "foreign minister", {})};
  const Dateline kinshasa{"Kinshasa", "Place", "Democratic Republic of the Congo"};
  EXPECT_EQ(ReferentFromContext(TitleOnly("head of state"), {}, people, *knowledge_, kinshasa), 0);
  // Without a dateline two presidents leave it open.
  EXPECT_EQ(ReferentFromContext(TitleOnly("head of state"), {}, people, *knowledge_, {}), -1);
}

TEST_F(ReferentsTest, VisitingMinisterIsTheOneWhoCame) {
  const std::vector<PersonEntity> people = {Person("Host", "defence minister", {}),
                                            Person("Guest", "minister of defence", {"Egypt"})};
  const Dateline delhi{"New Delhi", "Place", "India"};
  // The host travelled abroad once; the guest came to India.
  const std::vector<RelationFact> facts = {Visit(0, "Cairo", "Place"),
                                           Visit(1, "New Delhi", "Place")};
  EXPECT_EQ(ReferentFromContext(TitleOnly("minister", true), facts, people, *knowledge_, delhi), 1);
  // Nobody's visit known: the one minister of another country than the dateline's.
  EXPECT_EQ(ReferentFromContext(TitleOnly("minister", true), {}, people, *knowledge_, delhi), 1);
  // Not "visiting": a bare title in a report from New Delhi is the home minister.
  EXPECT_EQ(ReferentFromContext(TitleOnly("defence minister"), {}, people, *knowledge_, delhi), 0);
}

TEST_F(ReferentsTest, AForeignTitleIsTheOneOfThatCountryWhoCame) {
  const std::vector<PersonEntity> people = {
      Person("Visitor", "minister of foreign affairs", {"Jordan"}),
      Person("Home premier", "prime minister", {"Jordan"}), Person("Host", "president", {})};
  const Dateline beirut{"Beirut", "Place", "Lebanon"};
  const std::vector<RelationFact> facts = {Visit(0, "Beirut", "Place")};
  PersonMention jordanian = TitleOnly("minister");
  jordanian.affiliations = {"Jordan"};
  EXPECT_EQ(ReferentFromContext(jordanian, facts, people, *knowledge_, beirut), 0);
  // Without the visit both Jordanians hold a title with "minister" in it.
  EXPECT_EQ(ReferentFromContext(jordanian, {}, people, *knowledge_, beirut), -1);
}

TEST_F(ReferentsTest, AmbiguityNamesNoOne) {
  const std::vector<PersonEntity> people = {Person("A", "foreign minister", {}),
                                            Person("B", "foreign minister", {})};
  const Dateline manama{"Manama", "Place", "Bahrain"};
  EXPECT_EQ(ReferentFromContext(TitleOnly("foreign minister"), {}, people, *knowledge_, manama),
            -1);
  std::vector<PersonMention> mentions = {TitleOnly("foreign minister")};
  EXPECT_FALSE(ResolveFromContext({}, people, *knowledge_, manama, &mentions));
  EXPECT_EQ(mentions[0].cluster, -1);
}

}  // namespace
}  // namespace quarry::loaders
