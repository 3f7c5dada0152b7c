// The public integrity check: a thin facade over graph::CheckStore.
#include "quarry/check.h"

#include <utility>

#include "graph/check.h"
#include "util/status_macros.h"

namespace quarry {

absl::StatusOr<CheckReport> CheckDatabase(absl::string_view path, bool repair) {
  QUARRY_ASSIGN_OR_RETURN(graph::StoreCheckReport found, graph::CheckStore(path, repair));
  CheckReport report;
  report.problems = std::move(found.problems);
  report.notes = std::move(found.notes);
  report.examples = std::move(found.examples);
  report.repaired = found.repaired;
  report.remaining = std::move(found.remaining);
  return report;
}

}  // namespace quarry
