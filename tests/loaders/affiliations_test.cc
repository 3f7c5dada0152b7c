// Tests for affiliations from context (loaders/affiliations.h): each rule on hand-built
// people and facts, without the rest of the pipeline.
#include "loaders/affiliations.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "loaders/data_dir.h"

namespace quarry::loaders {
namespace {

class AffiliationsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<Knowledge>> loaded = Knowledge::Load({DefaultDataDir()});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    knowledge_ = loaded->release();
  }

  static PersonEntity Titled(const std::string& name, const std::string& title,
                             std::vector<std::string> affiliations = {}) {
    PersonEntity person;
    person.name = name;
    person.roles.push_back(Role{title, title});
    person.affiliations = std::move(affiliations);
    return person;
  }

  static RelationFact Fact(const std::string& relation, int subject, int object, int sentence,
                           const std::string& place = "", const std::string& label = "") {
    RelationFact fact;
    fact.relation = relation;
    fact.subject = subject;
    fact.object_person = object;
    fact.object_name = place;
    fact.object_label = label;
    fact.sentence = sentence;
    fact.rule = relation + "/active:met";
    return fact;
  }

  static const Knowledge* knowledge_;
};

const Knowledge* AffiliationsTest::knowledge_ = nullptr;

TEST_F(AffiliationsTest, DatelineCountryForNationalOfficesButNotForTravellersThere) {
  std::vector<PersonEntity> people = {Titled("A", "foreign minister"),
                                      Titled("B", "defence minister"), Titled("C", "professor")};
  const std::vector<RelationFact> facts = {Fact("visited", 1, -1, 0, "India", "Country")};
  const std::vector<AnalyzedSentence> sentences(1);
  AffiliateFromContext(*knowledge_, Dateline{"New Delhi", "Place", "India"}, facts, sentences,
                       &people);
  EXPECT_EQ(people[0].affiliations, std::vector<std::string>{"India"});
  EXPECT_TRUE(people[1].affiliations.empty());  // came to India: a visitor
  EXPECT_TRUE(people[2].affiliations.empty());  // no national office
}

TEST_F(AffiliationsTest, WithoutADatelineTheCountryVisitorsCameToIsTheirHostsHome) {
  std::vector<PersonEntity> people = {Titled("Host", "prime minister"),
                                      Titled("Guest", "prime minister", {"Laos"}),
                                      Titled("Aide", "spokesperson")};
  const std::vector<RelationFact> facts = {Fact("visited", 1, -1, 0, "Bangkok", "Place"),
                                           Fact("met", 0, 1, 1)};
  const std::vector<AnalyzedSentence> sentences(2);
  AffiliateFromContext(*knowledge_, Dateline{}, facts, sentences, &people);
  EXPECT_EQ(people[0].affiliations, std::vector<std::string>{"Thailand"});
  EXPECT_EQ(people[1].affiliations, std::vector<std::string>{"Laos"});
  EXPECT_TRUE(people[2].affiliations.empty());  // met no visitor
}

TEST_F(AffiliationsTest, HostOfAVisitAbroadServesTheCountryVisited) {
  std::vector<PersonEntity> people = {Titled("Minister", "minister"),
                                      Titled("President", "president")};
  const std::vector<RelationFact> facts = {Fact("visited", 0, -1, 0, "Panama City", "Place"),
                                           Fact("met", 1, 0, 0)};
  const std::vector<AnalyzedSentence> sentences(1);
  AffiliateFromContext(*knowledge_, Dateline{"San Jose", "Place", "Costa Rica"}, facts, sentences,
                       &people);
  EXPECT_EQ(people[1].affiliations, std::vector<std::string>{"Panama"});
  // A trip abroad says nothing against the dateline's country.
  EXPECT_EQ(people[0].affiliations, std::vector<std::string>{"Costa Rica"});
}

TEST_F(AffiliationsTest, PartyLeadersServeThePartysCountry) {
  std::vector<PersonEntity> people = {
      Titled("Leader", "general secretary", {"Communist Party of Vietnam"})};
  AffiliateFromContext(*knowledge_, Dateline{}, {}, {}, &people);
  EXPECT_EQ(people[0].affiliations,
            (std::vector<std::string>{"Communist Party of Vietnam", "Vietnam"}));
}

}  // namespace
}  // namespace quarry::loaders
