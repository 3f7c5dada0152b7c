// Equality, comparison, ordering and hashing of runtime values, by openCypher's rules.
#include "query/datum.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace quarry::query {

Datum Datum::Map(DatumMap entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  DatumMap unique;
  for (auto& entry : entries) {
    if (!unique.empty() && unique.back().first == entry.first) {
      unique.back().second = std::move(entry.second);
    } else {
      unique.push_back(std::move(entry));
    }
  }
  return Datum(std::make_shared<const DatumMap>(std::move(unique)));
}

const char* Datum::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "Null";
    case Kind::kBool:
      return "Boolean";
    case Kind::kInt:
      return "Integer";
    case Kind::kDouble:
      return "Float";
    case Kind::kString:
      return "String";
    case Kind::kDate:
      return "Date";
    case Kind::kNode:
      return "Node";
    case Kind::kRel:
      return "Relationship";
    case Kind::kList:
      return "List";
    case Kind::kMap:
      return "Map";
    case Kind::kPath:
      return "Path";
  }
  return "Unknown";
}

namespace {

int CompareNumbers(const Datum& a, const Datum& b) {
  if (a.kind() == Datum::Kind::kInt && b.kind() == Datum::Kind::kInt) {
    return a.int_value() < b.int_value() ? -1 : (a.int_value() > b.int_value() ? 1 : 0);
  }
  double x = a.number();
  double y = b.number();
  return x < y ? -1 : (x > y ? 1 : 0);
}

int CompareDates(const quarry::Date& a, const quarry::Date& b) {
  if (a.year != b.year) return a.year < b.year ? -1 : 1;
  if (a.month != b.month) return a.month < b.month ? -1 : 1;
  if (a.day != b.day) return a.day < b.day ? -1 : 1;
  return 0;
}

int CompareTriples(const IdTriple& a, const IdTriple& b) {
  if (a == b) return 0;
  return a < b ? -1 : 1;
}

// Ranks of orderability across types.
int OrderRank(Datum::Kind kind) {
  switch (kind) {
    case Datum::Kind::kMap:
      return 0;
    case Datum::Kind::kNode:
      return 1;
    case Datum::Kind::kRel:
      return 2;
    case Datum::Kind::kList:
      return 3;
    case Datum::Kind::kPath:
      return 4;
    case Datum::Kind::kDate:
      return 5;
    case Datum::Kind::kString:
      return 6;
    case Datum::Kind::kBool:
      return 7;
    case Datum::Kind::kInt:
    case Datum::Kind::kDouble:
      return 8;
    case Datum::Kind::kNull:
      return 9;
  }
  return 10;
}

}  // namespace

bool IsNaN(const Datum& value) {
  return value.kind() == Datum::Kind::kDouble && std::isnan(value.double_value());
}

Ternary Equals(const Datum& a, const Datum& b) {
  using Kind = Datum::Kind;
  if (a.is_null() || b.is_null()) return Ternary::kNull;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return Ternary::kFalse;
    return CompareNumbers(a, b) == 0 ? Ternary::kTrue : Ternary::kFalse;
  }
  if (a.kind() != b.kind()) return Ternary::kFalse;
  auto from_bool = [](bool value) { return value ? Ternary::kTrue : Ternary::kFalse; };
  switch (a.kind()) {
    case Kind::kBool:
      return from_bool(a.bool_value() == b.bool_value());
    case Kind::kString:
      return from_bool(a.string_value() == b.string_value());
    case Kind::kDate:
      return from_bool(a.date_value() == b.date_value());
    case Kind::kNode:
      return from_bool(a.node_id() == b.node_id());
    case Kind::kRel:
      return from_bool(a.rel() == b.rel());
    case Kind::kPath:
      return from_bool(a.path().nodes == b.path().nodes && a.path().rels == b.path().rels);
    case Kind::kList: {
      const DatumList& x = a.list();
      const DatumList& y = b.list();
      if (x.size() != y.size()) return Ternary::kFalse;
      Ternary result = Ternary::kTrue;
      for (size_t index = 0; index < x.size(); ++index) {
        Ternary element = Equals(x[index], y[index]);
        if (element == Ternary::kFalse) return Ternary::kFalse;
        if (element == Ternary::kNull) result = Ternary::kNull;
      }
      return result;
    }
    case Kind::kMap: {
      const DatumMap& x = a.map();
      const DatumMap& y = b.map();
      if (x.size() != y.size()) return Ternary::kFalse;
      Ternary result = Ternary::kTrue;
      for (size_t index = 0; index < x.size(); ++index) {
        if (x[index].first != y[index].first) return Ternary::kFalse;
        Ternary element = Equals(x[index].second, y[index].second);
        if (element == Ternary::kFalse) return Ternary::kFalse;
        if (element == Ternary::kNull) result = Ternary::kNull;
      }
      return result;
    }
    default:
      return Ternary::kFalse;
  }
}

