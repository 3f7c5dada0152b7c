// Cross-document name resolution as a post-pass over an extracted TripleBatch, shared by
// `load` and `ingest` so that both give the same graph.
#ifndef QUARRY_API_RESOLVE_H_
#define QUARRY_API_RESOLVE_H_

#include "absl/status/status.h"
#include "graph/store.h"
#include "proto/quarry.pb.h"

namespace quarry {

// Renames each single-word Person node of `batch` (e.g. a surname) whose name or alias in
// `snapshot`'s `names` index has exactly one Person candidate to that candidate's canonical
// name: every triple of the batch that mentions the node is rewritten, and the single word
// is kept as an alias (plus the new name's surname, as the extractor adds for full names).
// Extraction with store=nullptr followed by this pass equals what the extractor's resolver
// did inside coreference.
absl::Status ResolveAcrossDocuments(proto::TripleBatch& batch, const graph::Snapshot& snapshot);

}  // namespace quarry

#endif  // QUARRY_API_RESOLVE_H_
