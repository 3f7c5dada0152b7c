// Tests of graph/store.h: loading, reloading, unloading, evidence, statistics, persistence
// and snapshots. Names, opening and errors are in store_open_test.cc; the randomized
// comparison against a reference is in store_reference_test.cc.
#include "graph/store.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "graph/layout.h"
#include "gtest/gtest.h"
#include "rocksdb/iterator.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::AllTriples;
using ::quarry::graph::testing::DumpStore;
using ::quarry::graph::testing::EvidenceDocuments;
using ::quarry::graph::testing::ExpectStatsMatchRecount;
using ::quarry::graph::testing::IdOf;
using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;
using ::quarry::graph::testing::PatternsContaining;
using ::quarry::graph::testing::PredicateIdOf;
using ::quarry::graph::testing::ScanToVector;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir_.Join("db"));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  ApplyResult MustApply(const proto::TripleBatch& batch) {
    absl::StatusOr<ApplyResult> result = store_->Apply(batch);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ApplyResult();
  }

  UnloadResult MustUnload(absl::string_view id) {
    absl::StatusOr<UnloadResult> result = store_->Unload(id);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : UnloadResult();
  }

  ScratchDir dir_;
  std::unique_ptr<Store> store_;
};

// Two small documents sharing the triple (Ada, knows, Charles).
proto::TripleBatch FirstDocument() {
  return MakeBatch("doc-a", {MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")),
                             MakeTriple(NodeTerm("Ada"), ":label", LabelTerm("Person")),
                             MakeTriple(NodeTerm("Ada"), "born", DateTerm(1815, 12, 10))});
}
proto::TripleBatch SecondDocument() {
  return MakeBatch("doc-b", {MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")),
                             MakeTriple(NodeTerm("Charles"), ":label", LabelTerm("Person")),
                             MakeTriple(NodeTerm("Charles"), "age", IntTerm(79))});
}

TEST_F(StoreTest, NewStoreIsEmpty) {
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  EXPECT_THAT(AllTriples(*snapshot), IsEmpty());
  absl::StatusOr<GraphStats> stats = snapshot->ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->triples, 0);
  EXPECT_EQ(stats->documents, 0);
  EXPECT_THAT(stats->predicate_counts, IsEmpty());
  EXPECT_THAT(stats->label_counts, IsEmpty());
  absl::StatusOr<std::vector<proto::Document>> documents = snapshot->ListDocuments();
  ASSERT_TRUE(documents.ok()) << documents.status();
  EXPECT_THAT(*documents, IsEmpty());
}

TEST_F(StoreTest, ApplyCountsNewAndDistinctTriples) {
  proto::TripleBatch first = FirstDocument();
  *first.add_triples() = first.triples(0);  // a repeat within the batch
  ApplyResult result = MustApply(first);
  EXPECT_FALSE(result.already_present);
  EXPECT_EQ(result.triples_added, 3);
  EXPECT_EQ(result.triples_in_batch, 3);

  result = MustApply(SecondDocument());
  EXPECT_FALSE(result.already_present);
  EXPECT_EQ(result.triples_added, 2);  // (Ada, knows, Charles) existed
  EXPECT_EQ(result.triples_in_batch, 3);
}

