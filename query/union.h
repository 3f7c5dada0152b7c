// UNION and UNION ALL: a statement split at its top-level UNIONs, each part run on its own
// and the rows combined.
#ifndef QUARRY_QUERY_UNION_H_
#define QUARRY_QUERY_UNION_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "quarry/query_result.h"
#include "quarry/value.h"

namespace quarry::query {

// nullopt when `text` has no UNION. Otherwise runs each part with RunQuery and returns the
// rows of all parts (UNION ALL) or their distinct rows (UNION). kInvalidArgument when the
// parts' columns differ or UNION and UNION ALL are mixed.
absl::StatusOr<std::optional<quarry::QueryResult>> RunUnion(const graph::Snapshot& snapshot,
                                                            absl::string_view text,
                                                            const quarry::Params& params,
                                                            const quarry::QueryOptions& options);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_UNION_H_
