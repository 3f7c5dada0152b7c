// Tests of graph/store.h: opening (read-only, locked, missing, not a database), input
// validation, the names index and the predicate vocabulary.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::AllTriples;
using ::quarry::graph::testing::DumpStore;
using ::quarry::graph::testing::IdOf;
using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;
using ::quarry::graph::testing::PredicateIdOf;
using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using ::quarry::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::unique_ptr<Store> MustOpen(const std::string& path, const StoreOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

void MustApply(Store& store, const proto::TripleBatch& batch) {
  absl::StatusOr<ApplyResult> result = store.Apply(batch);
  EXPECT_TRUE(result.ok()) << result.status();
}

proto::TripleBatch SampleDocument() {
  return MakeBatch("doc-a", {MakeTriple(NodeTerm("Ada"), "knows", NodeTerm("Charles")),
                             MakeTriple(NodeTerm("Ada"), ":label", LabelTerm("Person"))});
}

TEST(StoreOpenTest, MissingPathWithoutCreateIsNotFound) {
  ScratchDir dir;
  StoreOptions options;
  options.create_if_missing = false;
  EXPECT_THAT(Store::Open(dir.Join("absent"), options),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no database at")));
  EXPECT_THAT(Store::Open(dir.path(), options),  // an empty directory
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no database at")));
  StoreOptions read_only;
  read_only.read_only = true;
  EXPECT_THAT(Store::Open(dir.Join("absent"), read_only),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no database at")));
}

TEST(StoreOpenTest, DirectoryWithOtherFilesIsNotAQuarryDatabase) {
  ScratchDir dir;
  WriteFile(dir.Join("notes.txt"), "hello\n");
  EXPECT_THAT(Store::Open(dir.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a Quarry database")));
  EXPECT_EQ(quarry::testing::ReadFile(dir.Join("notes.txt")), "hello\n");
}

TEST(StoreOpenTest, PlainRocksDbIsNotAQuarryDatabase) {
  ScratchDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.path(), &raw).ok());
    delete raw;
  }
  EXPECT_THAT(Store::Open(dir.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a Quarry database")));
}

TEST(StoreOpenTest, RegularFileIsNotADirectory) {
  ScratchDir dir;
  WriteFile(dir.Join("file"), "x");
  EXPECT_THAT(Store::Open(dir.Join("file")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("is not a directory")));
}

TEST(StoreOpenTest, ReadOnlyStoreSeesDataAndRejectsWrites) {
  ScratchDir dir;
  MustApply(*MustOpen(dir.Join("db")), SampleDocument());
  StoreOptions options;
  options.read_only = true;
  std::unique_ptr<Store> store = MustOpen(dir.Join("db"), options);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->read_only());
  std::unique_ptr<Snapshot> snapshot = store->GetSnapshot();
  EXPECT_EQ(AllTriples(*snapshot).size(), 2u);
  const auto contents = DumpStore(*snapshot);

  EXPECT_THAT(store->Apply(MakeBatch("doc-b", {})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
  EXPECT_THAT(store->Unload("doc-a"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
  EXPECT_EQ(DumpStore(*store->GetSnapshot()), contents);
}

TEST(StoreOpenTest, ReadOnlyStoreOpensWhileAWriterHoldsTheLock) {
  ScratchDir dir;
  std::unique_ptr<Store> writer = MustOpen(dir.Join("db"));
  ASSERT_NE(writer, nullptr);
  MustApply(*writer, SampleDocument());
  StoreOptions options;
  options.read_only = true;
  std::unique_ptr<Store> reader = MustOpen(dir.Join("db"), options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(AllTriples(*reader->GetSnapshot()).size(), 2u);
}

TEST(StoreOpenTest, SecondWriterInTheSameProcessIsLocked) {
  ScratchDir dir;
  std::unique_ptr<Store> first = MustOpen(dir.Join("db"));
  ASSERT_NE(first, nullptr);
  EXPECT_THAT(Store::Open(dir.Join("db")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("locked")));
  MustApply(*first, SampleDocument());  // the first is unharmed
}

// Exit codes of the child in SecondWriterInAnotherProcessIsLocked.
constexpr int kChildSawLocked = 0;
constexpr int kChildOpened = 1;
constexpr int kChildOtherError = 2;

// The other process: this test binary run anew (fork, then exec), since a forked copy of a
// process with RocksDB's threads may deadlock on a lock one of them held. Skipped when run
// on its own.
TEST(StoreOpenTest, SecondWriterChild) {
  const char* path = std::getenv("QUARRY_TEST_STORE_DB");
  if (path == nullptr) GTEST_SKIP() << "the other process of SecondWriterInAnotherProcessIsLocked";
  absl::StatusOr<std::unique_ptr<Store>> second = Store::Open(path);
  if (second.ok()) std::_Exit(kChildOpened);
  const bool locked = second.status().code() == absl::StatusCode::kFailedPrecondition &&
                      absl::StrContains(second.status().message(), "locked");
  std::_Exit(locked ? kChildSawLocked : kChildOtherError);
}

// Runs SecondWriterChild on `path` in another process; its exit code, or -1.
int OpenInAnotherProcess(const std::string& path) {
  // Everything the child needs is made before the fork: after it, only exec.
  std::string program = "/proc/self/exe";
  std::string filter = "--gtest_filter=StoreOpenTest.SecondWriterChild";
  std::string environment = "QUARRY_TEST_STORE_DB=" + path;
  char* argv[] = {program.data(), filter.data(), nullptr};
  char* envp[] = {environment.data(), nullptr};
  const pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    execve(program.c_str(), argv, envp);
    _exit(127);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST(StoreOpenTest, SecondWriterInAnotherProcessIsLocked) {
  ScratchDir dir;
  std::unique_ptr<Store> first = MustOpen(dir.Join("db"));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(OpenInAnotherProcess(dir.Join("db")), kChildSawLocked);
  MustApply(*first, SampleDocument());

  // Once the first writer closes, another process can write.
  first.reset();
  EXPECT_EQ(OpenInAnotherProcess(dir.Join("db")), kChildOpened);
}

class StoreValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = MustOpen(dir_.Join("db"));
    ASSERT_NE(store_, nullptr);
    MustApply(*store_, SampleDocument());
    contents_ = DumpStore(*store_->GetSnapshot());
  }

  // Expects `batch` to be rejected with kInvalidArgument and `message`, writing nothing.
  void ExpectRejected(const proto::TripleBatch& batch, const std::string& message) {
    EXPECT_THAT(store_->Apply(batch), StatusIs(absl::StatusCode::kInvalidArgument, message));
    EXPECT_EQ(DumpStore(*store_->GetSnapshot()), contents_);
    // A valid batch still loads afterwards, with its own fresh terms.
    const std::string id = "after-" + std::to_string(++valid_batches_);
    MustApply(*store_, MakeBatch(id, {MakeTriple(NodeTerm(id), "p", IntTerm(1))}));
    contents_ = DumpStore(*store_->GetSnapshot());
    quarry::graph::testing::ExpectStatsMatchRecount(*store_->GetSnapshot());
  }

  ScratchDir dir_;
  std::unique_ptr<Store> store_;
  std::map<std::pair<int, std::string>, std::string> contents_;
  int valid_batches_ = 0;
};

TEST_F(StoreValidationTest, RejectsALiteralSubject) {
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Fresh"), "p", NodeTerm("Other")),
                                     MakeTriple(StringTerm("Ada"), "p", NodeTerm("Charles"))}),
                 "triple 1: the subject must be a node");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(LabelTerm("Person"), "p", NodeTerm("Ada"))}),
                 "triple 0: the subject must be a node");
}

TEST_F(StoreValidationTest, RejectsALabelObjectOutsideLabelTriples) {
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "is", LabelTerm("Person"))}),
                 "triple 0: labels are exactly the objects of ':label' triples");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), ":label", StringTerm("Person"))}),
                 "triple 0: labels are exactly the objects of ':label' triples");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), ":label", LabelTerm(""))}),
                 "triple 0: the label is empty");
}

