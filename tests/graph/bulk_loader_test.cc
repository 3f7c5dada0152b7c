// Tests of graph/bulk_loader.h: a bulk load must leave the store exactly as Store::Apply of
// the same batch does, validate like Apply, and skip a document already loaded.
#include "graph/bulk_loader.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "graph/layout.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"
#include "util/status_macros.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::AllTriples;
using ::quarry::graph::testing::DumpStore;
using ::quarry::graph::testing::DumpStoreByTriple;
using ::quarry::graph::testing::ExpectStatsMatchRecount;
using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Contents = std::map<std::pair<int, std::string>, std::string>;

// One line per key whose value differs between `a` and `b` (evidence decoded).
std::vector<std::string> Differences(const Contents& a, const Contents& b) {
  auto show = [](const Contents& contents, const std::pair<int, std::string>& key) {
    auto found = contents.find(key);
    if (found == contents.end()) return std::string("(absent)");
    if (key.first == layout::kSpo) {
      proto::TripleMeta meta;
      if (meta.ParseFromString(found->second)) return meta.ShortDebugString();
    }
    return absl::CHexEscape(found->second);
  };
  std::vector<std::string> differences;
  std::map<std::pair<int, std::string>, bool> keys;
  for (const auto& [key, value] : a) keys[key] = true;
  for (const auto& [key, value] : b) keys[key] = true;
  for (const auto& [key, unused] : keys) {
    if (show(a, key) == show(b, key)) continue;
    differences.push_back(absl::StrCat(layout::kFamilyNames[key.first], " ",
                                       absl::CHexEscape(key.second), ": apply ", show(a, key),
                                       " | bulk ", show(b, key)));
  }
  return differences;
}

