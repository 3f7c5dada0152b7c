// Input files, read in one piece (see api/inputs.h).
#include "api/inputs.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "api/articles.h"
#include "loaders/structured/format_detect.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/triple_sink.h"
#include "util/hash.h"
#include "util/status_macros.h"

namespace quarry {

namespace {

// All the bytes of the open descriptor `fd`, named `name` in errors. A regular file is read
// straight into a string of its size plus one byte (one allocation, no copy): a read that
// comes back short has met the end, so a whole file costs one fstat and one read. Whatever
// a growing file added since, and any other kind of file, is read on to the end.
absl::StatusOr<std::string> ReadDescriptor(int fd, absl::string_view name) {
  std::string contents;
  struct stat status;
  size_t expected = 0;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
    expected = static_cast<size_t>(status.st_size);
  }
  size_t filled = 0;
  contents.resize(expected > 0 ? expected + 1 : size_t{1} << 16);
  while (true) {
    const ssize_t got = ::read(fd, contents.data() + filled, contents.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(absl::StrCat(name, ": read error: ", std::strerror(errno)));
    }
    if (got == 0) break;
    filled += static_cast<size_t>(got);
    if (expected > 0 && filled == expected) break;  // short of the extra byte: the end
    if (filled == contents.size()) contents.resize(contents.size() * 2);
  }
  contents.resize(filled);
  return contents;
}

// The bytes of lines [first, last] (1-based) of `content`, each with its newline.
absl::string_view LinesOf(absl::string_view content, int64_t first, int64_t last) {
  size_t begin = 0;
  for (int64_t line = 1; line < first && begin < content.size(); ++line) {
    const size_t newline = content.find('\n', begin);
    begin = newline == absl::string_view::npos ? content.size() : newline + 1;
  }
  size_t end = begin;
  for (int64_t line = first; line <= last && end < content.size(); ++line) {
    const size_t newline = content.find('\n', end);
    end = newline == absl::string_view::npos ? content.size() : newline + 1;
  }
  return content.substr(begin, end - begin);
}

// ForEachExtractedBatch of `lines` of one JSONL file of articles, mapped rather than read
// (the file may be large, and every part's task maps it).
absl::Status ExtractLines(const std::vector<std::string>& files, const LoadOptions& options,
                          const LineRange& lines,
                          const std::function<absl::Status(const proto::TripleBatch&)>& on_batch,
                          const std::function<void(std::string)>& on_failure) {
  if (files.size() != 1 || files[0] == "-") {
    return absl::InvalidArgumentError("--lines takes one file (a JSONL file of articles)");
  }
  const std::string& file = files[0];
  QUARRY_ASSIGN_OR_RETURN(InputBytes input, InputBytes::Open(file));
  QUARRY_ASSIGN_OR_RETURN(const std::string format,
                          ChooseFormat(options.format, file, input.bytes().substr(0, 4096)));
  if (format != "jsonl-articles") {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": --lines takes a JSONL file of articles, not ", format));
  }
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<ArticlePipeline> articles,
                          ArticlePipeline::Create(options.gazetteers));
  absl::Status output_error;
  absl::Status status = articles->Extract(
      LinesOf(input.bytes(), lines.first, lines.last), file, format, nullptr,
      [&](const proto::TripleBatch& batch) {
        output_error = on_batch(batch);
        return output_error;
      },
      lines.first);
  QUARRY_RETURN_IF_ERROR(output_error);
  if (!status.ok()) on_failure(FailureMessage(file, status));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    // From std::cin's buffer (which an embedder may replace) in large pieces: read a
    // character at a time, a 300 MB stream took 4x as long to ingest from a pipe.
    std::string contents;
    char buffer[1 << 16];
    std::streamsize got;
    while ((got = std::cin.rdbuf()->sgetn(buffer, sizeof(buffer))) > 0) {
      contents.append(buffer, static_cast<size_t>(got));
    }
    if (std::cin.bad()) return absl::DataLossError("<stdin>: read error");
    return contents;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(absl::StrCat(path, ": cannot open for reading"));
  absl::StatusOr<std::string> contents = ReadDescriptor(fd, path);
  ::close(fd);
  return contents;
}