TEST_F(StoreTest, AppliedTriplesAreFoundByIdsAndDecodeBack) {
  MustApply(FirstDocument());
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  const TermId ada = IdOf(*snapshot, NodeTerm("Ada"));
  const TermId charles = IdOf(*snapshot, NodeTerm("Charles"));
  const TermId person = IdOf(*snapshot, LabelTerm("Person"));
  const TermId born = IdOf(*snapshot, DateTerm(1815, 12, 10));
  const TermId knows = PredicateIdOf(*snapshot, "knows");
  const TermId born_on = PredicateIdOf(*snapshot, "born");
  EXPECT_EQ(KindOf(ada), TermKind::kNode);
  EXPECT_EQ(KindOf(person), TermKind::kLabel);
  EXPECT_EQ(KindOf(born), TermKind::kDate);
  EXPECT_EQ(KindOf(knows), TermKind::kPredicate);
  EXPECT_EQ(PredicateIdOf(*snapshot, ":label"), kLabelPredicateId);

  EXPECT_EQ(AllTriples(*snapshot),
            (std::set<IdTriple>{
                {ada, knows, charles}, {ada, kLabelPredicateId, person}, {ada, born_on, born}}));
  absl::StatusOr<proto::Term> decoded = snapshot->DecodeTerm(charles);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->node(), "Charles");
  decoded = snapshot->DecodeTerm(born);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->date_value().year(), 1815);
  EXPECT_EQ(decoded->date_value().day(), 10);
  EXPECT_THAT(snapshot->DecodeTerm(MakeTermId(TermKind::kNode, 999999)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no term with id")));
  absl::StatusOr<std::optional<TermId>> missing = snapshot->FindTerm(NodeTerm("Nobody"));
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(missing->has_value());
}

TEST_F(StoreTest, DataPersistsAcrossCloseAndReopen) {
  MustApply(FirstDocument());
  MustApply(SecondDocument());
  std::unique_ptr<Snapshot> before = store_->GetSnapshot();
  const auto contents = DumpStore(*before);
  const std::set<IdTriple> triples = AllTriples(*before);
  absl::StatusOr<GraphStats> stats_before = before->ReadStats();
  ASSERT_TRUE(stats_before.ok()) << stats_before.status();
  before.reset();

  Reopen();
  std::unique_ptr<Snapshot> after = store_->GetSnapshot();
  EXPECT_EQ(AllTriples(*after), triples);
  EXPECT_EQ(triples.size(), 5u);
  EXPECT_EQ(DumpStore(*after), contents);
  absl::StatusOr<GraphStats> stats_after = after->ReadStats();
  ASSERT_TRUE(stats_after.ok()) << stats_after.status();
  testing::ExpectStatsEqual(*stats_after, *stats_before);
  absl::StatusOr<std::optional<proto::Document>> document = after->GetDocument("doc-b");
  ASSERT_TRUE(document.ok()) << document.status();
  ASSERT_TRUE(document->has_value());
  EXPECT_EQ((*document)->title(), "title of doc-b");

  // New terms after a reopen get fresh ids, never one already handed out.
  std::set<TermId> old_ids;
  for (const IdTriple& triple : triples) {
    old_ids.insert({triple.subject, triple.predicate, triple.object});
  }
  MustApply(MakeBatch("doc-c", {MakeTriple(NodeTerm("Grace"), "wrote", StringTerm("notes"))}));
  after = store_->GetSnapshot();
  for (TermId id : {IdOf(*after, NodeTerm("Grace")), PredicateIdOf(*after, "wrote"),
                    IdOf(*after, StringTerm("notes"))}) {
    EXPECT_EQ(old_ids.count(id), 0u) << id;
  }
  absl::StatusOr<proto::Term> grace = after->DecodeTerm(IdOf(*after, NodeTerm("Grace")));
  ASSERT_TRUE(grace.ok()) << grace.status();
  EXPECT_EQ(grace->node(), "Grace");
  EXPECT_EQ(AllTriples(*after).size(), 6u);
  ExpectStatsMatchRecount(*after);
}

TEST_F(StoreTest, ReloadingADocumentIdChangesNothing) {
  MustApply(FirstDocument());
  MustApply(SecondDocument());
  std::unique_ptr<Snapshot> before = store_->GetSnapshot();
  const auto contents = DumpStore(*before);

  // The same id, even with other triples, is skipped whole.
  proto::TripleBatch again = FirstDocument();
  *again.add_triples() = MakeTriple(NodeTerm("Extra"), "knows", NodeTerm("Ada"));
  absl::StatusOr<ApplyResult> result = store_->Apply(again);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->already_present);
  EXPECT_EQ(result->triples_added, 0);
  EXPECT_EQ(result->triples_in_batch, 0);

  std::unique_ptr<Snapshot> after = store_->GetSnapshot();
  EXPECT_EQ(DumpStore(*after), contents);
  absl::StatusOr<GraphStats> stats = after->ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->triples, 5);
  ExpectStatsMatchRecount(*after);
}

