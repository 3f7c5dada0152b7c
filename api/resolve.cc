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

// The renames of one document: each single-word Person node whose name has exactly one
// Person candidate elsewhere, with that candidate's name, in order of first appearance.
struct Renames {
  std::vector<std::pair<std::string, std::string>> in_order;  // (single word, new name)
  absl::flat_hash_map<std::string, std::string> target;       // single word -> new name
};

ResolvedDocument::ResolvedDocument() = default;
ResolvedDocument::ResolvedDocument(ResolvedDocument&&) noexcept = default;
ResolvedDocument& ResolvedDocument::operator=(ResolvedDocument&&) noexcept = default;
ResolvedDocument::~ResolvedDocument() = default;

namespace {

// The renames for the Person nodes `persons` (the subjects of the document's Person labels,
// in order), against `names`.
Renames FindRenames(const std::vector<absl::string_view>& persons, const PendingNames& names) {
  Renames renames;
  absl::flat_hash_set<absl::string_view> seen;
  for (absl::string_view name : persons) {
    if (name.empty() || name.find(' ') != absl::string_view::npos || !seen.insert(name).second) {
      continue;
    }
    std::string target = names.OnlyPersonNamed(name);
    if (target.empty() || target == name) continue;
    renames.target.emplace(name, target);
    renames.in_order.emplace_back(std::string(name), std::move(target));
  }
  return renames;
}

// The alias triples renaming adds: the single word (unless the person already had it as an
// alias in the document, `known`) and the new name's surname, as the extractor adds them.
std::vector<proto::Triple> RenameAliases(
    const proto::Document& document, const Renames& renames,
    absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>>& known) {
  std::vector<proto::Triple> aliases;
  for (const auto& [name, target] : renames.in_order) {
    absl::flat_hash_set<std::string>& had = known[name];
    if (had.insert(name).second) {
      aliases.push_back(AliasTriple(document, target, name, "alias", 0.8f));
    }
    const size_t last_space = target.rfind(' ');
    if (last_space != std::string::npos && last_space + 1 < target.size()) {
      const std::string surname = target.substr(last_space + 1);
      if (!had.contains(surname)) {
        aliases.push_back(AliasTriple(document, target, surname, "alias/surname", 0.6f));
      }
    }
  }
  return aliases;
}

}  // namespace

absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const PendingNames& names) {
  std::vector<absl::string_view> persons;
  for (const proto::Triple& triple : batch.triples()) {
    if (triple.predicate() == ":label" && triple.object().label() == "Person") {
      persons.push_back(triple.subject().node());
    }
  }
  const Renames renames = FindRenames(persons, names);
  if (renames.in_order.empty()) return absl::OkStatus();
  // The aliases each renamed person already has in the batch.
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> known;
  for (proto::Triple& triple : *batch.mutable_triples()) {
    if (auto it = renames.target.find(triple.subject().node()); it != renames.target.end()) {
      if (triple.predicate() == "alias" &&
          triple.object().value_case() == proto::Term::kStringValue) {
        known[it->first].insert(triple.object().string_value());
      }
      triple.mutable_subject()->set_node(it->second);
    }
    if (triple.object().value_case() == proto::Term::kNode) {
      auto object = renames.target.find(triple.object().node());
      if (object != renames.target.end()) triple.mutable_object()->set_node(object->second);
    }
  }
  for (proto::Triple& alias : RenameAliases(batch.document(), renames, known)) {
    *batch.add_triples() = std::move(alias);
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
  QUARRY_ASSIGN_OR_RETURN(ResolvedDocument resolved, Resolve(batch));
  return AddResolved(std::move(batch), std::move(resolved));
}

absl::StatusOr<bool> ResolvingBulkLoad::FirstSeen(const std::string& id,
                                                  ResolvedDocument& resolved) {
  QUARRY_ASSIGN_OR_RETURN(std::optional<proto::Document> present, snapshot_->GetDocument(id));
  resolved.stored_ =
      present.has_value() ? graph::StoredDocument::kPresent : graph::StoredDocument::kAbsent;
  return !present.has_value() && added_ids_.insert(id).second;
}

absl::StatusOr<ResolvedDocument> ResolvingBulkLoad::Resolve(proto::TripleBatch& batch) {
  ResolvedDocument resolved;
  QUARRY_ASSIGN_OR_RETURN(const bool first_seen, FirstSeen(batch.document().id(), resolved));
  if (first_seen) {
    QUARRY_RETURN_IF_ERROR(ResolveAcrossDocuments(batch, names_));
    names_.Add(batch);
  }
  return resolved;
}

absl::Status ResolvingBulkLoad::AddResolved(proto::TripleBatch&& batch,
                                            ResolvedDocument&& resolved) {
  return loader_->AddBatch(std::move(batch), resolved.stored_);
}

absl::Status ResolvingBulkLoad::Add(graph::WireBatch& batch) {
  QUARRY_ASSIGN_OR_RETURN(ResolvedDocument resolved, Resolve(batch));
  return AddResolved(batch, std::move(resolved));
}

absl::StatusOr<ResolvedDocument> ResolvingBulkLoad::Resolve(graph::WireBatch& batch) {
  ResolvedDocument resolved;
  const proto::Document& document = batch.document();
  QUARRY_ASSIGN_OR_RETURN(const bool first_seen, FirstSeen(document.id(), resolved));
  // A document already loaded, or added twice, is the loader's to skip.
  if (!first_seen) return resolved;
  // ResolveAcrossDocuments on the views: renamed nodes' views point into the renames.
  std::vector<absl::string_view> persons;
  for (const graph::WireTriple& triple : batch.triples()) {
    if (triple.object_kind == graph::TermKind::kLabel && triple.object == "Person") {
      persons.push_back(triple.subject);
    }
  }
  Renames renames = FindRenames(persons, names_);
  if (!renames.in_order.empty()) {
    resolved.renames_ = std::make_unique<Renames>(std::move(renames));
    const Renames& moved = *resolved.renames_;
    absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> known;
    for (graph::WireTriple& triple : batch.mutable_triples()) {
      if (auto it = moved.target.find(triple.subject); it != moved.target.end()) {
        if (triple.predicate == "alias" && triple.object_kind == graph::TermKind::kString) {
          known[it->first].emplace(triple.object);
        }
        triple.subject = it->second;
      }
      if (triple.object_kind == graph::TermKind::kNode) {
        auto object = moved.target.find(triple.object);
        if (object != moved.target.end()) triple.object = object->second;
      }
    }
    resolved.aliases_ = RenameAliases(document, moved, known);
  }
  names_.Add(batch);
  for (const proto::Triple& alias : resolved.aliases_) {
    names_.AddTriple(alias.subject().node(), alias.predicate(), graph::TermKind::kString,
                     alias.object().string_value());
  }
  return resolved;
}

absl::Status ResolvingBulkLoad::AddResolved(graph::WireBatch& batch, ResolvedDocument&& resolved) {
  QUARRY_RETURN_IF_ERROR(loader_->AddWireBatch(batch, resolved.stored_));
  for (proto::Triple& alias : resolved.aliases_) {
    QUARRY_RETURN_IF_ERROR(loader_->Add(std::move(alias)));
  }
  return absl::OkStatus();
}

}  // namespace quarry
