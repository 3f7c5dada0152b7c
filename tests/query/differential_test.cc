// Randomized differential testing: random graphs and random path queries (1-4 hops, types,
// directions, labels, filters, variable-length hops, cycles back to the start), checked
// against a naive evaluator written here that enumerates assignments edge by edge, and
// run again with every expansion hash-joined and every label test a set lookup (and with
// neither) to check that those give the same rows in the same order.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/term.h"
#include "gtest/gtest.h"
#include "query/scan_policy.h"
#include "tests/query/fixture.h"

namespace quarry::query::testing {
namespace {

struct RefEdge {
  int subject;
  std::string type;
  int object;
};

struct RefGraph {
  int nodes = 0;
  std::vector<std::set<std::string>> labels;
  std::vector<std::optional<int64_t>> values;
  std::vector<RefEdge> edges;
  std::string Name(int node) const { return absl::StrCat("n", node); }
};

struct RefRel {
  std::vector<std::string> types;  // empty: any
  int direction;                   // 0 out, 1 in, 2 both
  int min_hops = 1;
  int max_hops = 1;
};

struct RefQuery {
  // Node variable per position; the last may repeat the first (a cycle).
  std::vector<int> variables;
  std::vector<std::string> labels;  // per position, "" for none
  std::vector<RefRel> rels;
  // Filter: v of variable `filter_variable` > filter_value, when filter_variable >= 0.
  int filter_variable = -1;
  int64_t filter_value = 0;
  std::string text;
};

RefGraph RandomGraph(std::mt19937* random) {
  RefGraph graph;
  graph.nodes = 4 + static_cast<int>((*random)() % 6);
  const char* kTypes[] = {"p", "q", "r"};
  for (int node = 0; node < graph.nodes; ++node) {
    std::set<std::string> labels;
    if ((*random)() % 2 == 0) labels.insert("A");
    if ((*random)() % 3 == 0) labels.insert("B");
    graph.labels.push_back(labels);
    graph.values.push_back((*random)() % 3 == 0 ? std::nullopt
                                                : std::optional<int64_t>((*random)() % 10));
  }
  int edge_count = graph.nodes + static_cast<int>((*random)() % (2 * graph.nodes));
  std::set<std::tuple<int, std::string, int>> seen;
  for (int index = 0; index < edge_count; ++index) {
    int subject = static_cast<int>((*random)() % graph.nodes);
    int object = static_cast<int>((*random)() % graph.nodes);
    std::string type = kTypes[(*random)() % 3];
    if (seen.insert({subject, type, object}).second) {
      graph.edges.push_back(RefEdge{subject, type, object});
    }
  }
  return graph;
}

std::vector<proto::TripleBatch> ToBatches(const RefGraph& graph) {
  proto::TripleBatch batch;
  batch.mutable_document()->set_id("random");
  auto add = [&](int subject, const std::string& predicate, proto::Term object) {
    proto::Triple* triple = batch.add_triples();
    *triple->mutable_subject() = graph::NodeTerm(graph.Name(subject));
    triple->set_predicate(predicate);
    *triple->mutable_object() = std::move(object);
    triple->add_evidence()->set_confidence(1);
  };
  for (int node = 0; node < graph.nodes; ++node) {
    // Every node exists through at least one triple.
    add(node, "kind", graph::StringTerm("node"));
    for (const std::string& label : graph.labels[node])
      add(node, ":label", graph::LabelTerm(label));
    if (graph.values[node].has_value()) add(node, "v", graph::IntTerm(*graph.values[node]));
  }
  for (const RefEdge& edge : graph.edges) {
    add(edge.subject, edge.type, graph::NodeTerm(graph.Name(edge.object)));
  }
  return {batch};
}

RefQuery RandomQuery(std::mt19937* random) {
  RefQuery query;
  int hops = 1 + static_cast<int>((*random)() % 4);
  const char* kTypeChoices[][2] = {{"p", nullptr}, {"q", nullptr}, {"p", "q"}, {nullptr, nullptr}};
  for (int position = 0; position <= hops; ++position) {
    query.variables.push_back(position);
    int label = static_cast<int>((*random)() % 5);
    query.labels.push_back(label == 0 ? "A" : (label == 1 ? "B" : ""));
  }
  if (hops >= 2 && (*random)() % 4 == 0) {
    query.variables.back() = 0;
    query.labels.back() = "";
  }
  bool var_length_used = false;
  for (int hop = 0; hop < hops; ++hop) {
    RefRel rel;
    const auto& choice = kTypeChoices[(*random)() % 4];
    for (const char* type : choice) {
      if (type != nullptr) rel.types.push_back(type);
    }
    rel.direction = static_cast<int>((*random)() % 3);
    if (!var_length_used && hops <= 2 && (*random)() % 3 == 0) {
      var_length_used = true;
      rel.min_hops = static_cast<int>((*random)() % 2);
      rel.max_hops = 1 + static_cast<int>((*random)() % 2);
      rel.min_hops = std::min(rel.min_hops, rel.max_hops);
    }
    query.rels.push_back(rel);
  }
  if ((*random)() % 2 == 0) {
    query.filter_variable = static_cast<int>((*random)() % (hops + 1));
    query.filter_variable = query.variables[query.filter_variable];
    query.filter_value = (*random)() % 8;
  }
  std::string pattern;
  for (size_t position = 0; position < query.variables.size(); ++position) {
    std::string label = query.labels[position].empty() ? "" : ":" + query.labels[position];
    absl::StrAppend(&pattern, "(v", query.variables[position], label, ")");
    if (position < query.rels.size()) {
      const RefRel& rel = query.rels[position];
      std::string types = rel.types.empty() ? "" : ":" + absl::StrJoin(rel.types, "|");
      std::string length;
      if (rel.min_hops != 1 || rel.max_hops != 1) {
        length = absl::StrCat("*", rel.min_hops, "..", rel.max_hops);
      }
      absl::StrAppend(&pattern, rel.direction == 1 ? "<-" : "-", "[", types, length, "]",
                      rel.direction == 0 ? "->" : "-");
    }
  }
  std::set<int> distinct(query.variables.begin(), query.variables.end());
  std::vector<std::string> returns;
  for (int variable : distinct) returns.push_back(absl::StrCat("v", variable, ".name"));
  query.text = absl::StrCat("MATCH ", pattern);
  if (query.filter_variable >= 0) {
    absl::StrAppend(&query.text, " WHERE v", query.filter_variable, ".v > ", query.filter_value);
  }
  absl::StrAppend(&query.text, " RETURN ", absl::StrJoin(returns, ", "));
  return query;
}

// The naive evaluator: depth-first over positions, trying every edge for every hop.
class Reference {
 public:
  Reference(const RefGraph& graph, const RefQuery& query) : graph_(graph), query_(query) {}

