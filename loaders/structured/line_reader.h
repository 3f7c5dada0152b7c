// Reads an input stream one line at a time with bounded memory, tracking line numbers and
// byte offsets for error messages and evidence spans, and validating UTF-8.
#ifndef QUARRY_LOADERS_STRUCTURED_LINE_READER_H_
#define QUARRY_LOADERS_STRUCTURED_LINE_READER_H_

#include <cstdint>
#include <istream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace quarry::loaders::structured {

// Splits a stream into lines. Lines end at '\n'; a trailing '\r' is dropped, as is a UTF-8
// byte-order mark at the start of the stream. Memory use is the longest line plus one read
// chunk. Not thread-safe; the stream must outlive the reader.
class LineReader {
 public:
  // `file_name` prefixes error messages; `max_line_bytes` bounds a line's length.
  LineReader(std::istream& in, absl::string_view file_name, size_t max_line_bytes);

  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Advances to the next line: true when there is one, false at end of input. Errors, all
  // prefixed "FILE:LINE:COL: ": kInvalidArgument for a line longer than `max_line_bytes`
  // or for invalid UTF-8 (naming the file byte offset); kDataLoss when the stream fails.
  absl::StatusOr<bool> Next();

  // The current line, without its terminator; valid until the next call to Next.
  absl::string_view line() const { return line_; }
  // 1-based number of the current line.
  int64_t line_number() const { return line_number_; }
  // Byte offset of the current line's first byte in the stream.
  uint64_t line_offset() const { return line_offset_; }
  // Bytes read from the stream so far.
  uint64_t bytes_read() const { return base_offset_ + end_; }

 private:
  // Reads one more chunk into the buffer; sets eof_ at end of input.
  absl::Status Fill();

  std::istream& in_;
  std::string file_name_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t begin_ = 0;          // First unconsumed byte in buffer_.
  size_t scan_ = 0;           // Where the search for '\n' resumes.
  size_t end_ = 0;            // End of valid data in buffer_.
  uint64_t base_offset_ = 0;  // Stream offset of buffer_[0].
  bool eof_ = false;
  absl::string_view line_;
  int64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
};

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_LINE_READER_H_
