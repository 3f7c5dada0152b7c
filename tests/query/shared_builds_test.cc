// Hash-join builds and label sets are kept in the store's DerivedCache for later queries
// over the same state: a later query gives the same rows from them, and after any write —
// a document applied, a CREATE, a document unloaded — queries see the new graph, never the
// kept data of the old one. An old snapshot still answers from its own state. Seeks that
// queries make for want of a build add up across queries until building costs less.
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "graph/derived_cache.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "query/engine.h"
#include "query/graph_reader.h"
#include "query/scan_policy.h"
#include "tests/query/fixture.h"
#include "tests/util/test_util.h"

namespace quarry::query::testing {
namespace {

// Hash-joins `met` and `affiliated_with` and reads the Person and Country sets by scans
// when the policy is kAlways.
constexpr char kQuery[] =
    "MATCH (ca:Country)<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
    "-[:affiliated_with]->(cb:Country) RETURN ca.name, a.name, b.name, cb.name";

class SharedBuildsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<graph::Store>> store = graph::Store::Open(dir_.Join("db"));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    Apply(
        "doc one\n"
        "p1 | :label | Person\np2 | :label | Person\nc1 | :label | Country\n"
        "c2 | :label | Country\np1 | affiliated_with | c1\np2 | affiliated_with | c2\n"
        "p1 | met | p2\n");
  }

  void Apply(const std::string& fixture) {
    absl::StatusOr<std::vector<proto::TripleBatch>> batches = ParseFixture(fixture);
    ASSERT_TRUE(batches.ok()) << batches.status();
    for (const proto::TripleBatch& batch : *batches) {
      ASSERT_TRUE(store_->Apply(batch).ok());
      document_ids_[batch.document().title()] = batch.document().id();
    }
  }

  std::vector<std::string> Rows(const graph::Snapshot& snapshot) {
    absl::StatusOr<QueryResult> result = RunQuery(snapshot, kQuery, {}, {});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? FormatRows(*result, false) : std::vector<std::string>{};
  }
  std::vector<std::string> Rows() { return Rows(*store_->GetSnapshot()); }

  quarry::testing::ScratchDir dir_;
  std::unique_ptr<graph::Store> store_;
  // Fixture document ids by title.
  std::map<std::string, std::string> document_ids_;
  PolicyGuard guard_{ScanPolicy::kAlways};
};

TEST_F(SharedBuildsTest, ALaterQueryReusesTheBuildsAndGivesTheSameRows) {
  const std::vector<std::string> first = Rows();
  EXPECT_EQ(first, std::vector<std::string>{"'c1' | 'p1' | 'p2' | 'c2'"});
  std::unique_ptr<graph::Snapshot> snapshot = store_->GetSnapshot();
  ASSERT_NE(snapshot->derived_cache(), nullptr);
  EXPECT_GT(snapshot->derived_cache()->bytes(), 0u);
  EXPECT_EQ(Rows(*snapshot), first);
}

TEST_F(SharedBuildsTest, ListsAnotherReaderIsBuildingAreNotBuiltTwice) {
  std::unique_ptr<graph::Snapshot> snapshot = store_->GetSnapshot();
  graph::DerivedCache* cache = snapshot->derived_cache();
  ASSERT_NE(cache, nullptr);
  GraphReader reader(*snapshot);
  absl::StatusOr<std::optional<TermId>> met = reader.PredicateId("met");
  ASSERT_TRUE(met.ok() && met->has_value());
  const uint64_t version = *snapshot->version();
  std::vector<std::string> keys;
  for (Direction direction : {Direction::kOut, Direction::kIn}) {
    keys.push_back(absl::StrCat("adjacency/", static_cast<int>(direction), "/", **met));
    ASSERT_TRUE(cache->ClaimBuild(keys.back(), version));
  }
  // While another reader holds the claims, the query seeks instead.
  const std::vector<std::string> expected = {"'c1' | 'p1' | 'p2' | 'c2'"};
  EXPECT_EQ(Rows(*snapshot), expected);
  for (const std::string& key : keys) EXPECT_EQ(cache->Find(key, version), nullptr) << key;
  // Once they are released, the next query builds the lists its plan wants.
  for (const std::string& key : keys) cache->ReleaseClaim(key, version);
  EXPECT_EQ(Rows(*snapshot), expected);
  int built = 0;
  for (const std::string& key : keys) built += cache->Find(key, version) != nullptr ? 1 : 0;
  EXPECT_EQ(built, 1);
}

