#include "graph/rocksdb_status.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace quarry::graph {

absl::Status FromRocksStatus(const rocksdb::Status& status, absl::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = status.ToString();
  // RocksDB reports a held LOCK file as an IO error from flock(); say what it means.
  if (status.IsIOError() && absl::StrContains(message, "lock") &&
      (absl::StrContains(message, "Resource temporarily unavailable") ||
       absl::StrContains(message, "No locks available") ||
       absl::StrContains(message, "already held"))) {
    return absl::FailedPreconditionError(
        absl::StrCat("database is locked by another process: ", context));
  }
  const std::string text = absl::StrCat(context, ": ", message);
  if (status.IsNotFound()) return absl::NotFoundError(text);
  if (status.IsCorruption()) return absl::DataLossError(text);
  if (status.IsInvalidArgument()) return absl::InvalidArgumentError(text);
  if (status.IsNotSupported()) return absl::UnimplementedError(text);
  if (status.IsBusy() || status.IsTryAgain()) return absl::UnavailableError(text);
  if (status.IsAborted()) return absl::AbortedError(text);
  if (status.IsIncomplete()) return absl::CancelledError(text);
  return absl::InternalError(text);
}

}  // namespace quarry::graph