std::unique_ptr<Store> MustOpen(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

// Bulk-loads `batches` in one load through each entry point in turn: BeginDocument and Add,
// AddBatch, and AddWireBatch of the serialized batch (AddBatch when WireBatch cannot read it
// in place). `read_in_place` (may be null) counts the batches that took AddWireBatch.
absl::StatusOr<std::vector<ApplyResult>> BulkLoadAll(Store& store,
                                                     const std::vector<proto::TripleBatch>& batches,
                                                     int* read_in_place = nullptr,
                                                     const BulkLoadOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<BulkLoader>> loader = BulkLoader::Start(store, options);
  if (!loader.ok()) return loader.status();
  std::vector<std::string> serialized(batches.size());  // read in place: kept until Finish
  std::vector<WireBatch> wire(batches.size());
  for (size_t index = 0; index < batches.size(); ++index) {
    if (index % 3 == 2) {
      serialized[index] = batches[index].SerializeAsString();
      if (wire[index].Read(serialized[index])) {
        if (read_in_place != nullptr) ++*read_in_place;
        QUARRY_RETURN_IF_ERROR((*loader)->AddWireBatch(wire[index]));
        continue;
      }
    }
    if (index % 3 != 0) {
      proto::TripleBatch copy = batches[index];
      QUARRY_RETURN_IF_ERROR((*loader)->AddBatch(std::move(copy)));
      continue;
    }
    QUARRY_RETURN_IF_ERROR((*loader)->BeginDocument(batches[index].document()));
    for (const proto::Triple& triple : batches[index].triples()) {
      QUARRY_RETURN_IF_ERROR((*loader)->Add(triple));
    }
  }
  return (*loader)->Finish();
}

absl::StatusOr<ApplyResult> BulkLoad(Store& store, const proto::TripleBatch& batch) {
  absl::StatusOr<std::vector<ApplyResult>> results = BulkLoadAll(store, {batch});
  if (!results.ok()) return results.status();
  return results->front();
}

proto::TripleBatch BaseDocument() {
  return MakeBatch("base", {MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")),
                            MakeTriple(NodeTerm("Ada"), ":label", LabelTerm("Person"))});
}

proto::Evidence LineEvidence(int line) {
  proto::Evidence evidence;
  evidence.set_sentence_index(-1);
  evidence.mutable_span()->set_begin(line * 10);
  evidence.mutable_span()->set_end(line * 10 + 9);
  evidence.set_rule("tsv");
  evidence.set_confidence(1.0f);
  return evidence;
}

// A batch with every kind of term and evidence a loader produces.
proto::TripleBatch MixedDocument(bool with_evidence) {
  proto::TripleBatch batch =
      MakeBatch("mixed", {MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")),  // in base too
                          MakeTriple(NodeTerm("Charles"), ":label", LabelTerm("Person")),
                          MakeTriple(NodeTerm("Charles"), "alias", StringTerm("Babbage")),
                          MakeTriple(NodeTerm("_:b1"), "knows", NodeTerm("Ada")),
                          MakeTriple(NodeTerm("Ada"), "born", DateTerm(1815, 12, 10)),
                          MakeTriple(NodeTerm("Ada"), "age", IntTerm(36)),
                          MakeTriple(NodeTerm("Ada"), "height", DoubleTerm(1.65)),
                          MakeTriple(NodeTerm("Ada"), "countess", BoolTerm(true)),
                          MakeTriple(NodeTerm("Ada"), "age", IntTerm(36))});  // a repeat
  proto::Date* date = batch.mutable_document()->mutable_date();
  date->set_year(2021);
  date->set_month(3);
  date->set_day(4);
  if (with_evidence) {
    for (int index = 0; index < batch.triples_size(); ++index) {
      *batch.mutable_triples(index)->add_evidence() = LineEvidence(index + 1);
    }
  }
  return batch;
}

// Each test runs with the default sorted runs (the whole load in memory) and with runs of
// three records (every run but the last written to a file and merged).
class BulkLoaderTest : public ::testing::TestWithParam<size_t> {
 protected:
  void SetUp() override {
    BulkLoader::SetRunRecordsForTesting(GetParam());
    applied_ = MustOpen(dir_.Join("applied"));
    bulk_ = MustOpen(dir_.Join("bulk"));
    ASSERT_NE(applied_, nullptr);
    ASSERT_NE(bulk_, nullptr);
    ASSERT_TRUE(applied_->Apply(BaseDocument()).ok());
    ASSERT_TRUE(bulk_->Apply(BaseDocument()).ok());
  }

  // Loads `batch` with Apply into one store and in bulk into the other; expects equal
  // results and byte-identical stores.
  void ExpectBulkEqualsApply(const proto::TripleBatch& batch) {
    absl::StatusOr<ApplyResult> applied = applied_->Apply(batch);
    absl::StatusOr<ApplyResult> bulk = BulkLoad(*bulk_, batch);
    ASSERT_TRUE(applied.ok()) << applied.status();
    ASSERT_TRUE(bulk.ok()) << bulk.status();
    EXPECT_EQ(bulk->already_present, applied->already_present);
    EXPECT_EQ(bulk->triples_added, applied->triples_added);
    EXPECT_EQ(bulk->triples_in_batch, applied->triples_in_batch);
    EXPECT_THAT(Differences(DumpStoreByTriple(*applied_->GetSnapshot()),
                            DumpStoreByTriple(*bulk_->GetSnapshot())),
                IsEmpty());
    ExpectStatsMatchRecount(*bulk_->GetSnapshot());
  }

  void TearDown() override { BulkLoader::SetRunRecordsForTesting(0); }

  ScratchDir dir_;
  std::unique_ptr<Store> applied_;
  std::unique_ptr<Store> bulk_;
};

INSTANTIATE_TEST_SUITE_P(RunSizes, BulkLoaderTest, ::testing::Values(0, 3),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return info.param == 0 ? std::string("InMemory")
                                                  : absl::StrCat("RunsOf", info.param);
                         });

TEST_P(BulkLoaderTest, LoadEqualsApplyForLineEvidence) {
  ExpectBulkEqualsApply(MixedDocument(/*with_evidence=*/true));
}

