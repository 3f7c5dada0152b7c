// Scale-out loading in two stages: `ExtractToStream` turns inputs into TripleBatch streams
// without a database (one per worker, e.g. under Dask), and `IngestStreams` loads any number
// of such streams into a database, giving the graph `Database::Load` of the same inputs gives.
#ifndef QUARRY_INGEST_H_
#define QUARRY_INGEST_H_

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "quarry/database.h"
#include "quarry/load.h"

namespace quarry {

// Lines `first` to `last` (1-based, inclusive) of one JSONL file of articles, numbered as in
// the whole file: a part of a large file, so that several extract tasks share it. The
// articles of all the parts, in order, are those of the whole file.
struct LineRange {
  int64_t first = 1;
  int64_t last = std::numeric_limits<int64_t>::max();
};

// Extracts the inputs (files, directories or "-", as for Load) without a database and writes
// one length-delimited TripleBatch (a varint byte count, then the serialized batch) per
// document to `out`, in input order. Names are resolved within each document only. The bytes
// are a function of the inputs, their paths and the knowledge files. An input that fails
// (unreadable, malformed) is reported and left out as Load leaves it out, so that ingesting
// the stream gives the graph Load gives; an error means the output failed, or a path or the
// knowledge files could not be read. With `lines`, the one input must be a JSONL file of
// articles, and only those lines of it are extracted (kInvalidArgument otherwise).
absl::StatusOr<ExtractReport> ExtractToStream(const std::vector<std::string>& paths,
                                              const LoadOptions& options, std::ostream& out,
                                              const LineRange* lines = nullptr);

// Settings of IngestStreams.
struct IngestOptions {
  // Documents written per atomic bulk load; 0 (the default) writes all of them in one. The
  // documents of one load are held in memory until it is written (about 4–5 KB an article,
  // so about 5 GB for a million), which groups bound at a price in time: each group looks
  // up what the store holds. With groups, a batch found corrupt fails after the groups
  // before it were written (whole documents; ingesting again skips them).
  int64_t group_documents = 0;
};

// Loads TripleBatch streams (files, directories of stream files walked in name order, or "-"
// for stdin) into `database`, taking the documents in input order and resolving names across
// documents exactly as Load does. The framing of every stream is checked before anything is
// written, and every batch before anything is written when all go in one load (the
// default): a truncated or corrupt stream fails with kDataLoss naming the file and the byte
// offset of the bad batch, and the database is unchanged. Documents already loaded (or seen
// earlier in the input) are reported as already_present and skipped, so ingesting twice
// changes nothing. `progress` (nullable) is called after each document.
absl::StatusOr<LoadReport> IngestStreams(Database& database, const std::vector<std::string>& paths,
                                         const ProgressCallback& progress,
                                         const IngestOptions& options = IngestOptions());

}  // namespace quarry

#endif  // QUARRY_INGEST_H_