std::optional<int> CompareValues(const Datum& a, const Datum& b) {
  using Kind = Datum::Kind;
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return std::nullopt;
    return CompareNumbers(a, b);
  }
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case Kind::kBool:
      return static_cast<int>(a.bool_value()) - static_cast<int>(b.bool_value());
    case Kind::kString:
      return a.string_value().compare(b.string_value()) < 0
                 ? -1
                 : (a.string_value() == b.string_value() ? 0 : 1);
    case Kind::kDate:
      return CompareDates(a.date_value(), b.date_value());
    case Kind::kList: {
      const DatumList& x = a.list();
      const DatumList& y = b.list();
      for (size_t index = 0; index < x.size() && index < y.size(); ++index) {
        std::optional<int> element = CompareValues(x[index], y[index]);
        if (!element.has_value()) return std::nullopt;
        if (*element != 0) return element;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

int OrderCompare(const Datum& a, const Datum& b) {
  using Kind = Datum::Kind;
  int rank_a = OrderRank(a.kind());
  int rank_b = OrderRank(b.kind());
  if (rank_a != rank_b) return rank_a < rank_b ? -1 : 1;
  switch (a.kind()) {
    case Kind::kNull:
      return 0;
    case Kind::kInt:
    case Kind::kDouble: {
      // NaN sorts after every other number.
      bool nan_a = IsNaN(a);
      bool nan_b = IsNaN(b);
      if (nan_a || nan_b) return nan_a == nan_b ? 0 : (nan_a ? 1 : -1);
      return CompareNumbers(a, b);
    }
    case Kind::kBool:
    case Kind::kString:
    case Kind::kDate:
      return *CompareValues(a, b);
    case Kind::kNode:
      return a.node_id() < b.node_id() ? -1 : (a.node_id() > b.node_id() ? 1 : 0);
    case Kind::kRel:
      return CompareTriples(a.rel(), b.rel());
    case Kind::kList: {
      const DatumList& x = a.list();
      const DatumList& y = b.list();
      for (size_t index = 0; index < x.size() && index < y.size(); ++index) {
        int element = OrderCompare(x[index], y[index]);
        if (element != 0) return element;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case Kind::kMap: {
      const DatumMap& x = a.map();
      const DatumMap& y = b.map();
      for (size_t index = 0; index < x.size() && index < y.size(); ++index) {
        if (x[index].first != y[index].first) return x[index].first < y[index].first ? -1 : 1;
        int element = OrderCompare(x[index].second, y[index].second);
        if (element != 0) return element;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case Kind::kPath: {
      const PathDatum& x = a.path();
      const PathDatum& y = b.path();
      if (x.nodes != y.nodes) return x.nodes < y.nodes ? -1 : 1;
      if (x.rels != y.rels) return x.rels < y.rels ? -1 : 1;
      return 0;
    }
  }
  return 0;
}

bool Equivalent(const Datum& a, const Datum& b) {
  using Kind = Datum::Kind;
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) && IsNaN(b)) return true;
    return Equals(a, b) == Ternary::kTrue;
  }
  if (a.kind() != b.kind()) return false;
  if (a.kind() == Kind::kList) {
    if (a.list().size() != b.list().size()) return false;
    for (size_t index = 0; index < a.list().size(); ++index) {
      if (!Equivalent(a.list()[index], b.list()[index])) return false;
    }
    return true;
  }
  if (a.kind() == Kind::kMap) {
    if (a.map().size() != b.map().size()) return false;
    for (size_t index = 0; index < a.map().size(); ++index) {
      if (a.map()[index].first != b.map()[index].first ||
          !Equivalent(a.map()[index].second, b.map()[index].second)) {
        return false;
      }
    }
    return true;
  }
  return Equals(a, b) == Ternary::kTrue;
}

size_t HashDatum(const Datum& value) {
  using Kind = Datum::Kind;
  switch (value.kind()) {
    case Kind::kNull:
      return 0x9e3779b97f4a7c15ULL;
    case Kind::kBool:
      return absl::HashOf(1, value.bool_value());
    case Kind::kInt:
      return absl::HashOf(2, static_cast<double>(value.int_value()));
    case Kind::kDouble: {
      double number = value.double_value();
      if (std::isnan(number)) return 7;
      return absl::HashOf(2, number == 0 ? 0.0 : number);
    }
    case Kind::kString:
      return absl::HashOf(3, value.string_value());
    case Kind::kDate:
      return absl::HashOf(4, value.date_value().year, value.date_value().month,
                          value.date_value().day);
    case Kind::kNode:
      return absl::HashOf(5, value.node_id());
    case Kind::kRel:
      return absl::HashOf(6, value.rel());
    case Kind::kList: {
      size_t hash = 8;
      for (const Datum& element : value.list()) hash = absl::HashOf(hash, HashDatum(element));
      return hash;
    }
    case Kind::kMap: {
      size_t hash = 9;
      for (const auto& [key, element] : value.map()) {
        hash = absl::HashOf(hash, key, HashDatum(element));
      }
      return hash;
    }
    case Kind::kPath:
      return absl::HashOf(10, value.path().nodes, value.path().rels);
  }
  return 0;
}

size_t DatumVectorHash::operator()(const std::vector<Datum>& values) const {
  size_t hash = values.size();
  for (const Datum& value : values) hash = absl::HashOf(hash, HashDatum(value));
  return hash;
}

bool DatumVectorEq::operator()(const std::vector<Datum>& a, const std::vector<Datum>& b) const {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (!Equivalent(a[index], b[index])) return false;
  }
  return true;
}

Datum FromValue(const Value& value) {
  struct Visitor {
    Datum operator()(std::monostate) const { return Datum(); }
    Datum operator()(bool v) const { return Datum::Bool(v); }
    Datum operator()(int64_t v) const { return Datum::Int(v); }
    Datum operator()(double v) const { return Datum::Double(v); }
    Datum operator()(const std::string& v) const { return Datum::String(v); }
    Datum operator()(const quarry::Date& v) const { return Datum::FromDate(v); }
    Datum operator()(const quarry::Node& v) const { return Datum::Node(v.id); }
    Datum operator()(const quarry::Relationship& v) const {
      // A public relationship does not carry its predicate id; only start/end survive.
      return Datum::Rel(IdTriple{v.start, 0, v.end});
    }
    Datum operator()(const quarry::Path& v) const {
      PathDatum path;
      for (const auto& node : v.nodes) path.nodes.push_back(node.id);
      for (const auto& rel : v.relationships) path.rels.push_back(IdTriple{rel.start, 0, rel.end});
      return Datum::Path(std::move(path));
    }
    Datum operator()(const List& v) const {
      DatumList list;
      for (const Value& element : v) list.push_back(FromValue(element));
      return Datum::List(std::move(list));
    }
    Datum operator()(const quarry::Map& v) const {
      DatumMap map;
      for (const auto& [key, element] : v) map.emplace_back(key, FromValue(element));
      return Datum::Map(std::move(map));
    }
  };
  return std::visit(Visitor{}, value.storage());
}

std::string DebugString(const Datum& value) {
  using Kind = Datum::Kind;
  switch (value.kind()) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return value.bool_value() ? "true" : "false";
    case Kind::kInt:
      return absl::StrCat(value.int_value());
    case Kind::kDouble:
      return absl::StrCat(value.double_value());
    case Kind::kString:
      return absl::StrCat("'", value.string_value(), "'");
    case Kind::kDate:
      return absl::StrCat("date(", value.date_value().year, "-", value.date_value().month, "-",
                          value.date_value().day, ")");
    case Kind::kNode:
      return absl::StrCat("node(", value.node_id(), ")");
    case Kind::kRel:
      return absl::StrCat("rel(", value.rel().subject, ",", value.rel().predicate, ",",
                          value.rel().object, ")");
    case Kind::kList:
      return absl::StrCat(
          "[",
          absl::StrJoin(value.list(), ", ",
                        [](std::string* out, const Datum& d) { out->append(DebugString(d)); }),
          "]");
    case Kind::kMap:
      return absl::StrCat("{",
                          absl::StrJoin(value.map(), ", ",
                                        [](std::string* out, const auto& e) {
                                          absl::StrAppend(out, e.first, ": ",
                                                          DebugString(e.second));
                                        }),
                          "}");
    case Kind::kPath:
      return absl::StrCat("path(", value.path().rels.size(), ")");
  }
  return "?";
}

}  // namespace quarry::query
