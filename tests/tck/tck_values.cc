// A recursive-descent reader of TCK values and their canonical rendering.
#include "tests/tck/tck_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace quarry::tck {
namespace {

class ValueReader {
 public:
  explicit ValueReader(const std::string& text) : text_(text) {}

  absl::StatusOr<Value> ReadAll() {
    absl::StatusOr<Value> value = Read();
    if (!value.ok()) return value;
    SkipSpace();
    if (pos_ != text_.size()) return Error("trailing text");
    return value;
  }

 private:
  absl::Status Error(const std::string& what) const {
    return absl::InvalidArgumentError(absl::StrCat(what, " at ", pos_, " in: ", text_));
  }
  void SkipSpace() {
    while (pos_ < text_.size() && absl::ascii_isspace(text_[pos_])) ++pos_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool EatWord(const std::string& word) {
    SkipSpace();
    if (text_.compare(pos_, word.size(), word) != 0) return false;
    size_t end = pos_ + word.size();
    if (end < text_.size() && (absl::ascii_isalnum(text_[end]) || text_[end] == '_')) {
      return false;
    }
    pos_ = end;
    return true;
  }
  std::string Name() {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '`') {
      size_t end = text_.find('`', pos_ + 1);
      if (end == std::string::npos) end = text_.size();
      std::string name = text_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = std::min(end + 1, text_.size());
      return name;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && (absl::ascii_isalnum(text_[pos_]) || text_[pos_] == '_')) {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  absl::StatusOr<Map> ReadMap() {
    Map map;
    if (Eat('}')) return map;
    do {
      std::string key = Name();
      if (key.empty() || !Eat(':')) return Error("expected a map key");
      absl::StatusOr<Value> value = Read();
      if (!value.ok()) return value.status();
      map[key] = *std::move(value);
    } while (Eat(','));
    if (!Eat('}')) return Error("expected '}'");
    return map;
  }

  absl::StatusOr<Node> ReadNode() {  // after '('
    Node node;
    while (Eat(':')) node.labels.push_back(Name());
    if (Eat('{')) {
      absl::StatusOr<Map> map = ReadMap();
      if (!map.ok()) return map.status();
      node.properties = *std::move(map);
    }
    if (!Eat(')')) return Error("expected ')'");
    return node;
  }

  absl::StatusOr<Relationship> ReadRel() {  // after '['
    Relationship rel;
    if (Eat(':')) rel.type = Name();
    if (Eat('{')) {
      absl::StatusOr<Map> map = ReadMap();
      if (!map.ok()) return map.status();
      rel.properties = *std::move(map);
    }
    if (!Eat(']')) return Error("expected ']'");
    return rel;
  }

  absl::StatusOr<Value> ReadPath() {  // after '<'
    Path path;
    if (!Eat('(')) return Error("expected a node");
    absl::StatusOr<Node> first = ReadNode();
    if (!first.ok()) return first.status();
    first->id = 1;
    path.nodes.push_back(*std::move(first));
    while (!Eat('>')) {
      bool incoming = Eat('<');
      if (!Eat('-') || !Eat('[')) return Error("expected a relationship");
      absl::StatusOr<Relationship> rel = ReadRel();
      if (!rel.ok()) return rel.status();
      if (!Eat('-')) return Error("expected '-'");
      bool outgoing = Eat('>');
      if (!Eat('(')) return Error("expected a node");
      absl::StatusOr<Node> node = ReadNode();
      if (!node.ok()) return node.status();
      node->id = path.nodes.size() + 1;
      uint64_t previous = path.nodes.back().id;
      rel->start = incoming && !outgoing ? node->id : previous;
      rel->end = incoming && !outgoing ? previous : node->id;
      path.relationships.push_back(*std::move(rel));
      path.nodes.push_back(*std::move(node));
    }
    return Value(std::move(path));
  }

  absl::StatusOr<Value> ReadString() {  // after the opening quote
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '\'') {
      char c = text_[pos_++];
      if (c == '\\' && pos_ < text_.size()) {
        char e = text_[pos_++];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          default:
            out += e;
        }
        continue;
      }
      out += c;
    }
    if (pos_ >= text_.size()) return Error("unterminated string");
    ++pos_;
    return Value(std::move(out));
  }

