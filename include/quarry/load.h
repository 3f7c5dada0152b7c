// Loading files into a database, and extracting triples without one (`--dry-run`).
#ifndef QUARRY_LOAD_H_
#define QUARRY_LOAD_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace quarry {

// How to read the inputs of a load.
struct LoadOptions {
  // "auto" (by extension and content), "text", "markdown", "html", "jsonl" (articles or
  // triples, by content), "tsv" or "nt".
  std::string format = "auto";
  // Extra knowledge files or directories for the article extractor (`--gazetteer`).
  std::vector<std::string> gazetteers;
  // The memory for sorting a large structured file's triples, in MiB (`--sort-memory`): its
  // bulk load sorts them in runs of this size, spilled to work files in the database
  // directory. 0 means the default, 160.
  int64_t sort_memory_mb = 0;
  // Articles are written this many documents at a time (`--commit-every`; 0 means the
  // default, 16384), each group resolved against the graph plus the documents before it: a
  // group of 64 or more in one atomic bulk load, a smaller one document by document. A group
  // is held in memory (about 10 KB an article) until it is written, while the next is
  // extracted.
  int64_t article_group_documents = 0;
};

// What happened to one input document.
struct LoadedDocument {
  std::string path;
  std::string document_id;
  std::string title;
  bool already_present = false;
  int64_t triples_added = 0;
  int64_t triples_in_document = 0;
};

// A load's outcome: the documents loaded or skipped, and the inputs that failed.
struct LoadReport {
  std::vector<LoadedDocument> documents;
  // One message per failed input, naming the file (and line where known).
  std::vector<std::string> failures;
  int64_t bytes_read = 0;
};

// Progress of a load, reported after each document, and while a large structured file is
// bulk-loaded: every 256K triples read, then once before its indexes are written.
struct LoadProgress {
  int64_t files_done = 0;
  int64_t files_total = 0;
  int64_t bytes_done = 0;
  int64_t bytes_total = 0;
  int64_t documents = 0;
  int64_t triples_added = 0;
  // Triples read so far from the file being bulk-loaded (not yet added).
  int64_t triples_read = 0;
  // True while the read triples of a bulk load are sorted and written.
  bool writing_indexes = false;
};
using ProgressCallback = std::function<void(const LoadProgress&)>;

// Expands `paths` (files, directories walked recursively in name order, or "-" for stdin)
// into the list of input files. kNotFound for a missing path.
absl::StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& paths);

// What an extraction without a database wrote: its documents, and one message per input
// that failed (naming the file, and the line where known), left out as Load leaves it out.
struct ExtractReport {
  int64_t documents = 0;
  std::vector<std::string> failures;
};

// Extracts the triples of the inputs without a database and writes them to `out`, one
// `subject<TAB>predicate<TAB>object` line each (canonical names; literals as in TSV). An
// input that fails is reported and the others written, as Load does; an error means the
// output failed, or a path or the knowledge files could not be read.
absl::StatusOr<ExtractReport> ExtractToText(const std::vector<std::string>& paths,
                                            const LoadOptions& options, std::ostream& out);

}  // namespace quarry

#endif  // QUARRY_LOAD_H_