TEST_F(StoreTest, UnloadOfOneOfTwoSharingDocumentsKeepsTheTripleWithTheOthersEvidence) {
  MustApply(FirstDocument());
  MustApply(SecondDocument());
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  const IdTriple shared{IdOf(*snapshot, NodeTerm("Ada")), PredicateIdOf(*snapshot, "knows"),
                        IdOf(*snapshot, NodeTerm("Charles"))};
  const IdTriple only_a{IdOf(*snapshot, NodeTerm("Ada")), PredicateIdOf(*snapshot, "born"),
                        IdOf(*snapshot, DateTerm(1815, 12, 10))};
  EXPECT_THAT(EvidenceDocuments(*snapshot, shared), ElementsAre("doc-a", "doc-b"));

  UnloadResult result = MustUnload("doc-a");
  EXPECT_EQ(result.triples_kept, 1);
  EXPECT_EQ(result.triples_removed, 2);

  snapshot = store_->GetSnapshot();
  absl::StatusOr<std::optional<proto::TripleMeta>> meta = snapshot->GetMeta(shared);
  ASSERT_TRUE(meta.ok()) << meta.status();
  ASSERT_TRUE(meta->has_value());
  EXPECT_EQ((*meta)->count(), 1);
  ASSERT_EQ((*meta)->evidence_size(), 1);
  EXPECT_EQ((*meta)->evidence(0).document_id(), "doc-b");
  for (const TriplePattern& pattern : PatternsContaining(shared)) {
    EXPECT_THAT(ScanToVector(*snapshot, pattern), ::testing::Contains(shared));
  }
  for (const TriplePattern& pattern : PatternsContaining(only_a)) {
    EXPECT_THAT(ScanToVector(*snapshot, pattern), ::testing::Not(::testing::Contains(only_a)));
  }
  absl::StatusOr<std::optional<proto::Document>> gone = snapshot->GetDocument("doc-a");
  ASSERT_TRUE(gone.ok()) << gone.status();
  EXPECT_FALSE(gone->has_value());
  absl::StatusOr<std::vector<IdTriple>> supported = snapshot->DocumentTriples("doc-a");
  ASSERT_TRUE(supported.ok()) << supported.status();
  EXPECT_THAT(*supported, IsEmpty());
  EXPECT_EQ(AllTriples(*snapshot).size(), 3u);
  ExpectStatsMatchRecount(*snapshot);
}

TEST_F(StoreTest, UnloadOfTheLastSupportingDocumentRemovesTheTripleFromEveryPattern) {
  MustApply(FirstDocument());
  MustApply(SecondDocument());
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  const IdTriple shared{IdOf(*snapshot, NodeTerm("Ada")), PredicateIdOf(*snapshot, "knows"),
                        IdOf(*snapshot, NodeTerm("Charles"))};
  MustUnload("doc-b");
  MustUnload("doc-a");

  snapshot = store_->GetSnapshot();
  for (const TriplePattern& pattern : PatternsContaining(shared)) {
    EXPECT_THAT(ScanToVector(*snapshot, pattern), IsEmpty());
  }
  absl::StatusOr<bool> contains = snapshot->Contains(shared);
  ASSERT_TRUE(contains.ok()) << contains.status();
  EXPECT_FALSE(*contains);
  absl::StatusOr<std::optional<proto::TripleMeta>> meta = snapshot->GetMeta(shared);
  ASSERT_TRUE(meta.ok()) << meta.status();
  EXPECT_FALSE(meta->has_value());
  absl::StatusOr<GraphStats> stats = snapshot->ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->triples, 0);
  EXPECT_EQ(stats->documents, 0);
  EXPECT_THAT(stats->predicate_counts, IsEmpty());
  EXPECT_THAT(stats->label_counts, IsEmpty());
}

TEST_F(StoreTest, UnloadOfAnUnknownDocumentIsNotFound) {
  MustApply(FirstDocument());
  const auto contents = DumpStore(*store_->GetSnapshot());
  EXPECT_THAT(store_->Unload("doc-z"),
              StatusIs(absl::StatusCode::kNotFound, "no document with id doc-z"));
  MustUnload("doc-a");
  EXPECT_THAT(store_->Unload("doc-a"), StatusIs(absl::StatusCode::kNotFound, HasSubstr("doc-a")));
}

TEST_F(StoreTest, UnloadedDocumentCanBeLoadedAgain) {
  MustApply(FirstDocument());
  MustUnload("doc-a");
  ApplyResult result = MustApply(FirstDocument());
  EXPECT_FALSE(result.already_present);
  EXPECT_EQ(result.triples_added, 3);
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  EXPECT_EQ(AllTriples(*snapshot).size(), 3u);
  ExpectStatsMatchRecount(*snapshot);
}

