// Values of query results and parameters: openCypher's types as Quarry returns them.
#ifndef QUARRY_VALUE_H_
#define QUARRY_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace quarry {

class Value;

// A calendar date; month or day 0 when unknown.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

// A node: its id, canonical name (empty for an unnamed node), labels and properties.
struct Node {
  uint64_t id = 0;
  std::string name;
  std::vector<std::string> labels;
  std::map<std::string, Value> properties;
};

// A relationship: a triple with a node object, with properties from its evidence.
struct Relationship {
  uint64_t id = 0;  // stable within a snapshot; derived from the triple
  uint64_t start = 0;
  uint64_t end = 0;
  std::string type;
  std::map<std::string, Value> properties;
};

// A path: nodes[0], relationships[0], nodes[1], ...
struct Path {
  std::vector<Node> nodes;
  std::vector<Relationship> relationships;
};

using List = std::vector<Value>;
using Map = std::map<std::string, Value>;

// A typed value. Null is the default.
class Value {
 public:
  using Storage = std::variant<std::monostate, bool, int64_t, double, std::string, Date, Node,
                               Relationship, Path, List, Map>;
  Value() = default;
  Value(bool v) : storage_(v) {}                      // NOLINT
  Value(int v) : storage_(int64_t{v}) {}              // NOLINT
  Value(int64_t v) : storage_(v) {}                   // NOLINT
  Value(double v) : storage_(v) {}                    // NOLINT
  Value(const char* v) : storage_(std::string(v)) {}  // NOLINT
  Value(std::string v) : storage_(std::move(v)) {}    // NOLINT
  Value(Date v) : storage_(v) {}                      // NOLINT
  Value(Node v) : storage_(std::move(v)) {}           // NOLINT
  Value(Relationship v) : storage_(std::move(v)) {}   // NOLINT
  Value(Path v) : storage_(std::move(v)) {}           // NOLINT
  Value(List v) : storage_(std::move(v)) {}           // NOLINT
  Value(Map v) : storage_(std::move(v)) {}            // NOLINT

  bool is_null() const { return std::holds_alternative<std::monostate>(storage_); }
  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(storage_);
  }
  // The value as T; the caller checks is<T>() first.
  template <typename T>
  const T& as() const {
    return std::get<T>(storage_);
  }
  const Storage& storage() const { return storage_; }

  // The value in openCypher literal syntax, e.g. 'Lena Varga', 42, [1, 2], (:Person {name: ..}).
  std::string ToString() const;

 private:
  Storage storage_;
};

// Query parameters by name, without the '$'.
using Params = std::map<std::string, Value>;

}  // namespace quarry

#endif  // QUARRY_VALUE_H_