TEST_F(StoreValidationTest, RejectsMissingParts) {
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm(""), "p", NodeTerm("Ada"))}),
                 "triple 0: the subject has an empty name");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "", NodeTerm("Ada"))}),
                 "triple 0: the predicate is empty");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "p", proto::Term())}),
                 "triple 0: the object is not set");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "p", NodeTerm(""))}),
                 "triple 0: the object node has an empty name");
}

TEST_F(StoreValidationTest, RejectsAnOutOfRangeDate) {
  // Month and day are one byte each in the dictionary key: month 256 would be month 0.
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "born", DateTerm(2020, 256, 1))}),
                 "triple 0: the date 2020-256-1 is out of range (month 0-12, day 0-31)");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "born", DateTerm(2020, 1, 32))}),
                 "triple 0: the date 2020-1-32 is out of range (month 0-12, day 0-31)");
  ExpectRejected(MakeBatch("doc-x", {MakeTriple(NodeTerm("Ada"), "born", DateTerm(2020, -1, 0))}),
                 "triple 0: the date 2020--1-0 is out of range (month 0-12, day 0-31)");
}

TEST_F(StoreValidationTest, RejectsABadDocumentId) {
  ExpectRejected(MakeBatch("", {MakeTriple(NodeTerm("Ada"), "p", NodeTerm("Charles"))}),
                 "the document has no id");
  ExpectRejected(MakeBatch(std::string("a\0b", 3), {}), "the document id contains a NUL byte");
}