  std::vector<std::string> Run() {
    binding_.assign(query_.variables.size() + 1, -1);
    used_.assign(graph_.edges.size(), false);
    for (int node = 0; node < graph_.nodes; ++node) Place(0, node);
    std::sort(rows_.begin(), rows_.end());
    return rows_;
  }

 private:
  bool NodeMatches(size_t position, int node) const {
    const std::string& label = query_.labels[position];
    if (!label.empty() && graph_.labels[node].count(label) == 0) return false;
    int variable = query_.variables[position];
    return binding_[variable] < 0 || binding_[variable] == node;
  }

  void Place(size_t position, int node) {
    if (!NodeMatches(position, node)) return;
    int variable = query_.variables[position];
    bool fresh = binding_[variable] < 0;
    binding_[variable] = node;
    if (position == query_.rels.size()) {
      Emit();
    } else {
      Hop(position, node, 0);
    }
    if (fresh) binding_[variable] = -1;
  }

  // Extends hop `position` from `node` having taken `taken` edges of it so far.
  void Hop(size_t position, int node, int taken) {
    const RefRel& rel = query_.rels[position];
    if (taken >= rel.min_hops) Place(position + 1, node);
    if (taken == rel.max_hops) return;
    for (size_t index = 0; index < graph_.edges.size(); ++index) {
      if (used_[index]) continue;
      const RefEdge& edge = graph_.edges[index];
      if (!rel.types.empty() &&
          std::find(rel.types.begin(), rel.types.end(), edge.type) == rel.types.end()) {
        continue;
      }
      std::vector<int> next;
      if ((rel.direction == 0 || rel.direction == 2) && edge.subject == node) {
        next.push_back(edge.object);
      }
      if ((rel.direction == 1 || rel.direction == 2) && edge.object == node &&
          !(rel.direction == 2 && edge.subject == edge.object)) {
        next.push_back(edge.subject);
      }
      for (int other : next) {
        used_[index] = true;
        Hop(position, other, taken + 1);
        used_[index] = false;
      }
    }
  }

  void Emit() {
    if (query_.filter_variable >= 0) {
      const auto& value = graph_.values[binding_[query_.filter_variable]];
      if (!value.has_value() || *value <= query_.filter_value) return;
    }
    std::set<int> distinct(query_.variables.begin(), query_.variables.end());
    std::vector<std::string> parts;
    for (int variable : distinct) parts.push_back("'" + graph_.Name(binding_[variable]) + "'");
    rows_.push_back(absl::StrJoin(parts, " | "));
  }

  const RefGraph& graph_;
  const RefQuery& query_;
  std::vector<int> binding_;
  std::vector<bool> used_;
  std::vector<std::string> rows_;
};

TEST(DifferentialTest, RandomPatternQueriesMatchTheNaiveEvaluator) {
  std::mt19937 random(20240601);
  int queries = 0;
  int nonempty = 0;
  for (int graph_index = 0; graph_index < 25; ++graph_index) {
    RefGraph graph = RandomGraph(&random);
    auto fixture = FixtureGraph::FromBatches(ToBatches(graph));
    ASSERT_TRUE(fixture.ok()) << fixture.status();
    for (int query_index = 0; query_index < 24; ++query_index) {
      RefQuery query = RandomQuery(&random);
      std::vector<std::string> expected = Reference(graph, query).Run();
      auto result = (*fixture)->Query(query.text);
      ASSERT_TRUE(result.ok()) << query.text << "\n" << result.status();
      ASSERT_EQ(FormatRows(*result, false), expected) << query.text;
      // The seek-only plan (with lookups split over two threads from two on) and the
      // scan-everything plan (hash-joined adjacency, label sets) give the same rows in the
      // same order.
      for (ScanPolicy policy : {ScanPolicy::kNever, ScanPolicy::kAlways}) {
        SetScanPolicyForTesting(policy);
        SetMinParallelProbesForTesting(2);
        auto other = (*fixture)->Query(query.text);
        SetScanPolicyForTesting(ScanPolicy::kAdaptive);
        SetMinParallelProbesForTesting(kDefaultMinParallelProbes);
        ASSERT_TRUE(other.ok()) << query.text << "\n" << other.status();
        ASSERT_EQ(FormatRows(*other, true), FormatRows(*result, true))
            << query.text << " policy " << static_cast<int>(policy);
      }
      ++queries;
      if (!expected.empty()) ++nonempty;
    }
  }
  EXPECT_EQ(queries, 600);
  // The generator must exercise real matches, not only empty results.
  EXPECT_GT(nonempty, 150);
}

}  // namespace
}  // namespace quarry::query::testing
