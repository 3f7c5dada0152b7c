// Concurrency: query threads while one thread loads see whole documents only; a second process
// reads the database read-only while the first loads; a second writer is refused with
// "locked" rather than waiting.
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/quarry.pb.h"
#include "quarry/database.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::ReadFile;
using ::quarry::testing::ScratchDir;
using ::testing::HasSubstr;

// Every document adds exactly this many new `linked` triples.
constexpr int kTriplesPerDocument = 10;
constexpr int kDocuments = 150;
constexpr char kCountQuery[] = "MATCH (a)-[:linked]->(b) RETURN count(*) AS n";

proto::TripleBatch Document(int index) {
  proto::TripleBatch batch;
  batch.mutable_document()->set_id(absl::StrCat("doc", index));
  batch.mutable_document()->set_format("test");
  for (int triple = 0; triple < kTriplesPerDocument; ++triple) {
    proto::Triple* added = batch.add_triples();
    added->mutable_subject()->set_node(absl::StrCat("Source ", index));
    added->set_predicate("linked");
    added->mutable_object()->set_node(absl::StrCat("Target ", index, "-", triple));
    proto::Evidence* evidence = added->add_evidence();
    evidence->set_document_id(absl::StrCat("doc", index));
    evidence->set_sentence_index(-1);
    evidence->set_rule("test");
    evidence->set_confidence(1);
  }
  return batch;
}

int64_t CountOf(const QueryResult& result) {
  if (result.rows().size() != 1 || !result.rows()[0][0].is<int64_t>()) return -1;
  return result.rows()[0][0].as<int64_t>();
}

// Runs `command` through the shell; its exit code, with stdout and stderr in the files given.
int Shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Quarry() { return QUARRY_BINARY_DIR "/tools/quarry"; }

TEST(ConcurrencyTest, QueriesWhileLoadingSeeWholeDocuments) {
  ScratchDir dir;
  auto database = Database::Open(dir.Join("db"));
  ASSERT_TRUE(database.ok()) << database.status();
  std::atomic<bool> done{false};
  std::thread loader([&] {
    for (int index = 0; index < kDocuments; ++index) {
      auto summary = (*database)->Apply(Document(index));
      EXPECT_TRUE(summary.ok()) << summary.status();
    }
    done = true;
  });
  std::vector<std::thread> readers;
  std::atomic<int64_t> queries{0};
  for (int reader = 0; reader < 3; ++reader) {
    readers.emplace_back([&] {
      int64_t previous = 0;
      // At least one query after the loader finished, so the last one sees everything.
      for (bool last = false; !last;) {
        last = done.load();
        auto result = (*database)->Query(kCountQuery);
        ASSERT_TRUE(result.ok()) << result.status();
        const int64_t count = CountOf(*result);
        ASSERT_EQ(count % kTriplesPerDocument, 0) << "a half-applied document: " << count;
        ASSERT_GE(count, previous);
        previous = count;
        ++queries;
      }
      EXPECT_EQ(previous, kDocuments * kTriplesPerDocument);
    });
  }
  loader.join();
  for (std::thread& reader : readers) reader.join();
  EXPECT_GT(queries.load(), 3);
}

TEST(ConcurrencyTest, SecondProcessReadsWhileFirstLoadsAndSecondWriterIsRefused) {
  ScratchDir dir;
  const std::string db = dir.Join("db with spaces \xE5\x9B\xBE");
  auto database = Database::Open(db);
  ASSERT_TRUE(database.ok()) << database.status();
  ASSERT_TRUE((*database)->Apply(Document(0)).ok());
  std::atomic<bool> done{false};
  std::thread loader([&] {
    for (int index = 1; index < kDocuments; ++index) {
      EXPECT_TRUE((*database)->Apply(Document(index)).ok());
    }
    done = true;
  });
  const std::string out = dir.Join("out");
  const std::string err = dir.Join("err");
  int reads = 0;
  do {
    const int code = Shell(absl::StrCat(Quarry(), " --db '", db, "' query --format tsv '",
                                        kCountQuery, "' >'", out, "' 2>'", err, "'"));
    ASSERT_EQ(code, 0) << ReadFile(err);
    std::vector<std::string> lines = absl::StrSplit(ReadFile(out), '\n', absl::SkipEmpty());
    ASSERT_EQ(lines.size(), 2u) << ReadFile(out);
    int64_t count = 0;
    ASSERT_TRUE(absl::SimpleAtoi(lines[1], &count)) << lines[1];
    EXPECT_EQ(count % kTriplesPerDocument, 0);
    EXPECT_GE(count, kTriplesPerDocument);
    ++reads;
  } while (!done.load() && reads < 20);

  // A second writer: refused at once with "locked", while this process holds the database.
  const std::string input = dir.Join("input.tsv");
  testing::WriteFile(input, "subject\tpredicate\tobject\nA\tknows\tB\n");
  const int code = Shell(
      absl::StrCat(Quarry(), " --db '", db, "' load '", input, "' >'", out, "' 2>'", err, "'"));
  EXPECT_EQ(code, 1);
  EXPECT_THAT(ReadFile(err), HasSubstr("locked"));
  loader.join();
}

}  // namespace
}  // namespace quarry
