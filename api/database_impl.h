// The implementation behind quarry::Database: the graph store plus what loading and querying
// need. Internal to the library; tools use only include/quarry/.
#ifndef QUARRY_API_DATABASE_IMPL_H_
#define QUARRY_API_DATABASE_IMPL_H_

#include <memory>

#include "graph/store.h"
#include "quarry/value.h"

namespace quarry {

class DatabaseImpl {
 public:
  explicit DatabaseImpl(std::unique_ptr<graph::Store> store) : store_(std::move(store)) {}

  graph::Store& store() const { return *store_; }

 private:
  std::unique_ptr<graph::Store> store_;
};

// The public value of a stored term: a node as Node (name only), a label as its string, a
// literal as itself.
Value TermToValue(const proto::Term& term);

// The proto term for a public value, for patterns and parameters. kInvalidArgument for
// values that are not terms (lists, maps, nodes without a name...).
absl::StatusOr<proto::Term> ValueToTerm(const Value& value);

}  // namespace quarry

#endif  // QUARRY_API_DATABASE_IMPL_H_
