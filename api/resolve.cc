// The cross-document resolution post-pass (see api/resolve.h).
#include "api/resolve.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "util/status_macros.h"

namespace quarry {
namespace {

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

const std::vector<std::pair<std::string, bool>>& PendingNames::SnapshotCandidates(
    absl::string_view surface) const {
  auto [cached, inserted] = snapshot_candidates_.try_emplace(surface);
  if (!inserted || snapshot_ == nullptr) return cached->second;
  // Node -> whether it is a Person.
  absl::flat_hash_map<std::string, bool> candidates;
  if (!person_label_.has_value()) {
    proto::Term label;
    label.set_label("Person");
    absl::StatusOr<std::optional<graph::TermId>> found = snapshot_->FindTerm(label);
    person_label_ = found.ok() ? *found : std::nullopt;
  }
  absl::StatusOr<std::vector<graph::TermId>> nodes = snapshot_->FindNodesByName(surface);
  if (nodes.ok()) {
    for (graph::TermId node : *nodes) {
      absl::StatusOr<proto::Term> term = snapshot_->DecodeTerm(node);
      if (!term.ok() || term->value_case() != proto::Term::kNode) continue;
      // A point read of the one triple (node, :label, Person). A name left by an unload (no
      // triples) is no Person.
      bool person = false;
      if (*person_label_ != std::nullopt) {
        absl::StatusOr<bool> labelled =
            snapshot_->Contains({node, graph::kLabelPredicateId, **person_label_});
        person = labelled.ok() && *labelled;
      }
      candidates[term->node()] |= person;
    }
  }
  cached->second.assign(candidates.begin(), candidates.end());
  return cached->second;
}

std::string PendingNames::OnlyPersonNamed(absl::string_view surface) const {
  // Candidate node -> whether it is a Person, in the snapshot or in the added batches.
  absl::flat_hash_map<std::string, bool> candidates;
  for (const auto& [node, person] : SnapshotCandidates(surface)) candidates[node] |= person;
  if (auto added = nodes_by_name_.find(graph::FoldName(surface)); added != nodes_by_name_.end()) {
    for (const std::string& node : added->second) candidates[node] |= persons_.contains(node);
  }
  std::string only;
  int persons = 0;
  for (const auto& [node, person] : candidates) {
    if (!person) continue;
    ++persons;
    only = node;
  }
  return persons == 1 ? only : "";
}

void PendingNames::AddTriple(absl::string_view subject, absl::string_view predicate,
                             graph::TermKind object_kind, absl::string_view object) {
  // Only Persons can be candidates (OnlyPersonNamed), so a node's own name is recorded when
  // it becomes one: the same answers as recording every node, for a fraction of the work.
  if (object_kind == graph::TermKind::kString && predicate == "alias") {
    nodes_by_name_[graph::FoldName(object)].emplace(subject);
  } else if (object_kind == graph::TermKind::kLabel && object == "Person" &&
             predicate == graph::kLabelPredicate && !persons_.contains(subject)) {
    persons_.emplace(subject);
    if (!subject.empty() && !absl::StartsWith(subject, graph::kBlankNodePrefix)) {
      nodes_by_name_[graph::FoldName(subject)].emplace(subject);
    }
  }
}

void PendingNames::Add(const proto::TripleBatch& batch) {
  for (const proto::Triple& triple : batch.triples()) {
    const proto::Term& object = triple.object();
    const graph::TermKind kind = graph::KindOfTerm(object);
    AddTriple(triple.subject().node(), triple.predicate(), kind,
              kind == graph::TermKind::kString  ? object.string_value()
              : kind == graph::TermKind::kLabel ? object.label()
                                                : absl::string_view());
  }
}

void PendingNames::Add(const graph::WireBatch& batch) {
  for (const graph::WireTriple& triple : batch.triples()) {
    AddTriple(triple.subject, triple.predicate, triple.object_kind, triple.object);
  }
}

absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const graph::Snapshot& snapshot) {
  return ResolveAcrossDocuments(batch, PendingNames(&snapshot));
}

absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const PendingNames& names) {
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
    std::string target = names.OnlyPersonNamed(name);
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

absl::StatusOr<std::unique_ptr<ResolvingBulkLoad>> ResolvingBulkLoad::Start(
    graph::Store& store, const graph::BulkLoadOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<graph::BulkLoader> loader,
                          graph::BulkLoader::Start(store, options));
  // Taken once the loader holds the writer lock, so no other load comes between.
  std::unique_ptr<graph::Snapshot> snapshot = store.GetSnapshot();
  return std::unique_ptr<ResolvingBulkLoad>(
      new ResolvingBulkLoad(std::move(loader), std::move(snapshot)));
}

