// Value::ToString (include/quarry/value.h): values in openCypher literal syntax.
#include <cmath>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "quarry/value.h"

namespace quarry {
namespace {

std::string QuoteString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  std::string text = absl::StrFormat("%.15g", value);
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

std::string FormatProperties(const std::map<std::string, Value>& properties) {
  if (properties.empty()) return "";
  std::string out = " {";
  bool first = true;
  for (const auto& [key, value] : properties) {
    if (!first) out += ", ";
    first = false;
    absl::StrAppend(&out, key, ": ", value.ToString());
  }
  out += "}";
  return out;
}

std::string FormatNode(const Node& node) {
  std::string out = "(";
  for (const std::string& label : node.labels) absl::StrAppend(&out, ":", label);
  std::map<std::string, Value> properties = node.properties;
  if (!node.name.empty()) properties.emplace("name", Value(node.name));
  std::string props = FormatProperties(properties);
  if (node.labels.empty() && !props.empty()) props.erase(0, 1);
  out += props + ")";
  return out;
}

std::string FormatRelationship(const Relationship& rel) {
  return absl::StrCat("[:", rel.type, FormatProperties(rel.properties), "]");
}

}  // namespace

std::string Value::ToString() const {
  struct Visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(int64_t v) const { return absl::StrCat(v); }
    std::string operator()(double v) const { return FormatDouble(v); }
    std::string operator()(const std::string& v) const { return QuoteString(v); }
    std::string operator()(const Date& v) const {
      return absl::StrFormat("date('%04d-%02d-%02d')", v.year, v.month, v.day);
    }
    std::string operator()(const Node& v) const { return FormatNode(v); }
    std::string operator()(const Relationship& v) const { return FormatRelationship(v); }
    std::string operator()(const Path& v) const {
      std::string out;
      for (size_t index = 0; index < v.nodes.size(); ++index) {
        out += FormatNode(v.nodes[index]);
        if (index < v.relationships.size()) {
          const Relationship& rel = v.relationships[index];
          bool forward = rel.start == v.nodes[index].id;
          out += forward ? "-" : "<-";
          out += FormatRelationship(rel);
          out += forward ? "->" : "-";
        }
      }
      return out;
    }
    std::string operator()(const List& v) const {
      std::string out = "[";
      for (size_t index = 0; index < v.size(); ++index) {
        if (index > 0) out += ", ";
        out += v[index].ToString();
      }
      return out + "]";
    }
    std::string operator()(const Map& v) const {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, value] : v) {
        if (!first) out += ", ";
        first = false;
        absl::StrAppend(&out, key, ": ", value.ToString());
      }
      return out + "}";
    }
  };
  return std::visit(Visitor{}, storage_);
}

}  // namespace quarry
