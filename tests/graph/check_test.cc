// Tests of graph/check.h: a consistent store checks clean; each kind of corruption, written
// as raw RocksDB keys, is reported with its count, and a repair fixes what it can.
#include "graph/check.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "graph/layout.h"
#include "graph/merge_operators.h"
#include "graph/store.h"
#include "graph/store_impl.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using testing::MakeBatch;
using testing::MakeTriple;
using Dump = std::map<std::pair<int, std::string>, std::string>;

// Opens the closed store at `path` as plain RocksDB, runs `mutate`, and closes it.
void Corrupt(const std::string& path,
             const std::function<void(rocksdb::DB*,
                                      const std::vector<rocksdb::ColumnFamilyHandle*>&)>& mutate) {
  rocksdb::DBOptions options;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::Open(options, path, FamilyDescriptors(StoreOptions()), &families, &db).ok());
  mutate(db, families);
  for (rocksdb::ColumnFamilyHandle* handle : families) {
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

// The first key of a family.
std::string FirstKey(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), family));
  it->SeekToFirst();
  EXPECT_TRUE(it->Valid());
  return it->Valid() ? it->key().ToString() : std::string();
}

class CheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Join("db");
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    QUARRY_ASSERT_OK((*store)->Apply(MakeBatch(
        "doc1", {MakeTriple(NodeTerm("Ada Lovelace"), kLabelPredicate, LabelTerm("Person")),
                 MakeTriple(NodeTerm("Ada Lovelace"), "met", NodeTerm("Charles Babbage")),
                 MakeTriple(NodeTerm("Ada Lovelace"), "alias", StringTerm("Ada")),
                 MakeTriple(NodeTerm("_:b1"), "age", IntTerm(36))})));
    QUARRY_ASSERT_OK((*store)->Apply(MakeBatch(
        "doc2", {MakeTriple(NodeTerm("Ada Lovelace"), "met", NodeTerm("Charles Babbage")),
                 MakeTriple(NodeTerm("Charles Babbage"), kLabelPredicate, LabelTerm("Person"))})));
    original_ = testing::DumpStoreByTriple(*(*store)->GetSnapshot());
  }

  StoreCheckReport Check(bool repair) {
    absl::StatusOr<StoreCheckReport> report = CheckStore(path_, repair);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : StoreCheckReport();
  }

  // The store as DumpStoreByTriple gives it: a repair writes doc_triples in runs of one.
  Dump DumpNow() {
    auto store = Store::Open(path_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? testing::DumpStoreByTriple(*(*store)->GetSnapshot()) : Dump();
  }

  ScratchDir dir_;
  std::string path_;
  Dump original_;
};

TEST_F(CheckTest, ConsistentStoreIsClean) {
  StoreCheckReport report = Check(false);
  EXPECT_TRUE(report.problems.empty()) << report.examples.front();
  EXPECT_EQ(report.notes["triples"], 5);
  EXPECT_EQ(report.notes["documents"], 2);
  EXPECT_FALSE(report.repaired);
}

TEST_F(CheckTest, UnloadLeavesOnlyStaleNames) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok());
    QUARRY_ASSERT_OK((*store)->Unload("doc2"));
    QUARRY_ASSERT_OK((*store)->Unload("doc1"));
  }
  StoreCheckReport report = Check(false);
  EXPECT_TRUE(report.problems.empty()) << report.examples.front();
  EXPECT_EQ(report.notes["triples"], 0);
  EXPECT_GT(report.notes["stale_names"], 0);
}

TEST_F(CheckTest, MissingAndExtraPermutationsAreReportedAndRepaired) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    const std::string pos = FirstKey(db, families[layout::kPos]);
    const std::string osp = FirstKey(db, families[layout::kOsp]);
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kPos], pos).ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kOsp], osp).ok());
    const std::string bogus =
        layout::TripleKey(MakeTermId(TermKind::kNode, 999), MakeTermId(TermKind::kPredicate, 998),
                          MakeTermId(TermKind::kNode, 997));
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kPos], bogus, "").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kOsp], bogus, "").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kOsp], "short", "").ok());
  });
  StoreCheckReport report = Check(false);
  EXPECT_EQ(report.problems, (std::map<std::string, int64_t>{{"missing_pos", 1},
                                                             {"missing_osp", 1},
                                                             {"extra_pos", 1},
                                                             {"extra_osp", 1},
                                                             {"malformed_key", 1}}));
  StoreCheckReport repaired = Check(true);
  EXPECT_TRUE(repaired.repaired);
  EXPECT_TRUE(repaired.remaining.empty());
  EXPECT_TRUE(Check(false).problems.empty());
  EXPECT_EQ(DumpNow(), original_);
}

