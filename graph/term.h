// Term ids: 64-bit dictionary ids whose top byte says what kind of term they name, so that
// operators can tell nodes from literals without a dictionary read.
#ifndef QUARRY_GRAPH_TERM_H_
#define QUARRY_GRAPH_TERM_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::graph {

using TermId = uint64_t;

// The kind of a term, stored in the top byte of its id. Values are part of the on-disk
// format: never renumber.
enum class TermKind : uint8_t {
  kInvalid = 0,
  kNode = 1,
  kLabel = 2,
  kPredicate = 3,
  kString = 4,
  kInt = 5,
  kDouble = 6,
  kBool = 7,
  kDate = 8,
};

inline constexpr TermId MakeTermId(TermKind kind, uint64_t sequence) {
  return (static_cast<uint64_t>(kind) << 56) | (sequence & ((uint64_t{1} << 56) - 1));
}
inline constexpr TermKind KindOf(TermId id) { return static_cast<TermKind>(id >> 56); }
// The number a term got when it was added (terms are numbered in order across kinds).
inline constexpr uint64_t TermSequence(TermId id) { return id & ((uint64_t{1} << 56) - 1); }
inline constexpr bool IsNode(TermId id) { return KindOf(id) == TermKind::kNode; }
inline constexpr bool IsLiteral(TermId id) { return KindOf(id) >= TermKind::kString; }

// The predicate that gives a node a label: (n, ":label", Label). Its id is fixed.
inline constexpr absl::string_view kLabelPredicate = ":label";
inline constexpr TermId kLabelPredicateId = MakeTermId(TermKind::kPredicate, 1);

// Key prefix of blank (unnamed) nodes: "_:b12" has an id but no `name`.
inline constexpr absl::string_view kBlankNodePrefix = "_:";

// The kind of a proto term (kNode, kLabel or a literal kind); kInvalid when unset.
TermKind KindOfTerm(const proto::Term& term);

// Encodes a term's value (without its kind) so that the bytes of two terms of one kind
// compare like their values. Strings and names are their UTF-8 bytes.
std::string EncodeTermValue(const proto::Term& term);

// The inverse of EncodeTermValue. kDataLoss on malformed bytes.
absl::StatusOr<proto::Term> DecodeTermValue(TermKind kind, absl::string_view bytes);

// Case-folds a name for the `names` index (Unicode case folding, NFKC).
std::string FoldName(absl::string_view name);

// Convenience constructors.
proto::Term NodeTerm(absl::string_view name);
proto::Term LabelTerm(absl::string_view label);
proto::Term StringTerm(absl::string_view value);
proto::Term IntTerm(int64_t value);
proto::Term DoubleTerm(double value);
proto::Term BoolTerm(bool value);
proto::Term DateTerm(int year, int month, int day);

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_TERM_H_
