// Small fixture graphs for the query tests, written in a line format and loaded through
// graph::Store::Apply:
//   doc TITLE [YYYY-MM-DD] [| sentence | sentence ...]   starts a document (one batch)
//   subject | predicate | object [| s=SENTENCE c=CONFIDENCE]   one triple with evidence
// An object is a string when "double-quoted", an int, a double, true/false, a date
// (YYYY-MM-DD), a label when the predicate is :label, and otherwise a node name.
#ifndef QUARRY_TESTS_QUERY_FIXTURE_H_
#define QUARRY_TESTS_QUERY_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/store.h"
#include "quarry/query_result.h"
#include "query/scan_policy.h"
#include "tests/util/test_util.h"

namespace quarry::query::testing {

// Parses the fixture format into batches. kInvalidArgument "line N: ..." on a bad line.
absl::StatusOr<std::vector<proto::TripleBatch>> ParseFixture(absl::string_view text);

// A store in a scratch directory holding one fixture graph.
class FixtureGraph {
 public:
  static absl::StatusOr<std::unique_ptr<FixtureGraph>> Build(absl::string_view text);
  // Builds from ready-made batches (the randomized test generates its own).
  static absl::StatusOr<std::unique_ptr<FixtureGraph>> FromBatches(
      const std::vector<proto::TripleBatch>& batches);

  absl::StatusOr<QueryResult> Query(absl::string_view text, const Params& params = {},
                                    const QueryOptions& options = {}) const;
  const graph::Snapshot& snapshot() const { return *snapshot_; }

 private:
  quarry::testing::ScratchDir dir_;
  std::unique_ptr<graph::Store> store_;
  std::unique_ptr<graph::Snapshot> snapshot_;
};

// Sets the seek-or-scan policy (query/scan_policy.h) for a test and restores the adaptive
// one when the test ends, whatever happened.
class PolicyGuard {
 public:
  explicit PolicyGuard(ScanPolicy policy) { SetScanPolicyForTesting(policy); }
  ~PolicyGuard() { SetScanPolicyForTesting(ScanPolicy::kAdaptive); }
  PolicyGuard(const PolicyGuard&) = delete;
  PolicyGuard& operator=(const PolicyGuard&) = delete;
};

// A row as text: each value's ToString, joined by " | ".
std::string FormatRow(const std::vector<Value>& row);
// Every row formatted; sorted unless `ordered`.
std::vector<std::string> FormatRows(const QueryResult& result, bool ordered);

}  // namespace quarry::query::testing

#endif  // QUARRY_TESTS_QUERY_FIXTURE_H_