TEST_F(SharedBuildsTest, AppliedDocumentsAreSeenByTheNextQuery) {
  ASSERT_EQ(Rows().size(), 1u);
  // A new Person, a new `met` relationship and an affiliation: each kept build is stale.
  Apply(
      "doc two\n"
      "p3 | :label | Person\np3 | affiliated_with | c1\np2 | met | p3\np3 | met | p1\n");
  EXPECT_EQ(Rows(),
            (std::vector<std::string>{"'c1' | 'p1' | 'p2' | 'c2'", "'c1' | 'p3' | 'p1' | 'c1'",
                                      "'c2' | 'p2' | 'p3' | 'c1'"}));
}

TEST_F(SharedBuildsTest, AnIndexedTargetIsSeenAfterAWrite) {
  // Expand(Into) the constant c2 (the larger end) indexes c2's relationships once per
  // query, and keeps the index for later queries.
  const std::string query =
      "MATCH (:Country {name: 'c1'})<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
      "-[:affiliated_with]->(:Country {name: 'c2'}) RETURN a.name, b.name";
  Apply(
      "doc five\np5 | :label | Person\np5 | affiliated_with | c2\np5 | met | p1\n"
      "c3 | :label | Country\np2 | met | p6\n"
      "p6 | :label | Person\np7 | :label | Person\np8 | :label | Person\n"
      "p6 | affiliated_with | c3\np7 | affiliated_with | c3\np8 | affiliated_with | c3\n");
  absl::StatusOr<QueryResult> explain =
      RunQuery(*store_->GetSnapshot(), "EXPLAIN " + query, {}, {});
  ASSERT_TRUE(explain.ok()) << explain.status();
  ASSERT_TRUE(absl::StrContains(explain->plan(), "Expand(Into)")) << explain->plan();
  auto rows = [&](const std::string& text) {
    absl::StatusOr<QueryResult> result = RunQuery(*store_->GetSnapshot(), text, {}, {});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? FormatRows(*result, false) : std::vector<std::string>{};
  };
  EXPECT_EQ(rows(query), std::vector<std::string>{"'p1' | 'p2'"});
  EXPECT_EQ(rows(query), std::vector<std::string>{"'p1' | 'p2'"});
  // Another country as the target (c3, the larger end): its own index, not c2's.
  const std::string other = absl::StrReplaceAll(query, {{"'c1'", "'c2'"}, {"'c2'", "'c3'"}});
  EXPECT_EQ(rows(other), std::vector<std::string>{"'p2' | 'p6'"});
  Apply("doc into\np4 | :label | Person\np4 | affiliated_with | c1\np4 | met | p2\n");
  EXPECT_EQ(rows(query), (std::vector<std::string>{"'p1' | 'p2'", "'p4' | 'p2'"}));
}

TEST_F(SharedBuildsTest, TheListOfANamedNodeIsReadAgainAfterAWrite) {
  // Expanding from a named node keeps its list for later queries over the same state.
  auto rows = [&](const std::string& country) {
    absl::StatusOr<QueryResult> result = RunQuery(
        *store_->GetSnapshot(),
        "MATCH (:Country {name: '" + country + "'})<-[:affiliated_with]-(a) RETURN a.name", {}, {});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? FormatRows(*result, false) : std::vector<std::string>{};
  };
  EXPECT_EQ(rows("c1"), std::vector<std::string>{"'p1'"});
  EXPECT_EQ(rows("c1"), std::vector<std::string>{"'p1'"});
  EXPECT_EQ(rows("c2"), std::vector<std::string>{"'p2'"});  // its own list, not c1's
  Apply("doc c1\np3 | affiliated_with | c1\n");
  EXPECT_EQ(rows("c1"), (std::vector<std::string>{"'p1'", "'p3'"}));
  EXPECT_EQ(rows("c2"), std::vector<std::string>{"'p2'"});
}

