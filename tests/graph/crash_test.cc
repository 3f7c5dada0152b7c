// Crash atomicity of graph/store.h: a child process loads and unloads documents until it
// is killed with SIGKILL at a random moment; the parent then reopens the database and checks
// that every document is wholly present or wholly absent and that the statistics match a
// full recount.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::ExpectStatsMatchRecount;
using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;
using ::quarry::graph::testing::ResolveTriple;
using ::quarry::testing::ScratchDir;

constexpr int kDocuments = 300;
constexpr int kTriplesPerDocument = 50;
constexpr int kKills = 8;

// Documents of ~50 triples; about half of each document's triples come from a shared pool.
std::vector<proto::TripleBatch> MakeDocuments() {
  std::mt19937_64 random(99);
  auto pick = [&](int bound) { return static_cast<int>(random() % bound); };
  std::vector<proto::Triple> shared;
  for (int index = 0; index < 400; ++index) {
    shared.push_back(MakeTriple(NodeTerm(absl::StrCat("Person ", pick(200))), "met",
                                NodeTerm(absl::StrCat("Person ", pick(200)))));
  }
  std::vector<proto::TripleBatch> documents;
  for (int document = 0; document < kDocuments; ++document) {
    std::vector<proto::Triple> triples;
    for (int index = 0; index < kTriplesPerDocument; ++index) {
      const std::string subject = absl::StrCat("Person ", pick(200));
      switch (pick(4)) {
        case 0:
        case 1:
          triples.push_back(shared[pick(shared.size())]);
          break;
        case 2:
          triples.push_back(
              MakeTriple(NodeTerm(subject), ":label", LabelTerm(absl::StrCat("Label", pick(5)))));
          break;
        default:
          triples.push_back(MakeTriple(NodeTerm(subject), "said",
                                       StringTerm(absl::StrCat(document, ":", index))));
          break;
      }
    }
    documents.push_back(MakeBatch(absl::StrFormat("doc-%04d", document), std::move(triples)));
  }
  return documents;
}

// The child: loads documents in a random order and unloads some, forever. Never returns.
[[noreturn]] void RunWriter(const std::string& path,
                            const std::vector<proto::TripleBatch>& documents, uint64_t seed) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  if (!store.ok()) _exit(3);
  std::mt19937_64 random(seed);
  for (;;) {
    const proto::TripleBatch& batch = documents[random() % documents.size()];
    absl::StatusOr<ApplyResult> applied = (*store)->Apply(batch);
    if (!applied.ok()) _exit(4);
    if (applied->already_present && random() % 3 == 0) {
      if (!(*store)->Unload(batch.document().id()).ok()) _exit(5);
    }
  }
}

// Checks that each document is wholly in or wholly out, and that no evidence outlives its
// document. Returns how many documents are present.
int CheckAtomicity(const Store& store, const std::vector<proto::TripleBatch>& documents) {
  std::unique_ptr<Snapshot> snapshot = store.GetSnapshot();
  std::map<std::string, std::set<IdTriple>> present;  // document id -> its triples
  for (const proto::TripleBatch& batch : documents) {
    const std::string& id = batch.document().id();
    absl::StatusOr<std::optional<proto::Document>> stored = snapshot->GetDocument(id);
    EXPECT_TRUE(stored.ok()) << stored.status();
    absl::StatusOr<std::vector<IdTriple>> supported = snapshot->DocumentTriples(id);
    EXPECT_TRUE(supported.ok()) << supported.status();
    if (!stored.ok() || !supported.ok()) return 0;
    if (!stored->has_value()) {
      EXPECT_TRUE(supported->empty()) << id << " is absent but still lists triples";
      continue;
    }
    EXPECT_EQ((*stored)->title(), batch.document().title());
    std::set<IdTriple>& triples = present[id];
    for (const proto::Triple& triple : batch.triples()) {
      std::optional<IdTriple> ids = ResolveTriple(*snapshot, triple);
      EXPECT_TRUE(ids.has_value()) << id << " is present but a term of it is not";
      if (ids.has_value()) triples.insert(*ids);
    }
    EXPECT_EQ(std::set<IdTriple>(supported->begin(), supported->end()), triples) << id;
  }

  // Every stored triple: its evidence comes exactly from the present documents holding it.
  std::map<IdTriple, std::set<std::string>> expected;
  for (const auto& [id, triples] : present) {
    for (const IdTriple& triple : triples) expected[triple].insert(id);
  }
  std::map<IdTriple, std::set<std::string>> actual;
  absl::Status scanned = snapshot->Scan(TriplePattern(), [&](const IdTriple& triple) {
    std::set<std::string>& supporters = actual[triple];
    absl::StatusOr<std::optional<proto::TripleMeta>> meta = snapshot->GetMeta(triple);
    EXPECT_TRUE(meta.ok() && meta->has_value());
    if (meta.ok() && meta->has_value()) {
      EXPECT_EQ((*meta)->count(), (*meta)->evidence_size());
      for (const proto::Evidence& evidence : (*meta)->evidence()) {
        EXPECT_TRUE(supporters.insert(evidence.document_id()).second)
            << "evidence of " << evidence.document_id() << " is stored twice";
      }
    }
    return true;
  });
  EXPECT_TRUE(scanned.ok()) << scanned;
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_TRUE(actual == expected) << "stored evidence differs from the present documents";
  ExpectStatsMatchRecount(*snapshot);
  return static_cast<int>(present.size());
}

TEST(CrashTest, EveryDocumentIsWhollyPresentOrAbsentAfterSigkill) {
  ScratchDir dir;
  const std::string path = dir.Join("db");
  const std::vector<proto::TripleBatch> documents = MakeDocuments();
  // Create the database before the first child so that every kill hits loading work.
  ASSERT_TRUE(Store::Open(path).ok());

  std::mt19937_64 random(4242);
  for (int round = 0; round < kKills; ++round) {
    const uint64_t seed = random();
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) RunWriter(path, documents, seed);

    std::this_thread::sleep_for(std::chrono::milliseconds(50 + random() % 400));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    // The child must have died by our signal, not by an error of its own.
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
    ASSERT_TRUE(store.ok()) << store.status();
    const int present = CheckAtomicity(**store, documents);
    ASSERT_FALSE(::testing::Test::HasFailure()) << "after kill " << round;
    std::printf("kill %d: %d of %d documents present\n", round, present, kDocuments);
  }
}

}  // namespace
}  // namespace quarry::graph
