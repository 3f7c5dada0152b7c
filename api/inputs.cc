// Input files, read in one piece (see api/inputs.h).
#include "api/inputs.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/articles.h"
#include "loaders/structured/format_detect.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/triple_sink.h"
#include "util/hash.h"
#include "util/status_macros.h"

namespace quarry {

namespace {

// All the bytes of `file`, already open and named `name` in errors. A regular file is read
// straight into a string of its size (one allocation, no copy), then whatever a growing
// file added since.
absl::StatusOr<std::string> ReadOpenFile(FILE* file, absl::string_view name) {
  std::string contents;
  struct stat status;
  if (::fstat(::fileno(file), &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
    contents.resize(static_cast<size_t>(status.st_size));
    contents.resize(std::fread(contents.data(), 1, contents.size(), file));
  }
  char buffer[1 << 16];
  size_t read;
  while ((read = std::fread(buffer, 1, sizeof(buffer), file)) > 0) contents.append(buffer, read);
  if (std::ferror(file)) return absl::DataLossError(absl::StrCat(name, ": read error"));
  return contents;
}

}  // namespace

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::string contents((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
    if (std::cin.bad()) return absl::DataLossError("<stdin>: read error");
    return contents;
  }
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr) return absl::NotFoundError(absl::StrCat(path, ": cannot open for reading"));
  return ReadOpenFile(file.get(), path);
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
  std::unique_ptr<FILE, int (*)(FILE*)> file(::fdopen(fd, "rb"), &std::fclose);
  if (file == nullptr) {
    ::close(fd);
    return absl::InternalError(absl::StrCat(path, ": cannot read"));
  }
  QUARRY_ASSIGN_OR_RETURN(input.read_, ReadOpenFile(file.get(), path));
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

absl::Status ForEachExtractedBatch(
    const std::vector<std::string>& paths, const LoadOptions& options,
    const std::function<absl::Status(const proto::TripleBatch&)>& on_batch) {
  QUARRY_ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandInputs(paths));
  std::unique_ptr<ArticlePipeline> articles;
  for (const std::string& file : files) {
    QUARRY_ASSIGN_OR_RETURN(std::string content, ReadInput(file));
    const std::string name = file == "-" ? "<stdin>" : file;
    QUARRY_ASSIGN_OR_RETURN(
        const std::string format,
        ChooseFormat(options.format, file, absl::string_view(content).substr(0, 4096)));
    if (IsStructuredFormat(format)) {
      proto::TripleBatch batch;
      *batch.mutable_document() =
          StructuredDocument(file, ReaderFormat(format), ContentHash(content));
      loaders::structured::BatchCollector sink(batch);
      std::istringstream stream(content);
      QUARRY_RETURN_IF_ERROR(loaders::structured::ReadTriples(ReaderFormat(format), stream, name,
                                                              batch.document().id(), sink));
      QUARRY_RETURN_IF_ERROR(on_batch(batch));
      continue;
    }
    if (articles == nullptr) {
      QUARRY_ASSIGN_OR_RETURN(articles, ArticlePipeline::Create(options.gazetteers));
    }
    QUARRY_RETURN_IF_ERROR(articles->Extract(content, name, format, nullptr, on_batch));
  }
  return absl::OkStatus();
}

}  // namespace quarry
