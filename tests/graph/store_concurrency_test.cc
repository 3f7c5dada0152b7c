// Thread-safety of graph/store.h: writers on several threads, and readers whose snapshots
// must always show whole documents and statistics that match a recount.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/util/test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::AllTriples;
using ::quarry::graph::testing::ExpectStatsEqual;
using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;
using ::quarry::graph::testing::Recount;
using ::quarry::testing::ScratchDir;

// Document `index` of writer `writer`: 20 triples, half shared by every writer.
proto::TripleBatch WriterDocument(int writer, int index) {
  std::vector<proto::Triple> triples;
  for (int triple = 0; triple < 10; ++triple) {
    triples.push_back(MakeTriple(NodeTerm(absl::StrCat("Shared ", (index + triple) % 25)), "knows",
                                 NodeTerm(absl::StrCat("Shared ", triple))));
    triples.push_back(MakeTriple(NodeTerm(absl::StrCat("Writer ", writer)), "wrote",
                                 StringTerm(absl::StrCat(index, "/", triple))));
  }
  return MakeBatch(absl::StrCat("w", writer, "-", index), std::move(triples));
}

TEST(StoreConcurrencyTest, ConcurrentWritersAndReadersStayConsistent) {
  ScratchDir dir;
  absl::StatusOr<std::unique_ptr<Store>> opened = Store::Open(dir.Join("db"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  constexpr int kWriters = 3;
  constexpr int kDocumentsPerWriter = 40;

  std::atomic<int> writers_done{0};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      for (int index = 0; index < kDocumentsPerWriter; ++index) {
        absl::StatusOr<ApplyResult> applied = store.Apply(WriterDocument(writer, index));
        EXPECT_TRUE(applied.ok()) << applied.status();
        // Unload every third document again.
        if (index % 3 == 0) {
          EXPECT_TRUE(store.Unload(absl::StrCat("w", writer, "-", index)).ok());
        }
      }
      ++writers_done;
    });
  }
  std::atomic<int> checks{0};
  auto reader = [&] {
    do {
      std::unique_ptr<Snapshot> snapshot = store.GetSnapshot();
      absl::StatusOr<GraphStats> stats = snapshot->ReadStats();
      ASSERT_TRUE(stats.ok()) << stats.status();
      ExpectStatsEqual(*stats, Recount(*snapshot));
      absl::StatusOr<std::vector<proto::Document>> documents = snapshot->ListDocuments();
      ASSERT_TRUE(documents.ok()) << documents.status();
      for (const proto::Document& document : *documents) {
        absl::StatusOr<std::vector<IdTriple>> supported = snapshot->DocumentTriples(document.id());
        ASSERT_TRUE(supported.ok()) << supported.status();
        EXPECT_EQ(supported->size(), 20u) << document.id();
      }
      ++checks;
    } while (writers_done.load() < kWriters);
  };
  threads.emplace_back(reader);
  threads.emplace_back(reader);
  for (std::thread& thread : threads) thread.join();

  std::unique_ptr<Snapshot> snapshot = store.GetSnapshot();
  absl::StatusOr<GraphStats> stats = snapshot->ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  // 40 documents a writer, every third (14) unloaded again.
  EXPECT_EQ(stats->documents, kWriters * (kDocumentsPerWriter - 14));
  ExpectStatsEqual(*stats, Recount(*snapshot));
  // knows: 21 subject residues x 10 objects over the remaining indices; wrote: 10 per
  // remaining document of each writer (3 x 26 x 10).
  EXPECT_EQ(stats->triples, 210 + 780);
  EXPECT_EQ(AllTriples(*snapshot).size(), 990u);
  EXPECT_GE(checks.load(), 2);
}

}  // namespace
}  // namespace quarry::graph
