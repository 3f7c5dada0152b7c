// Fuzzes reading TripleBatch bytes in place (graph/wire_batch.h): whatever WireBatch::Read
// accepts, protobuf must parse too, to the same terms and evidence (each piece the message's
// evidence without its document id, with the fields ReadEvidenceFields and
// DecodeEvidenceFields find). Any difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "graph/term.h"
#include "graph/wire_batch.h"
#include "proto/quarry.pb.h"

namespace {

using quarry::graph::TermKind;

void Check(bool condition) {
  if (!condition) abort();
}

// The term a WireTriple's object view stands for.
bool SameObject(const quarry::proto::Term& term, TermKind kind, absl::string_view value) {
  switch (kind) {
    case TermKind::kNode:
      return term.value_case() == quarry::proto::Term::kNode && term.node() == value;
    case TermKind::kLabel:
      return term.value_case() == quarry::proto::Term::kLabel && term.label() == value;
    case TermKind::kString:
      return term.value_case() == quarry::proto::Term::kStringValue && term.string_value() == value;
    default:
      return false;
  }
}

void CheckDate(const quarry::graph::WireDate& read, bool present, const quarry::proto::Date& date) {
  Check(read.present == present);
  Check(read.year == date.year() && read.month == date.month() && read.day == date.day());
}

void CheckFields(const quarry::graph::EvidenceFields& fields,
                 const quarry::proto::Evidence& evidence) {
  Check(fields.sentence == evidence.sentence_index());
  Check(fields.begin == evidence.span().begin() && fields.end == evidence.span().end());
  Check(fields.rule == evidence.rule());
  CheckDate(fields.event_date, evidence.has_event_date(), evidence.event_date());
  CheckDate(fields.document_date, evidence.has_document_date(), evidence.document_date());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  quarry::graph::WireBatch wire;
  if (!wire.Read(bytes)) return 0;
  quarry::proto::TripleBatch batch;
  Check(batch.ParseFromString(bytes));
  Check(batch.document().SerializeAsString() == wire.document().SerializeAsString());
  Check(static_cast<int>(wire.triples().size()) == batch.triples_size());
  for (int index = 0; index < batch.triples_size(); ++index) {
    const quarry::proto::Triple& triple = batch.triples(index);
    const quarry::graph::WireTriple& read = wire.triples()[index];
    Check(triple.subject().value_case() == quarry::proto::Term::kNode);
    Check(triple.subject().node() == read.subject);
    Check(triple.predicate() == read.predicate);
    Check(SameObject(triple.object(), read.object_kind, read.object));
    Check(triple.properties_size() == 0);
    Check(static_cast<int>(read.piece_count) == triple.evidence_size());
    for (int piece = 0; piece < triple.evidence_size(); ++piece) {
      quarry::proto::Evidence evidence = triple.evidence(piece);
      evidence.clear_document_id();
      const quarry::graph::WirePiece& wire_piece = wire.pieces()[read.first_piece + piece];
      Check(wire_piece.bytes == evidence.SerializeAsString());
      Check(wire_piece.has_document_date == evidence.has_document_date());
      quarry::graph::EvidenceFields fields;
      Check(quarry::graph::ReadEvidenceFields(wire_piece.bytes, &fields));
      CheckFields(fields, evidence);
      quarry::graph::DecodeEvidenceFields(wire_piece.bytes, &fields);
      CheckFields(fields, evidence);
    }
  }
  return 0;
}
