// Runs one TCK scenario against a fresh Quarry store and classifies the outcome.
#ifndef QUARRY_TESTS_TCK_SCENARIO_RUNNER_H_
#define QUARRY_TESTS_TCK_SCENARIO_RUNNER_H_

#include <memory>
#include <string>

#include "graph/store.h"
#include "tests/tck/feature_reader.h"

namespace quarry::tck {

// What happened to a scenario. A skipped scenario is outside the read-only subset (a
// write or procedure under test, a setup that is not CREATE-only, a named graph) or
// depends on what the triple model cannot represent (parallel relationships, nodes
// sharing a name, list-valued properties); `reason` says which.
struct Outcome {
  enum class Kind { kPassed, kFailed, kSkipped };
  Kind kind = Kind::kSkipped;
  std::string reason;
};

// Runs scenarios, each in a store of its own under `scratch_dir` (scenarios without setup
// share one empty store).
class ScenarioRunner {
 public:
  explicit ScenarioRunner(std::string scratch_dir) : scratch_dir_(std::move(scratch_dir)) {}

  Outcome Run(const Scenario& scenario);

 private:
  std::string scratch_dir_;
  std::unique_ptr<graph::Store> empty_store_;
  int stores_opened_ = 0;
};

}  // namespace quarry::tck

#endif  // QUARRY_TESTS_TCK_SCENARIO_RUNNER_H_