TEST_F(CheckTest, EvidenceAndDocTriplesDisagreeingBothWays) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    // doc1's run of four triples loses its first.
    const std::string first = FirstKey(db, families[layout::kDocTriples]);
    std::string run;
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), families[layout::kDocTriples], first, &run).ok());
    ASSERT_TRUE(absl::StartsWith(first, layout::DocTriplesPrefix("doc1")));
    ASSERT_EQ(run.size(), 3u * 24);
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kDocTriples], first).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDocTriples],
                        layout::DocTriplesPrefix("doc1") + run.substr(0, 24), run.substr(24))
                    .ok());
    const std::string spo = FirstKey(db, families[layout::kSpo]);
    // doc2 exists but does not support the first triple; doc9 is not loaded.
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDocTriples],
                        layout::DocTriplesPrefix("doc2") + spo, "")
                    .ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDocTriples],
                        layout::DocTriplesPrefix("doc9") + spo, "")
                    .ok());
  });
  StoreCheckReport report = Check(false);
  EXPECT_EQ(report.problems, (std::map<std::string, int64_t>{{"evidence_without_doc_triple", 1},
                                                             {"doc_triple_without_evidence", 1},
                                                             {"doc_triple_unknown_document", 1}}));
  EXPECT_TRUE(Check(true).remaining.empty());
  EXPECT_EQ(DumpNow(), original_);
}

// A doc_triples value must be whole triples, ascending after the key's own.
TEST_F(CheckTest, MalformedDocTriplesRunsAreReportedAndRepaired) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), families[layout::kDocTriples]));
    it->SeekToFirst();
    ASSERT_TRUE(it->Valid());
    const std::string doc1 = it->key().ToString();
    const std::string doc1_run = it->value().ToString();
    it->Next();
    ASSERT_TRUE(it->Valid());
    const std::string doc2 = it->key().ToString();
    it.reset();
    ASSERT_GE(doc1_run.size(), 2u * 24);
    // doc1's run with a byte cut off; doc2's repeating its key's triple.
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDocTriples], doc1,
                        doc1_run.substr(0, doc1_run.size() - 1))
                    .ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDocTriples], doc2,
                        doc2.substr(doc2.size() - 24))
                    .ok());
  });
  StoreCheckReport report = Check(false);
  EXPECT_EQ(report.problems.at("malformed_value"), 2);
  EXPECT_GT(report.problems.at("evidence_without_doc_triple"), 0);
  EXPECT_TRUE(Check(true).remaining.empty());
  EXPECT_EQ(DumpNow(), original_);
}

TEST_F(CheckTest, StatsNamesAndDocumentCount) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kStats],
                        layout::StatKey(layout::kStatTriples), EncodeCounter(41))
                    .ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kStats],
                           layout::StatKey(layout::kStatDocuments))
                    .ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kStats],
                        layout::StatKey(layout::kStatLabel, MakeTermId(TermKind::kLabel, 77)),
                        EncodeCounter(3))
                    .ok());
    const std::string name = FirstKey(db, families[layout::kNames]);
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kNames], name).ok());
  });
  StoreCheckReport report = Check(false);
  EXPECT_EQ(report.problems,
            (std::map<std::string, int64_t>{{"stats_mismatch", 3}, {"missing_name", 1}}));
  EXPECT_TRUE(Check(true).remaining.empty());
  EXPECT_EQ(DumpNow(), original_);
}

TEST_F(CheckTest, UnresolvableTermAndLostDocumentAreNotRepairable) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    const std::string spo = FirstKey(db, families[layout::kSpo]);
    const TermId subject = GetBigEndian64(spo.data());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kTerms],
                           layout::TermReverseKey(subject))
                    .ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kDocs], "doc2").ok());
  });
  StoreCheckReport report = Check(false);
  // The subject is in 3 triples and 2 names entries (its name, its alias); its forward entry lost
  // its reverse.
  EXPECT_EQ(report.problems.at("unresolvable_term"), 5);
  EXPECT_EQ(report.problems.at("term_dictionary"), 1);
  // doc2 supports two triples: their evidence and doc_triples now name a missing document.
  EXPECT_EQ(report.problems.at("evidence_unknown_document"), 2);
  EXPECT_EQ(report.problems.at("doc_triple_unknown_document"), 2);
  EXPECT_EQ(report.problems.at("stats_mismatch"), 1);
  StoreCheckReport repaired = Check(true);
  EXPECT_TRUE(repaired.repaired);
  EXPECT_EQ(repaired.remaining.count("evidence_unknown_document"), 1u);
  EXPECT_EQ(repaired.remaining.count("unresolvable_term"), 1u);
  EXPECT_EQ(repaired.remaining.count("stats_mismatch"), 0u);
  EXPECT_EQ(repaired.remaining.count("doc_triple_unknown_document"), 0u);
}

