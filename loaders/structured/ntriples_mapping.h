// How Quarry terms map to RDF terms in N-Triples, in both directions, so that
// `quarry export --format nt` loads back to the same triples.
//
//   Quarry                         N-Triples
//   node "Lena Varga"              <urn:quarry:node:Lena%20Varga>
//   node "_:b1" (blank)            _:b1   (when the label is [A-Za-z0-9_][A-Za-z0-9_-]*)
//   node "http://ex.org/a"         <http://ex.org/a>   (an absolute ASCII IRI, kept whole)
//   predicate "met"                <urn:quarry:predicate:met>
//   predicate "http://ex.org/p"    <http://ex.org/p>   (kept whole, as for nodes)
//   (n, :label, Person)            <n> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
//                                      <urn:quarry:label:Person>
//   string "x"                     "x"
//   int64 5                        "5"^^<http://www.w3.org/2001/XMLSchema#integer>
//   double 1.5                     "1.5"^^<...#double>   (also "NaN", "INF", "-INF")
//   bool true                      "true"^^<...#boolean>
//   date 2021-07-28                "2021-07-28"^^<...#date>; April 2023 (day 0) is
//                                  "2023-04"^^<...#gYearMonth>; 2023 is "2023"^^<...#gYear>
//
// Names are percent-encoded as UTF-8 bytes: every byte outside [A-Za-z0-9-._~] becomes %XX.
// A name is written as a whole IRI only when it is one (scheme ":" then printable ASCII
// without <>"{}|^`\ or spaces) and does not start with "urn:quarry:", so every name maps
// to exactly one IRI and back.
//
// Reading accepts more than writing produces: any IRI not under urn:quarry: is a node or
// predicate named by the whole IRI; rdf:type with a non-Quarry object is an ordinary
// triple; a language-tagged literal is a string (the tag is dropped); xsd:int, long,
// short, byte, the (non)negative/positive and unsigned integer types are int64; xsd:float
// and xsd:decimal are doubles; xsd:boolean also takes "1" and "0"; a literal of any other
// datatype is a string holding its lexical form.
#ifndef QUARRY_LOADERS_STRUCTURED_NTRIPLES_MAPPING_H_
#define QUARRY_LOADERS_STRUCTURED_NTRIPLES_MAPPING_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured {

inline constexpr absl::string_view kQuarryIriPrefix = "urn:quarry:";
inline constexpr absl::string_view kNodeIriPrefix = "urn:quarry:node:";
inline constexpr absl::string_view kPredicateIriPrefix = "urn:quarry:predicate:";
inline constexpr absl::string_view kLabelIriPrefix = "urn:quarry:label:";
inline constexpr absl::string_view kRdfTypeIri = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
inline constexpr absl::string_view kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

// Percent-encodes every byte outside [A-Za-z0-9-._~].
std::string PercentEncode(absl::string_view text);

// Decodes %XX sequences (other bytes pass through); nullopt on a malformed escape or when
// the result is not valid UTF-8.
std::optional<std::string> PercentDecode(absl::string_view text);

// The N-Triples form of a node, predicate or label name ("<...>" or "_:label").
std::string NodeToNTriples(absl::string_view name);
std::string PredicateToNTriples(absl::string_view name);
std::string LabelToNTriples(absl::string_view label);

// The N-Triples form of a literal term, with escapes and an xsd datatype.
// kInvalidArgument for a non-literal term or a date FormatIsoDate rejects.
absl::StatusOr<std::string> LiteralToNTriples(const proto::Term& literal);

// The name behind an IRI read in subject or object position (urn:quarry:node: decoded,
// anything else whole), or in predicate position (urn:quarry:predicate: decoded), or the
// label behind a urn:quarry:label: IRI (nullopt when `iri` is not one). kInvalidArgument on
// a malformed percent-encoding.
absl::StatusOr<std::string> NodeNameFromIri(absl::string_view iri);
absl::StatusOr<std::string> PredicateNameFromIri(absl::string_view iri);
absl::StatusOr<std::optional<std::string>> LabelFromIri(absl::string_view iri);

// Converts a literal's lexical form and datatype IRI (empty for a plain or language-tagged
// literal) to a term. kInvalidArgument when the lexical form does not fit the datatype.
absl::StatusOr<proto::Term> LiteralFromRdf(absl::string_view lexical, absl::string_view datatype);

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_NTRIPLES_MAPPING_H_
