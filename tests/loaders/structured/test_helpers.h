// Helpers for the structured reader and writer tests: term builders and one-call reads.
#ifndef QUARRY_TESTS_LOADERS_STRUCTURED_TEST_HELPERS_H_
#define QUARRY_TESTS_LOADERS_STRUCTURED_TEST_HELPERS_H_

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/triple_sink.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured::testing {

inline proto::Term Node(absl::string_view name) {
  proto::Term term;
  term.set_node(std::string(name));
  return term;
}
inline proto::Term Label(absl::string_view label) {
  proto::Term term;
  term.set_label(std::string(label));
  return term;
}
inline proto::Term Str(absl::string_view value) {
  proto::Term term;
  term.set_string_value(std::string(value));
  return term;
}
inline proto::Term Int(int64_t value) {
  proto::Term term;
  term.set_int_value(value);
  return term;
}
inline proto::Term Dbl(double value) {
  proto::Term term;
  term.set_double_value(value);
  return term;
}
inline proto::Term Bool(bool value) {
  proto::Term term;
  term.set_bool_value(value);
  return term;
}
inline proto::Term Date(int year, int month, int day) {
  proto::Term term;
  term.mutable_date_value()->set_year(year);
  term.mutable_date_value()->set_month(month);
  term.mutable_date_value()->set_day(day);
  return term;
}

// A triple without evidence.
inline proto::Triple MakeTriple(absl::string_view subject, absl::string_view predicate,
                                proto::Term object) {
  proto::Triple triple;
  triple.mutable_subject()->set_node(std::string(subject));
  triple.set_predicate(std::string(predicate));
  *triple.mutable_object() = std::move(object);
  return triple;
}

// A compact, exact rendering for comparisons: the triple without its evidence.
inline std::string Show(proto::Triple triple) {
  triple.clear_evidence();
  return triple.ShortDebugString();
}

inline std::vector<std::string> ShowAll(const std::vector<proto::Triple>& triples) {
  std::vector<std::string> shown;
  for (const proto::Triple& triple : triples) shown.push_back(Show(triple));
  return shown;
}

// Reads `text` in `format` ("tsv", "jsonl", "nt") as file `file_name`, document "doc1".
inline absl::StatusOr<std::vector<proto::Triple>> ReadText(absl::string_view format,
                                                           const std::string& text,
                                                           absl::string_view file_name,
                                                           const ReadOptions& options = {}) {
  std::istringstream in(text);
  proto::TripleBatch batch;
  BatchCollector sink(batch);
  absl::Status status = ReadTriples(format, in, file_name, "doc1", sink, options);
  if (!status.ok()) return status;
  return std::vector<proto::Triple>(batch.triples().begin(), batch.triples().end());
}

}  // namespace quarry::loaders::structured::testing

#endif  // QUARRY_TESTS_LOADERS_STRUCTURED_TEST_HELPERS_H_
