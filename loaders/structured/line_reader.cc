// LineReader: a growable buffer refilled in chunks; a line is a view into it.
#include "loaders/structured/line_reader.h"

#include <algorithm>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "loaders/structured/utf8.h"

namespace quarry::loaders::structured {
namespace {

constexpr size_t kChunkBytes = 256 << 10;

}  // namespace

LineReader::LineReader(std::istream& in, absl::string_view file_name, size_t max_line_bytes)
    : in_(in), file_name_(file_name), max_line_bytes_(max_line_bytes) {}

absl::Status LineReader::Fill() {
  // Move the partial line to the front so the buffer holds at most one line plus a chunk.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    base_offset_ += begin_;
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  const size_t needed = end_ + kChunkBytes;
  if (buffer_.size() < needed) {
    // Grow by half rather than letting std::string double, and never far past the line
    // limit: a line near the limit costs about its own size, not twice that.
    if (buffer_.capacity() < needed) {
      const size_t cap = max_line_bytes_ + 2 * kChunkBytes;
      buffer_.reserve(std::max(needed, std::min(buffer_.capacity() / 2 * 3, cap)));
    }
    buffer_.resize(needed);
  }
  in_.read(buffer_.data() + end_, static_cast<std::streamsize>(kChunkBytes));
  const auto count = static_cast<size_t>(in_.gcount());
  end_ += count;
  if (count < kChunkBytes) {
    if (in_.bad() || !in_.eof()) {
      return absl::DataLossError(
          absl::StrCat(file_name_, ": read error after ", base_offset_ + end_, " bytes"));
    }
    eof_ = true;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> LineReader::Next() {
  const char* newline = nullptr;
  while (true) {
    newline = static_cast<const char*>(std::memchr(buffer_.data() + scan_, '\n', end_ - scan_));
    if (newline != nullptr) break;
    scan_ = end_;
    if (end_ - begin_ > max_line_bytes_) break;  // Reported below.
    if (eof_) {
      if (begin_ == end_) return false;
      break;  // A last line without a terminator.
    }
    absl::Status status = Fill();
    if (!status.ok()) return status;
  }
  const size_t line_end = newline != nullptr ? newline - buffer_.data() : end_;
  ++line_number_;
  line_offset_ = base_offset_ + begin_;
  if (line_end - begin_ > max_line_bytes_) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s:%d:1: line is longer than the limit of %d bytes", file_name_,
                        line_number_, max_line_bytes_));
  }
  line_ = absl::string_view(buffer_.data() + begin_, line_end - begin_);
  begin_ = newline != nullptr ? line_end + 1 : line_end;
  scan_ = begin_;
  if (line_offset_ == 0 && absl::StartsWith(line_, "\xEF\xBB\xBF")) {
    line_.remove_prefix(3);
    line_offset_ = 3;
  }
  if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
  const size_t invalid = FindInvalidUtf8(line_);
  if (invalid != kValidUtf8) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:%d:%d: invalid UTF-8 (byte 0x%02X at file offset %d)", file_name_, line_number_,
        invalid + 1, static_cast<unsigned char>(line_[invalid]), line_offset_ + invalid));
  }
  return true;
}

}  // namespace quarry::loaders::structured
