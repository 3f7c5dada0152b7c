// Skip and Limit count rows (Limit stops pulling its input once full); ProduceResults is
// the root that hands rows to the engine.
#include <utility>

#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class SkipOperator : public PhysicalOperator {
 public:
  SkipOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Skip", op.description, op.estimated_rows, std::move(input)),
        count_(op.count) {}

 private:
  absl::Status OpenImpl() override {
    skipped_ = 0;
    return absl::OkStatus();
  }
  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      if (skipped_ < count_) {
        ++skipped_;
        continue;
      }
      batch->push_back(std::move(*row));
    }
    return absl::OkStatus();
  }
  int64_t count_;
  int64_t skipped_ = 0;
};

class LimitOperator : public PhysicalOperator {
 public:
  LimitOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Limit", op.description, op.estimated_rows, std::move(input)),
        count_(op.count) {}

 private:
  absl::Status OpenImpl() override {
    taken_ = 0;
    return absl::OkStatus();
  }
  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    while (taken_ < count_ && batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      batch->push_back(std::move(*row));
      ++taken_;
    }
    return absl::OkStatus();
  }
  int64_t count_;
  int64_t taken_ = 0;
};

class ProduceResultsOperator : public PhysicalOperator {
 public:
  ProduceResultsOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("ProduceResults", op.description, op.estimated_rows, std::move(input)) {}

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      batch->push_back(std::move(*row));
    }
    return absl::OkStatus();
  }
};

}  // namespace

OperatorPtr MakeSkip(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<SkipOperator>(op, std::move(input));
}
OperatorPtr MakeLimit(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<LimitOperator>(op, std::move(input));
}
OperatorPtr MakeProduceResults(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<ProduceResultsOperator>(op, std::move(input));
}

}  // namespace quarry::query