TEST(StoreNamesTest, FindsNodesByCaseFoldedName) {
  ScratchDir dir;
  std::unique_ptr<Store> store = MustOpen(dir.Join("db"));
  ASSERT_NE(store, nullptr);
  MustApply(
      *store,
      MakeBatch("doc-a", {MakeTriple(NodeTerm("Émile Zola"), "knows", NodeTerm("Paul Cézanne")),
                          MakeTriple(NodeTerm("_:b1"), "knows", NodeTerm("ZOLA"))}));
  std::unique_ptr<Snapshot> snapshot = store->GetSnapshot();
  const TermId zola = IdOf(*snapshot, NodeTerm("Émile Zola"));
  for (const char* query : {"Émile Zola", "émile zola", "ÉMILE   ZOLA", " e\xCC\x81mile zola "}) {
    absl::StatusOr<std::vector<TermId>> found = snapshot->FindNodesByName(query);
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_THAT(*found, ElementsAre(zola)) << query;
  }
  for (const char* query : {"Emile Zola", "Zola Émile", "Émile", "_:b1"}) {
    absl::StatusOr<std::vector<TermId>> found = snapshot->FindNodesByName(query);
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_THAT(*found, IsEmpty()) << query;
  }
  // Two nodes whose names fold alike are both found, in id order.
  MustApply(*store, MakeBatch("doc-b", {MakeTriple(NodeTerm("zola"), "p", IntTerm(1))}));
  snapshot = store->GetSnapshot();
  absl::StatusOr<std::vector<TermId>> both = snapshot->FindNodesByName("Zola");
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_THAT(*both,
              ElementsAre(IdOf(*snapshot, NodeTerm("ZOLA")), IdOf(*snapshot, NodeTerm("zola"))));

  std::vector<std::pair<std::string, TermId>> completions;
  QUARRY_ASSERT_OK(snapshot->ScanNames("ÉMI", [&](absl::string_view name, TermId id) {
    completions.emplace_back(std::string(name), id);
    return true;
  }));
  EXPECT_THAT(completions, ElementsAre(Pair("\xC3\xA9mile zola", zola)));
}