TEST_F(SharedBuildsTest, TheDegreeOfANamedNodeIsReadAgainAfterAWrite) {
  // The planner starts from the named country with fewer persons, counting each country's
  // relationships once and keeping the counts for later plans over the same state.
  auto first_expansion = [&] {
    absl::StatusOr<QueryResult> explain =
        RunQuery(*store_->GetSnapshot(),
                 "EXPLAIN MATCH (x:Country {name: 'c1'})<-[:affiliated_with]-(a)-[:met]->(b)"
                 "-[:affiliated_with]->(y:Country {name: 'c2'}) RETURN a.name, b.name",
                 {}, {});
    EXPECT_TRUE(explain.ok()) << explain.status();
    if (!explain.ok()) return std::string();
    // The plan prints the root first: the first expansion is the last one printed.
    const size_t from_x = explain->plan().rfind("(x)<-[:affiliated_with]-(a)");
    const size_t from_y = explain->plan().rfind("(y)<-[:affiliated_with]-(b)");
    if (from_x == std::string::npos) return std::string("y");
    if (from_y == std::string::npos) return std::string("x");
    return std::string(from_x > from_y ? "x" : "y");
  };
  Apply("doc c2\np3 | affiliated_with | c2\np4 | affiliated_with | c2\n");
  EXPECT_EQ(first_expansion(), "x");  // c1: 1 person, c2: 3
  EXPECT_EQ(first_expansion(), "x");
  Apply(
      "doc c1\np5 | affiliated_with | c1\np6 | affiliated_with | c1\n"
      "p7 | affiliated_with | c1\np8 | affiliated_with | c1\n");
  EXPECT_EQ(first_expansion(), "y");  // c1: 5 persons, c2: 3
}

TEST_F(SharedBuildsTest, CreateAndUnloadAreSeenByTheNextQuery) {
  std::unique_ptr<graph::Snapshot> before = store_->GetSnapshot();
  const std::vector<std::string> original = Rows(*before);
  ASSERT_EQ(original.size(), 1u);
  absl::StatusOr<QueryResult> created =
      RunStatement(*store_, "CREATE (:Person {name: 'p9'})-[:met]->(:Person {name: 'p8'})", {}, {});
  ASSERT_TRUE(created.ok()) << created.status();
  Apply(
      "doc three\np9 | affiliated_with | c2\np8 | affiliated_with | c1\n"
      "c1 | :label | Country\nc2 | :label | Country\n");
  std::vector<std::string> with_created = Rows();
  EXPECT_EQ(with_created.size(), 2u);
  // An old snapshot answers from the graph it sees, not from newer builds.
  EXPECT_EQ(Rows(*before), original);
  // Without document one, p1 and p2 are gone; the created pair stays.
  ASSERT_TRUE(store_->Unload(document_ids_["one"]).ok());
  EXPECT_EQ(Rows(), std::vector<std::string>{"'c2' | 'p9' | 'p8' | 'c1'"});
}

// A hub that knows 100 persons, each with two `met` relationships among 2,000: expanding
// `met` from the hub's 100 costs fewer seeks than one scan of the 4,000, but two such
// queries together cost more.
TEST(SharedBuildsCostTest, SeeksOfEarlierQueriesCountTowardABuild) {
  quarry::testing::ScratchDir dir;
  absl::StatusOr<std::unique_ptr<graph::Store>> store = graph::Store::Open(dir.Join("db"));
  ASSERT_TRUE(store.ok()) << store.status();
  std::string text = "doc people\n";
  for (int i = 0; i < 2000; ++i) {
    absl::StrAppend(&text, "p", i, " | met | p", (i * 37 + 11) % 2000, "\n");
    absl::StrAppend(&text, "p", i, " | met | p", (i * 101 + 7) % 2000, "\n");
  }
  for (int i = 0; i < 100; ++i) absl::StrAppend(&text, "hub | knows | p", i * 20, "\n");
  auto apply = [&](const std::string& fixture) {
    absl::StatusOr<std::vector<proto::TripleBatch>> batches = ParseFixture(fixture);
    ASSERT_TRUE(batches.ok()) << batches.status();
    for (const proto::TripleBatch& batch : *batches) ASSERT_TRUE((*store)->Apply(batch).ok());
  };
  apply(text);
  const std::string query =
      "PROFILE MATCH ({name: 'hub'})-[:knows]->(a)-[:met]->(b) RETURN count(*)";
  auto run = [&](std::string* plan) {
    absl::StatusOr<QueryResult> result = RunQuery(*(*store)->GetSnapshot(), query, {}, {});
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return std::vector<std::string>{};
    *plan = result->plan();
    return FormatRows(*result, false);
  };
  std::string plan;
  const std::vector<std::string> first = run(&plan);
  EXPECT_EQ(first, std::vector<std::string>{"200"});
  EXPECT_FALSE(absl::StrContains(plan, "HashJoin")) << plan;
  std::vector<std::string> second = run(&plan);
  EXPECT_EQ(second, first);
  EXPECT_TRUE(absl::StrContains(plan, "Expand(HashJoin) (a)-[:met]->(b)")) << plan;
  EXPECT_EQ(run(&plan), first);
  EXPECT_TRUE(absl::StrContains(plan, "Expand(HashJoin) (a)-[:met]->(b)")) << plan;

  // A write starts the count again: one query alone seeks.
  apply("doc more\nhub | knows | p1\n");
  EXPECT_EQ(run(&plan), std::vector<std::string>{"202"});
  EXPECT_FALSE(absl::StrContains(plan, "HashJoin")) << plan;
}