TEST_P(BulkLoaderTest, LoadEqualsApplyForTriplesWithoutEvidence) {
  ExpectBulkEqualsApply(MixedDocument(/*with_evidence=*/false));
}

TEST_P(BulkLoaderTest, LoadEqualsApplyForSentenceEvidenceAndProperties) {
  proto::TripleBatch batch = MixedDocument(/*with_evidence=*/true);
  proto::Evidence* evidence = batch.mutable_triples(0)->mutable_evidence(0);
  evidence->set_sentence_index(2);
  evidence->set_rule("met/active");
  evidence->set_confidence(0.5f);
  evidence->mutable_event_date()->set_year(2020);
  proto::Property* property = batch.mutable_triples(1)->add_properties();
  property->set_key("since");
  *property->mutable_value() = IntTerm(1830);
  ExpectBulkEqualsApply(batch);
}

TEST_P(BulkLoaderTest, LoadEqualsApplyForEvidenceWithItsOwnDocumentDate) {
  proto::TripleBatch batch = MixedDocument(/*with_evidence=*/true);
  batch.mutable_document()->clear_date();
  proto::Date* date = batch.mutable_triples(2)->mutable_evidence(0)->mutable_document_date();
  date->set_year(1999);
  date->set_month(12);
  ExpectBulkEqualsApply(batch);
}

TEST_P(BulkLoaderTest, UnloadAfterBulkLoadEqualsUnloadAfterApply) {
  ExpectBulkEqualsApply(MixedDocument(/*with_evidence=*/true));
  ASSERT_TRUE(applied_->Unload("mixed").ok());
  ASSERT_TRUE(bulk_->Unload("mixed").ok());
  EXPECT_THAT(Differences(DumpStoreByTriple(*applied_->GetSnapshot()),
                          DumpStoreByTriple(*bulk_->GetSnapshot())),
              IsEmpty());
  EXPECT_EQ(AllTriples(*bulk_->GetSnapshot()).size(), 2u);
  ExpectStatsMatchRecount(*bulk_->GetSnapshot());
}

TEST_P(BulkLoaderTest, BulkLoadedDataPersistsAndLaterAppliesGetFreshIds) {
  ExpectBulkEqualsApply(MixedDocument(/*with_evidence=*/true));
  bulk_.reset();
  applied_.reset();
  bulk_ = MustOpen(dir_.Join("bulk"));
  applied_ = MustOpen(dir_.Join("applied"));
  ASSERT_NE(bulk_, nullptr);
  ASSERT_NE(applied_, nullptr);
  ExpectBulkEqualsApply(
      MakeBatch("later", {MakeTriple(NodeTerm("Grace"), "knows", NodeTerm("Ada"))}));
}

// Bulk-loads `batches` as the bulk path of `quarry load` does: each triple a LineBatch takes
// goes in through AddLines, any other through Add, in input order.
absl::Status BulkLoadAsLines(Store& store, const std::vector<proto::TripleBatch>& batches,
                             size_t* lines_taken) {
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<BulkLoader> loader, BulkLoader::Start(store));
  *lines_taken = 0;
  for (const proto::TripleBatch& batch : batches) {
    QUARRY_RETURN_IF_ERROR(loader->BeginDocument(batch.document()));
    LineBatch lines;
    size_t added = 0;
    for (const proto::Triple& triple : batch.triples()) {
      if (lines.Append(triple)) continue;
      QUARRY_RETURN_IF_ERROR(loader->AddLines(lines, added, lines.size()));
      added = lines.size();
      QUARRY_RETURN_IF_ERROR(loader->Add(triple));
    }
    QUARRY_RETURN_IF_ERROR(loader->AddLines(lines, added, lines.size()));
    *lines_taken += lines.size();
  }
  return loader->Finish().status();
}