// A document's triples are kept in doc_triples in runs of up to 256, in spo order; all of
// them are found, and an unload retracts every one.
TEST_F(StoreTest, LargeDocumentKeepsItsTriplesInRuns) {
  std::vector<proto::Triple> triples;
  for (int index = 0; index < 600; ++index) {
    triples.push_back(MakeTriple(NodeTerm(absl::StrCat("person ", index % 37)), "met",
                                 NodeTerm(absl::StrCat("person ", index))));
  }
  triples.push_back(triples.front());  // stated twice, listed once
  MustApply(MakeBatch("big", triples));
  MustApply(FirstDocument());
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  absl::StatusOr<std::vector<IdTriple>> supported = snapshot->DocumentTriples("big");
  ASSERT_TRUE(supported.ok()) << supported.status();
  ASSERT_EQ(supported->size(), 600u);
  EXPECT_TRUE(std::is_sorted(supported->begin(), supported->end()));
  const std::set<IdTriple> all = AllTriples(*snapshot);
  EXPECT_EQ(all.size(), 603u);
  EXPECT_EQ(std::set<IdTriple>(supported->begin(), supported->end()).size(), 600u);
  for (const IdTriple& triple : *supported) EXPECT_EQ(all.count(triple), 1u);
  int entries = 0;
  std::unique_ptr<rocksdb::Iterator> it = snapshot->NewIterator(layout::kDocTriples);
  for (it->Seek(layout::DocTriplesPrefix("big"));
       it->Valid() && it->key().starts_with(layout::DocTriplesPrefix("big")); it->Next()) {
    ++entries;
  }
  EXPECT_EQ(entries, 3);

  UnloadResult unloaded = MustUnload("big");
  EXPECT_EQ(unloaded.triples_removed, 600);
  snapshot = store_->GetSnapshot();
  EXPECT_EQ(AllTriples(*snapshot).size(), 3u);
  ExpectStatsMatchRecount(*snapshot);
}

TEST_F(StoreTest, StatsCountTriplesPerPredicateAndNodesPerLabel) {
  MustApply(FirstDocument());
  MustApply(SecondDocument());
  MustApply(MakeBatch("doc-c", {MakeTriple(NodeTerm("Ada"), ":label", LabelTerm("Writer")),
                                MakeTriple(NodeTerm("Ada"), ":label", LabelTerm("Person"))}));
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  absl::StatusOr<GraphStats> stats = snapshot->ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->triples, 6);
  EXPECT_EQ(stats->documents, 3);
  EXPECT_THAT(stats->predicate_counts,
              UnorderedElementsAre(::testing::Pair(kLabelPredicateId, 3),
                                   ::testing::Pair(PredicateIdOf(*snapshot, "knows"), 1),
                                   ::testing::Pair(PredicateIdOf(*snapshot, "born"), 1),
                                   ::testing::Pair(PredicateIdOf(*snapshot, "age"), 1)));
  EXPECT_THAT(stats->label_counts,
              UnorderedElementsAre(::testing::Pair(IdOf(*snapshot, LabelTerm("Person")), 2),
                                   ::testing::Pair(IdOf(*snapshot, LabelTerm("Writer")), 1)));
  ExpectStatsMatchRecount(*snapshot);
}

TEST_F(StoreTest, EvidenceRecordsItsDocumentAndDates) {
  proto::TripleBatch batch = FirstDocument();
  batch.mutable_document()->mutable_date()->set_year(2021);
  batch.mutable_document()->mutable_date()->set_month(8);
  batch.mutable_document()->mutable_date()->set_day(15);
  proto::Evidence* evidence = batch.mutable_triples(0)->add_evidence();
  evidence->set_document_id("ignored");
  evidence->set_sentence_index(3);
  evidence->mutable_span()->set_begin(10);
  evidence->mutable_span()->set_end(25);
  evidence->set_rule("met/active");
  evidence->set_confidence(0.75f);
  evidence->mutable_event_date()->set_year(2021);
  evidence->mutable_event_date()->set_month(7);
  MustApply(batch);

  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  const IdTriple knows{IdOf(*snapshot, NodeTerm("Ada")), PredicateIdOf(*snapshot, "knows"),
                       IdOf(*snapshot, NodeTerm("Charles"))};
  absl::StatusOr<std::optional<proto::TripleMeta>> meta = snapshot->GetMeta(knows);
  ASSERT_TRUE(meta.ok()) << meta.status();
  ASSERT_TRUE(meta->has_value());
  ASSERT_EQ((*meta)->evidence_size(), 1);
  const proto::Evidence& stored = (*meta)->evidence(0);
  EXPECT_EQ(stored.document_id(), "doc-a");
  EXPECT_EQ(stored.sentence_index(), 3);
  EXPECT_EQ(stored.span().begin(), 10u);
  EXPECT_EQ(stored.span().end(), 25u);
  EXPECT_EQ(stored.rule(), "met/active");
  EXPECT_EQ(stored.document_date().day(), 15);
  EXPECT_EQ((*meta)->first_seen().month(), 7);  // the event date wins
  EXPECT_EQ((*meta)->last_seen().month(), 7);

  // A triple without evidence gets the batch's default evidence.
  const IdTriple label{IdOf(*snapshot, NodeTerm("Ada")), kLabelPredicateId,
                       IdOf(*snapshot, LabelTerm("Person"))};
  meta = snapshot->GetMeta(label);
  ASSERT_TRUE(meta.ok()) << meta.status();
  ASSERT_TRUE(meta->has_value());
  ASSERT_EQ((*meta)->evidence_size(), 1);
  EXPECT_EQ((*meta)->evidence(0).document_id(), "doc-a");
  EXPECT_EQ((*meta)->evidence(0).sentence_index(), -1);
  EXPECT_EQ((*meta)->evidence(0).rule(), "batch");
  EXPECT_EQ((*meta)->first_seen().year(), 2021);
  EXPECT_EQ((*meta)->first_seen().month(), 8);
}