absl::Status ResolvingBulkLoad::Add(proto::TripleBatch&& batch) {
  QUARRY_ASSIGN_OR_RETURN(std::optional<proto::Document> present,
                          snapshot_->GetDocument(batch.document().id()));
  if (!present.has_value() && added_ids_.insert(batch.document().id()).second) {
    QUARRY_RETURN_IF_ERROR(ResolveAcrossDocuments(batch, names_));
    names_.Add(batch);
  }
  return loader_->AddBatch(std::move(batch));
}

absl::Status ResolvingBulkLoad::Add(graph::WireBatch& batch) {
  const proto::Document& document = batch.document();
  QUARRY_ASSIGN_OR_RETURN(std::optional<proto::Document> present,
                          snapshot_->GetDocument(document.id()));
  if (present.has_value() || !added_ids_.insert(document.id()).second) {
    return loader_->AddWireBatch(batch);
  }
  // ResolveAcrossDocuments on the views: the renamed nodes' views point into `renamed`.
  std::vector<absl::string_view> singles;
  absl::flat_hash_map<absl::string_view, std::string> renamed;
  for (const graph::WireTriple& triple : batch.triples()) {
    if (triple.object_kind != graph::TermKind::kLabel || triple.object != "Person" ||
        triple.subject.find(' ') != absl::string_view::npos || renamed.contains(triple.subject) ||
        std::find(singles.begin(), singles.end(), triple.subject) != singles.end()) {
      continue;
    }
    singles.push_back(triple.subject);
    std::string target = names_.OnlyPersonNamed(triple.subject);
    if (!target.empty() && target != triple.subject) renamed[triple.subject] = std::move(target);
  }
  std::vector<proto::Triple> aliases;
  if (!renamed.empty()) {
    absl::flat_hash_map<absl::string_view, absl::flat_hash_set<absl::string_view>> known;
    for (graph::WireTriple& triple : batch.mutable_triples()) {
      if (auto it = renamed.find(triple.subject); it != renamed.end()) {
        if (triple.predicate == "alias" && triple.object_kind == graph::TermKind::kString) {
          known[it->first].insert(triple.object);
        }
        triple.subject = it->second;
      }
      if (triple.object_kind == graph::TermKind::kNode) {
        if (auto it = renamed.find(triple.object); it != renamed.end()) triple.object = it->second;
      }
    }
    for (absl::string_view name : singles) {
      auto it = renamed.find(name);
      if (it == renamed.end()) continue;
      const std::string& target = it->second;
      absl::flat_hash_set<absl::string_view>& aliases_known = known[name];
      if (aliases_known.insert(name).second) {
        aliases.push_back(AliasTriple(document, target, std::string(name), "alias", 0.8f));
      }
      const size_t last_space = target.rfind(' ');
      if (last_space != std::string::npos && last_space + 1 < target.size()) {
        const std::string surname = target.substr(last_space + 1);
        if (!aliases_known.contains(surname)) {
          aliases.push_back(AliasTriple(document, target, surname, "alias/surname", 0.6f));
        }
      }
    }
  }
  names_.Add(batch);
  for (const proto::Triple& alias : aliases) {
    names_.AddTriple(alias.subject().node(), alias.predicate(), graph::TermKind::kString,
                     alias.object().string_value());
  }
  QUARRY_RETURN_IF_ERROR(loader_->AddWireBatch(batch));
  for (proto::Triple& alias : aliases) QUARRY_RETURN_IF_ERROR(loader_->Add(std::move(alias)));
  return absl::OkStatus();
}

}  // namespace quarry
