// Query benchmark: a deterministic synthetic news graph (persons affiliated with a country
// and sometimes an organization, a power-law `met` graph of average degree about 8,
// `visited`), loaded through Store::Apply in documents of a few thousand triples, then the
// median latency of five queries:
//   Q1 anchored 1-hop: whom one person met
//   Q2 the mission's 2-hop shape: pairs (a, b), a affiliated with country C, a met b, b
//      affiliated with organization O (count)
//   Q3 persons reachable from one person in 1..3 `met` hops (count distinct)
//   Q4 top 10 countries by number of cross-country meetings
//   Q5 shortest path between two persons
//
//   quarry_bench_query [--persons N] [--db DIR] [--runs N] [--skip-q4] [--profile]
// An existing DIR from an earlier run with the same --persons is reused.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "graph/store.h"
#include "graph/term.h"
#include "proto/quarry.pb.h"
#include "query/engine.h"

namespace {

namespace graph = quarry::graph;
namespace proto = quarry::proto;

using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Config {
  int64_t persons = 100'000;
  std::string db;
  int runs = 20;
  bool skip_q4 = false;
  bool profile = false;
};

constexpr int kCountries = 60;
constexpr int kOrganizations = 300;
constexpr int kTriplesPerDocument = 4000;

std::string PersonName(int64_t index) { return absl::StrCat("person ", index); }
std::string CountryName(int64_t index) { return absl::StrCat("country ", index); }
std::string OrganizationName(int64_t index) { return absl::StrCat("organization ", index); }

// Writes the graph through Apply, one document per kTriplesPerDocument triples.
void Generate(graph::Store* store, int64_t persons) {
  std::mt19937_64 random(20240601);
  std::uniform_real_distribution<double> unit(0, 1);
  proto::TripleBatch batch;
  int64_t documents = 0;
  int64_t triples = 0;
  auto flush = [&] {
    if (batch.triples_size() == 0) return;
    std::string id = absl::StrCat("synthetic-", documents++);
    batch.mutable_document()->set_id(id);
    batch.mutable_document()->set_title(id);
    batch.mutable_document()->mutable_date()->set_year(2021);
    batch.mutable_document()->mutable_date()->set_month(1 + documents % 12);
    batch.mutable_document()->mutable_date()->set_day(1);
    for (proto::Triple& triple : *batch.mutable_triples()) {
      proto::Evidence* evidence = triple.add_evidence();
      evidence->set_document_id(id);
      evidence->set_sentence_index(-1);
      evidence->set_confidence(0.9f);
      evidence->set_rule("synthetic");
    }
    auto result = store->Apply(batch);
    if (!result.ok()) {
      std::fprintf(stderr, "load failed: %s\n", result.status().ToString().c_str());
      std::exit(1);
    }
    batch.Clear();
  };
  auto add = [&](const std::string& subject, const std::string& predicate, proto::Term object) {
    proto::Triple* triple = batch.add_triples();
    *triple->mutable_subject() = graph::NodeTerm(subject);
    triple->set_predicate(predicate);
    *triple->mutable_object() = std::move(object);
    ++triples;
    if (batch.triples_size() >= kTriplesPerDocument) flush();
  };
  for (int country = 0; country < kCountries; ++country) {
    add(CountryName(country), ":label", graph::LabelTerm("Country"));
  }
  for (int organization = 0; organization < kOrganizations; ++organization) {
    add(OrganizationName(organization), ":label", graph::LabelTerm("Organization"));
  }
  for (int64_t person = 0; person < persons; ++person) {
    std::string name = PersonName(person);
    add(name, ":label", graph::LabelTerm("Person"));
    // Skewed affiliations: low-numbered countries and organizations are the big ones.
    int country = static_cast<int>(kCountries * std::pow(unit(random), 2.0));
    add(name, "affiliated_with", graph::NodeTerm(CountryName(country)));
    if (unit(random) < 0.3) {
      int organization = static_cast<int>(kOrganizations * std::pow(unit(random), 2.0));
      add(name, "affiliated_with", graph::NodeTerm(OrganizationName(organization)));
    }
    add(name, "role", graph::StringTerm(absl::StrCat("role ", person % 40)));
    if (unit(random) < 0.5) {
      add(name, "visited", graph::NodeTerm(CountryName(random() % kCountries)));
    }
    // Four `met` edges per person (average undirected degree 8) towards a power-law
    // target: low-numbered persons are hubs.
    for (int edge = 0; edge < 4; ++edge) {
      int64_t target = static_cast<int64_t>(persons * std::pow(unit(random), 3.0));
      if (target == person) continue;
      add(name, "met", graph::NodeTerm(PersonName(target)));
    }
  }
  flush();
  std::printf("generated %lld persons, %lld triples in %lld documents\n",
              static_cast<long long>(persons), static_cast<long long>(triples),
              static_cast<long long>(documents));
}

struct Measurement {
  double median_ms = 0;
  double min_ms = 0;
  std::string answer;
};

Measurement Measure(const graph::Snapshot& snapshot, const std::string& query,
                    const quarry::Params& params, int runs) {
  std::vector<double> times;
  Measurement measurement;
  for (int run = 0; run < runs; ++run) {
    Clock::time_point start = Clock::now();
    auto result = quarry::query::RunQuery(snapshot, query, params, quarry::QueryOptions());
    times.push_back(Milliseconds(start));
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n%s\n", query.c_str(), result.status().ToString().c_str());
      std::exit(1);
    }
    if (run == 0) {
      measurement.answer = absl::StrCat(result->rows().size(), " rows");
      if (result->rows().size() == 1) {
        measurement.answer = "";
        for (const quarry::Value& value : result->rows()[0]) {
          absl::StrAppend(&measurement.answer, measurement.answer.empty() ? "" : ", ",
                          value.ToString());
        }
      }
    }
  }
  std::sort(times.begin(), times.end());
  measurement.median_ms = times[times.size() / 2];
  measurement.min_ms = times[0];
  return measurement;
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  for (int index = 1; index < argc; ++index) {
    std::string flag = argv[index];
    auto value = [&]() -> std::string { return index + 1 < argc ? argv[++index] : ""; };
    if (flag == "--persons") {
      if (!absl::SimpleAtoi(value(), &config.persons)) return 2;
    } else if (flag == "--db") {
      config.db = value();
    } else if (flag == "--runs") {
      if (!absl::SimpleAtoi(value(), &config.runs)) return 2;
    } else if (flag == "--profile") {
      config.profile = true;
    } else if (flag == "--skip-q4") {
      config.skip_q4 = true;
    } else {
      std::fprintf(stderr,
                   "usage: quarry_bench_query [--persons N] [--db DIR] [--runs N] [--skip-q4] "
                   "[--profile]\n");
      return 2;
    }
  }
  if (config.db.empty()) config.db = absl::StrCat("/tmp/quarry_bench_query_", config.persons);
  std::string marker = config.db + "/.bench_complete";
  bool reuse = std::filesystem::exists(marker);
  auto store = graph::Store::Open(config.db);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  if (!reuse) {
    Clock::time_point start = Clock::now();
    Generate(store->get(), config.persons);
    if (!(*store)->Flush().ok()) return 1;
    std::printf("load through Store::Apply: %.1f s\n", Milliseconds(start) / 1000);
    std::ofstream(marker) << config.persons << "\n";
  } else {
    std::printf("reusing the graph in %s\n", config.db.c_str());
  }
  auto snapshot = (*store)->GetSnapshot();
  // A person of typical degree, two far-apart persons, the biggest country and organization.
  std::string person = PersonName(config.persons / 2);
  quarry::Params params = {{"person", quarry::Value(person)},
                           {"other", quarry::Value(PersonName(config.persons - 7))},
                           {"country", quarry::Value(CountryName(0))},
                           {"organization", quarry::Value(OrganizationName(0))}};
  struct Query {
    const char* name;
    const char* text;
    int runs;
  };
  std::vector<Query> queries = {
      {"Q1 anchored 1-hop", "MATCH (a:Person {name: $person})-[:met]-(b) RETURN b.name",
       config.runs * 5},
      {"Q2 mission 2-hop count",
       "MATCH (a:Person)-[:affiliated_with]->(:Country {name: $country}), "
       "(a)-[:met]-(b:Person)-[:affiliated_with]->(:Organization {name: $organization}) "
       "RETURN count(*)",
       config.runs},
      {"Q3 reachable in 1..3 hops",
       "MATCH (a:Person {name: $person})-[:met*1..3]-(b:Person) RETURN count(DISTINCT b)",
       config.runs},
      {"Q4 top countries by cross-country meetings",
       "MATCH (a:Person)-[:met]->(b:Person), (a)-[:affiliated_with]->(c:Country), "
       "(b)-[:affiliated_with]->(d:Country) WHERE c <> d "
       "RETURN c.name, count(*) AS meetings ORDER BY meetings DESC LIMIT 10",
       3},
      {"Q5 shortest path",
       "MATCH (a:Person {name: $person}), (b:Person {name: $other}), "
       "p = shortestPath((a)-[:met*]-(b)) RETURN length(p)",
       config.runs},
  };
  std::printf("persons: %lld\n", static_cast<long long>(config.persons));
  for (const Query& query : queries) {
    if (config.skip_q4 && query.name[1] == '4') continue;
    if (config.profile) {
      auto profiled = quarry::query::RunQuery(*snapshot, std::string("PROFILE ") + query.text,
                                              params, quarry::QueryOptions());
      if (profiled.ok()) std::printf("%s\n%s\n", query.name, profiled->plan().c_str());
    }
    Measurement measurement = Measure(*snapshot, query.text, params, query.runs);
    std::printf("%-45s median %9.3f ms  min %9.3f ms  (%d runs)  answer: %s\n", query.name,
                measurement.median_ms, measurement.min_ms, query.runs, measurement.answer.c_str());
  }
  return 0;
}