// Readers on two threads query while a writer adds `met` relationships one document at a
// time. Every answer must equal the relationships in the reader's own snapshot, counted by
// a scan: a hash join or label set kept from another state of the store would give fewer.
TEST(SharedBuildsConcurrencyTest, ReadersNeverSeeBuildsOfAnotherState) {
  quarry::testing::ScratchDir dir;
  absl::StatusOr<std::unique_ptr<graph::Store>> opened = graph::Store::Open(dir.Join("db"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  graph::Store& store = **opened;
  auto apply = [&](const std::string& fixture) {
    absl::StatusOr<std::vector<proto::TripleBatch>> batches = ParseFixture(fixture);
    if (!batches.ok()) return batches.status();
    for (const proto::TripleBatch& batch : *batches) {
      absl::StatusOr<graph::ApplyResult> applied = store.Apply(batch);
      if (!applied.ok()) return applied.status();
    }
    return absl::OkStatus();
  };
  std::string people = "doc people\n";
  for (int i = 0; i < 60; ++i) absl::StrAppend(&people, "p", i, " | :label | Person\n");
  absl::StrAppend(&people, "p0 | met | p1\n");
  ASSERT_TRUE(apply(people).ok());
  PolicyGuard guard(ScanPolicy::kAlways);

  constexpr int kDocuments = 40;
  std::atomic<bool> writing{true};
  std::atomic<int> checked{0};
  std::vector<std::string> failures;
  absl::Mutex failures_mutex;
  auto read = [&] {
    while (writing.load()) {
      std::unique_ptr<graph::Snapshot> snapshot = store.GetSnapshot();
      absl::StatusOr<QueryResult> result =
          RunQuery(*snapshot, "MATCH (a:Person)-[:met]->(b:Person) RETURN count(*)", {}, {});
      absl::StatusOr<std::optional<graph::TermId>> met = snapshot->FindPredicate("met");
      int64_t expected = 0;
      absl::Status scanned =
          met.ok() && met->has_value()
              ? snapshot->Scan(graph::TriplePattern{std::nullopt, **met, std::nullopt},
                               [&](const graph::IdTriple&) {
                                 ++expected;
                                 return true;
                               })
              : absl::InternalError("no met predicate");
      absl::MutexLock lock(&failures_mutex);
      if (!result.ok() || !scanned.ok()) {
        failures.push_back(result.ok() ? scanned.ToString() : result.status().ToString());
        return;
      }
      const std::string answer = FormatRows(*result, false).at(0);
      if (answer != absl::StrCat(expected)) {
        failures.push_back(absl::StrCat("counted ", answer, ", snapshot has ", expected));
      }
      checked.fetch_add(1);
    }
  };
  std::thread first(read);
  std::thread second(read);
  absl::Status written = absl::OkStatus();
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  // Each write waits for a reader to answer on the state before it, so that builds of
  // every state are made while later ones are read.
  auto await_answers = [&](int count) {
    const int target = checked.load() + count;
    while (checked.load() < target && absl::Now() < deadline) std::this_thread::yield();
  };
  for (int i = 0; i < kDocuments && written.ok(); ++i) {
    await_answers(1);
    written = apply(absl::StrCat("doc d", i, "\np", i + 2, " | met | p", (i * 7 + 3) % 60, "\n"));
  }
  // The readers check the last state too (unless they stopped on an error).
  const int before = checked.load();
  await_answers(2);
  writing.store(false);
  first.join();
  second.join();
  ASSERT_TRUE(written.ok()) << written;
  ASSERT_TRUE(failures.empty()) << failures.size() << " wrong answers, first: " << failures[0];
  EXPECT_GE(checked.load(), before + 2);
}

}  // namespace
}  // namespace quarry::query::testing
