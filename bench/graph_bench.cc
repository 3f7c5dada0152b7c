// Storage benchmark: bulk load of synthetic triples from TSV (triples/s, peak RSS, size on
// disk), the ordinary per-document path, then point-lookup and prefix-scan latency.
//
//   quarry_bench_graph [--triples N] [--dir DIR] [--apply-triples N]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/bench_util.h"
#include "graph/store.h"
#include "proto/quarry.pb.h"
#include "quarry/database.h"

namespace {

using quarry::bench::Clock;
using quarry::bench::DirectoryBytes;
using quarry::bench::PeakRssMb;
using quarry::bench::Seconds;

// A news-like graph: persons with a label, a role, an affiliation, and `met` edges drawn
// with a skewed degree, until `triples` lines are written.
void WriteTsv(const std::string& path, int64_t triples) {
  std::ofstream out(path);
  std::mt19937_64 random(42);
  const int64_t persons = std::max<int64_t>(triples / 10, 10);
  std::uniform_int_distribution<int64_t> any_person(0, persons - 1);
  int64_t written = 0;
  for (int64_t person = 0; written < triples; person = (person + 1) % persons) {
    if (person < persons && written < persons * 4) {
      out << "p" << person << "\t:label\tPerson\n";
      out << "p" << person << "\trole\t\"role " << person % 50 << "\"\n";
      out << "p" << person << "\taffiliated_with\tc" << person % 193 << "\n";
      out << "p" << person << "\tage\t" << 20 + person % 60 << "\n";
      written += 4;
      continue;
    }
    const int64_t skewed = any_person(random) % (1 + any_person(random) % persons);
    out << "p" << person << "\tmet\tp" << skewed << "\n";
    ++written;
  }
}

struct Latency {
  double mean_us = 0;
  double p50_us = 0;
  double p99_us = 0;
};

Latency Summarize(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  Latency latency;
  double sum = 0;
  for (double value : micros) sum += value;
  latency.mean_us = sum / micros.size();
  latency.p50_us = micros[micros.size() / 2];
  latency.p99_us = micros[micros.size() * 99 / 100];
  return latency;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t triples = 1'000'000;
  int64_t apply_triples = 200'000;
  std::string dir = "/tmp/quarry-bench-graph";
  for (int index = 1; index + 1 < argc; index += 2) {
    const std::string flag = argv[index];
    if (flag == "--triples") absl::SimpleAtoi(argv[index + 1], &triples);
    if (flag == "--apply-triples") absl::SimpleAtoi(argv[index + 1], &apply_triples);
    if (flag == "--dir") dir = argv[index + 1];
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string tsv = dir + "/graph.tsv";
  WriteTsv(tsv, triples);
  const double tsv_mb = std::filesystem::file_size(tsv) / 1048576.0;
  std::printf("input: %lld triples, %.1f MB of TSV\n", static_cast<long long>(triples), tsv_mb);

  // Bulk load through the public API, as `quarry load` does.
  {
    auto database = quarry::Database::Open(dir + "/bulk.db");
    if (!database.ok()) {
      std::fprintf(stderr, "%s\n", database.status().ToString().c_str());
      return 1;
    }
    const auto start = Clock::now();
    auto report = (*database)->Load({tsv});
    const double seconds = Seconds(start);
    if (!report.ok() || !report->failures.empty()) {
      std::fprintf(stderr, "load failed: %s\n",
                   report.ok() ? report->failures[0].c_str() : report.status().ToString().c_str());
      return 1;
    }
    std::printf(
        "bulk load (TSV -> SST ingestion): %.2f s, %.0f triples/s, %.1f MB/s, peak RSS %lld MB\n",
        seconds, triples / seconds, tsv_mb / seconds, static_cast<long long>(PeakRssMb()));
  }
  std::printf("database size on disk: %.1f MB\n", DirectoryBytes(dir + "/bulk.db") / 1048576.0);

  // The ordinary path: documents of 1,000 triples through Store::Apply (WAL on).
  {
    auto store = quarry::graph::Store::Open(dir + "/apply.db");
    if (!store.ok()) return 1;
    std::ifstream in(tsv);
    std::string line;
    quarry::proto::TripleBatch batch;
    int64_t loaded = 0;
    int document = 0;
    const auto start = Clock::now();
    auto flush = [&] {
      batch.mutable_document()->set_id(absl::StrCat("doc", document++));
      auto applied = (*store)->Apply(batch);
      if (!applied.ok()) std::fprintf(stderr, "%s\n", applied.status().ToString().c_str());
      batch.Clear();
    };
    while (loaded < apply_triples && std::getline(in, line)) {
      std::vector<std::string> fields = absl::StrSplit(line, '\t');
      if (fields.size() != 3) continue;
      quarry::proto::Triple* triple = batch.add_triples();
      triple->mutable_subject()->set_node(fields[0]);
      triple->set_predicate(fields[1]);
      if (fields[1] == ":label") {
        triple->mutable_object()->set_label(fields[2]);
      } else {
        triple->mutable_object()->set_node(fields[2]);
      }
      if (++loaded % 1000 == 0) flush();
    }
    if (batch.triples_size() > 0) flush();
    const double seconds = Seconds(start);
    std::printf(
        "per-document Apply (1,000 triples a document): %lld triples in %.2f s, %.0f triples/s\n",
        static_cast<long long>(loaded), seconds, loaded / seconds);
  }

  // Latency on the bulk-loaded store.
  auto store = quarry::graph::Store::Open(dir + "/bulk.db");
  if (!store.ok()) return 1;
  auto snapshot = (*store)->GetSnapshot();
  auto met = snapshot->FindPredicate("met");
  if (!met.ok() || !met->has_value()) return 1;
  std::vector<quarry::graph::IdTriple> sample;
  snapshot
      ->Scan({std::nullopt, **met, std::nullopt},
             [&](const quarry::graph::IdTriple& t) {
               sample.push_back(t);
               return sample.size() < 200'000;
             })
      .IgnoreError();
  std::mt19937_64 random(7);
  std::shuffle(sample.begin(), sample.end(), random);
  sample.resize(std::min<size_t>(sample.size(), 20'000));
  std::vector<double> point;
  std::vector<double> prefix;
  quarry::graph::Cursor cursor = snapshot->NewCursor();
  int64_t scanned = 0;
  for (const auto& triple : sample) {
    auto start = Clock::now();
    cursor.Seek({triple.subject, triple.predicate, triple.object});
    point.push_back(Seconds(start) * 1e6);
    if (!cursor.Valid()) return 1;
    start = Clock::now();
    for (cursor.Seek({triple.subject, triple.predicate, std::nullopt}); cursor.Valid();
         cursor.Next()) {
      ++scanned;
    }
    prefix.push_back(Seconds(start) * 1e6);
  }
  const Latency point_latency = Summarize(point);
  const Latency prefix_latency = Summarize(prefix);
  std::printf("point lookup (s,p,o): mean %.2f us, p50 %.2f us, p99 %.2f us over %zu lookups\n",
              point_latency.mean_us, point_latency.p50_us, point_latency.p99_us, point.size());
  std::printf("prefix scan (s,p,?): mean %.2f us, p50 %.2f us, p99 %.2f us, %.1f triples a scan\n",
              prefix_latency.mean_us, prefix_latency.p50_us, prefix_latency.p99_us,
              static_cast<double>(scanned) / prefix.size());
  std::printf("peak RSS %lld MB\n", static_cast<long long>(PeakRssMb()));
  return 0;
}
