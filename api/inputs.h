// Reading the inputs of load, extract and ingest: whole files or stdin, and each file's
// format.
#ifndef QUARRY_API_INPUTS_H_
#define QUARRY_API_INPUTS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"
#include "quarry/ingest.h"
#include "quarry/load.h"

namespace quarry {

// All the bytes of `path` ("-" is stdin). Errors name the path.
absl::StatusOr<std::string> ReadInput(const std::string& path);

// The bytes of one input, for reading it whole without a copy: a regular file is mapped
// read-only (so it must not shrink while this holds it: `extract` replaces its outputs by
// rename, which leaves a mapping intact); stdin and other files are read into memory.
class InputBytes {
 public:
  // Errors name the path ("-" is stdin).
  static absl::StatusOr<InputBytes> Open(const std::string& path);

  InputBytes(InputBytes&& other) noexcept;
  InputBytes& operator=(InputBytes&& other) noexcept;
  ~InputBytes();

  absl::string_view bytes() const {
    return mapped_ != nullptr ? absl::string_view(static_cast<const char*>(mapped_), mapped_size_)
                              : absl::string_view(read_);
  }

 private:
  InputBytes() = default;

  std::string read_;
  void* mapped_ = nullptr;
  size_t mapped_size_ = 0;
};

// The format of one input: `requested` ("auto", "jsonl" or a format name), resolved by the
// extension of `path` and the first bytes of its content, `head`.
absl::StatusOr<std::string> ChooseFormat(absl::string_view requested, absl::string_view path,
                                         absl::string_view head);

// Whether `format` (as ChooseFormat returns it) holds triples rather than articles.
bool IsStructuredFormat(absl::string_view format);

// The document a structured file (or stdin, "-") is loaded as: its source and title, the
// reader's format, and `id` (the content hash of its bytes).
proto::Document StructuredDocument(const std::string& file, absl::string_view reader_format,
                                   absl::string_view id);

// The format a reader takes for a format as ChooseFormat names it ("jsonl-triples" and
// "jsonl-articles" are both read as "jsonl").
std::string ReaderFormat(absl::string_view format);

// Makes Database::Load cut a JSONL file of articles larger than `most_whole_bytes` into runs
// of lines of about `bytes` (0, 0 restores the defaults: 4 MiB and 256 KiB), so that tests
// exercise the cutting on small files.
void SetJsonlPiecesForTesting(int64_t most_whole_bytes, size_t bytes);

// The message a load reports for `file` failing with `status`: the message, led by the
// file's name unless it names it already ("<stdin>" for "-").
std::string FailureMessage(const std::string& file, const absl::Status& status);

// Extraction without a database, the first stage of `extract` and `load --dry-run`: each
// input read whole, a structured file as one batch (the document StructuredDocument makes),
// an article file as one batch per article. `on_batch` gets them in input order. A file that
// fails (it cannot be read, its format is unknown, it is malformed, an article does not
// extract) goes to `on_failure`, its message naming it, and the next file follows, as
// Database::Load does: the articles of a file before the one that failed stay, a structured
// file is all or nothing. An error of `on_batch`, or knowledge files that do not load, ends
// the extraction and is returned.
// With `lines`, the one input must be a JSONL file of articles, of which only those lines
// are extracted (see LineRange).
absl::Status ForEachExtractedBatch(
    const std::vector<std::string>& paths, const LoadOptions& options,
    const std::function<absl::Status(const proto::TripleBatch&)>& on_batch,
    const std::function<void(std::string)>& on_failure, const LineRange* lines = nullptr);

}  // namespace quarry

#endif  // QUARRY_API_INPUTS_H_