// Lines of several rules, between triples that are not lines, equal Apply: into a store
// whose dictionary has terms, and into a new one.
TEST_P(BulkLoaderTest, LinesEqualApply) {
  proto::TripleBatch first = MixedDocument(/*with_evidence=*/true);
  first.mutable_triples(2)->mutable_evidence(0)->set_rule("nt");         // a line of another rule
  first.mutable_triples(4)->mutable_evidence(0)->set_sentence_index(3);  // no line
  proto::TripleBatch second =
      MakeBatch("second", {MakeTriple(NodeTerm("Grace"), "knows", NodeTerm("Ada")),
                           MakeTriple(NodeTerm("Grace"), "alias", StringTerm("Amazing Grace")),
                           MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles"))});
  for (int index = 0; index < second.triples_size(); ++index) {
    *second.mutable_triples(index)->add_evidence() = LineEvidence(index + 1);
  }
  const std::vector<proto::TripleBatch> batches = {first, second};

  for (const bool new_stores : {false, true}) {
    SCOPED_TRACE(new_stores ? "new stores" : "stores with a document");
    std::unique_ptr<Store> new_applied;
    std::unique_ptr<Store> new_bulk;
    Store* applied = applied_.get();
    Store* bulk = bulk_.get();
    if (new_stores) {
      new_applied = MustOpen(dir_.Join("applied-new"));
      new_bulk = MustOpen(dir_.Join("bulk-new"));
      ASSERT_NE(new_applied, nullptr);
      ASSERT_NE(new_bulk, nullptr);
      applied = new_applied.get();
      bulk = new_bulk.get();
    }
    for (const proto::TripleBatch& batch : batches) ASSERT_TRUE(applied->Apply(batch).ok());
    size_t lines_taken = 0;
    ASSERT_TRUE(BulkLoadAsLines(*bulk, batches, &lines_taken).ok());
    EXPECT_EQ(lines_taken, 8u + 3u) << "all but the sentence's triple are lines";
    EXPECT_THAT(Differences(DumpStoreByTriple(*applied->GetSnapshot()),
                            DumpStoreByTriple(*bulk->GetSnapshot())),
                IsEmpty());
    ExpectStatsMatchRecount(*bulk->GetSnapshot());
  }
}

// A LineBatch takes only well-formed triples with one line of evidence and no properties;
// Add reports what is malformed.
TEST(LineBatchTest, TakesOnlyPlainWellFormedLines) {
  auto line = [](proto::Triple triple) {
    *triple.add_evidence() = LineEvidence(1);
    return triple;
  };
  const proto::Triple plain = line(MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")));
  LineBatch lines;
  EXPECT_TRUE(lines.Append(plain));
  EXPECT_TRUE(lines.Append(line(MakeTriple(NodeTerm("Ada"), "born", DateTerm(1815, 12, 10)))));

  EXPECT_FALSE(lines.Append(MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles"))))
      << "no evidence";
  proto::Triple two_pieces = plain;
  *two_pieces.add_evidence() = LineEvidence(2);
  EXPECT_FALSE(lines.Append(two_pieces));
  proto::Triple with_property = plain;
  with_property.add_properties()->set_key("since");
  EXPECT_FALSE(lines.Append(with_property));
  proto::Triple sentence = plain;
  sentence.mutable_evidence(0)->set_sentence_index(0);
  EXPECT_FALSE(lines.Append(sentence));
  proto::Triple dated = plain;
  dated.mutable_evidence(0)->mutable_event_date()->set_year(2020);
  EXPECT_FALSE(lines.Append(dated));
  EXPECT_FALSE(lines.Append(line(MakeTriple(NodeTerm("Ada"), "knows", LabelTerm("Person")))))
      << "a label object needs :label";
  EXPECT_FALSE(lines.Append(line(MakeTriple(NodeTerm(""), "knows", NodeTerm("Ada")))));
  EXPECT_FALSE(lines.Append(line(MakeTriple(NodeTerm("Ada"), "born", DateTerm(1815, 13, 1)))));
  EXPECT_EQ(lines.size(), 2u);
  lines.Clear();
  EXPECT_EQ(lines.size(), 0u);
}

// The names index is sorted without making its keys: names that begin other names, one with
// a zero byte inside, and one node with several names must still come out in key order.
TEST_P(BulkLoaderTest, NamesThatBeginOtherNamesEqualApply) {
  const std::vector<std::string> names = {
      "Abc", "Ab", std::string("Ab\0c", 4), std::string("Ab\0", 3), "A", "Ab\x01", "ab"};
  std::vector<proto::Triple> triples;
  for (const std::string& name : names) {
    triples.push_back(MakeTriple(NodeTerm(name), ":label", LabelTerm("Person")));
    triples.push_back(MakeTriple(NodeTerm("Zed"), "alias", StringTerm(name)));
  }
  ExpectBulkEqualsApply(MakeBatch("names", triples));
}

TEST_P(BulkLoaderTest, LoadedDocumentIsSkipped) {
  const Contents before = DumpStore(*bulk_->GetSnapshot());
  absl::StatusOr<ApplyResult> result = BulkLoad(*bulk_, BaseDocument());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->already_present);
  EXPECT_EQ(result->triples_added, 0);
  EXPECT_THAT(Differences(before, DumpStore(*bulk_->GetSnapshot())), IsEmpty());
}

// Many documents in one bulk load equal Apply of each in turn: shared triples gather the
// evidence of every document in order, a repeated or loaded document is skipped, and the
// documents' own dates and evidence-less triples are handled as Apply does.
TEST_P(BulkLoaderTest, ManyDocumentsEqualApplyOfEachInTurn) {
  std::vector<proto::TripleBatch> batches;
  batches.push_back(MixedDocument(/*with_evidence=*/true));
  proto::TripleBatch second = MixedDocument(/*with_evidence=*/false);
  second.mutable_document()->set_id("second");
  second.mutable_document()->clear_date();
  *second.add_triples() = MakeTriple(NodeTerm("Grace"), "knows", NodeTerm("Ada"));
  batches.push_back(second);
  batches.push_back(BaseDocument());  // loaded already
  proto::TripleBatch third =
      MakeBatch("a-third", {MakeTriple(NodeTerm("Grace"), ":label", LabelTerm("Person")),
                            MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")),
                            MakeTriple(NodeTerm("Grace"), "alias", StringTerm("Amazing Grace"))});
  proto::Evidence sentence;
  sentence.set_sentence_index(2);
  sentence.mutable_span()->set_begin(5);
  sentence.mutable_span()->set_end(40);
  sentence.set_rule("met/verb");
  sentence.set_confidence(0.75f);
  *third.mutable_triples(1)->add_evidence() = sentence;
  *third.mutable_triples(1)->add_evidence() = sentence;  // kept once
  batches.push_back(third);
  batches.push_back(second);  // begun twice

  std::vector<ApplyResult> applied;
  for (const proto::TripleBatch& batch : batches) {
    absl::StatusOr<ApplyResult> result = applied_->Apply(batch);
    ASSERT_TRUE(result.ok()) << result.status();
    applied.push_back(*result);
  }
  absl::StatusOr<std::vector<ApplyResult>> bulk = BulkLoadAll(*bulk_, batches);
  ASSERT_TRUE(bulk.ok()) << bulk.status();
  ASSERT_EQ(bulk->size(), applied.size());
  for (size_t index = 0; index < applied.size(); ++index) {
    EXPECT_EQ((*bulk)[index].already_present, applied[index].already_present) << index;
    EXPECT_EQ((*bulk)[index].triples_added, applied[index].triples_added) << index;
    EXPECT_EQ((*bulk)[index].triples_in_batch, applied[index].triples_in_batch) << index;
  }
  EXPECT_TRUE((*bulk)[2].already_present);
  EXPECT_TRUE((*bulk)[4].already_present);
  EXPECT_THAT(Differences(DumpStore(*applied_->GetSnapshot()), DumpStore(*bulk_->GetSnapshot())),
              IsEmpty());
  ExpectStatsMatchRecount(*bulk_->GetSnapshot());
}

// Into an empty store (no term to look up, every triple new), with enough documents to cut
// spo into key ranges written on several threads: in memory, and merged from runs of 1,000.
// Several documents are written as Apply writes them, to the byte: a document's doc_triples
// runs (of up to 256 triples) are cut from its first triple, whether the document is listed
// as it is added or (larger than runs of 1,000) made from the sorted entries.
class BulkLoaderManyTest : public ::testing::TestWithParam<size_t> {
 protected:
  void SetUp() override { BulkLoader::SetRunRecordsForTesting(GetParam()); }
  void TearDown() override { BulkLoader::SetRunRecordsForTesting(0); }
};

INSTANTIATE_TEST_SUITE_P(RunSizes, BulkLoaderManyTest, ::testing::Values(0, 1000),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return info.param == 0 ? std::string("InMemory")
                                                  : absl::StrCat("RunsOf", info.param);
                         });

TEST_P(BulkLoaderManyTest, ManyDocumentsIntoAnEmptyStoreEqualApply) {
  ScratchDir dir;
  std::unique_ptr<Store> applied = MustOpen(dir.Join("applied"));
  std::unique_ptr<Store> bulk = MustOpen(dir.Join("bulk"));
  ASSERT_NE(applied, nullptr);
  ASSERT_NE(bulk, nullptr);
  std::vector<proto::TripleBatch> batches;
  for (int document = 0; document < 300; ++document) {
    std::vector<proto::Triple> triples;
    const int stated = document % 5 == 0 ? 1200 : 300;
    for (int index = 0; index < stated; ++index) {
      const int person = (document * 7 + index * 13) % 2000;
      triples.push_back(MakeTriple(NodeTerm(absl::StrCat("person ", person)), "met",
                                   NodeTerm(absl::StrCat("person ", (person * 31) % 2000))));
      if (index % 50 == 0) {
        triples.push_back(
            MakeTriple(NodeTerm(absl::StrCat("person ", person)), ":label", LabelTerm("Person")));
      }
      proto::Evidence evidence;
      evidence.set_sentence_index(index % 7);
      evidence.set_rule(index % 2 == 0 ? "met/verb" : "met/noun");
      evidence.set_confidence(0.5f);
      *triples.back().add_evidence() = evidence;
    }
    batches.push_back(MakeBatch(absl::StrCat("doc", document % 10, "-", document), triples));
  }
  for (const proto::TripleBatch& batch : batches) ASSERT_TRUE(applied->Apply(batch).ok());
  absl::StatusOr<std::vector<ApplyResult>> results = BulkLoadAll(*bulk, batches);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_THAT(Differences(DumpStore(*applied->GetSnapshot()), DumpStore(*bulk->GetSnapshot())),
              IsEmpty());
  ExpectStatsMatchRecount(*bulk->GetSnapshot());
}

// Article evidence (sentences, no properties) takes a path of its own in bulk: serialized
// when added, copied as bytes when written. It must still equal Apply: first/last seen from
// event and document dates, a piece kept once per identity (below and above the pieces that
// are compared pairwise), a piece naming another document (or none) taking its own, and
// evidence for a triple already stored merged into it.
TEST_P(BulkLoaderTest, LoadsSharingKnownTermsEqualApplyOfEachInTurn) {
  // Three loads in a row keep the term ids they find or add (KnownTerms), as the groups of
  // one `quarry load` do; a load that fails adds none of its new terms.
  proto::TripleBatch first = MixedDocument(/*with_evidence=*/true);
  proto::TripleBatch second =
      MakeBatch("second", {MakeTriple(NodeTerm("Grace"), "knows", NodeTerm("Charles")),
                           MakeTriple(NodeTerm("Charles"), "alias", StringTerm("Babbage")),
                           MakeTriple(NodeTerm("Grace"), ":label", LabelTerm("Person"))});
  proto::TripleBatch third =
      MakeBatch("third", {MakeTriple(NodeTerm("Grace"), "knows", NodeTerm("Ada")),
                          MakeTriple(NodeTerm("Grace Hopper"), "knows", NodeTerm("Grace"))});
  KnownTerms known;
  BulkLoadOptions options;
  options.known_terms = &known;
  for (const proto::TripleBatch& batch : {first, second}) {
    ASSERT_TRUE(applied_->Apply(batch).ok());
    absl::StatusOr<std::vector<ApplyResult>> bulk = BulkLoadAll(*bulk_, {batch}, nullptr, options);
    ASSERT_TRUE(bulk.ok()) << bulk.status();
  }
  {
    // A load that fails: "Grace Hopper" was given an id that is never written.
    absl::StatusOr<std::unique_ptr<BulkLoader>> failing = BulkLoader::Start(*bulk_, options);
    ASSERT_TRUE(failing.ok()) << failing.status();
    ASSERT_TRUE((*failing)->BeginDocument(MakeBatch("failing", {}).document()).ok());
    ASSERT_TRUE(
        (*failing)->Add(MakeTriple(NodeTerm("Grace Hopper"), "knows", NodeTerm("Ada"))).ok());
    EXPECT_FALSE((*failing)->Add(MakeTriple(NodeTerm("Ada"), "", NodeTerm("Grace"))).ok());
  }
  ASSERT_TRUE(applied_->Apply(third).ok());
  ASSERT_TRUE(BulkLoadAll(*bulk_, {third}, nullptr, options).ok());
  EXPECT_THAT(Differences(DumpStoreByTriple(*applied_->GetSnapshot()),
                          DumpStoreByTriple(*bulk_->GetSnapshot())),
              IsEmpty());
  ExpectStatsMatchRecount(*bulk_->GetSnapshot());
}

TEST_P(BulkLoaderTest, ArticleEvidenceFromManyDocumentsEqualsApply) {
  std::vector<proto::TripleBatch> batches;
  for (int document = 0; document < 40; ++document) {
    auto sentence = [&](int index, absl::string_view rule) {
      proto::Evidence evidence;
      evidence.set_document_id(document % 3 == 0   ? ""
                               : document % 3 == 1 ? "elsewhere"
                                                   : absl::StrCat("article-", document));
      evidence.set_sentence_index(index);
      evidence.mutable_span()->set_begin(static_cast<uint32_t>(index * 20));
      evidence.mutable_span()->set_end(static_cast<uint32_t>(index * 20 + 15));
      evidence.set_rule(std::string(rule));
      evidence.set_confidence(0.75f);
      return evidence;
    };
    std::vector<proto::Triple> triples;
    // Stored already (Merge), stated by every document.
    triples.push_back(MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")));
    *triples.back().add_evidence() = sentence(1, "knows/verb");
    // New, stated by every document: more than 16 pieces in all.
    triples.push_back(MakeTriple(NodeTerm("Grace"), "met", NodeTerm("Ada")));
    *triples.back().add_evidence() = sentence(2, "met/verb");
    if (document % 4 == 0) {
      proto::Date* event = triples.back().mutable_evidence(0)->mutable_event_date();
      event->set_year(1990 + document);
      event->set_month(document % 12 + 1);
    }
    *triples.back().add_evidence() = sentence(2, "met/verb");  // the same piece again
    *triples.back().add_evidence() = sentence(3, "met/noun");
    // New, stated by a few documents: compared pairwise.
    triples.push_back(
        MakeTriple(NodeTerm(absl::StrCat("person ", document % 5)), "met", NodeTerm("Grace")));
    *triples.back().add_evidence() = sentence(4, "met/verb");
    triples.push_back(MakeTriple(NodeTerm(absl::StrCat("person ", document % 5)), "met",
                                 NodeTerm("Grace")));  // stated twice in one document
    *triples.back().add_evidence() = sentence(4, "met/verb");
    *triples.back().add_evidence() = sentence(5, "met/verb");
    proto::TripleBatch batch = MakeBatch(absl::StrCat("article-", document), triples);
    if (document % 5 != 0) {
      proto::Date* date = batch.mutable_document()->mutable_date();
      date->set_year(2000 + document % 7);
      date->set_month(document % 12 + 1);
      date->set_day(document % 28 + 1);
    }
    batches.push_back(batch);
  }
  for (const proto::TripleBatch& batch : batches) ASSERT_TRUE(applied_->Apply(batch).ok());
  int read_in_place = 0;
  absl::StatusOr<std::vector<ApplyResult>> results = BulkLoadAll(*bulk_, batches, &read_in_place);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(read_in_place, 13);  // every third batch
  EXPECT_THAT(Differences(DumpStore(*applied_->GetSnapshot()), DumpStore(*bulk_->GetSnapshot())),
              IsEmpty());
  ExpectStatsMatchRecount(*bulk_->GetSnapshot());
}

TEST_P(BulkLoaderTest, RejectsWhatApplyRejects) {
  const std::vector<proto::Triple> malformed = {
      MakeTriple(StringTerm("Ada"), "p", NodeTerm("Charles")),
      MakeTriple(NodeTerm(""), "p", NodeTerm("Charles")),
      MakeTriple(NodeTerm("Ada"), "", NodeTerm("Charles")),
      MakeTriple(NodeTerm("Ada"), "p", proto::Term()),
      MakeTriple(NodeTerm("Ada"), "p", NodeTerm("")),
      MakeTriple(NodeTerm("Ada"), "p", LabelTerm("Person")),
      MakeTriple(NodeTerm("Ada"), ":label", StringTerm("Person")),
      MakeTriple(NodeTerm("Ada"), ":label", LabelTerm("")),
      MakeTriple(NodeTerm("Ada"), "born", DateTerm(2020, 256, 1)),
      MakeTriple(NodeTerm("Ada"), "born", DateTerm(2020, 1, 32)),
  };
  const Contents before = DumpStore(*bulk_->GetSnapshot());
  for (const proto::Triple& triple : malformed) {
    EXPECT_THAT(applied_->Apply(MakeBatch("bad", {triple})),
                StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
    absl::StatusOr<std::unique_ptr<BulkLoader>> loader = BulkLoader::Start(*bulk_);
    ASSERT_TRUE(loader.ok()) << loader.status();
    ASSERT_TRUE((*loader)->BeginDocument(MakeBatch("bad", {}).document()).ok());
    EXPECT_THAT((*loader)->Add(triple), StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_))
        << triple.ShortDebugString();
  }
  EXPECT_THAT(Differences(before, DumpStore(*bulk_->GetSnapshot())), IsEmpty());
}

TEST_P(BulkLoaderTest, StartRejectsABadDocumentIdAndReadOnlyStores) {
  {
    absl::StatusOr<std::unique_ptr<BulkLoader>> loader = BulkLoader::Start(*bulk_);
    ASSERT_TRUE(loader.ok()) << loader.status();
    EXPECT_THAT((*loader)->BeginDocument(MakeBatch("", {}).document()),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("id")));
    EXPECT_THAT((*loader)->Add(MakeTriple(NodeTerm("Ada"), "p", NodeTerm("Charles"))),
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no document")));
  }
  bulk_.reset();
  StoreOptions options;
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<Store>> read_only = Store::Open(dir_.Join("bulk"), options);
  ASSERT_TRUE(read_only.ok()) << read_only.status();
  EXPECT_THAT(BulkLoader::Start(**read_only),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
}

}  // namespace
}  // namespace quarry::graph
