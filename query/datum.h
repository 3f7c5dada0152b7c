// Datum: the runtime value of the engine. Nodes and relationships are ids (a node's term id,
// a relationship's triple), so rows stay small and strings are decoded only for results.
#ifndef QUARRY_QUERY_DATUM_H_
#define QUARRY_QUERY_DATUM_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "graph/store.h"
#include "quarry/value.h"

namespace quarry::query {

using graph::IdTriple;
using graph::TermId;

struct NodeRef {
  TermId id = 0;
};

class Datum;
using DatumList = std::vector<Datum>;
// Map entries sorted by key.
using DatumMap = std::vector<std::pair<std::string, Datum>>;

// A path: nodes[0], rels[0], nodes[1], ...; a relationship is its triple.
struct PathDatum {
  std::vector<TermId> nodes;
  std::vector<IdTriple> rels;
};

// Three-valued logic: true, false or null (unknown).
enum class Ternary : uint8_t { kFalse, kTrue, kNull };

// A runtime value. Copying is cheap: lists, maps and paths are shared and immutable.
class Datum {
 public:
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kInt,
    kDouble,
    kString,
    kDate,
    kNode,
    kRel,
    kList,
    kMap,
    kPath
  };

  Datum() = default;
  static Datum Bool(bool value) { return Datum(value); }
  static Datum Int(int64_t value) { return Datum(value); }
  static Datum Double(double value) { return Datum(value); }
  static Datum String(std::string value) { return Datum(std::move(value)); }
  static Datum FromDate(quarry::Date value) { return Datum(value); }
  static Datum Node(TermId id) { return Datum(NodeRef{id}); }
  static Datum Rel(const IdTriple& triple) { return Datum(triple); }
  static Datum List(DatumList values) {
    return Datum(std::make_shared<const DatumList>(std::move(values)));
  }
  // `entries` need not be sorted; later duplicates win.
  static Datum Map(DatumMap entries);
  static Datum Path(PathDatum path) {
    return Datum(std::make_shared<const PathDatum>(std::move(path)));
  }
  static Datum FromTernary(Ternary value) {
    return value == Ternary::kNull ? Datum() : Datum(value == Ternary::kTrue);
  }

  Kind kind() const { return static_cast<Kind>(storage_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_number() const { return kind() == Kind::kInt || kind() == Kind::kDouble; }
  bool bool_value() const { return std::get<bool>(storage_); }
  int64_t int_value() const { return std::get<int64_t>(storage_); }
  double double_value() const { return std::get<double>(storage_); }
  // An int or double as a double.
  double number() const { return kind() == Kind::kInt ? int_value() : double_value(); }
  const std::string& string_value() const { return std::get<std::string>(storage_); }
  const quarry::Date& date_value() const { return std::get<quarry::Date>(storage_); }
  TermId node_id() const { return std::get<NodeRef>(storage_).id; }
  const IdTriple& rel() const { return std::get<IdTriple>(storage_); }
  const DatumList& list() const { return *std::get<std::shared_ptr<const DatumList>>(storage_); }
  const DatumMap& map() const { return *std::get<std::shared_ptr<const DatumMap>>(storage_); }
  const PathDatum& path() const { return *std::get<std::shared_ptr<const PathDatum>>(storage_); }

  // The type's name as openCypher spells it in messages: "Integer", "Node", ...
  static const char* KindName(Kind kind);

 private:
  using Storage = std::variant<std::monostate, bool, int64_t, double, std::string, quarry::Date,
                               NodeRef, IdTriple, std::shared_ptr<const DatumList>,
                               std::shared_ptr<const DatumMap>, std::shared_ptr<const PathDatum>>;
  template <typename T>
  explicit Datum(T value) : storage_(std::move(value)) {}
  Storage storage_;
};

// Whether `value` is a floating-point NaN.
bool IsNaN(const Datum& value);

// openCypher equality (=): null when either side is null or a nested comparison is.
Ternary Equals(const Datum& a, const Datum& b);

// openCypher comparison (<): a negative, zero or positive result, or nullopt when the values
// are not comparable (different types, or null).
std::optional<int> CompareValues(const Datum& a, const Datum& b);

// The total order of ORDER BY (orderability): maps < nodes < relationships < lists < paths
// < dates < strings < booleans < numbers < null.
int OrderCompare(const Datum& a, const Datum& b);

// Equivalence for DISTINCT and grouping: like equality, but null equals null.
bool Equivalent(const Datum& a, const Datum& b);
// A hash consistent with Equivalent (1 and 1.0 hash alike).
size_t HashDatum(const Datum& value);

// Hashing and equality functors for rows of grouping keys.
struct DatumVectorHash {
  size_t operator()(const std::vector<Datum>& values) const;
};
struct DatumVectorEq {
  bool operator()(const std::vector<Datum>& a, const std::vector<Datum>& b) const;
};

// A literal or parameter converted to a Datum (public Node/Relationship/Path values become
// ids; they can be passed back as parameters).
Datum FromValue(const Value& value);

// A short text for debugging and plans: 'text', 42, [1, 2], node(17), ...
std::string DebugString(const Datum& value);

}  // namespace quarry::query

#endif  // QUARRY_QUERY_DATUM_H_
