// Leaves and node scans. A scan runs once per input row (the scanned set is computed once
// per Open), so a second pattern part or a later MATCH is a cartesian product.
#include <utility>

#include "absl/strings/str_cat.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class SingleRowOperator : public PhysicalOperator {
 public:
  SingleRowOperator(const LogicalOp& op, int num_slots)
      : PhysicalOperator("SingleRow", op.description, op.estimated_rows, nullptr),
        num_slots_(num_slots) {}

 private:
  absl::Status OpenImpl() override {
    done_ = false;
    return absl::OkStatus();
  }
  absl::Status NextImpl(std::vector<Row>* batch) override {
    if (!done_) batch->push_back(Row(num_slots_));
    done_ = true;
    return absl::OkStatus();
  }
  int num_slots_;
  bool done_ = false;
};

class NodeScanOperator : public PhysicalOperator {
 public:
  NodeScanOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator(Name(op.kind), op.description, op.estimated_rows, std::move(input)),
        kind_(op.kind),
        slot_(op.slot),
        label_(op.label),
        property_(op.property),
        value_(op.value.literal) {}

 private:
  static std::string Name(LogicalKind kind) {
    switch (kind) {
      case LogicalKind::kAllNodesScan:
        return "AllNodesScan";
      case LogicalKind::kLabelScan:
        return "LabelScan";
      case LogicalKind::kNodeByName:
        return "NodeByName";
      default:
        return "NodeByProperty";
    }
  }

  absl::Status OpenImpl() override {
    nodes_.clear();
    current_ = nullptr;
    position_ = 0;
    GraphReader& reader = context_->reader();
    switch (kind_) {
      case LogicalKind::kAllNodesScan:
        return reader.ScanAllNodes(&nodes_);
      case LogicalKind::kLabelScan: {
        QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> label, reader.LabelId(label_));
        if (label.has_value()) QUARRY_RETURN_IF_ERROR(reader.ScanLabel(*label, &nodes_));
        return absl::OkStatus();
      }
      case LogicalKind::kNodeByName: {
        if (value_.kind() != Datum::Kind::kString) return absl::OkStatus();
        QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> node,
                                reader.NodeByName(value_.string_value()));
        if (node.has_value()) nodes_.push_back(*node);
        return absl::OkStatus();
      }
      default: {
        QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> predicate, reader.PredicateId(property_));
        QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> object, reader.LiteralId(value_));
        if (predicate.has_value() && object.has_value()) {
          QUARRY_RETURN_IF_ERROR(reader.ScanSubjects(*predicate, *object, &nodes_));
        }
        // An int property also matches an equal double (1 = 1.0), and vice versa.
        if (predicate.has_value() && value_.is_number()) {
          Datum other = value_.kind() == Datum::Kind::kInt
                            ? Datum::Double(static_cast<double>(value_.int_value()))
                            : Datum::Int(static_cast<int64_t>(value_.double_value()));
          if (Equals(other, value_) == Ternary::kTrue) {
            QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> other_id, reader.LiteralId(other));
            if (other_id.has_value()) {
              QUARRY_RETURN_IF_ERROR(reader.ScanSubjects(*predicate, *other_id, &nodes_));
            }
          }
        }
        return absl::OkStatus();
      }
    }
  }

  absl::Status NextImpl(std::vector<Row>* batch) override {
    if (nodes_.empty()) return absl::OkStatus();
    while (batch->size() < kBatchSize) {
      if (current_ == nullptr || position_ >= nodes_.size()) {
        QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&current_));
        if (!more) {
          current_ = nullptr;
          break;
        }
        position_ = 0;
      }
      for (; position_ < nodes_.size() && batch->size() < kBatchSize; ++position_) {
        Row row = *current_;
        row[slot_] = Datum::Node(nodes_[position_]);
        batch->push_back(std::move(row));
      }
    }
    return absl::OkStatus();
  }

  LogicalKind kind_;
  int slot_;
  std::string label_;
  std::string property_;
  Datum value_;
  std::vector<TermId> nodes_;
  const Row* current_ = nullptr;
  size_t position_ = 0;
};

}  // namespace

absl::Status ArgumentOperator::OpenImpl() {
  done_ = false;
  return absl::OkStatus();
}

absl::Status ArgumentOperator::NextImpl(std::vector<Row>* batch) {
  if (!done_ && row_ != nullptr) batch->push_back(*row_);
  done_ = true;
  return absl::OkStatus();
}

OperatorPtr MakeSingleRow(const LogicalOp& op, int num_slots) {
  return std::make_unique<SingleRowOperator>(op, num_slots);
}

OperatorPtr MakeNodeScan(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<NodeScanOperator>(op, std::move(input));
}

}  // namespace quarry::query
