// Export: every triple (or the subgraph a query returns) through a structured writer, which
// `load` reads back to the same graph, or as Graphviz DOT for pictures.
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "api/database_impl.h"
#include "loaders/structured/writer.h"
#include "proto/quarry.pb.h"
#include "quarry/database.h"
#include "util/status_macros.h"

namespace quarry {
namespace {

// Decodes ids with a cache: nodes and predicates repeat across triples.
class TermDecoder {
 public:
  explicit TermDecoder(const graph::Snapshot& snapshot) : snapshot_(snapshot) {}

  absl::StatusOr<const proto::Term*> Term(graph::TermId id) {
    auto found = terms_.find(id);
    if (found != terms_.end()) return &found->second;
    QUARRY_ASSIGN_OR_RETURN(proto::Term term, snapshot_.DecodeTerm(id));
    if (terms_.size() > 1'000'000) terms_.clear();
    return &terms_.emplace(id, std::move(term)).first->second;
  }

  absl::StatusOr<const std::string*> Predicate(graph::TermId id) {
    auto found = predicates_.find(id);
    if (found != predicates_.end()) return &found->second;
    QUARRY_ASSIGN_OR_RETURN(std::string name, snapshot_.PredicateName(id));
    return &predicates_.emplace(id, std::move(name)).first->second;
  }

 private:
  const graph::Snapshot& snapshot_;
  // Node-based: Term() hands out pointers that must survive later insertions.
  absl::node_hash_map<graph::TermId, proto::Term> terms_;
  absl::node_hash_map<graph::TermId, std::string> predicates_;
};

std::string DotQuote(absl::string_view text) {
  return absl::StrCat(
      "\"", absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", " "}}), "\"");
}

const char* LabelColour(absl::string_view label) {
  if (label == "Person") return "#9ecae1";
  if (label == "Organization") return "#fdae6b";
  if (label == "Country") return "#a1d99b";
  if (label == "Place") return "#dadaeb";
  if (label == "Document") return "#f0f0f0";
  return "#ffffff";
}

// Writes the triples in `triples` (all when null) as DOT: nodes coloured by label, literal
// properties in the node's tooltip, relationships as labelled edges.
absl::Status WriteDot(const graph::Snapshot& snapshot,
                      const absl::flat_hash_set<graph::IdTriple>* triples, std::ostream& out) {
  TermDecoder decoder(snapshot);
  std::map<graph::TermId, std::string> node_labels;
  std::set<graph::TermId> nodes;
  std::vector<graph::IdTriple> edges;
  graph::Cursor cursor = snapshot.NewCursor();
  for (cursor.Seek({}); cursor.Valid(); cursor.Next()) {
    const graph::IdTriple& triple = cursor.triple();
    if (triple.predicate == graph::kLabelPredicateId) {
      QUARRY_ASSIGN_OR_RETURN(const proto::Term* label, decoder.Term(triple.object));
      if (node_labels[triple.subject].empty()) node_labels[triple.subject] = label->label();
      continue;
    }
    if (triples != nullptr && !triples->contains(triple)) continue;
    if (!graph::IsNode(triple.object)) continue;
    nodes.insert(triple.subject);
    nodes.insert(triple.object);
    edges.push_back(triple);
  }
  QUARRY_RETURN_IF_ERROR(cursor.status());
  out << "digraph quarry {\n  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
      << "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (graph::TermId node : nodes) {
    QUARRY_ASSIGN_OR_RETURN(const proto::Term* term, decoder.Term(node));
    const std::string& label = node_labels[node];
    out << "  n" << node << " [label=" << DotQuote(term->node()) << ", fillcolor=\""
        << LabelColour(label) << "\""
        << (label.empty() ? "" : absl::StrCat(", tooltip=", DotQuote(label))) << "];\n";
  }
  for (const graph::IdTriple& edge : edges) {
    QUARRY_ASSIGN_OR_RETURN(const std::string* predicate, decoder.Predicate(edge.predicate));
    out << "  n" << edge.subject << " -> n" << edge.object << " [label=" << DotQuote(*predicate)
        << "];\n";
  }
  out << "}\n";
  return absl::OkStatus();
}

// The triples behind the nodes and relationships a query returns: each relationship's
// triple, and each returned node's labels and literal properties.
absl::StatusOr<absl::flat_hash_set<graph::IdTriple>> QueryTriples(const Database& database,
                                                                  const graph::Snapshot& snapshot,
                                                                  absl::string_view query) {
  QUARRY_ASSIGN_OR_RETURN(QueryResult result, database.Query(query));
  absl::flat_hash_set<graph::IdTriple> triples;
  absl::flat_hash_set<graph::TermId> nodes;
  std::vector<const Value*> pending;
  for (const std::vector<Value>& row : result.rows()) {
    for (const Value& value : row) pending.push_back(&value);
  }
  auto add_relationship = [&](const Relationship& relationship) -> absl::Status {
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> predicate,
                            snapshot.FindPredicate(relationship.type));
    if (predicate.has_value()) {
      triples.insert({relationship.start, *predicate, relationship.end});
      nodes.insert(relationship.start);
      nodes.insert(relationship.end);
    }
    return absl::OkStatus();
  };
  while (!pending.empty()) {
    const Value* value = pending.back();
    pending.pop_back();
    if (value->is<Node>()) {
      nodes.insert(value->as<Node>().id);
    } else if (value->is<Relationship>()) {
      QUARRY_RETURN_IF_ERROR(add_relationship(value->as<Relationship>()));
    } else if (value->is<Path>()) {
      for (const Node& node : value->as<Path>().nodes) nodes.insert(node.id);
      for (const Relationship& relationship : value->as<Path>().relationships) {
        QUARRY_RETURN_IF_ERROR(add_relationship(relationship));
      }
    } else if (value->is<List>()) {
      for (const Value& item : value->as<List>()) pending.push_back(&item);
    }
  }
  graph::Cursor cursor = snapshot.NewCursor();
  for (graph::TermId node : nodes) {
    for (cursor.Seek({node, std::nullopt, std::nullopt}); cursor.Valid(); cursor.Next()) {
      if (!graph::IsNode(cursor.triple().object)) triples.insert(cursor.triple());
    }
    QUARRY_RETURN_IF_ERROR(cursor.status());
  }
  return triples;
}

}  // namespace

