// The public facade: loading structured files (good and bad), export round trips, and the
// errors a user sees.
#include "quarry/database.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "api/inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/util/test_util.h"

namespace quarry {
namespace {

using ::quarry::testing::ScratchDir;
using ::quarry::testing::StatusIs;
using ::quarry::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr const char* kPeopleTsv =
    "# a comment\n"
    "Ada Example\t:label\tPerson\n"
    "Ada Example\tmet\tBo Sample\n"
    "Ada Example\trole\t\"Foreign Minister\"\n"
    "Ada Example\tage\t52\n"
    "Ada Example\tborn\t1972-05-01\n"
    "Bo Sample\t:label\tPerson\n";

std::string ExportText(const Database& database, absl::string_view format) {
  std::ostringstream out;
  absl::Status status = database.Export(format, "", out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

TEST(DatabaseTest, LoadsTsvAsOneDocumentAndUnloadsIt) {
  ScratchDir dir;
  WriteFile(dir.Join("people.tsv"), kPeopleTsv);
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  auto report = (*database)->Load({dir.Join("people.tsv")});
  QUARRY_ASSERT_OK(report);
  ASSERT_THAT(report->failures, IsEmpty());
  ASSERT_THAT(report->documents, SizeIs(1));
  EXPECT_EQ(report->documents[0].triples_added, 6);
  EXPECT_EQ(report->documents[0].document_id.size(), 32u);

  auto stats = (*database)->GetStatistics();
  QUARRY_ASSERT_OK(stats);
  EXPECT_EQ(stats->triples, 6);
  EXPECT_EQ(stats->documents, 1);

  MatchPattern pattern;
  pattern.subject = "Ada Example";
  pattern.predicate = "age";
  auto matches = (*database)->Match(pattern);
  QUARRY_ASSERT_OK(matches);
  ASSERT_THAT(*matches, SizeIs(1));
  ASSERT_TRUE((*matches)[0].object.is<int64_t>());
  EXPECT_EQ((*matches)[0].object.as<int64_t>(), 52);

  // Loading the same bytes again changes nothing.
  auto again = (*database)->Load({dir.Join("people.tsv")});
  QUARRY_ASSERT_OK(again);
  ASSERT_THAT(again->documents, SizeIs(1));
  EXPECT_TRUE(again->documents[0].already_present);

  auto unloaded = (*database)->Unload(report->documents[0].document_id);
  QUARRY_ASSERT_OK(unloaded);
  EXPECT_EQ(unloaded->triples_removed, 6);
  stats = (*database)->GetStatistics();
  QUARRY_ASSERT_OK(stats);
  EXPECT_EQ(stats->triples, 0);
  EXPECT_EQ(stats->documents, 0);
}

TEST(DatabaseTest, MalformedTsvNamesFileAndLineAndChangesNothing) {
  ScratchDir dir;
  WriteFile(dir.Join("good.tsv"), kPeopleTsv);
  WriteFile(dir.Join("bad.tsv"), "Cy Third\tmet\tDee Fourth\nonly two\tfields\n");
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  QUARRY_ASSERT_OK((*database)->Load({dir.Join("good.tsv")}));
  const std::string before = ExportText(**database, "tsv");

  auto report = (*database)->Load({dir.Join("bad.tsv")});
  QUARRY_ASSERT_OK(report);
  ASSERT_THAT(report->failures, SizeIs(1));
  EXPECT_THAT(report->failures[0], HasSubstr("bad.tsv:2:"));
  EXPECT_EQ(ExportText(**database, "tsv"), before);
}

TEST(DatabaseTest, ReportsMissingEmptyAndInvalidInputs) {
  ScratchDir dir;
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  EXPECT_THAT((*database)->Load({dir.Join("missing.tsv")}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.tsv")));

  WriteFile(dir.Join("empty.tsv"), "");
  auto empty = (*database)->Load({dir.Join("empty.tsv")});
  QUARRY_ASSERT_OK(empty);
  ASSERT_THAT(empty->failures, SizeIs(1));
  EXPECT_THAT(empty->failures[0], HasSubstr("empty.tsv"));
  EXPECT_THAT(empty->failures[0], HasSubstr("empty"));

  WriteFile(dir.Join("latin1.tsv"), "Ren\xe9\tmet\tBo Sample\n");
  auto invalid = (*database)->Load({dir.Join("latin1.tsv")});
  QUARRY_ASSERT_OK(invalid);
  ASSERT_THAT(invalid->failures, SizeIs(1));
  EXPECT_THAT(invalid->failures[0], HasSubstr("latin1.tsv:1:"));
  EXPECT_THAT(invalid->failures[0], HasSubstr("UTF-8"));

  ASSERT_EQ(::mkdir(dir.Join("nothing").c_str(), 0755), 0);
  EXPECT_THAT((*database)->Load({dir.Join("nothing")}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no files")));

  auto stats = (*database)->GetStatistics();
  QUARRY_ASSERT_OK(stats);
  EXPECT_EQ(stats->triples, 0);
}

TEST(DatabaseTest, ExportLoadsBackToTheSameGraphInEveryFormat) {
  ScratchDir dir;
  WriteFile(dir.Join("people.tsv"), std::string(kPeopleTsv) +
                                        "Bo Sample\tnote\t\"42\"\nBo Sample\tscore\t2.5\n"
                                        "Bo Sample\tactive\ttrue\n_:b1\tmet\tBo Sample\n");
  auto original = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(original);
  QUARRY_ASSERT_OK((*original)->Load({dir.Join("people.tsv")}));
  const std::string reference = ExportText(**original, "tsv");
  for (const char* format : {"tsv", "jsonl", "nt"}) {
    SCOPED_TRACE(format);
    const std::string file = dir.Join(std::string("export.") + format);
    WriteFile(file, ExportText(**original, format));
    auto copy = Database::Open(dir.Join(std::string("copy-") + format));
    QUARRY_ASSERT_OK(copy);
    auto report = (*copy)->Load({file});
    QUARRY_ASSERT_OK(report);
    ASSERT_THAT(report->failures, IsEmpty());
    EXPECT_EQ(ExportText(**copy, "tsv"), reference);
  }
}

TEST(DatabaseTest, ArticlesExtractedAheadKeepTheInputOrder) {
  // Articles are extracted on worker threads ahead of the load, which takes them in input
  // order: a failing file and a structured file between them keep their places.
  ScratchDir dir;
  const std::string inputs = dir.Join("inputs");
  std::filesystem::create_directories(inputs);
  std::vector<std::string> expected_paths;
  for (int index = 0; index < 40; ++index) {
    const std::string name = absl::StrCat(inputs, "/", index < 10 ? "a0" : "a", index, ".txt");
    if (index == 7) {
      WriteFile(name, std::string(4096, '\0'));  // fails: not text
      continue;
    }
    if (index == 20) {
      WriteFile(absl::StrCat(inputs, "/a20.tsv"), kPeopleTsv);
      expected_paths.push_back(absl::StrCat(inputs, "/a20.tsv"));
      continue;
    }
    WriteFile(name, absl::StrCat("Talks in Oslo\n\nForeign Minister Ada Example met Trade "
                                 "Minister Person",
                                 index, " Sample in Oslo on Monday.\n"));
    expected_paths.push_back(name);
  }
  auto database = Database::Open(dir.Join("db"));
  ASSERT_TRUE(database.ok()) << database.status();
  absl::StatusOr<LoadReport> report = (*database)->Load({inputs});
  ASSERT_TRUE(report.ok()) << report.status();
  std::vector<std::string> paths;
  for (const LoadedDocument& document : report->documents) paths.push_back(document.path);
  EXPECT_EQ(paths, expected_paths);
  ASSERT_THAT(report->failures, SizeIs(1));
  EXPECT_THAT(report->failures[0], HasSubstr("/a07.txt"));

  // The same graph as loading the files one at a time, in the same order.
  auto one_by_one = Database::Open(dir.Join("one-by-one"));
  ASSERT_TRUE(one_by_one.ok()) << one_by_one.status();
  for (const std::string& path : expected_paths) {
    absl::StatusOr<LoadReport> single = (*one_by_one)->Load({path});
    ASSERT_TRUE(single.ok()) << single.status();
    ASSERT_THAT(single->failures, IsEmpty()) << path;
  }
  EXPECT_EQ(ExportText(**database, "nt"), ExportText(**one_by_one, "nt"));
}

TEST(DatabaseTest, ALargeJsonlFileIsExtractedInPiecesWithTheGraphOfOneRead) {
  // A JSONL file of articles larger than a piece is cut into runs of lines that the workers
  // extract like files of their own; the load takes them in order, and a bad line ends the
  // file there, as a file read whole does.
  ScratchDir dir;
  std::string jsonl;
  for (int index = 0; index < 60; ++index) {
    if (index == 45) jsonl += "{\"text\": broken\n";
    jsonl += absl::StrCat("{\"id\": \"n", index,
                          "\", \"text\": \"Talks in Oslo\\n\\nForeign Minister Ada Example "
                          "met Trade Minister Person",
                          index, " Sample in Oslo. Example thanked Sample.\"}\n");
    if (index % 9 == 0) jsonl += "\n";
  }
  WriteFile(dir.Join("feed.jsonl"), jsonl);
  std::string exports[2];
  std::vector<std::string> failures[2];
  for (int cut = 0; cut < 2; ++cut) {
    SetJsonlPiecesForTesting(cut == 1 ? 1000 : 0, cut == 1 ? 300 : 0);
    auto database = Database::Open(dir.Join(absl::StrCat("db", cut)));
    ASSERT_TRUE(database.ok()) << database.status();
    absl::StatusOr<LoadReport> report = (*database)->Load({dir.Join("feed.jsonl")});
    SetJsonlPiecesForTesting(0, 0);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_THAT(report->documents, SizeIs(45));
    failures[cut] = report->failures;
    exports[cut] = ExportText(**database, "nt");
  }
  EXPECT_THAT(failures[1], ElementsAre(HasSubstr("feed.jsonl:51: expected a JSON object")));
  EXPECT_EQ(failures[1], failures[0]);
  EXPECT_EQ(exports[1], exports[0]);
  EXPECT_THAT(exports[1], HasSubstr("feed.jsonl:50"));  // sources number lines in the file
}

TEST(DatabaseTest, LargeTsvTakesTheBulkPathWithTheSameResult) {
  ScratchDir dir;
  std::string big;
  for (int index = 0; index < 120'000; ++index) {
    big += "person number " + std::to_string(index) + "\tmet\tperson number " +
           std::to_string((index * 7) % 1000) + "\n";
    if (index % 10 == 0) big += "person number " + std::to_string(index) + "\t:label\tPerson\n";
  }
  big += "person number 1\tmet\tperson number 7\n";  // a duplicate line: one triple, two pieces of
                                                     // evidence
  WriteFile(dir.Join("big.tsv"), big);
  ASSERT_GT(big.size(), size_t{4} << 20);

  auto bulk = Database::Open(dir.Join("bulk"));
  QUARRY_ASSERT_OK(bulk);
  auto report = (*bulk)->Load({dir.Join("big.tsv")});
  QUARRY_ASSERT_OK(report);
  ASSERT_THAT(report->failures, IsEmpty());
  EXPECT_EQ(report->documents[0].triples_added, 132'000);

  auto stats = (*bulk)->GetStatistics();
  QUARRY_ASSERT_OK(stats);
  EXPECT_EQ(stats->triples, 132'000);
  MatchPattern pattern;
  pattern.subject = "person number 1";
  pattern.predicate = "met";
  auto matches = (*bulk)->Match(pattern);
  QUARRY_ASSERT_OK(matches);
  ASSERT_THAT(*matches, SizeIs(1));

  // The bulk-loaded document unloads like any other.
  QUARRY_ASSERT_OK((*bulk)->Unload(report->documents[0].document_id));
  stats = (*bulk)->GetStatistics();
  QUARRY_ASSERT_OK(stats);
  EXPECT_EQ(stats->triples, 0);
  matches = (*bulk)->Match(pattern);
  QUARRY_ASSERT_OK(matches);
  EXPECT_THAT(*matches, IsEmpty());
}

// Loads `contents` as the file `name` in `dir` through the bulk path (a file over 1 MB) into
// one database, and the same bytes from stdin through the ordinary path (read whole and
// applied as one batch) into another. Expects the same exports in every format and the same
// evidence for every 37th relationship (the lines of the whole file, which the bulk path
// parses into messages it refills chunk after chunk). Sets `*exports` to the bulk
// database's exports by format.
void ExpectBulkEqualsOrdinary(const ScratchDir& dir, const std::string& name,
                              const std::string& contents,
                              std::map<std::string, std::string>* exports) {
  SCOPED_TRACE(name);
  WriteFile(dir.Join(name), contents);
  ASSERT_GT(contents.size(), size_t{1} << 20);

  auto bulk = Database::Open(dir.Join(name + ".bulk"));
  QUARRY_ASSERT_OK(bulk);
  auto bulk_report = (*bulk)->Load({dir.Join(name)});
  QUARRY_ASSERT_OK(bulk_report);
  ASSERT_THAT(bulk_report->failures, IsEmpty());

  auto ordinary = Database::Open(dir.Join(name + ".ordinary"));
  QUARRY_ASSERT_OK(ordinary);
  std::istringstream input(contents);
  std::streambuf* saved = std::cin.rdbuf(input.rdbuf());
  auto ordinary_report = (*ordinary)->Load({"-"});
  std::cin.rdbuf(saved);
  QUARRY_ASSERT_OK(ordinary_report);
  ASSERT_THAT(ordinary_report->failures, IsEmpty());
  ASSERT_THAT(ordinary_report->documents, SizeIs(1));
  EXPECT_EQ(ordinary_report->documents[0].document_id, bulk_report->documents[0].document_id);
  EXPECT_EQ(ordinary_report->documents[0].triples_added, bulk_report->documents[0].triples_added);

  for (const char* format : {"tsv", "jsonl", "nt"}) {
    std::ostringstream from_bulk, from_ordinary;
    QUARRY_ASSERT_OK((*bulk)->Export(format, "", from_bulk));
    QUARRY_ASSERT_OK((*ordinary)->Export(format, "", from_ordinary));
    EXPECT_GT(from_bulk.str().size(), contents.size() / 4) << format;
    EXPECT_TRUE(from_bulk.str() == from_ordinary.str()) << format << " exports differ";
    (*exports)[format] = from_bulk.str();
  }

  auto relationships = (*bulk)->Query("MATCH ()-[r]->() RETURN r");
  QUARRY_ASSERT_OK(relationships);
  ASSERT_GT(relationships->rows().size(), size_t{40'000});
  int compared = 0;
  for (size_t row = 0; row < relationships->rows().size(); row += 37) {
    const Relationship& relationship = relationships->rows()[row][0].as<Relationship>();
    auto from_bulk = (*bulk)->Evidence(relationship);
    auto from_ordinary = (*ordinary)->Evidence(relationship);
    QUARRY_ASSERT_OK(from_bulk);
    QUARRY_ASSERT_OK(from_ordinary);
    ASSERT_THAT(*from_bulk, SizeIs(from_ordinary->size())) << relationship.type << " row " << row;
    ASSERT_THAT(*from_bulk, Not(IsEmpty()));
    for (size_t piece = 0; piece < from_bulk->size(); ++piece) {
      const EvidenceInfo& a = (*from_bulk)[piece];
      const EvidenceInfo& b = (*from_ordinary)[piece];
      EXPECT_EQ(a.document_id, b.document_id);
      EXPECT_EQ(std::make_tuple(a.begin, a.end, a.rule, a.sentence_index),
                std::make_tuple(b.begin, b.end, b.rule, b.sentence_index))
          << relationship.type << " row " << row;
      // The span is the triple's own line.
      const std::string line = contents.substr(a.begin, a.end - a.begin);
      EXPECT_NE(line.find(relationship.type), std::string::npos) << line;
    }
    ++compared;
  }
  EXPECT_GT(compared, 1'000);
}

// A large file in each structured format gives the same database through the bulk path as
// through the ordinary path: TSV, then the N-Triples and JSONL exports of what it loaded.
TEST(DatabaseTest, BulkPathAndOrdinaryPathExportTheSame) {
  ScratchDir dir;
  std::string big;
  for (int index = 0; index < 40'000; ++index) {
    const std::string person = "person number " + std::to_string(index);
    big += person + "\tmet\tperson number " + std::to_string((index * 7) % 5000) + "\n";
    big += person + "\trole\t\"field officer " + std::to_string(index % 97) + "\"\n";
    if (index % 3 == 0) big += person + "\t:label\tPerson\n";
    if (index % 11 == 0) big += person + "\tborn\t1970-01-" + std::to_string(1 + index % 28) + "\n";
  }
  big += "person number 1\tmet\tperson number 7\n";  // a repeated triple: two evidence lines
  std::map<std::string, std::string> exports;
  ExpectBulkEqualsOrdinary(dir, "big.tsv", big, &exports);
  for (const char* format : {"nt", "jsonl"}) {
    std::map<std::string, std::string> again;
    ExpectBulkEqualsOrdinary(dir, std::string("big.") + format, exports[format], &again);
    // The same triples (in another order: term ids follow the order of first mention).
    std::vector<std::string> before = absl::StrSplit(exports["tsv"], '\n');
    std::vector<std::string> after = absl::StrSplit(again["tsv"], '\n');
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    EXPECT_TRUE(before == after) << format << " round trip differs";
  }
}

// A bulk load reports progress while it reads (triples read, bytes through the file) and
// once before it writes the indexes; the last report counts the file as done.
TEST(DatabaseTest, BulkLoadReportsProgressWhileReadingAndWriting) {
  ScratchDir dir;
  std::string big;
  for (int index = 0; index < 600'000; ++index) {
    big += "p" + std::to_string(index) + "\tmet\tp" + std::to_string(index % 977) + "\n";
  }
  WriteFile(dir.Join("big.tsv"), big);
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  std::vector<LoadProgress> reports;
  auto report = (*database)->Load({dir.Join("big.tsv")}, LoadOptions(),
                                  [&](const LoadProgress& p) { reports.push_back(p); });
  QUARRY_ASSERT_OK(report);
  ASSERT_THAT(report->failures, IsEmpty());
  ASSERT_GE(reports.size(), 4u);
  // While reading: 2 reports at 256K and 512K triples, bytes partly done, nothing added yet.
  EXPECT_EQ(reports[0].triples_read, 1 << 18);
  EXPECT_EQ(reports[1].triples_read, 1 << 19);
  EXPECT_GT(reports[1].bytes_done, reports[0].bytes_done);
  EXPECT_LT(reports[1].bytes_done, reports[1].bytes_total);
  EXPECT_EQ(reports[1].triples_added, 0);
  EXPECT_FALSE(reports[1].writing_indexes);
  // Then all read, indexes being written.
  EXPECT_EQ(reports[2].triples_read, 600'000);
  EXPECT_TRUE(reports[2].writing_indexes);
  EXPECT_EQ(reports[2].bytes_done, reports[2].bytes_total);
  // Done.
  const LoadProgress& last = reports.back();
  EXPECT_EQ(last.files_done, 1);
  EXPECT_EQ(last.triples_added, 600'000);
  EXPECT_EQ(last.triples_read, 0);
  EXPECT_FALSE(last.writing_indexes);
  EXPECT_EQ(last.bytes_done, last.bytes_total);
}

TEST(DatabaseTest, CreateWritesOneDocumentThatQueriesSee) {
  ScratchDir dir;
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  QUARRY_ASSERT_OK(
      (*database)->Query("CREATE (:Person {name: 'Ada Example'})-[:met {place: 'Oslo'}]->(:Person "
                         "{name: 'Bo Sample'})"));
  auto result =
      (*database)->Query("MATCH (a:Person)-[r:met]->(b:Person) RETURN a.name, r.place, b.name");
  QUARRY_ASSERT_OK(result);
  ASSERT_THAT(result->rows(), SizeIs(1));
  EXPECT_EQ(result->rows()[0][0].as<std::string>(), "Ada Example");
  EXPECT_EQ(result->rows()[0][1].as<std::string>(), "Oslo");
  EXPECT_EQ(result->rows()[0][2].as<std::string>(), "Bo Sample");
  auto documents = (*database)->ListDocuments();
  QUARRY_ASSERT_OK(documents);
  EXPECT_THAT(*documents, SizeIs(1));

  Options read_only;
  read_only.read_only = true;
  database->reset();
  auto reader = Database::Open(dir.Join("db"), read_only);
  QUARRY_ASSERT_OK(reader);
  EXPECT_THAT((*reader)->Query("CREATE (:Person {name: 'Cy Third'})"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
}

// The second process: run as this test binary anew (fork, then exec), since a forked copy
// of a process with RocksDB's threads may deadlock on a lock one of them held. Skipped when
// run on its own.
TEST(DatabaseTest, SecondWriterProcessChild) {
  const char* path = std::getenv("QUARRY_TEST_LOCKED_DB");
  if (path == nullptr) GTEST_SKIP() << "the second process of SecondWriterProcessGetsLocked";
  auto second = Database::Open(path);
  const bool locked = absl::IsFailedPrecondition(second.status()) &&
                      second.status().message().find("locked") != absl::string_view::npos;
  Options read_only;
  read_only.read_only = true;
  const bool reader_ok = Database::Open(path, read_only).ok();
  std::_Exit(locked && reader_ok ? 0 : 1);
}

TEST(DatabaseTest, SecondWriterProcessGetsLocked) {
  ScratchDir dir;
  auto database = Database::Open(dir.Join("db"));
  QUARRY_ASSERT_OK(database);
  // Everything the child needs is made before the fork: after it, only exec.
  std::string program = "/proc/self/exe";
  std::string filter = "--gtest_filter=DatabaseTest.SecondWriterProcessChild";
  std::string environment = "QUARRY_TEST_LOCKED_DB=" + dir.Join("db");
  char* argv[] = {program.data(), filter.data(), nullptr};
  char* envp[] = {environment.data(), nullptr};
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execve(program.c_str(), argv, envp);
    _exit(127);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the second writer was not told the database is locked";
}

}  // namespace
}  // namespace quarry
