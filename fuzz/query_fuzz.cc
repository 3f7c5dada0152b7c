// Fuzzes the query front end and engine: lexer, parser, binder, planner and execution of
// arbitrary text on a small graph, under tight row, hop and time budgets.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_util.h"
#include "graph/term.h"
#include "query/engine.h"

namespace {

quarry::proto::Triple Triple(const char* subject, const char* predicate,
                             const quarry::proto::Term& object) {
  quarry::proto::Triple triple;
  *triple.mutable_subject() = quarry::graph::NodeTerm(subject);
  triple.set_predicate(predicate);
  *triple.mutable_object() = object;
  return triple;
}

const quarry::graph::Store& SmallGraph() {
  static quarry::graph::Store* store = [] {
    quarry::graph::Store& scratch = quarry::fuzz::ScratchStore();
    quarry::proto::TripleBatch batch;
    batch.mutable_document()->set_id("seed");
    using quarry::graph::LabelTerm;
    using quarry::graph::NodeTerm;
    *batch.add_triples() = Triple("Ada", ":label", LabelTerm("Person"));
    *batch.add_triples() = Triple("Bob", ":label", LabelTerm("Person"));
    *batch.add_triples() = Triple("Paris", ":label", LabelTerm("City"));
    *batch.add_triples() = Triple("Ada", "met", NodeTerm("Bob"));
    *batch.add_triples() = Triple("Bob", "met", NodeTerm("Ada"));
    *batch.add_triples() = Triple("Ada", "lives_in", NodeTerm("Paris"));
    *batch.add_triples() = Triple("Ada", "age", quarry::graph::IntTerm(36));
    *batch.add_triples() = Triple("Bob", "born", quarry::graph::DateTerm(1990, 2, 3));
    if (!scratch.Apply(batch).ok()) abort();
    return &scratch;
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quarry::graph::Store& store = SmallGraph();
  std::unique_ptr<quarry::graph::Snapshot> snapshot = store.GetSnapshot();
  quarry::QueryOptions options;
  options.max_rows = 10'000;
  options.max_hops = 4;
  options.timeout_ms = 2'000;
  quarry::Params params = {{"name", quarry::Value(std::string("Ada"))},
                           {"n", quarry::Value(int64_t{2})}};
  quarry::query::RunQuery(*snapshot, absl::string_view(reinterpret_cast<const char*>(data), size),
                          params, options)
      .IgnoreError();
  return 0;
}
