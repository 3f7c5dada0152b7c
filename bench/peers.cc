// The side-by-side benchmark with Kùzu (../shared/peers): loads DIR/quarry.tsv into a fresh
// database through the public API (the bulk path, as `quarry load` does), then runs Q1–Q4
// exactly as a user would — parse, plan and execute on every run, parameters as $p, $c1,
// $o1 — one warm-up and five timed runs each, and prints a RESULT_JSON line with the keys of
// bench_kuzu.js.
//
//   quarry_bench_peers DIR
//
// With QUARRY_PEERS_DB=PATH set to a database that already holds DIR's graph, the load is
// skipped and only the queries run (for profiling them; the JSON then has no load figures).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/bench_util.h"
#include "quarry/database.h"

namespace {

using quarry::bench::Clock;
using quarry::bench::DirectoryBytes;
using quarry::bench::Millis;
using quarry::bench::PeakRssMb;

struct Query {
  std::string name;
  std::string text;
  // Turns the rows into the answer fields of bench_kuzu.js.
  std::function<nlohmann::json(const quarry::QueryResult&)> answer;
};

std::string Text(const quarry::Value& value) {
  return value.is<std::string>() ? value.as<std::string>() : value.ToString();
}

int64_t Count(const quarry::QueryResult& result) {
  if (result.rows().empty() || !result.rows()[0][0].is<int64_t>()) return -1;
  return result.rows()[0][0].as<int64_t>();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: quarry_bench_peers DIR   (a directory made by ../shared/peers/gen.py)\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::ifstream params_file(dir + "/params.json");
  const nlohmann::json params = nlohmann::json::parse(params_file, nullptr, false);
  if (params.is_discarded() || !params.contains("start_person")) {
    std::cerr << dir << "/params.json: missing or unreadable\n";
    return 1;
  }
  const int64_t triples = params["counts"]["triples_total"].get<int64_t>();

  const char* existing_db = std::getenv("QUARRY_PEERS_DB");
  const bool reuse = existing_db != nullptr && *existing_db != '\0';
  const std::string db_dir =
      reuse ? existing_db
            : (std::filesystem::temp_directory_path() / absl::StrCat("quarry-peers-", getpid()))
                  .string();
  if (!reuse) std::filesystem::remove_all(db_dir);
  nlohmann::json out;
  out["engine"] = "quarry";
  if (!reuse) {
    auto database = quarry::Database::Open(db_dir);
    if (!database.ok()) {
      std::cerr << database.status() << "\n";
      return 1;
    }
    const auto start = Clock::now();
    auto report = (*database)->Load({dir + "/quarry.tsv"});
    const double load_ms = Millis(start);
    if (!report.ok() || !report->failures.empty()) {
      std::cerr << "load failed: "
                << (report.ok() ? report->failures[0] : report.status().ToString()) << "\n";
      return 1;
    }
    out["load_ms"] = std::round(load_ms * 10) / 10;
    out["triples_per_s"] = static_cast<int64_t>(triples / (load_ms / 1000));
    std::printf("load: %lld triples in %.1f ms, %.0f triples/s, peak RSS %lld MB\n",
                static_cast<long long>(triples), load_ms, triples / (load_ms / 1000),
                static_cast<long long>(PeakRssMb()));
  }
  if (!reuse) {
    out["peak_rss_mb"] = PeakRssMb();
    out["db_mb"] = DirectoryBytes(db_dir) / 1048576;
  }

  quarry::Options read_only;
  read_only.read_only = true;
  auto database = quarry::Database::Open(db_dir, read_only);
  if (!database.ok()) {
    std::cerr << database.status() << "\n";
    return 1;
  }
  const quarry::Params query_params = {
      {"p", params["start_person"].get<std::string>()},
      {"c1", params["C1"].get<std::string>()},
      {"o1", params["O1"].get<std::string>()},
  };
  const std::vector<Query> queries = {
      {"Q1", "MATCH (a:Person {name: $p})-[:met]->(b:Person) RETURN b.name ORDER BY b.name",
       [](const quarry::QueryResult& r) {
         std::vector<std::string> names;
         for (const auto& row : r.rows()) names.push_back(Text(row[0]));
         return nlohmann::json{{"count", names.size()}, {"names", absl::StrJoin(names, ",")}};
       }},
      {"Q2",
       "MATCH (:Country {name: $c1})<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
       "-[:member_of]->(:Organization {name: $o1}) RETURN count(*)",
       [](const quarry::QueryResult& r) {
         return nlohmann::json{{"count", Count(r)}};
       }},
      {"Q3",
       "MATCH (a:Person {name: $p})-[:met*1..3]->(b:Person) WHERE b.name <> a.name "
       "RETURN count(DISTINCT b)",
       [](const quarry::QueryResult& r) {
         return nlohmann::json{{"count", Count(r)}};
       }},
      {"Q4",
       "MATCH (ca:Country)<-[:affiliated_with]-(a:Person)-[:met]->(b:Person)"
       "-[:affiliated_with]->(cb:Country) WHERE ca.name <> cb.name "
       "RETURN ca.name AS country, count(*) AS n ORDER BY n DESC, country LIMIT 10",
       [](const quarry::QueryResult& r) {
         std::vector<std::string> top;
         for (const auto& row : r.rows()) top.push_back(Text(row[0]) + ":" + Text(row[1]));
         return nlohmann::json{{"top10", absl::StrJoin(top, ",")}};
       }},
  };
  constexpr int kWarmup = 1;
  constexpr int kRuns = 5;
  for (const Query& query : queries) {
    std::vector<double> times;
    nlohmann::json answer;
    for (int run = 0; run < kWarmup + kRuns; ++run) {
      const auto start = Clock::now();
      auto result = (*database)->Query(query.text, query_params);
      const double millis = Millis(start);
      if (!result.ok()) {
        std::cerr << query.name << ": " << result.status() << "\n";
        return 1;
      }
      if (run >= kWarmup) times.push_back(millis);
      answer = query.answer(*result);
    }
    std::sort(times.begin(), times.end());
    nlohmann::json entry = answer;
    entry["median_ms"] = std::round(times[times.size() / 2] * 100) / 100;
    entry["min_ms"] = std::round(times.front() * 100) / 100;
    out["queries"][query.name] = entry;
    std::printf("%s: median %.2f ms (min %.2f, max %.2f)  result %s\n", query.name.c_str(),
                times[times.size() / 2], times.front(), times.back(), answer.dump().c_str());
  }
  database->reset();
  if (!reuse) std::filesystem::remove_all(db_dir);
  std::printf("RESULT_JSON %s\n", out.dump().c_str());
  return 0;
}
