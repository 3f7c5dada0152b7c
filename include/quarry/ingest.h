// Scale-out loading in two stages: `ExtractToStream` turns inputs into TripleBatch streams
// without a database (one per worker, e.g. under Dask), and `IngestStreams` loads any number
// of such streams into a database, giving the graph `Database::Load` of the same inputs gives.
#ifndef QUARRY_INGEST_H_
#define QUARRY_INGEST_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "quarry/database.h"
#include "quarry/load.h"

namespace quarry {

// Extracts the inputs (files, directories or "-", as for Load) without a database and writes
// one length-delimited TripleBatch (a varint byte count, then the serialized batch) per
// document to `out`, in input order. Names are resolved within each document only. The bytes
// are a function of the inputs, their paths and the knowledge files. Errors name the file.
absl::Status ExtractToStream(const std::vector<std::string>& paths, const LoadOptions& options,
                             std::ostream& out);

// Loads TripleBatch streams (files, directories of stream files walked in name order, or "-"
// for stdin) into `database`, taking the documents in input order and resolving names across
// documents exactly as Load does. Every stream is read and checked before anything is
// written: a truncated or corrupt stream fails with kDataLoss naming the file and the byte
// offset of the bad batch, and the database is unchanged. Documents already loaded (or seen
// earlier in the input) are reported as already_present and skipped, so ingesting twice
// changes nothing. `progress` (nullable) is called after each document.
absl::StatusOr<LoadReport> IngestStreams(Database& database, const std::vector<std::string>& paths,
                                         const ProgressCallback& progress);

}  // namespace quarry

#endif  // QUARRY_INGEST_H_
