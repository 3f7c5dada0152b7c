// Randomized test of graph/store.h against a brute-force reference: thousands of triples
// shared between many documents, loaded and unloaded in random order; after every step all
// eight triple patterns, the evidence, the documents and the statistics must match what the
// reference recomputes, also after closing and reopening the store.
#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::EvidenceDocuments;
using ::quarry::graph::testing::ExpectStatsEqual;
using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;
using ::quarry::graph::testing::Recount;
using ::quarry::graph::testing::ResolveTriple;
using ::quarry::graph::testing::ScanToVector;
using ::quarry::testing::ScratchDir;

constexpr int kDocuments = 80;
constexpr int kPoolTriples = 6000;
constexpr int kSteps = 150;

// Random documents whose triples come from one pool, so that many are shared.
std::vector<proto::TripleBatch> MakeDocuments(std::mt19937_64& random) {
  auto pick = [&](int bound) { return static_cast<int>(random() % bound); };
  auto node = [&] {
    const int index = pick(150);
    return NodeTerm(index < 10 ? absl::StrCat("_:b", index) : absl::StrCat("Node ", index));
  };
  std::vector<proto::Triple> pool;
  for (int index = 0; index < kPoolTriples; ++index) {
    const int predicate = pick(8);
    proto::Term object;
    std::string predicate_name = absl::StrCat("p", predicate);
    switch (predicate) {
      case 0:
      case 1:
      case 2:
        object = node();
        break;
      case 3:
        object = IntTerm(pick(101) - 50);
        break;
      case 4:
        object = DoubleTerm((pick(41) - 20) / 4.0);
        break;
      case 5:
        object = pick(2) == 0 ? DateTerm(2000 + pick(5), pick(13), pick(29)) : BoolTerm(pick(2));
        break;
      case 6:
        predicate_name = ":label";
        object = LabelTerm(absl::StrCat("L", pick(4)));
        break;
      default:
        predicate_name = "alias";
        object = StringTerm(absl::StrCat("alias ", pick(40)));
        break;
    }
    pool.push_back(MakeTriple(node(), predicate_name, object));
  }
  std::vector<proto::TripleBatch> documents;
  for (int document = 0; document < kDocuments; ++document) {
    std::vector<proto::Triple> triples;
    const int count = 50 + pick(100);
    for (int index = 0; index < count; ++index) {
      // The smaller of two picks favours the front of the pool: shared triples.
      triples.push_back(pool[std::min(pick(kPoolTriples), pick(kPoolTriples))]);
    }
    for (int index = 0; index < 3; ++index) {
      triples.push_back(MakeTriple(node(), "p5", StringTerm(absl::StrCat(document, "/", index))));
    }
    documents.push_back(MakeBatch(absl::StrFormat("doc-%03d", document), std::move(triples)));
  }
  return documents;
}

class StoreReferenceTest : public ::testing::Test {
 protected:
  void Reopen() {
    store_.reset();
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir_.Join("db"));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  // Triple -> the loaded documents that support it.
  std::map<IdTriple, std::set<int>> Reference() const {
    std::map<IdTriple, std::set<int>> reference;
    for (int document : loaded_) {
      for (const IdTriple& triple : document_triples_[document]) {
        reference[triple].insert(document);
      }
    }
    return reference;
  }

  void Apply(int document) {
    const std::map<IdTriple, std::set<int>> before = Reference();
    absl::StatusOr<ApplyResult> result = store_->Apply(documents_[document]);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_FALSE(result->already_present);
    std::set<IdTriple>& triples = document_triples_[document];
    std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
    triples.clear();
    for (const proto::Triple& triple : documents_[document].triples()) {
      std::optional<IdTriple> ids = ResolveTriple(*snapshot, triple);
      ASSERT_TRUE(ids.has_value()) << triple.ShortDebugString();
      triples.insert(*ids);
      for (TermId id : {ids->subject, ids->predicate, ids->object}) known_ids_.insert(id);
    }
    int64_t added = 0;
    for (const IdTriple& triple : triples) added += before.count(triple) == 0 ? 1 : 0;
    EXPECT_EQ(result->triples_added, added);
    EXPECT_EQ(result->triples_in_batch, static_cast<int64_t>(triples.size()));
    loaded_.insert(document);
  }

  void Unload(int document) {
    const std::map<IdTriple, std::set<int>> before = Reference();
    absl::StatusOr<UnloadResult> result = store_->Unload(documents_[document].document().id());
    ASSERT_TRUE(result.ok()) << result.status();
    int64_t removed = 0;
    for (const IdTriple& triple : document_triples_[document]) {
      removed += before.at(triple).size() == 1 ? 1 : 0;
    }
    EXPECT_EQ(result->triples_removed, removed);
    EXPECT_EQ(result->triples_kept,
              static_cast<int64_t>(document_triples_[document].size()) - removed);
    loaded_.erase(document);
  }