  absl::StatusOr<Value> ReadNumber() {
    SkipSpace();
    size_t start = pos_;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
    if (EatWord("Inf") || EatWord("Infinity")) {
      double inf = std::numeric_limits<double>::infinity();
      return Value(text_[start] == '-' ? -inf : inf);
    }
    bool is_double = false;
    while (pos_ < text_.size() && (absl::ascii_isalnum(text_[pos_]) || text_[pos_] == '.' ||
                                   ((text_[pos_] == '-' || text_[pos_] == '+') &&
                                    (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
      if (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E') is_double = true;
      ++pos_;
    }
    std::string number = text_.substr(start, pos_ - start);
    if (number.find("0x") != std::string::npos) is_double = false;
    if (is_double) {
      double value = 0;
      if (!absl::SimpleAtod(number, &value)) return Error("bad number");
      return Value(value);
    }
    int64_t value = 0;
    if (!absl::SimpleAtoi(number, &value)) {
      double d = 0;
      if (absl::SimpleAtod(number, &d)) return Value(d);
      return Error("bad number");
    }
    return Value(value);
  }

  absl::StatusOr<Value> Read() {
    SkipSpace();
    if (pos_ >= text_.size()) return Error("expected a value");
    char c = text_[pos_];
    if (EatWord("null")) return Value();
    if (EatWord("true")) return Value(true);
    if (EatWord("false")) return Value(false);
    if (EatWord("NaN")) return Value(std::nan(""));
    if (c == '\'') {
      ++pos_;
      return ReadString();
    }
    if (c == '(') {
      ++pos_;
      absl::StatusOr<Node> node = ReadNode();
      if (!node.ok()) return node.status();
      return Value(*std::move(node));
    }
    if (c == '<') {
      ++pos_;
      return ReadPath();
    }
    if (c == '{') {
      ++pos_;
      absl::StatusOr<Map> map = ReadMap();
      if (!map.ok()) return map.status();
      return Value(*std::move(map));
    }
    if (c == '[') {
      ++pos_;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ':') {
        absl::StatusOr<Relationship> rel = ReadRel();
        if (!rel.ok()) return rel.status();
        return Value(*std::move(rel));
      }
      List list;
      if (Eat(']')) return Value(std::move(list));
      do {
        absl::StatusOr<Value> element = Read();
        if (!element.ok()) return element;
        list.push_back(*std::move(element));
      } while (Eat(','));
      if (!Eat(']')) return Error("expected ']'");
      return Value(std::move(list));
    }
    return ReadNumber();
  }

  const std::string& text_;
  size_t pos_ = 0;
};

std::string RenderDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Inf" : "Inf";
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string out = buffer;
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

std::string RenderString(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string RenderMap(const Map& map, bool sort_lists, bool skip_null = false) {
  std::vector<std::string> parts;
  for (const auto& [key, value] : map) {
    if (skip_null && value.is_null()) continue;
    parts.push_back(absl::StrCat(key, ": ", RenderTckValue(value, sort_lists)));
  }
  return absl::StrCat("{", absl::StrJoin(parts, ", "), "}");
}

std::string RenderNode(const Node& node, bool sort_lists) {
  std::vector<std::string> labels = node.labels;
  std::sort(labels.begin(), labels.end());
  std::string out = "(";
  for (const std::string& label : labels) absl::StrAppend(&out, ":", label);
  Map properties = node.properties;
  if (!node.name.empty()) properties["name"] = node.name;
  if (!properties.empty()) {
    absl::StrAppend(&out, labels.empty() ? "" : " ", RenderMap(properties, sort_lists, true));
  }
  return out + ")";
}

std::string RenderRel(const Relationship& rel, bool sort_lists) {
  std::string out = absl::StrCat("[:", rel.type);
  if (!rel.properties.empty())
    absl::StrAppend(&out, " ", RenderMap(rel.properties, sort_lists, true));
  return out + "]";
}

}  // namespace

absl::StatusOr<Value> ParseTckValue(const std::string& text) { return ValueReader(text).ReadAll(); }

std::string RenderTckValue(const Value& value, bool sort_lists) {
  if (value.is_null()) return "null";
  if (value.is<bool>()) return value.as<bool>() ? "true" : "false";
  if (value.is<int64_t>()) return absl::StrCat(value.as<int64_t>());
  if (value.is<double>()) return RenderDouble(value.as<double>());
  if (value.is<std::string>()) return RenderString(value.as<std::string>());
  if (value.is<Date>()) {
    // The TCK writes temporal values as strings: date('2021-07-28') is '2021-07-28'.
    std::string text = value.ToString();
    return RenderString(text.substr(6, text.size() - 8));
  }
  if (value.is<Node>()) return RenderNode(value.as<Node>(), sort_lists);
  if (value.is<Relationship>()) return RenderRel(value.as<Relationship>(), sort_lists);
  if (value.is<Path>()) {
    const Path& path = value.as<Path>();
    std::string out = "<";
    for (size_t i = 0; i < path.nodes.size(); ++i) {
      if (i > 0) {
        const Relationship& rel = path.relationships[i - 1];
        bool forward = rel.start == path.nodes[i - 1].id && rel.end == path.nodes[i].id;
        absl::StrAppend(&out, forward ? "-" : "<-", RenderRel(rel, sort_lists),
                        forward ? "->" : "-");
      }
      absl::StrAppend(&out, RenderNode(path.nodes[i], sort_lists));
    }
    return out + ">";
  }
  if (value.is<List>()) {
    std::vector<std::string> parts;
    for (const Value& element : value.as<List>()) {
      parts.push_back(RenderTckValue(element, sort_lists));
    }
    if (sort_lists) std::sort(parts.begin(), parts.end());
    return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
  }
  if (value.is<Map>()) return RenderMap(value.as<Map>(), sort_lists);
  return "?";
}

}  // namespace quarry::tck
