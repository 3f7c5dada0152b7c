// Input format detection for `quarry load --format auto`: by file extension first, then by
// looking at the first bytes of the input.
#ifndef QUARRY_LOADERS_STRUCTURED_FORMAT_DETECT_H_
#define QUARRY_LOADERS_STRUCTURED_FORMAT_DETECT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace quarry::loaders::structured {

// Returns the format of the input at `path` ("-" for standard input) whose first bytes are
// `head` (pass at least the first 4 KiB, or the whole input when shorter): one of "tsv",
// "nt", "jsonl-triples", "jsonl-articles", "text", "markdown", "html".
//
// 1. The extension of the last path component decides, case-insensitively: .tsv .tab ->
//    tsv; .nt -> nt; .md .markdown -> markdown; .html .htm .xhtml -> html; .txt .text ->
//    text; .jsonl .ndjson .json -> JSONL, whose kind DetectJsonlKind gives.
// 2. Otherwise `head` decides (a UTF-8 byte-order mark is skipped). "Significant lines"
//    are the non-blank lines not starting with '#'; the last line is ignored when `head`
//    ends inside it, unless it is the only one.
//    - the first significant line starts with '{': JSONL, kind by DetectJsonlKind;
//    - it starts with '<' and `head` holds an HTML tag (<!doctype html, <html, <head,
//      <body, <p>, <div, <article; any case): html;
//    - it starts with '<' or "_:" and ends with '.': nt;
//    - every significant line has exactly two tabs: tsv;
//    - a line is a Markdown heading ('#'..'######', a space, then text that is not a
//      `key: value` metadata line such as "# date: 2021-07-28"), a code fence ("```") or a
//      setext underline ("===" under a line of text): markdown;
//    - otherwise: text.
// Errors (kInvalidArgument, prefixed "PATH: "): `head` contains a NUL byte (binary data);
// `head` is empty or blank when the extension does not decide; a JSONL line that is
// neither triples nor an article.
absl::StatusOr<std::string> DetectFormat(absl::string_view path, absl::string_view head);

// Given JSONL input, returns "jsonl-triples" when the first non-blank line is an object
// with "s", "p" and "o" members, "jsonl-articles" when it has a "text" member. The line is
// parsed as JSON when `head` holds all of it, else its keys are looked for in the text.
// kInvalidArgument "PATH:LINE:1: ..." otherwise, or "PATH: empty input" when there is no
// non-blank line.
absl::StatusOr<std::string> DetectJsonlKind(absl::string_view path, absl::string_view head);

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_FORMAT_DETECT_H_
