// RocksDB merge operators: evidence for `spo` values, and counter addition for `stats`.
#ifndef QUARRY_GRAPH_MERGE_OPERATORS_H_
#define QUARRY_GRAPH_MERGE_OPERATORS_H_

#include <memory>

#include "proto/quarry.pb.h"
#include "rocksdb/merge_operator.h"

namespace quarry::graph {

// Applies TripleMetaDelta operands to a TripleMeta: retracts the evidence of the listed
// documents, adds new evidence (an identical piece is kept once), sets user properties, and
// recomputes count and first/last seen.
std::shared_ptr<rocksdb::MergeOperator> NewEvidenceMergeOperator();

// Adds int64 little-endian operands; a missing value is 0.
std::shared_ptr<rocksdb::MergeOperator> NewCounterMergeOperator();

// Applies `delta` to `meta` as the evidence merge operator does.
void ApplyDelta(const proto::TripleMetaDelta& delta, proto::TripleMeta* meta);

// The date an evidence piece counts for in first/last seen: its event's date when that has
// a year, else its document's when that has one, else null.
const proto::Date* SeenDate(const proto::Evidence& evidence);

// Orders dates by year, then month, then day.
bool DateLess(const proto::Date& a, const proto::Date& b);

// Encodes and decodes the stats counter values.
std::string EncodeCounter(int64_t value);
int64_t DecodeCounter(const std::string& bytes);

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_MERGE_OPERATORS_H_
