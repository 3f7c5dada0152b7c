// Input files, read in one piece (see api/inputs.h).
#include "api/inputs.h"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>

#include "absl/strings/str_cat.h"
#include "loaders/structured/format_detect.h"

namespace quarry {

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::string contents((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
    if (std::cin.bad()) return absl::DataLossError("<stdin>: read error");
    return contents;
  }
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr) return absl::NotFoundError(absl::StrCat(path, ": cannot open for reading"));
  std::string contents;
  char buffer[1 << 16];
  size_t read;
  while ((read = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) {
    contents.append(buffer, read);
  }
  if (std::ferror(file.get())) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return contents;
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

}  // namespace quarry
