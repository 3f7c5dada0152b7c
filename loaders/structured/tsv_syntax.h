// The TSV field syntax: how names and literal objects are written in a
// `subject<TAB>predicate<TAB>object` line, shared by the TSV reader, the TSV writer and
// `quarry load --dry-run`.
//
// A name (subject, predicate, or node object) is written raw, or inside `<...>` when raw
// text would be misread: when it is empty, contains a tab, newline or carriage return,
// starts with `"` or `<` (or `#` for a subject, which would start a comment), or, as an
// object, reads as a literal ("2021", "true", "2021-07-28"). Inside `<...>` and `"..."` the
// escapes are `\\`, `\"`, `\>`, `\t`, `\n` and `\r`.
//
// An object is, in order: a string literal when double-quoted; a node named by the text
// inside `<...>`; `true` or `false`; an int64 (`-?[0-9]+`); a double (digits with a
// fraction and/or exponent, e.g. `1.5`, `-2e10`); an ISO date `YYYY-MM-DD` (00 for an
// unknown month or day); and otherwise a node named by the raw text.
#ifndef QUARRY_LOADERS_STRUCTURED_TSV_SYNTAX_H_
#define QUARRY_LOADERS_STRUCTURED_TSV_SYNTAX_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured {

// Where a name appears in a TSV line; it decides which names need `<...>`.
enum class TsvPosition { kSubject, kPredicate, kObject };

// Parses a subject or predicate field: `<...>` with escapes, else the raw text. A
// double-quoted field is an error (a literal cannot be a subject or predicate). On error,
// returns kInvalidArgument with a message (no location) and sets `*error_offset` to the
// byte offset in `field` where the problem is.
absl::StatusOr<std::string> ParseTsvName(absl::string_view field, size_t* error_offset);

// Parses an object field into a node or literal term (see the file comment). Errors as for
// ParseTsvName: an unterminated or badly escaped literal, an integer or double out of
// range, an impossible date, an empty field.
absl::StatusOr<proto::Term> ParseTsvObject(absl::string_view field, size_t* error_offset);

// Writes `name` so that ParseTsvName (or, for kObject, ParseTsvObject) reads it back.
std::string FormatTsvName(absl::string_view name, TsvPosition position);

// Writes `value` as a double-quoted string literal with escapes.
std::string QuoteTsvString(absl::string_view value);

// A term in TSV object syntax: a node or label by its (possibly `<...>`-quoted) name, a
// literal as TSV writes it. Non-finite doubles, which TSV cannot carry, come out as "NaN",
// "Infinity" and "-Infinity"; an unset term as "<unset>". For display (--dry-run); the TSV
// writer checks representability first.
std::string TermToText(const proto::Term& term);

// The same as TermToText, named for call sites that only hold literals.
inline std::string LiteralToText(const proto::Term& literal) { return TermToText(literal); }

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_TSV_SYNTAX_H_
