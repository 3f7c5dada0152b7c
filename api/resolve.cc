// The cross-document resolution post-pass (see api/resolve.h).
#include "api/resolve.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace quarry {
namespace {

// The canonical name of the only Person node that `surface` names in the graph, or "" when
// there is none or more than one (the rule of loaders/coreference.cc).
std::string OnlyPersonNamed(absl::string_view surface, const graph::Snapshot& snapshot) {
  absl::StatusOr<std::vector<graph::TermId>> nodes = snapshot.FindNodesByName(surface);
  if (!nodes.ok()) return "";
  graph::Cursor cursor = snapshot.NewCursor();
  std::string only;
  int persons = 0;
  for (graph::TermId node : *nodes) {
    absl::StatusOr<proto::Term> term = snapshot.DecodeTerm(node);
    if (!term.ok() || term->value_case() != proto::Term::kNode) continue;
    bool person = false;
    for (cursor.Seek({node, std::nullopt, std::nullopt}); cursor.Valid(); cursor.Next()) {
      if (cursor.triple().predicate != graph::kLabelPredicateId) continue;
      absl::StatusOr<proto::Term> label = snapshot.DecodeTerm(cursor.triple().object);
      if (label.ok() && label->label() == "Person") person = true;
    }
    if (!person) continue;  // also skips names left by unloads (no triples)
    ++persons;
    only = term->node();
  }
  return persons == 1 ? only : "";
}

// An alias triple as the extractor's TripleBuilder makes it (no sentence).
proto::Triple AliasTriple(const proto::Document& document, const std::string& subject,
                          const std::string& alias, const std::string& rule, float confidence) {
  proto::Triple triple;
  triple.mutable_subject()->set_node(subject);
  triple.set_predicate("alias");
  triple.mutable_object()->set_string_value(alias);
  proto::Evidence* evidence = triple.add_evidence();
  evidence->set_document_id(document.id());
  evidence->set_sentence_index(-1);
  evidence->set_rule(rule);
  evidence->set_confidence(confidence);
  if (document.has_date()) *evidence->mutable_document_date() = document.date();
  return triple;
}

}  // namespace

absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const graph::Snapshot& snapshot) {
  // Single-word Person nodes, in order of first appearance.
  std::vector<std::string> singles;
  absl::flat_hash_set<std::string> seen;
  for (const proto::Triple& triple : batch.triples()) {
    if (triple.predicate() != ":label" || triple.object().label() != "Person") continue;
    const std::string& name = triple.subject().node();
    if (name.empty() || name.find(' ') != std::string::npos) continue;
    if (seen.insert(name).second) singles.push_back(name);
  }
  absl::flat_hash_map<std::string, std::string> renamed;
  for (const std::string& name : singles) {
    std::string target = OnlyPersonNamed(name, snapshot);
    if (!target.empty() && target != name) renamed[name] = std::move(target);
  }
  if (renamed.empty()) return absl::OkStatus();

  // The aliases each renamed person already has in the batch.
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> aliases;
  for (proto::Triple& triple : *batch.mutable_triples()) {
    if (triple.subject().node().empty()) continue;
    auto it = renamed.find(triple.subject().node());
    if (it != renamed.end()) {
      if (triple.predicate() == "alias" &&
          triple.object().value_case() == proto::Term::kStringValue) {
        aliases[it->first].insert(triple.object().string_value());
      }
      triple.mutable_subject()->set_node(it->second);
    }
    if (triple.object().value_case() == proto::Term::kNode) {
      auto object = renamed.find(triple.object().node());
      if (object != renamed.end()) triple.mutable_object()->set_node(object->second);
    }
  }
  for (const std::string& name : singles) {
    auto it = renamed.find(name);
    if (it == renamed.end()) continue;
    const std::string& target = it->second;
    absl::flat_hash_set<std::string>& known = aliases[name];
    if (known.insert(name).second) {
      *batch.add_triples() = AliasTriple(batch.document(), target, name, "alias", 0.8f);
    }
    const size_t last_space = target.rfind(' ');
    if (last_space != std::string::npos && last_space + 1 < target.size()) {
      const std::string surname = target.substr(last_space + 1);
      if (!known.count(surname)) {
        *batch.add_triples() =
            AliasTriple(batch.document(), target, surname, "alias/surname", 0.6f);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace quarry
