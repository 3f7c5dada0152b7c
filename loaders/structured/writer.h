// Writers for `quarry export`: TSV, JSONL and N-Triples, each producing exactly what the
// matching reader (reader.h) reads back as the same triples. Evidence and relationship
// properties are not written: an exported file is a new document when loaded.
#ifndef QUARRY_LOADERS_STRUCTURED_WRITER_H_
#define QUARRY_LOADERS_STRUCTURED_WRITER_H_

#include <memory>
#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured {

// Writes triples one a line to a stream it does not own (which must outlive it). Not
// thread-safe.
class TripleWriter {
 public:
  virtual ~TripleWriter() = default;

  // Writes one triple. kInvalidArgument when the triple cannot be represented (see
  // CheckExportable, and non-finite doubles in TSV); kDataLoss when the stream fails.
  virtual absl::Status Write(const proto::Triple& triple) = 0;

  // Flushes the stream. kDataLoss when it fails. Call once, after the last Write.
  virtual absl::Status Finish() = 0;
};

// A writer for `format`: "tsv", "jsonl" (or "jsonl-triples") or "nt". kInvalidArgument for
// any other format name.
absl::StatusOr<std::unique_ptr<TripleWriter>> NewTripleWriter(absl::string_view format,
                                                              std::ostream& out);

// The writer of one format each (the formats of NewTripleWriter); never null.
std::unique_ptr<TripleWriter> NewTsvWriter(std::ostream& out);
std::unique_ptr<TripleWriter> NewJsonlWriter(std::ostream& out);
std::unique_ptr<TripleWriter> NewNTriplesWriter(std::ostream& out);

// OK when every writer can write `triple`: the subject is a node with a non-empty name,
// the predicate is non-empty, the object is set, a label object goes with the ":label"
// predicate and only with it, node names are non-empty, and all text is valid UTF-8.
// kInvalidArgument naming the problem otherwise.
absl::Status CheckExportable(const proto::Triple& triple);

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_WRITER_H_
