// ScanPredicate: the triples of one predicate (and object) in `pos` order, the same whether
// the key range is read in one piece or split in two halves on two threads.
#include "query/predicate_scan.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/term.h"
#include "gtest/gtest.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

TEST(PredicateScanTest, SplitScansReturnTheWholeRangeInOrder) {
  std::string text = "doc scan\n";
  for (int i = 0; i < 600; ++i) {
    absl::StrAppend(&text, "p", i, " | :label | Person\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 37 + 11) % 600, "\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 101 + 7) % 600, "\n");
    if (i % 5 == 0) absl::StrAppend(&text, "p", i, " | role | \"r", i % 3, "\"\n");
  }
  auto graph = FixtureGraph::Build(text);
  ASSERT_TRUE(graph.ok()) << graph.status();
  const graph::Snapshot& snapshot = (*graph)->snapshot();
  auto met = snapshot.FindPredicate("met");
  auto person = snapshot.FindTerm(graph::LabelTerm("Person"));
  ASSERT_TRUE(met.ok() && met->has_value() && person.ok() && person->has_value());

  auto whole = ScanPredicate(snapshot, **met, std::nullopt, 0);
  auto split = ScanPredicate(snapshot, **met, std::nullopt, int64_t{1} << 40);
  ASSERT_TRUE(whole.ok() && split.ok());
  EXPECT_EQ(whole->size(), 1200u);
  EXPECT_EQ(*split, *whole);
  // In pos order: by object, then subject.
  for (size_t index = 1; index < whole->size(); ++index) {
    const graph::IdTriple& a = (*whole)[index - 1];
    const graph::IdTriple& b = (*whole)[index];
    EXPECT_TRUE(a.object < b.object || (a.object == b.object && a.subject < b.subject));
    EXPECT_EQ(b.predicate, **met);
  }

  auto members = ScanPredicate(snapshot, graph::kLabelPredicateId, **person, 0);
  auto members_split =
      ScanPredicate(snapshot, graph::kLabelPredicateId, **person, int64_t{1} << 40);
  ASSERT_TRUE(members.ok() && members_split.ok());
  EXPECT_EQ(members->size(), 600u);
  EXPECT_EQ(*members_split, *members);

  // One object's subjects, and an object with none.
  auto role = snapshot.FindPredicate("role");
  ASSERT_TRUE(role.ok() && role->has_value());
  auto r0 = snapshot.FindTerm(graph::StringTerm("r0"));
  ASSERT_TRUE(r0.ok() && r0->has_value());
  auto one = ScanPredicate(snapshot, **role, **r0, int64_t{1} << 40);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 40u);
  auto none = ScanPredicate(snapshot, **met, **r0, int64_t{1} << 40);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace quarry::query::testing
