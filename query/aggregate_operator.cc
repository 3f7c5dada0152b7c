// Aggregate: groups rows by the key expressions and folds count, collect, min, max, sum, avg,
// percentileDisc and percentileCont per group (DISTINCT aggregates see each value once).
// Without keys and without input it still returns one row (count 0, collect [], sum 0,
// others null). When every aggregate is count(*) and the keys read one node variable only
// (`ca.name`), rows are counted per node first and the keys evaluated once per node: no
// string is decoded per row. When every aggregate is a plain count, lowering may give it two
// workers (query/parallel.h).
#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "query/evaluator.h"
#include "query/match_planner.h"
#include "query/parallel.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

struct DatumHash {
  size_t operator()(const Datum& value) const { return HashDatum(value); }
};
struct DatumEq {
  bool operator()(const Datum& a, const Datum& b) const { return Equivalent(a, b); }
};

// The running state of one aggregate in one group.
struct Accumulator {
  int64_t count = 0;
  DatumList values;  // collect, percentileDisc, percentileCont
  Datum best;        // min / max
  Datum percentile;  // percentileDisc, percentileCont: the first row's, checked
  bool sum_is_double = false;
  int64_t int_sum = 0;
  double double_sum = 0;
  absl::flat_hash_set<Datum, DatumHash, DatumEq> seen;
};

class AggregateOperator : public PhysicalOperator {
 public:
  AggregateOperator(const LogicalOp& op, OperatorPtr input, int num_slots, ParallelInput* parallel)
      : PhysicalOperator(parallel != nullptr ? "Aggregate(Parallel)" : "Aggregate", op.description,
                         op.estimated_rows, std::move(input)),
        op_(op),
        num_slots_(num_slots) {
    if (parallel != nullptr) parallel_ = std::move(*parallel);
    std::set<int> slots;
    for (const auto& [slot, expr] : op.items) CollectSlots(expr, &slots);
    bool counts_only = !op.aggregates.empty();
    for (const BoundAggregate& aggregate : op.aggregates) {
      if (!aggregate.count_star || aggregate.distinct) counts_only = false;
    }
    if (counts_only && !op.items.empty() && slots.size() == 1) count_slot_ = *slots.begin();
  }

 private:
  absl::Status OpenImpl() override {
    if (parallel_.source != nullptr) {
      // The source and the second worker each read through a reader of their own.
      const GraphReader& reader = context_->reader();
      source_reader_ = std::make_unique<GraphReader>(reader.snapshot());
      source_reader_->set_stats(reader.stats());
      source_context_ = std::make_unique<ExecContext>(*context_, source_reader_.get());
      second_reader_ = std::make_unique<GraphReader>(reader.snapshot());
      second_reader_->set_stats(reader.stats());
      second_context_ = std::make_unique<ExecContext>(*context_, second_reader_.get());
      QUARRY_RETURN_IF_ERROR(parallel_.source->Open(source_context_.get()));
    }
    results_.clear();
    position_ = 0;
    done_ = false;
    return absl::OkStatus();
  }

  absl::Status Add(const BoundAggregate& aggregate, const Row& row, ExecContext* context,
                   Accumulator* state) {
    if (aggregate.count_star) {
      ++state->count;
      return absl::OkStatus();
    }
    QUARRY_ASSIGN_OR_RETURN(Datum value, Evaluate(*aggregate.argument, row, context));
    if (value.is_null()) return absl::OkStatus();
    if (aggregate.distinct && !state->seen.insert(value).second) return absl::OkStatus();
    ++state->count;
    switch (aggregate.function) {
      case Function::kCollect:
        state->values.push_back(std::move(value));
        break;
      case Function::kMin:
        if (state->best.is_null() || OrderCompare(value, state->best) < 0) state->best = value;
        break;
      case Function::kMax:
        if (state->best.is_null() || OrderCompare(value, state->best) > 0) state->best = value;
        break;
      case Function::kSum:
      case Function::kAvg:
        if (!value.is_number()) {
          return context->Error(aggregate.argument->offset,
                                std::string(FunctionName(aggregate.function)) +
                                    "() expects numbers but got " + Datum::KindName(value.kind()));
        }
        state->double_sum += value.number();
        if (value.kind() == Datum::Kind::kDouble) {
          state->sum_is_double = true;
        } else if (__builtin_add_overflow(state->int_sum, value.int_value(), &state->int_sum)) {
          state->sum_is_double = true;
        }
        break;
      case Function::kPercentileDisc:
      case Function::kPercentileCont: {
        const std::string name = aggregate.function == Function::kPercentileDisc
                                     ? "percentileDisc()"
                                     : "percentileCont()";
        if (!value.is_number()) {
          return context->Error(aggregate.argument->offset,
                                name + " expects numbers but got " + Datum::KindName(value.kind()));
        }
        if (state->percentile.is_null()) {
          // As in Neo4j, the percentile is the first row's.
          QUARRY_ASSIGN_OR_RETURN(state->percentile, Evaluate(*aggregate.percentile, row, context));
          if (!state->percentile.is_number() || !(state->percentile.number() >= 0) ||
              state->percentile.number() > 1) {
            return context->Error(aggregate.percentile->offset,
                                  name + " needs a percentile from 0 to 1 (NumberOutOfRange)");
          }
        }
        state->values.push_back(std::move(value));
        break;
      }
      default:
        break;
    }
    return absl::OkStatus();
  }

