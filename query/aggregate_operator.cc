// Aggregate: groups rows by the key expressions and folds count, collect, min, max, sum and
// avg per group (DISTINCT aggregates see each value once). Without keys and without input
// it still returns one row (count 0, collect [], sum 0, others null). When every aggregate
// is count(*) and the keys read one node variable only (`ca.name`), rows are counted per
// node first and the keys evaluated once per node: no string is decoded per row.
#include <set>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "query/evaluator.h"
#include "query/match_planner.h"
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
  DatumList values;  // collect
  Datum best;        // min / max
  bool sum_is_double = false;
  int64_t int_sum = 0;
  double double_sum = 0;
  absl::flat_hash_set<Datum, DatumHash, DatumEq> seen;
};

class AggregateOperator : public PhysicalOperator {
 public:
  AggregateOperator(const LogicalOp& op, OperatorPtr input, int num_slots)
      : PhysicalOperator("Aggregate", op.description, op.estimated_rows, std::move(input)),
        op_(op),
        num_slots_(num_slots) {
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
    groups_.clear();
    results_.clear();
    position_ = 0;
    done_ = false;
    return absl::OkStatus();
  }

  absl::Status Add(const BoundAggregate& aggregate, const Row& row, Accumulator* state) {
    if (aggregate.count_star) {
      ++state->count;
      return absl::OkStatus();
    }
    QUARRY_ASSIGN_OR_RETURN(Datum value, Evaluate(*aggregate.argument, row, context_));
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
          return context_->Error(aggregate.argument->offset,
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
      default:
        break;
    }
    return absl::OkStatus();
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
      default:
        return Datum();
    }
  }

  // Adds `count` rows whose keys are `keys` (count(*) aggregates only).
  absl::Status AddCounted(const std::vector<Datum>& keys, int64_t count) {
    auto it = groups_.find(keys);
    if (it == groups_.end()) {
      it = groups_.emplace(keys, std::vector<Accumulator>(op_.aggregates.size())).first;
      QUARRY_RETURN_IF_ERROR(context_->CheckHeld(static_cast<int64_t>(groups_.size())));
    }
    for (Accumulator& accumulator : it->second) accumulator.count += count;
    return absl::OkStatus();
  }

  absl::Status Consume() {
    const Row* row;
    std::vector<Datum> keys(op_.items.size());
    // count_slot_ >= 0: rows counted per node, in first-seen order.
    absl::flat_hash_map<TermId, int64_t> node_counts;
    std::vector<TermId> nodes;
    while (true) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      if (count_slot_ >= 0 && (*row)[count_slot_].kind() == Datum::Kind::kNode) {
        auto [it, inserted] = node_counts.try_emplace((*row)[count_slot_].node_id(), 0);
        if (inserted) {
          nodes.push_back(it->first);
          if (nodes.size() % 65536 == 0) {
            QUARRY_RETURN_IF_ERROR(context_->CheckHeld(static_cast<int64_t>(nodes.size())));
          }
        }
        ++it->second;
        continue;
      }
      for (size_t index = 0; index < op_.items.size(); ++index) {
        QUARRY_ASSIGN_OR_RETURN(keys[index], Evaluate(op_.items[index].second, *row, context_));
      }
      auto it = groups_.find(keys);
      if (it == groups_.end()) {
        it = groups_.emplace(keys, std::vector<Accumulator>(op_.aggregates.size())).first;
        QUARRY_RETURN_IF_ERROR(context_->CheckHeld(static_cast<int64_t>(groups_.size())));
      }
      for (size_t index = 0; index < op_.aggregates.size(); ++index) {
        QUARRY_RETURN_IF_ERROR(Add(op_.aggregates[index], *row, &it->second[index]));
      }
    }
    if (!nodes.empty()) {
      Row probe(num_slots_);
      for (TermId node : nodes) {
        probe[count_slot_] = Datum::Node(node);
        for (size_t index = 0; index < op_.items.size(); ++index) {
          QUARRY_ASSIGN_OR_RETURN(keys[index], Evaluate(op_.items[index].second, probe, context_));
        }
        QUARRY_RETURN_IF_ERROR(AddCounted(keys, node_counts[node]));
      }
    }
    if (groups_.empty() && op_.items.empty()) {
      groups_.emplace(std::vector<Datum>(), std::vector<Accumulator>(op_.aggregates.size()));
    }
    for (auto& [group_keys, accumulators] : groups_) {
      Row out(num_slots_);
      for (size_t index = 0; index < op_.items.size(); ++index) {
        out[op_.items[index].first] = group_keys[index];
      }
      for (size_t index = 0; index < op_.aggregates.size(); ++index) {
        out[op_.aggregates[index].slot] = Finish(op_.aggregates[index], accumulators[index]);
      }
      results_.push_back(std::move(out));
    }
    groups_.clear();
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
  absl::flat_hash_map<std::vector<Datum>, std::vector<Accumulator>, DatumVectorHash, DatumVectorEq>
      groups_;
  std::vector<Row> results_;
  size_t position_ = 0;
  bool done_ = false;
};

}  // namespace

OperatorPtr MakeAggregate(const LogicalOp& op, OperatorPtr input, int num_slots) {
  return std::make_unique<AggregateOperator>(op, std::move(input), num_slots);
}

}  // namespace quarry::query
