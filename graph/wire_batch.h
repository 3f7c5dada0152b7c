// A TripleBatch read in place from its serialized bytes, for the bulk path of `quarry ingest`:
// the terms and evidence of its triples are views into those bytes, so that a bulk load
// builds no message per triple and serializes no piece of evidence again (it copies the
// pieces' bytes as they are). Only the shape that extraction writes is read this way: node
// subjects, node, label or string objects, evidence but no properties, every field in the
// canonical encoding (ascending, once, no default scalars, minimal varints) and valid UTF-8.
// Anything else is left to protobuf and the message path, which give the same result, or
// the error.
#ifndef QUARRY_GRAPH_WIRE_BATCH_H_
#define QUARRY_GRAPH_WIRE_BATCH_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "graph/term.h"
#include "proto/quarry.pb.h"

namespace quarry::graph {

// A date of serialized evidence.
struct WireDate {
  bool present = false;
  int32_t year = 0;
  int32_t month = 0;
  int32_t day = 0;
};

// What a bulk load needs of one serialized Evidence without its document id: the fields that
// make it distinct among a triple's evidence (as ApplyDelta compares them) and its dates.
struct EvidenceFields {
  int32_t sentence = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  absl::string_view rule;  // a view into the bytes read
  WireDate event_date;
  WireDate document_date;
};

// Reads `bytes`, the fields of an Evidence after its document id (fields 2 to 8), into
// `fields`. False when they are not in the canonical encoding (see above).
bool ReadEvidenceFields(absl::string_view bytes, EvidenceFields* fields);

// As ReadEvidenceFields, faster, for bytes that it accepted before: checks nothing.
void DecodeEvidenceFields(absl::string_view bytes, EvidenceFields* fields);

// One triple of a WireBatch. The views point into the batch's bytes.
struct WireTriple {
  absl::string_view subject;  // a node's name, not empty
  absl::string_view predicate;
  TermKind object_kind = TermKind::kInvalid;  // kNode, kLabel or kString
  absl::string_view object;
  // Its evidence: pieces [first_piece, first_piece + piece_count) of the batch, one or more.
  uint32_t first_piece = 0;
  uint32_t piece_count = 0;
};

// One piece of evidence of a WireBatch: its fields after the document id (which the batch's
// document gives), and whether it has a document date of its own.
struct WirePiece {
  absl::string_view bytes;
  bool has_document_date = false;
  bool dated = false;  // it has a date of its own: an event date or a document date
};

// A TripleBatch read in place (see above). Reusable: Read clears what the last one read.
class WireBatch {
 public:
  // Reads one serialized TripleBatch, which must outlive the views. False when it is not of
  // the shape read in place, or is malformed: then parse it as a message instead.
  bool Read(absl::string_view bytes);

  // The bytes last read.
  absl::string_view bytes() const { return bytes_; }
  // Its document, parsed as a message; may be moved from.
  proto::Document& document() { return document_; }
  const proto::Document& document() const { return document_; }
  // The same document serialized, as the bytes read hold it.
  absl::string_view document_bytes() const { return document_bytes_; }
  const std::vector<WireTriple>& triples() const { return triples_; }
  // The triples, for pointing their terms elsewhere (the views must outlive their use).
  std::vector<WireTriple>& mutable_triples() { return triples_; }
  const std::vector<WirePiece>& pieces() const { return pieces_; }

 private:
  absl::string_view bytes_;
  absl::string_view document_bytes_;
  proto::Document document_;
  std::vector<WireTriple> triples_;
  std::vector<WirePiece> pieces_;
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_WIRE_BATCH_H_