TEST(StoreNamesTest, AliasesAreNamesUntilTheirLastDocumentIsUnloaded) {
  ScratchDir dir;
  std::unique_ptr<Store> store = MustOpen(dir.Join("db"));
  ASSERT_NE(store, nullptr);
  const proto::Triple alias = MakeTriple(NodeTerm("Ada Lovelace"), "alias", StringTerm("Countess"));
  MustApply(*store, MakeBatch("doc-a", {alias}));
  MustApply(*store, MakeBatch("doc-b", {alias}));
  MustApply(*store, MakeBatch("doc-c", {MakeTriple(NodeTerm("Ada Lovelace"), "role",
                                                   StringTerm("Enchantress of Numbers"))}));
  auto find = [&](absl::string_view name) {
    absl::StatusOr<std::vector<TermId>> found = store->GetSnapshot()->FindNodesByName(name);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? *found : std::vector<TermId>();
  };
  const TermId ada = IdOf(*store->GetSnapshot(), NodeTerm("Ada Lovelace"));
  EXPECT_THAT(find("COUNTESS"), ElementsAre(ada));
  EXPECT_THAT(find("enchantress of numbers"), IsEmpty());  // only "alias" makes names
  ASSERT_TRUE(store->Unload("doc-a").ok());
  EXPECT_THAT(find("countess"), ElementsAre(ada));
  ASSERT_TRUE(store->Unload("doc-b").ok());
  EXPECT_THAT(find("countess"), IsEmpty());
  EXPECT_THAT(find("ada lovelace"), ElementsAre(ada));
}

TEST(StoreNamesTest, AliasNameStaysWhileAnotherAliasWithTheSameFoldRemains) {
  ScratchDir dir;
  std::unique_ptr<Store> store = MustOpen(dir.Join("db"));
  ASSERT_NE(store, nullptr);
  MustApply(*store,
            MakeBatch("doc-a", {MakeTriple(NodeTerm("Ada"), "alias", StringTerm("Countess"))}));
  MustApply(*store,
            MakeBatch("doc-b", {MakeTriple(NodeTerm("Ada"), "alias", StringTerm("COUNTESS"))}));
  MustApply(*store,
            MakeBatch("doc-c", {MakeTriple(NodeTerm("Grace"), "alias", StringTerm("grace"))}));
  ASSERT_TRUE(store->Unload("doc-a").ok());
  ASSERT_TRUE(store->Unload("doc-c").ok());
  std::unique_ptr<Snapshot> snapshot = store->GetSnapshot();
  absl::StatusOr<std::vector<TermId>> found = snapshot->FindNodesByName("countess");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_THAT(*found, ElementsAre(IdOf(*snapshot, NodeTerm("Ada"))));
  // An alias equal to the node's own name does not take the name away when unloaded.
  found = snapshot->FindNodesByName("Grace");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_THAT(*found, ElementsAre(IdOf(*snapshot, NodeTerm("Grace"))));
}

TEST(StorePredicatesTest, ListsAndFindsPredicates) {
  ScratchDir dir;
  std::unique_ptr<Store> store = MustOpen(dir.Join("db"));
  ASSERT_NE(store, nullptr);
  std::unique_ptr<Snapshot> empty = store->GetSnapshot();
  absl::StatusOr<std::vector<std::pair<TermId, std::string>>> listed = empty->ListPredicates();
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(*listed, ElementsAre(Pair(kLabelPredicateId, ":label")));

  MustApply(*store, SampleDocument());
  MustApply(*store, MakeBatch("doc-b", {MakeTriple(NodeTerm("Ada"), "born", IntTerm(1815))}));
  std::unique_ptr<Snapshot> snapshot = store->GetSnapshot();
  const TermId knows = PredicateIdOf(*snapshot, "knows");
  const TermId born = PredicateIdOf(*snapshot, "born");
  EXPECT_EQ(KindOf(knows), TermKind::kPredicate);
  EXPECT_NE(knows, born);
  EXPECT_EQ(PredicateIdOf(*snapshot, ":label"), kLabelPredicateId);
  absl::StatusOr<std::optional<TermId>> unknown = snapshot->FindPredicate("KNOWS");
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_FALSE(unknown->has_value());
  listed = snapshot->ListPredicates();
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(*listed, UnorderedElementsAre(Pair(kLabelPredicateId, ":label"), Pair(knows, "knows"),
                                            Pair(born, "born")));
  absl::StatusOr<std::string> name = snapshot->PredicateName(knows);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "knows");
  EXPECT_THAT(snapshot->PredicateName(IdOf(*snapshot, NodeTerm("Ada"))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is not a predicate")));
  EXPECT_THAT(snapshot->PredicateName(MakeTermId(TermKind::kPredicate, 999999)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no predicate with id")));
}

}  // namespace
}  // namespace quarry::graph