absl::StatusOr<InputBytes> InputBytes::Open(const std::string& path) {
  InputBytes input;
  if (path == "-") {
    QUARRY_ASSIGN_OR_RETURN(input.read_, ReadInput(path));
    return input;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(absl::StrCat(path, ": cannot open for reading"));
  struct stat status;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
    void* mapped =
        ::mmap(nullptr, static_cast<size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped != MAP_FAILED) {
      ::close(fd);
      ::madvise(mapped, static_cast<size_t>(status.st_size), MADV_SEQUENTIAL);
      input.mapped_ = mapped;
      input.mapped_size_ = static_cast<size_t>(status.st_size);
      return input;
    }
  }
  // Not mappable (a pipe, a device, an empty file): read this descriptor, not the path
  // again, so that a named pipe's writer never sees its reader go away.
  absl::StatusOr<std::string> contents = ReadDescriptor(fd, path);
  ::close(fd);
  QUARRY_ASSIGN_OR_RETURN(input.read_, std::move(contents));
  return input;
}

InputBytes::InputBytes(InputBytes&& other) noexcept { *this = std::move(other); }

InputBytes& InputBytes::operator=(InputBytes&& other) noexcept {
  if (this == &other) return *this;
  if (mapped_ != nullptr) ::munmap(mapped_, mapped_size_);
  read_ = std::move(other.read_);
  other.read_.clear();
  mapped_ = std::exchange(other.mapped_, nullptr);
  mapped_size_ = std::exchange(other.mapped_size_, 0);
  return *this;
}

InputBytes::~InputBytes() {
  if (mapped_ != nullptr) ::munmap(mapped_, mapped_size_);
}

absl::StatusOr<std::string> ChooseFormat(absl::string_view requested, absl::string_view path,
                                         absl::string_view head) {
  if (requested == "auto") return loaders::structured::DetectFormat(path, head);
  if (requested == "jsonl") return loaders::structured::DetectJsonlKind(path, head);
  return std::string(requested);
}

bool IsStructuredFormat(absl::string_view format) {
  return format == "tsv" || format == "nt" || format == "jsonl-triples";
}

proto::Document StructuredDocument(const std::string& file, absl::string_view reader_format,
                                   absl::string_view id) {
  proto::Document document;
  document.set_source(file == "-" ? "<stdin>" : file);
  document.set_title(file == "-" ? "<stdin>" : std::filesystem::path(file).filename().string());
  document.set_format(std::string(reader_format));
  document.set_id(std::string(id));
  return document;
}

std::string ReaderFormat(absl::string_view format) {
  return format == "jsonl-triples" || format == "jsonl-articles" ? "jsonl" : std::string(format);
}

std::string FailureMessage(const std::string& file, const absl::Status& status) {
  const std::string name = file == "-" ? "<stdin>" : file;
  std::string message(status.message());
  if (!absl::StartsWith(message, name)) message = absl::StrCat(name, ": ", message);
  return message;
}

absl::Status ForEachExtractedBatch(
    const std::vector<std::string>& paths, const LoadOptions& options,
    const std::function<absl::Status(const proto::TripleBatch&)>& on_batch,
    const std::function<void(std::string)>& on_failure, const LineRange* lines) {
  QUARRY_ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandInputs(paths));
  if (lines != nullptr) return ExtractLines(files, options, *lines, on_batch, on_failure);
  std::unique_ptr<ArticlePipeline> articles;
  // An error of `on_batch` (the output failing) ends the extraction, unlike the input's.
  absl::Status output_error;
  auto pass_on = [&](const proto::TripleBatch& batch) {
    output_error = on_batch(batch);
    return output_error;
  };
  for (const std::string& file : files) {
    absl::StatusOr<std::string> content = ReadInput(file);
    if (!content.ok()) {
      on_failure(FailureMessage(file, content.status()));
      continue;
    }
    const std::string name = file == "-" ? "<stdin>" : file;
    absl::StatusOr<std::string> format =
        ChooseFormat(options.format, file, absl::string_view(*content).substr(0, 4096));
    if (!format.ok()) {
      on_failure(FailureMessage(file, format.status()));
      continue;
    }
    absl::Status status;
    if (IsStructuredFormat(*format)) {
      // All or nothing, as Load writes a structured file in one load.
      proto::TripleBatch batch;
      *batch.mutable_document() =
          StructuredDocument(file, ReaderFormat(*format), ContentHash(*content));
      loaders::structured::BatchCollector sink(batch);
      std::istringstream stream(*content);
      status = loaders::structured::ReadTriples(ReaderFormat(*format), stream, name,
                                                batch.document().id(), sink);
      if (status.ok()) status = pass_on(batch);
    } else {
      if (articles == nullptr) {
        QUARRY_ASSIGN_OR_RETURN(articles, ArticlePipeline::Create(options.gazetteers));
      }
      // The articles before one that fails stay, as Load keeps them.
      status = articles->Extract(*content, name, *format, nullptr, pass_on);
    }
    QUARRY_RETURN_IF_ERROR(output_error);
    if (!status.ok()) on_failure(FailureMessage(file, status));
  }
  return absl::OkStatus();
}

}  // namespace quarry