TEST_F(StoreTest, SnapshotDoesNotSeeLaterWrites) {
  MustApply(FirstDocument());
  std::unique_ptr<Snapshot> before = store_->GetSnapshot();
  const auto contents = DumpStore(*before);
  MustApply(SecondDocument());
  MustUnload("doc-a");

  EXPECT_EQ(DumpStore(*before), contents);
  EXPECT_EQ(AllTriples(*before).size(), 3u);
  absl::StatusOr<std::optional<proto::Document>> document = before->GetDocument("doc-b");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_FALSE(document->has_value());
  absl::StatusOr<GraphStats> stats = before->ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->triples, 3);

  std::unique_ptr<Snapshot> now = store_->GetSnapshot();
  EXPECT_EQ(AllTriples(*now).size(), 3u);
  document = now->GetDocument("doc-b");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_TRUE(document->has_value());
  ExpectStatsMatchRecount(*now);
}

TEST_F(StoreTest, CursorCanBeReseekedWithAnotherPattern) {
  MustApply(FirstDocument());
  MustApply(SecondDocument());
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  const TermId ada = IdOf(*snapshot, NodeTerm("Ada"));
  const TermId charles = IdOf(*snapshot, NodeTerm("Charles"));
  Cursor cursor = snapshot->NewCursor();
  std::vector<IdTriple> seen;
  for (cursor.Seek({ada, std::nullopt, std::nullopt}); cursor.Valid(); cursor.Next()) {
    seen.push_back(cursor.triple());
  }
  EXPECT_EQ(seen.size(), 3u);
  seen.clear();
  for (cursor.Seek({std::nullopt, std::nullopt, charles}); cursor.Valid(); cursor.Next()) {
    seen.push_back(cursor.triple());
  }
  EXPECT_THAT(seen, ElementsAre(IdTriple{ada, PredicateIdOf(*snapshot, "knows"), charles}));
  cursor.Seek({charles, kLabelPredicateId, IdOf(*snapshot, LabelTerm("Person"))});
  ASSERT_TRUE(cursor.Valid());
  EXPECT_EQ(cursor.triple().subject, charles);
  cursor.Next();
  EXPECT_FALSE(cursor.Valid());
  cursor.Seek({charles, kLabelPredicateId, ada});
  EXPECT_FALSE(cursor.Valid());
  QUARRY_EXPECT_OK(cursor.status());
}

TEST_F(StoreTest, DocumentsAreListedWithoutTextUnlessAsked) {
  proto::TripleBatch batch = FirstDocument();
  batch.mutable_document()->set_text("Ada knows Charles.");
  batch.mutable_document()->add_sentences()->set_end(18);
  MustApply(batch);
  MustApply(SecondDocument());
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  absl::StatusOr<std::vector<proto::Document>> documents = snapshot->ListDocuments();
  ASSERT_TRUE(documents.ok()) << documents.status();
  ASSERT_EQ(documents->size(), 2u);
  EXPECT_EQ((*documents)[0].id(), "doc-a");
  EXPECT_EQ((*documents)[0].text(), "");
  EXPECT_EQ((*documents)[0].sentences_size(), 0);
  EXPECT_EQ((*documents)[1].id(), "doc-b");
  documents = snapshot->ListDocuments(/*with_text=*/true);
  ASSERT_TRUE(documents.ok()) << documents.status();
  EXPECT_EQ((*documents)[0].text(), "Ada knows Charles.");
  EXPECT_EQ((*documents)[0].sentences_size(), 1);
  absl::StatusOr<std::vector<IdTriple>> supported = snapshot->DocumentTriples("doc-b");
  ASSERT_TRUE(supported.ok()) << supported.status();
  EXPECT_EQ(supported->size(), 3u);
}

}  // namespace
}  // namespace quarry::graph