  // percentileDisc (the value at the nearest rank) or percentileCont (interpolated between
  // the two nearest) of the numbers in `state`, with Neo4j's ranks; null for none.
  static Datum Percentile(const BoundAggregate& aggregate, Accumulator& state) {
    if (state.values.empty()) return Datum();
    DatumList& values = state.values;
    std::stable_sort(values.begin(), values.end(),
                     [](const Datum& a, const Datum& b) { return a.number() < b.number(); });
    const double percentile = state.percentile.number();
    const size_t count = values.size();
    if (aggregate.function == Function::kPercentileDisc) {
      const double rank = percentile * static_cast<double>(count);
      size_t index = static_cast<size_t>(rank);
      if (static_cast<double>(index) == rank && index != 0) --index;
      return values[std::min(index, count - 1)];
    }
    const double rank = percentile * static_cast<double>(count - 1);
    const size_t below = static_cast<size_t>(std::floor(rank));
    const size_t above = static_cast<size_t>(std::ceil(rank));
    if (below == above) return Datum::Double(values[below].number());
    return Datum::Double(values[below].number() * (static_cast<double>(above) - rank) +
                         values[above].number() * (rank - static_cast<double>(below)));
  }

  static Datum Finish(const BoundAggregate& aggregate, Accumulator& state) {
    switch (aggregate.function) {
      case Function::kCount:
        return Datum::Int(state.count);
      case Function::kCollect:
        return Datum::List(std::move(state.values));
      case Function::kMin:
      case Function::kMax:
        return state.best;
      case Function::kSum:
        return state.sum_is_double ? Datum::Double(state.double_sum) : Datum::Int(state.int_sum);
      case Function::kAvg:
        return state.count == 0 ? Datum() : Datum::Double(state.double_sum / state.count);
      case Function::kPercentileDisc:
      case Function::kPercentileCont:
        return Percentile(aggregate, state);
      default:
        return Datum();
    }
  }

  using GroupMap = absl::flat_hash_map<std::vector<Datum>, std::vector<Accumulator>,
                                       DatumVectorHash, DatumVectorEq>;

  // What one worker folded: its groups, and (count_slot_ >= 0) its rows counted per node.
  struct Partial {
    GroupMap groups;
    absl::flat_hash_map<TermId, int64_t> node_counts;
    std::vector<TermId> nodes;  // in first-seen order
  };

  // The accumulators of the group `keys` in `groups`, added when new.
  absl::StatusOr<std::vector<Accumulator>*> Group(const std::vector<Datum>& keys, GroupMap& groups,
                                                  ExecContext* context) {
    auto it = groups.find(keys);
    if (it == groups.end()) {
      it = groups.emplace(keys, std::vector<Accumulator>(op_.aggregates.size())).first;
      QUARRY_RETURN_IF_ERROR(context->CheckHeld(static_cast<int64_t>(groups.size())));
    }
    return &it->second;
  }

  // Folds up to `max_batches` batches of `input` (all when negative) into `partial`,
  // evaluating in `context`. False once the input is used up.
  absl::StatusOr<bool> ConsumeFrom(PhysicalOperator& input, ExecContext* context,
                                   int64_t max_batches, Partial* partial) {
    std::vector<Row> batch;
    std::vector<Datum> keys(op_.items.size());
    for (int64_t batches = 0; max_batches < 0 || batches < max_batches; ++batches) {
      QUARRY_RETURN_IF_ERROR(input.Next(&batch));
      if (batch.empty()) return false;
      for (const Row& row : batch) {
        if (count_slot_ >= 0 && row[count_slot_].kind() == Datum::Kind::kNode) {
          auto [it, inserted] = partial->node_counts.try_emplace(row[count_slot_].node_id(), 0);
          if (inserted) {
            partial->nodes.push_back(it->first);
            if (partial->nodes.size() % 65536 == 0) {
              QUARRY_RETURN_IF_ERROR(
                  context->CheckHeld(static_cast<int64_t>(partial->nodes.size())));
            }
          }
          ++it->second;
          continue;
        }
        for (size_t index = 0; index < op_.items.size(); ++index) {
          QUARRY_ASSIGN_OR_RETURN(keys[index], Evaluate(op_.items[index].second, row, context));
        }
        QUARRY_ASSIGN_OR_RETURN(std::vector<Accumulator> * accumulators,
                                Group(keys, partial->groups, context));
        for (size_t index = 0; index < op_.aggregates.size(); ++index) {
          QUARRY_RETURN_IF_ERROR(Add(op_.aggregates[index], row, context, &(*accumulators)[index]));
        }
      }
    }
    return true;
  }