// Completion lives here until api/CMakeLists.txt can take a file of its own (api/names.cc).
absl::StatusOr<std::vector<std::string>> Database::NamesWithPrefix(absl::string_view prefix,
                                                                   size_t limit) const {
  std::unique_ptr<graph::Snapshot> snapshot = impl_->store().GetSnapshot();
  std::set<graph::TermId> ids;
  // Aliases share nodes, so gather more ids than names wanted before decoding.
  QUARRY_RETURN_IF_ERROR(snapshot->ScanNames(prefix, [&](absl::string_view, graph::TermId id) {
    ids.insert(id);
    return ids.size() < limit * 4 + 16;
  }));
  std::set<std::string> names;
  graph::Cursor cursor = snapshot->NewCursor();
  for (graph::TermId id : ids) {
    // Skip stale entries: nodes whose triples were all unloaded.
    cursor.Seek({id, std::nullopt, std::nullopt});
    bool present = cursor.Valid();
    if (!present) {
      cursor.Seek({std::nullopt, std::nullopt, id});
      present = cursor.Valid();
    }
    QUARRY_RETURN_IF_ERROR(cursor.status());
    if (!present) continue;
    absl::StatusOr<proto::Term> term = snapshot->DecodeTerm(id);
    if (!term.ok()) continue;
    if (!term->node().empty()) names.insert(term->node());
  }
  std::vector<std::string> result(names.begin(), names.end());
  if (result.size() > limit) result.resize(limit);
  return result;
}

absl::Status Database::Export(absl::string_view format, absl::string_view query,
                              std::ostream& out) const {
  std::unique_ptr<graph::Snapshot> snapshot = impl_->store().GetSnapshot();
  std::optional<absl::flat_hash_set<graph::IdTriple>> selected;
  if (!query.empty()) {
    QUARRY_ASSIGN_OR_RETURN(selected, QueryTriples(*this, *snapshot, query));
  }
  if (format == "dot") return WriteDot(*snapshot, selected ? &*selected : nullptr, out);

  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<loaders::structured::TripleWriter> writer,
                          loaders::structured::NewTripleWriter(format, out));
  TermDecoder decoder(*snapshot);
  graph::Cursor cursor = snapshot->NewCursor();
  proto::Triple triple;
  for (cursor.Seek({}); cursor.Valid(); cursor.Next()) {
    const graph::IdTriple& ids = cursor.triple();
    if (selected.has_value() && !selected->contains(ids)) continue;
    QUARRY_ASSIGN_OR_RETURN(const proto::Term* subject, decoder.Term(ids.subject));
    QUARRY_ASSIGN_OR_RETURN(const std::string* predicate, decoder.Predicate(ids.predicate));
    QUARRY_ASSIGN_OR_RETURN(const proto::Term* object, decoder.Term(ids.object));
    triple.Clear();
    *triple.mutable_subject() = *subject;
    triple.set_predicate(*predicate);
    *triple.mutable_object() = *object;
    QUARRY_RETURN_IF_ERROR(writer->Write(triple));
  }
  QUARRY_RETURN_IF_ERROR(cursor.status());
  QUARRY_RETURN_IF_ERROR(writer->Finish());
  if (!out) return absl::DataLossError("the export output could not be written");
  return absl::OkStatus();
}

}  // namespace quarry
