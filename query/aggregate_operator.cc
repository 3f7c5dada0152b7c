// Aggregate: groups rows by the key expressions and folds count, collect, min, max, sum and
// avg per group (DISTINCT aggregates see each value once). Without keys and without input
// it still returns one row (count 0, collect [], sum 0, others null).
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "query/evaluator.h"
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
        num_slots_(num_slots) {}

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

  absl::Status Consume() {
    const Row* row;
    std::vector<Datum> keys(op_.items.size());
    while (true) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
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