  // Runs the input on two workers (see query/parallel.h) and merges their groups.
  absl::Status ConsumeInParallel(Partial* partial) {
    // The first morsel alone: the adjacency lists and label sets it builds are then in the
    // snapshot's DerivedCache, where the second worker finds them instead of building its own.
    QUARRY_ASSIGN_OR_RETURN(bool more, ConsumeFrom(*input_, context_, 1, partial));
    if (!more) return absl::OkStatus();
    Partial second;
    absl::Status second_status;
    std::thread helper([&] {
      second_status = parallel_.second_worker->Open(second_context_.get());
      if (second_status.ok()) {
        second_status =
            ConsumeFrom(*parallel_.second_worker, second_context_.get(), -1, &second).status();
      }
      if (!second_status.ok()) parallel_.source->Stop();
    });
    absl::Status status = ConsumeFrom(*input_, context_, -1, partial).status();
    if (!status.ok()) parallel_.source->Stop();
    helper.join();
    input_->AddProfile(*parallel_.second_worker);
    QUARRY_RETURN_IF_ERROR(status);
    QUARRY_RETURN_IF_ERROR(second_status);
    // Every aggregate is a plain count (lowering checks): merging adds the counts.
    for (auto& [keys, accumulators] : second.groups) {
      QUARRY_ASSIGN_OR_RETURN(std::vector<Accumulator> * merged,
                              Group(keys, partial->groups, context_));
      for (size_t index = 0; index < accumulators.size(); ++index) {
        (*merged)[index].count += accumulators[index].count;
      }
    }
    for (TermId node : second.nodes) {
      auto [it, inserted] = partial->node_counts.try_emplace(node, 0);
      if (inserted) partial->nodes.push_back(node);
      it->second += second.node_counts[node];
    }
    return absl::OkStatus();
  }

  absl::Status Consume() {
    Partial partial;
    if (parallel_.source != nullptr) {
      QUARRY_RETURN_IF_ERROR(ConsumeInParallel(&partial));
    } else {
      QUARRY_RETURN_IF_ERROR(ConsumeFrom(*input_, context_, -1, &partial).status());
    }
    GroupMap& groups = partial.groups;
    if (!partial.nodes.empty()) {
      Row probe(num_slots_);
      std::vector<Datum> keys(op_.items.size());
      for (TermId node : partial.nodes) {
        probe[count_slot_] = Datum::Node(node);
        for (size_t index = 0; index < op_.items.size(); ++index) {
          QUARRY_ASSIGN_OR_RETURN(keys[index], Evaluate(op_.items[index].second, probe, context_));
        }
        QUARRY_ASSIGN_OR_RETURN(std::vector<Accumulator> * accumulators,
                                Group(keys, groups, context_));
        for (Accumulator& accumulator : *accumulators) {
          accumulator.count += partial.node_counts[node];
        }
      }
    }
    if (groups.empty() && op_.items.empty()) {
      groups.emplace(std::vector<Datum>(), std::vector<Accumulator>(op_.aggregates.size()));
    }
    for (auto& [group_keys, accumulators] : groups) {
      Row out(num_slots_);
      for (size_t index = 0; index < op_.items.size(); ++index) {
        out[op_.items[index].first] = group_keys[index];
      }
      for (size_t index = 0; index < op_.aggregates.size(); ++index) {
        out[op_.aggregates[index].slot] = Finish(op_.aggregates[index], accumulators[index]);
      }
      results_.push_back(std::move(out));
    }
    return absl::OkStatus();
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    if (!done_) {
      QUARRY_RETURN_IF_ERROR(Consume());
      done_ = true;
    }
    while (position_ < results_.size() && batch->size() < kBatchSize) {
      batch->push_back(std::move(results_[position_++]));
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
  int num_slots_;
  // The one slot the keys read when every aggregate is count(*); -1 otherwise.
  int count_slot_ = -1;
  // Set when the input runs on two workers.
  ParallelInput parallel_;
  std::unique_ptr<GraphReader> source_reader_;
  std::unique_ptr<ExecContext> source_context_;
  std::unique_ptr<GraphReader> second_reader_;
  std::unique_ptr<ExecContext> second_context_;
  std::vector<Row> results_;
  size_t position_ = 0;
  bool done_ = false;
};

}  // namespace

OperatorPtr MakeAggregate(const LogicalOp& op, OperatorPtr input, int num_slots,
                          ParallelInput* parallel) {
  return std::make_unique<AggregateOperator>(op, std::move(input), num_slots, parallel);
}

}  // namespace quarry::query
