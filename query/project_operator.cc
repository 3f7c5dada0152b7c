// Project computes expressions into slots; BuildPath assembles a named path from the
// pattern's node and relationship slots.
#include <utility>

#include "query/evaluator.h"
#include "query/physical_operators.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

class ProjectOperator : public PhysicalOperator {
 public:
  ProjectOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("Project", op.description, op.estimated_rows, std::move(input)), op_(op) {}

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    std::vector<Datum> values(op_.items.size());
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      // Evaluate every item before writing any, so items may read slots others overwrite.
      for (size_t index = 0; index < op_.items.size(); ++index) {
        QUARRY_ASSIGN_OR_RETURN(values[index], Evaluate(op_.items[index].second, *row, context_));
      }
      Row out = std::move(*row);
      for (size_t index = 0; index < op_.items.size(); ++index) {
        out[op_.items[index].first] = std::move(values[index]);
      }
      batch->push_back(std::move(out));
    }
    return absl::OkStatus();
  }

  const LogicalOp& op_;
};

class BuildPathOperator : public PhysicalOperator {
 public:
  BuildPathOperator(const LogicalOp& op, OperatorPtr input)
      : PhysicalOperator("BuildPath", op.description, op.estimated_rows, std::move(input)),
        op_(op) {}

 private:
  absl::Status NextImpl(std::vector<Row>* batch) override {
    Row* row;
    while (batch->size() < kBatchSize) {
      QUARRY_ASSIGN_OR_RETURN(bool more, NextInputRow(&row));
      if (!more) break;
      Datum path = Build(*row);
      Row out = std::move(*row);
      out[op_.slot] = std::move(path);
      batch->push_back(std::move(out));
    }
    return absl::OkStatus();
  }

  Datum Build(const Row& row) const {
    PathDatum path;
    const Datum& first = row[op_.path_nodes[0]];
    if (first.kind() != Datum::Kind::kNode) return Datum();
    path.nodes.push_back(first.node_id());
    for (size_t index = 0; index < op_.path_rels.size(); ++index) {
      const Datum& rel = row[op_.path_rels[index]];
      std::vector<IdTriple> triples;
      if (op_.path_rel_is_list[index]) {
        if (rel.kind() != Datum::Kind::kList) return Datum();
        for (const Datum& element : rel.list()) triples.push_back(element.rel());
      } else {
        if (rel.kind() != Datum::Kind::kRel) return Datum();
        triples.push_back(rel.rel());
      }
      for (const IdTriple& triple : triples) {
        TermId last = path.nodes.back();
        path.rels.push_back(triple);
        path.nodes.push_back(triple.subject == last ? triple.object : triple.subject);
      }
    }
    return Datum::Path(std::move(path));
  }

  const LogicalOp& op_;
};

}  // namespace

OperatorPtr MakeProject(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<ProjectOperator>(op, std::move(input));
}

OperatorPtr MakeBuildPath(const LogicalOp& op, OperatorPtr input) {
  return std::make_unique<BuildPathOperator>(op, std::move(input));
}

}  // namespace quarry::query