TEST_F(CheckTest, FormatVersionAndTermCounter) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDefault],
                        std::string(layout::kFormatVersionKey), "99")
                    .ok());
    std::string counter;
    PutBigEndian64(&counter, 3);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDefault],
                        std::string(layout::kNextTermKey), counter)
                    .ok());
  });
  StoreCheckReport report = Check(false);
  EXPECT_EQ(report.problems.at("format_version"), 1);
  EXPECT_GT(report.problems.at("next_term"), 0);
  EXPECT_EQ(report.problems.size(), 2u);
}

StoreOptions ReadOnly() {
  StoreOptions options;
  options.read_only = true;
  return options;
}

// A version-1 store (one doc_triples key per triple, empty values) is read as it is, checks
// clean, and is marked version 2 once opened for writing; unloading from it then works.
TEST_F(CheckTest, VersionOneStoreIsReadAndUpgradedWhenOpenedForWriting) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    std::vector<std::pair<std::string, std::string>> runs;
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), families[layout::kDocTriples]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      runs.emplace_back(it->key().ToString(), it->value().ToString());
    }
    it.reset();
    for (const auto& [key, value] : runs) {
      ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), families[layout::kDocTriples], key).ok());
      const std::string prefix = key.substr(0, key.find('\0') + 1);
      std::vector<IdTriple> triples;
      ASSERT_TRUE(layout::DecodeDocTriplesRun(absl::string_view(key).substr(prefix.size()), value,
                                              &triples));
      for (const IdTriple& triple : triples) {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDocTriples],
                            prefix + layout::SpoKey(triple), "")
                        .ok());
      }
    }
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDefault],
                        std::string(layout::kFormatVersionKey), "1")
                    .ok());
  });
  EXPECT_TRUE(Check(false).problems.empty());
  auto version = [&] {
    auto store = Store::Open(path_, ReadOnly());
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return std::string();
    auto stored = (*store)->GetSnapshot()->Get(layout::kDefault, layout::kFormatVersionKey);
    return stored.ok() && stored->has_value() ? **stored : std::string();
  };
  {
    auto store = Store::Open(path_, ReadOnly());
    ASSERT_TRUE(store.ok()) << store.status();
    auto triples = (*store)->GetSnapshot()->DocumentTriples("doc1");
    ASSERT_TRUE(triples.ok()) << triples.status();
    EXPECT_EQ(triples->size(), 4u);
  }
  EXPECT_EQ(version(), "1");
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    absl::StatusOr<UnloadResult> unloaded = (*store)->Unload("doc1");
    ASSERT_TRUE(unloaded.ok()) << unloaded.status();
    EXPECT_EQ(unloaded->triples_removed, 3);
    EXPECT_EQ(unloaded->triples_kept, 1);
  }
  EXPECT_EQ(version(), "2");
  EXPECT_TRUE(Check(false).problems.empty());
}

TEST_F(CheckTest, NewerFormatVersionIsRefused) {
  Corrupt(path_, [](rocksdb::DB* db, const auto& families) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), families[layout::kDefault],
                        std::string(layout::kFormatVersionKey), "3")
                    .ok());
  });
  EXPECT_THAT(Store::Open(path_).status(),
              StatusIs(absl::StatusCode::kUnimplemented, ::testing::HasSubstr("versions 1 to 2")));
}

TEST_F(CheckTest, RepairNeedsTheLockAndCheckDoesNot) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(Check(false).problems.empty());
  EXPECT_THAT(CheckStore(path_, true).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::HasSubstr("locked")));
}

TEST_F(CheckTest, MissingDatabase) {
  EXPECT_THAT(CheckStore(dir_.Join("nothing here"), false).status(),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

}  // namespace
}  // namespace quarry::graph
