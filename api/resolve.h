// Cross-document name resolution as a post-pass over an extracted TripleBatch, shared by
// `load` and `ingest` so that both give the same graph.
#ifndef QUARRY_API_RESOLVE_H_
#define QUARRY_API_RESOLVE_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "graph/bulk_loader.h"
#include "graph/store.h"
#include "graph/wire_batch.h"
#include "proto/quarry.pb.h"

namespace quarry {

// Renames each single-word Person node of `batch` (e.g. a surname) whose name or alias in
// `snapshot`'s `names` index has exactly one Person candidate to that candidate's canonical
// name: every triple of the batch that mentions the node is rewritten, and the single word
// is kept as an alias (plus the new name's surname, as the extractor adds for full names).
// Extraction with store=nullptr followed by this pass equals what the extractor's resolver
// did inside coreference.
absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const graph::Snapshot& snapshot);

// The Person names of a graph as it will be once some pending batches are loaded: a snapshot
// taken before them plus the names (node names and aliases) and Person labels of the batches
// added since. Lets `ingest` resolve batch after batch before writing any of them, with the
// answers a snapshot taken between single loads would give.
class PendingNames {
 public:
  // `snapshot` (may be null: an empty graph) must outlive this.
  explicit PendingNames(const graph::Snapshot* snapshot) : snapshot_(snapshot) {}

  // The canonical name of the only Person node that `surface` names, or "" when there is
  // none or more than one (the rule of loaders/coreference.cc).
  std::string OnlyPersonNamed(absl::string_view surface) const;

  // Records the names and Person labels of `batch`, which will be loaded after those before.
  void Add(const proto::TripleBatch& batch);
  void Add(const graph::WireBatch& batch);

  // Records what one triple says of names: an alias, or that its subject is a Person.
  void AddTriple(absl::string_view subject, absl::string_view predicate,
                 graph::TermKind object_kind, absl::string_view object);

 private:
  // The nodes of the snapshot that `surface` names, each with whether it is a Person: looked
  // up once per surface (the same surnames recur from document to document).
  const std::vector<std::pair<std::string, bool>>& SnapshotCandidates(
      absl::string_view surface) const;

  const graph::Snapshot* snapshot_;
  mutable absl::flat_hash_map<std::string, std::vector<std::pair<std::string, bool>>>
      snapshot_candidates_;
  // The snapshot's id of the label Person (nullopt inside: none), once looked up.
  mutable std::optional<std::optional<graph::TermId>> person_label_;
  // Folded name -> the nodes it names, in the added batches: Person nodes by their own name,
  // and any node by its aliases.
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> nodes_by_name_;
  absl::flat_hash_set<std::string> persons_;
};

// As above, against `names`.
absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const PendingNames& names);

struct Renames;

// A document as ResolvingBulkLoad::Resolve left it, for AddResolved: the alias triples that
// renaming adds, and the new names, into which the renamed views of its WireBatch point.
class ResolvedDocument {
 public:
  ResolvedDocument();
  ResolvedDocument(ResolvedDocument&&) noexcept;
  ResolvedDocument& operator=(ResolvedDocument&&) noexcept;
  ~ResolvedDocument();

 private:
  friend class ResolvingBulkLoad;
  std::unique_ptr<Renames> renames_;  // null when nothing was renamed
  std::vector<proto::Triple> aliases_;
  // Whether the store held the document before the load: found once, for the loader too.
  graph::StoredDocument stored_ = graph::StoredDocument::kUnknown;
};

// Loads extracted documents in one atomic bulk load (graph/bulk_loader.h) that gives the
// graph loading each in turn would give: each document is resolved against the graph plus
// the documents added before it, and one already loaded, or added twice, is skipped without
// touching the names. Shared by `ingest` and by `load` of many articles.
class ResolvingBulkLoad {
 public:
  // Begins the load; holds the store's writer lock until Finish or destruction.
  static absl::StatusOr<std::unique_ptr<ResolvingBulkLoad>> Start(
      graph::Store& store, const graph::BulkLoadOptions& options = {});

  // Resolves `batch` (a document's extracted triples) and adds it.
  absl::Status Add(proto::TripleBatch&& batch);

  // As Add of the TripleBatch that `batch` read, in place (graph::BulkLoader::AddWireBatch:
  // the bytes it read must outlive Finish). Renaming changes the views of `batch`.
  absl::Status Add(graph::WireBatch& batch);

  // Add's two halves, which two threads may run at once, one each, so that resolving the
  // next documents overlaps adding these: Resolve renames `batch` against the documents
  // resolved before it and records its names; AddResolved adds it to the load. Documents
  // must reach AddResolved in the order they were resolved, each with its ResolvedDocument
  // (which `batch`'s views may point into).
  absl::StatusOr<ResolvedDocument> Resolve(graph::WireBatch& batch);
  absl::Status AddResolved(graph::WireBatch& batch, ResolvedDocument&& resolved);
  // The same for a parsed batch, which Resolve renames and extends in place.
  absl::StatusOr<ResolvedDocument> Resolve(proto::TripleBatch& batch);
  absl::Status AddResolved(proto::TripleBatch&& batch, ResolvedDocument&& resolved);

  // A hint: about `count` more triples will be added (graph::BulkLoader::ExpectArticleTriples).
  void ExpectTriples(int64_t count) { loader_->ExpectArticleTriples(count); }

  // Writes everything atomically: one result per document added, in order. After an error
  // the store is unchanged.
  absl::StatusOr<std::vector<graph::ApplyResult>> Finish() { return loader_->Finish(); }

 private:
  ResolvingBulkLoad(std::unique_ptr<graph::BulkLoader> loader,
                    std::unique_ptr<graph::Snapshot> snapshot)
      : loader_(std::move(loader)), snapshot_(std::move(snapshot)), names_(snapshot_.get()) {}

  // Whether document `id` is new to the load (neither stored nor resolved before); notes in
  // `resolved` whether the store has it, for the loader.
  absl::StatusOr<bool> FirstSeen(const std::string& id, ResolvedDocument& resolved);

  std::unique_ptr<graph::BulkLoader> loader_;
  std::unique_ptr<graph::Snapshot> snapshot_;  // the graph before this load
  PendingNames names_;
  absl::flat_hash_set<std::string> added_ids_;
};

}  // namespace quarry

#endif  // QUARRY_API_RESOLVE_H_