  // Checks every pattern shape, the statistics and (when `deep`) evidence and documents.
  void Check(bool deep) {
    const std::map<IdTriple, std::set<int>> reference = Reference();
    std::vector<IdTriple> expected_all;
    for (const auto& [triple, supporters] : reference) expected_all.push_back(triple);
    std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
    // (?, ?, ?) scans spo in key order, which is IdTriple's order.
    ASSERT_EQ(ScanToVector(*snapshot, TriplePattern()), expected_all);

    const std::vector<TermId> ids(known_ids_.begin(), known_ids_.end());
    for (int mask = 1; mask < 8; ++mask) {
      for (int binding = 0; binding < 20; ++binding) {
        // Mostly bind to parts of an existing triple; sometimes to any term id ever seen.
        IdTriple source;
        if (binding < 15 && !expected_all.empty()) {
          source = expected_all[random_() % expected_all.size()];
        } else {
          source = {ids[random_() % ids.size()], ids[random_() % ids.size()],
                    ids[random_() % ids.size()]};
        }
        TriplePattern pattern;
        if ((mask & 4) != 0) pattern.subject = source.subject;
        if ((mask & 2) != 0) pattern.predicate = source.predicate;
        if ((mask & 1) != 0) pattern.object = source.object;
        std::vector<IdTriple> expected;
        for (const IdTriple& triple : expected_all) {
          if ((!pattern.subject || *pattern.subject == triple.subject) &&
              (!pattern.predicate || *pattern.predicate == triple.predicate) &&
              (!pattern.object || *pattern.object == triple.object)) {
            expected.push_back(triple);
          }
        }
        std::vector<IdTriple> actual = ScanToVector(*snapshot, pattern);
        std::sort(actual.begin(), actual.end());
        ASSERT_EQ(actual, expected) << "pattern mask " << mask << " at step " << step_;
      }
    }

    absl::StatusOr<GraphStats> stats = snapshot->ReadStats();
    ASSERT_TRUE(stats.ok()) << stats.status();
    GraphStats expected_stats;
    expected_stats.triples = static_cast<int64_t>(reference.size());
    expected_stats.documents = static_cast<int64_t>(loaded_.size());
    for (const auto& [triple, supporters] : reference) {
      ++expected_stats.predicate_counts[triple.predicate];
      if (triple.predicate == kLabelPredicateId) ++expected_stats.label_counts[triple.object];
    }
    ExpectStatsEqual(*stats, expected_stats);
    ExpectStatsEqual(Recount(*snapshot), expected_stats);
    if (!deep) return;

    for (const auto& [triple, supporters] : reference) {
      std::vector<std::string> expected_documents;
      for (int document : supporters) {
        expected_documents.push_back(documents_[document].document().id());
      }
      ASSERT_EQ(EvidenceDocuments(*snapshot, triple), expected_documents);
    }
    for (int document = 0; document < kDocuments; ++document) {
      const std::string& id = documents_[document].document().id();
      absl::StatusOr<std::optional<proto::Document>> stored = snapshot->GetDocument(id);
      ASSERT_TRUE(stored.ok()) << stored.status();
      EXPECT_EQ(stored->has_value(), loaded_.count(document) == 1) << id;
      absl::StatusOr<std::vector<IdTriple>> supported = snapshot->DocumentTriples(id);
      ASSERT_TRUE(supported.ok()) << supported.status();
      const std::set<IdTriple> expected =
          loaded_.count(document) == 1 ? document_triples_[document] : std::set<IdTriple>();
      EXPECT_EQ(std::set<IdTriple>(supported->begin(), supported->end()), expected) << id;
    }
  }

  ScratchDir dir_;
  std::unique_ptr<Store> store_;
  std::mt19937_64 random_{20240417};
  std::vector<proto::TripleBatch> documents_;
  std::vector<std::set<IdTriple>> document_triples_;
  std::set<int> loaded_;
  std::set<TermId> known_ids_{MakeTermId(TermKind::kNode, uint64_t{1} << 40)};
  int step_ = 0;
};

TEST_F(StoreReferenceTest, EveryPatternMatchesTheReferenceThroughLoadsUnloadsAndReopens) {
  documents_ = MakeDocuments(random_);
  document_triples_.resize(kDocuments);
  Reopen();
  int64_t most_triples = 0;
  for (step_ = 0; step_ < kSteps; ++step_) {
    const bool load = loaded_.empty() || (loaded_.size() < kDocuments && random_() % 100 < 65);
    if (load) {
      int document = static_cast<int>(random_() % kDocuments);
      while (loaded_.count(document) == 1) document = (document + 1) % kDocuments;
      ASSERT_NO_FATAL_FAILURE(Apply(document));
    } else {
      auto chosen = loaded_.begin();
      std::advance(chosen, random_() % loaded_.size());
      ASSERT_NO_FATAL_FAILURE(Unload(*chosen));
    }
    most_triples = std::max<int64_t>(most_triples, Reference().size());
    if (step_ % 25 == 24) {
      ASSERT_NO_FATAL_FAILURE(Reopen());
    }
    ASSERT_NO_FATAL_FAILURE(Check(/*deep=*/step_ % 10 == 9));
  }
  ASSERT_NO_FATAL_FAILURE(Reopen());
  ASSERT_NO_FATAL_FAILURE(Check(/*deep=*/true));
  // The run covered what it claims to: thousands of distinct triples at once.
  EXPECT_GT(most_triples, 3000) << most_triples;
}

TEST_F(StoreReferenceTest, ReloadOfALoadedDocumentIsSkippedWithoutChange) {
  documents_ = MakeDocuments(random_);
  document_triples_.resize(kDocuments);
  Reopen();
  for (int document = 0; document < 10; ++document) ASSERT_NO_FATAL_FAILURE(Apply(document));
  const auto contents = testing::DumpStore(*store_->GetSnapshot());
  for (int document = 0; document < 10; ++document) {
    absl::StatusOr<ApplyResult> result = store_->Apply(documents_[document]);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_TRUE(result->already_present);
    EXPECT_EQ(result->triples_added, 0);
  }
  EXPECT_EQ(testing::DumpStore(*store_->GetSnapshot()), contents);
  ASSERT_NO_FATAL_FAILURE(Check(/*deep=*/true));
}

}  // namespace
}  // namespace quarry::graph
