// The one place where RocksDB's statuses become absl::Status.
#ifndef QUARRY_GRAPH_ROCKSDB_STATUS_H_
#define QUARRY_GRAPH_ROCKSDB_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/status.h"

namespace quarry::graph {

// Converts a RocksDB status, prefixing `context` to the message. A lock held by another
// process becomes kFailedPrecondition "database is locked by another process".
absl::Status FromRocksStatus(const rocksdb::Status& status, absl::string_view context);

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_ROCKSDB_STATUS_H_
