// The pipeline, phase by phase: parse, bind, plan, lower, execute.
#include "query/engine.h"

#include <optional>
#include <utility>
#include <vector>

#include "query/binder.h"
#include "query/exec_context.h"
#include "query/graph_reader.h"
#include "query/lower.h"
#include "query/parser.h"
#include "query/plan_printer.h"
#include "query/planner.h"
#include "query/union.h"
#include "util/status_macros.h"

namespace quarry::query {

absl::StatusOr<QueryResult> RunQuery(const graph::Snapshot& snapshot, absl::string_view text,
                                     const Params& params, const QueryOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(std::optional<QueryResult> combined,
                          RunUnion(snapshot, text, params, options));
  if (combined.has_value()) return *std::move(combined);
  QUARRY_ASSIGN_OR_RETURN(Statement ast, Parser(text).Parse());
  QUARRY_ASSIGN_OR_RETURN(BoundQuery bound, Binder(text, params).Bind(ast));
  GraphReader reader(snapshot);
  QUARRY_ASSIGN_OR_RETURN(graph::GraphStats stats, snapshot.ReadStats());
  reader.set_stats(&stats);
  QUARRY_ASSIGN_OR_RETURN(LogicalPlan logical, Planner(stats, &reader, options).Plan(bound));
  QUARRY_ASSIGN_OR_RETURN(PhysicalPlan physical, Lower(logical));

  if (bound.mode == StatementMode::kExplain) {
    QueryResult result(logical.columns, {});
    result.set_plan(FormatPlan(physical, false));
    result.set_executed(false);
    return result;
  }
  ExecContext context(text, options, &reader);
  context.set_patterns(physical.patterns.get());
  physical.patterns->set_context(&context);
  QUARRY_RETURN_IF_ERROR(physical.root->Open(&context));
  std::vector<std::vector<Value>> rows;
  std::vector<Row> batch;
  while (true) {
    QUARRY_RETURN_IF_ERROR(physical.root->Next(&batch));
    if (batch.empty()) break;
    for (const Row& row : batch) {
      std::vector<Value> values;
      values.reserve(logical.column_slots.size());
      for (int slot : logical.column_slots) {
        QUARRY_ASSIGN_OR_RETURN(Value value, reader.ToValue(row[slot]));
        values.push_back(std::move(value));
      }
      rows.push_back(std::move(values));
    }
  }
  QueryResult result(logical.columns, std::move(rows));
  if (bound.mode == StatementMode::kProfile) result.set_plan(FormatPlan(physical, true));
  return result;
}

}  // namespace quarry::query
