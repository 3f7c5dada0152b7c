// The byte layout of the store, in one place: column-family names and every key format.
// Integers in keys are fixed-width big-endian so that keys sort like their numbers.
//
//   default      "format_version" -> decimal version; "next_term" -> 8-byte next sequence
//   terms        'f' kind value -> id (8)        'r' id (8) -> value
//   spo          s p o (3 x 8) -> TripleMeta (evidence; merge operator)
//   pos          p o s -> ""                     osp   o s p -> ""
//   docs         document id -> Document
//   doc_triples  document id '\0' s p o -> s p o ... (a run of the document's triples, below)
//   names        folded name '\0' node id (8) -> ""
//   stats        't' -> triples   'd' -> documents   'p' id -> triples with predicate id
//                'l' id -> nodes with label id   (values: int64 little-endian, add-merged)
#ifndef QUARRY_GRAPH_LAYOUT_H_
#define QUARRY_GRAPH_LAYOUT_H_

#include <array>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "graph/term.h"
#include "util/coding.h"

namespace quarry::graph::layout {

// The on-disk format this build writes. Version 2 keeps a document's triples in doc_triples
// as runs; version 1 kept one key per triple, which reads as runs of one: this build reads
// both, and marks a version-1 store version 2 when it opens it for writing.
inline constexpr int kFormatVersion = 2;
inline constexpr int kOldestReadableFormatVersion = 1;
inline constexpr absl::string_view kFormatVersionKey = "format_version";
inline constexpr absl::string_view kNextTermKey = "next_term";

// Column families, in the order of their handles.
enum Family : int {
  kDefault = 0,
  kTerms,
  kSpo,
  kPos,
  kOsp,
  kDocs,
  kDocTriples,
  kNames,
  kStats,
  kFamilyCount,
};
inline constexpr std::array<absl::string_view, kFamilyCount> kFamilyNames = {
    "default", "terms", "spo", "pos", "osp", "docs", "doc_triples", "names", "stats"};

inline constexpr char kTermForward = 'f';
inline constexpr char kTermReverse = 'r';
inline constexpr char kStatTriples = 't';
inline constexpr char kStatDocuments = 'd';
inline constexpr char kStatPredicate = 'p';
inline constexpr char kStatLabel = 'l';

inline std::string TermForwardKey(TermKind kind, absl::string_view encoded_value) {
  std::string key;
  key.reserve(2 + encoded_value.size());
  key.push_back(kTermForward);
  key.push_back(static_cast<char>(kind));
  key.append(encoded_value.data(), encoded_value.size());
  return key;
}

inline std::string TermReverseKey(TermId id) {
  std::string key(1, kTermReverse);
  PutBigEndian64(&key, id);
  return key;
}

// Appends the key of a triple in one permutation, ids in the given order (24 bytes).
inline void AppendTripleKey(TermId first, TermId second, TermId third, std::string* key) {
  PutBigEndian64(key, first);
  PutBigEndian64(key, second);
  PutBigEndian64(key, third);
}

// The key of a triple in one permutation, ids in the given order.
inline std::string TripleKey(TermId first, TermId second, TermId third) {
  std::string key;
  key.reserve(24);
  AppendTripleKey(first, second, third, &key);
  return key;
}
inline std::string SpoKey(const IdTriple& t) { return TripleKey(t.subject, t.predicate, t.object); }
inline std::string PosKey(const IdTriple& t) { return TripleKey(t.predicate, t.object, t.subject); }
inline std::string OspKey(const IdTriple& t) { return TripleKey(t.object, t.subject, t.predicate); }

inline IdTriple DecodeSpoKey(absl::string_view key) {
  return {GetBigEndian64(key, 0), GetBigEndian64(key, 8), GetBigEndian64(key, 16)};
}

// doc_triples keeps each document's triples in runs, ascending in spo order: an entry's key is
// the document id, a NUL and the run's first triple; its value the run's other triples, 24
// bytes each. Writers make runs of up to kDocTriplesPerRun triples, but where a run ends is
// not part of the format: readers take any runs that do not overlap (a version-1 store, and
// `check --repair`, have runs of one triple with empty values).
inline constexpr size_t kDocTriplesPerRun = 256;

inline std::string DocTriplesPrefix(absl::string_view document_id) {
  std::string key(document_id);
  key.push_back('\0');
  return key;
}
inline std::string DocTripleKey(absl::string_view document_id, const IdTriple& t) {
  return DocTriplesPrefix(document_id) + SpoKey(t);
}

// Appends the triples of the doc_triples entry whose key ends with `first` (the 24 bytes
// after the document's prefix) and whose value is `rest`. False, appending nothing, when the
// entry is malformed: a key of the wrong length, a value that is not whole triples, or
// triples not strictly ascending.
inline bool DecodeDocTriplesRun(absl::string_view first, absl::string_view rest,
                                std::vector<IdTriple>* triples) {
  if (first.size() != 24 || rest.size() % 24 != 0) return false;
  const size_t size = triples->size();
  triples->push_back(DecodeSpoKey(first));
  for (size_t offset = 0; offset < rest.size(); offset += 24) {
    const IdTriple next = DecodeSpoKey(rest.substr(offset, 24));
    if (!(triples->back() < next)) {
      triples->resize(size);
      return false;
    }
    triples->push_back(next);
  }
  return true;
}

// Builds the doc_triples entries of one document from its triples, given in ascending order:
//   for each triple { if (run.full()) { Put(run.key(), run.value()); run.Clear(); }
//                     run.Add(triple); }
//   if (!run.empty()) Put(run.key(), run.value());
class DocTriplesRun {
 public:
  // Starts the runs of document `document_id`.
  void Start(absl::string_view document_id) {
    key_ = DocTriplesPrefix(document_id);
    prefix_size_ = key_.size();
    Clear();
  }
  // Adds the next triple (greater than the last one added) to the run. Requires !full().
  void Add(const IdTriple& triple) {
    std::string& out = count_ == 0 ? key_ : value_;
    AppendTripleKey(triple.subject, triple.predicate, triple.object, &out);
    ++count_;
  }
  // Empties the run, to begin the document's next one.
  void Clear() {
    key_.resize(prefix_size_);
    value_.clear();
    count_ = 0;
  }
  bool empty() const { return count_ == 0; }
  bool full() const { return count_ == kDocTriplesPerRun; }
  // The run's entry (valid while it is not empty).
  const std::string& key() const { return key_; }
  const std::string& value() const { return value_; }

 private:
  std::string key_;
  std::string value_;
  size_t prefix_size_ = 0;
  size_t count_ = 0;
};

inline std::string NamesPrefix(absl::string_view folded_name) {
  std::string key(folded_name);
  key.push_back('\0');
  return key;
}
inline std::string NamesKey(absl::string_view folded_name, TermId node) {
  std::string key = NamesPrefix(folded_name);
  PutBigEndian64(&key, node);
  return key;
}

inline std::string StatKey(char kind, TermId id = 0) {
  std::string key(1, kind);
  if (kind == kStatPredicate || kind == kStatLabel) PutBigEndian64(&key, id);
  return key;
}

}  // namespace quarry::graph::layout

#endif  // QUARRY_GRAPH_LAYOUT_H_
