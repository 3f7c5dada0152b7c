// Result rendering. Width is measured in code points so that names in any script align.
#include "tools/result_format.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace quarry::tools {
namespace {

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;  // count UTF-8 lead bytes
  }
  return width;
}

// Cuts `text` to at most `width` code points, ending in an ellipsis when cut.
std::string Truncate(const std::string& text, size_t width, bool unicode) {
  if (DisplayWidth(text) <= width || width < 4) return text;
  if (!unicode) width -= 2;  // "..." takes three columns
  size_t kept = 0;
  size_t byte = 0;
  while (byte < text.size()) {
    if ((static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) {
      if (kept == width - 1) break;
      ++kept;
    }
    ++byte;
  }
  return text.substr(0, byte) + (unicode ? "…" : "...");
}

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += "\"";
  return out;
}

std::string JsonProperties(const std::map<std::string, Value>& properties) {
  std::vector<std::string> fields;
  for (const auto& [key, value] : properties) {
    fields.push_back(absl::StrCat(JsonString(key), ":", ValueToJson(value)));
  }
  return absl::StrCat("{", absl::StrJoin(fields, ","), "}");
}

std::string NodeJson(const Node& node) {
  std::vector<std::string> labels;
  for (const std::string& label : node.labels) labels.push_back(JsonString(label));
  return absl::StrCat("{\"id\":", node.id,
                      ",\"name\":", node.name.empty() ? "null" : JsonString(node.name),
                      ",\"labels\":[", absl::StrJoin(labels, ","),
                      "],\"properties\":", JsonProperties(node.properties), "}");
}

std::string RelationshipJson(const Relationship& relationship) {
  return absl::StrCat("{\"id\":", relationship.id, ",\"type\":", JsonString(relationship.type),
                      ",\"start\":", relationship.start, ",\"end\":", relationship.end,
                      ",\"properties\":", JsonProperties(relationship.properties), "}");
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += "\"";
    out.push_back(c);
  }
  return out + "\"";
}

std::string TsvField(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string DoubleQuoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c == '\n' ? ' ' : c);
  }
  return out + "\"";
}

// A value nested in a list, map or node: strings quoted.
std::string NestedText(const Value& value) {
  return value.is<std::string>() ? DoubleQuoted(value.as<std::string>()) : TableText(value);
}

std::string TableProperties(const std::map<std::string, Value>& properties) {
  std::vector<std::string> fields;
  for (const auto& [key, value] : properties) {
    fields.push_back(absl::StrCat(key, ": ", NestedText(value)));
  }
  return fields.empty() ? "" : absl::StrCat(" {", absl::StrJoin(fields, ", "), "}");
}

std::string TableNode(const Node& node) {
  std::string out = "(";
  for (const std::string& label : node.labels) absl::StrAppend(&out, ":", label);
  // A named node reads best by its name alone; other properties show with RETURN n.key.
  std::string properties = node.name.empty()
                               ? TableProperties(node.properties)
                               : absl::StrCat(" {name: ", DoubleQuoted(node.name), "}");
  if (node.labels.empty() && !properties.empty()) properties.erase(0, 1);
  return absl::StrCat(out, properties, ")");
}

std::string TableRelationship(const Relationship& relationship) {
  return absl::StrCat("[:", relationship.type, "]");
}

void WriteTable(const QueryResult& result, const TableStyle& style, std::ostream& out) {
  const size_t columns = result.columns().size();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(columns, 0);
  for (size_t column = 0; column < columns; ++column) {
    widths[column] = DisplayWidth(result.columns()[column]);
  }
  for (const std::vector<Value>& row : result.rows()) {
    std::vector<std::string> line;
    for (size_t column = 0; column < columns && column < row.size(); ++column) {
      line.push_back(Truncate(TableText(row[column]), style.max_cell_width, style.unicode));
      widths[column] = std::max(widths[column], DisplayWidth(line.back()));
    }
    cells.push_back(std::move(line));
  }
  const char* horizontal = style.unicode ? "─" : "-";
  const char* vertical = style.unicode ? "│" : "|";
  auto rule = [&](const char* left, const char* middle, const char* right) {
    out << left;
    for (size_t column = 0; column < columns; ++column) {
      for (size_t index = 0; index < widths[column] + 2; ++index) out << horizontal;
      out << (column + 1 == columns ? right : middle);
    }
    out << "\n";
  };
  auto line = [&](const std::vector<std::string>& texts) {
    out << vertical;
    for (size_t column = 0; column < columns; ++column) {
      const std::string& text = column < texts.size() ? texts[column] : std::string();
      out << " " << text << std::string(widths[column] - DisplayWidth(text), ' ') << " "
          << vertical;
    }
    out << "\n";
  };
  if (columns == 0) return;
  if (style.unicode) {
    rule("┌", "┬", "┐");
  } else {
    rule("+", "+", "+");
  }
  line(result.columns());
  if (style.unicode) {
    rule("├", "┼", "┤");
  } else {
    rule("+", "+", "+");
  }
  for (const std::vector<std::string>& row : cells) line(row);
  if (style.unicode) {
    rule("└", "┴", "┘");
  } else {
    rule("+", "+", "+");
  }
}

}  // namespace

bool IsUtf8Locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      const std::string lower = absl::AsciiStrToLower(value);
      return absl::StrContains(lower, "utf-8") || absl::StrContains(lower, "utf8");
    }
  }
  return false;
}

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "tsv") return OutputFormat::kTsv;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown output format '", name, "' (expected table, tsv, csv or json)"));
}

std::string CellText(const Value& value) {
  if (value.is_null()) return "";
  if (value.is<std::string>()) return value.as<std::string>();
  return value.ToString();
}

std::string TableText(const Value& value) {
  if (value.is_null()) return "";
  if (value.is<std::string>()) return value.as<std::string>();
  if (value.is<Node>()) return TableNode(value.as<Node>());
  if (value.is<Relationship>()) return TableRelationship(value.as<Relationship>());
  if (value.is<Path>()) {
    const Path& path = value.as<Path>();
    std::string out;
    for (size_t index = 0; index < path.nodes.size(); ++index) {
      out += TableNode(path.nodes[index]);
      if (index < path.relationships.size()) {
        const Relationship& relationship = path.relationships[index];
        const bool forward = relationship.start == path.nodes[index].id;
        absl::StrAppend(&out, forward ? "-" : "<-", TableRelationship(relationship),
                        forward ? "->" : "-");
      }
    }
    return out;
  }
  if (value.is<List>()) {
    std::vector<std::string> items;
    for (const Value& item : value.as<List>()) items.push_back(NestedText(item));
    return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
  }
  if (value.is<Map>()) {
    std::string properties = TableProperties(value.as<Map>());
    return properties.empty() ? "{}" : properties.substr(1);
  }
  return value.ToString();
}

std::string ValueToJson(const Value& value) {
  if (value.is_null()) return "null";
  if (value.is<bool>()) return value.as<bool>() ? "true" : "false";
  if (value.is<int64_t>()) return absl::StrCat(value.as<int64_t>());
  if (value.is<double>()) {
    const double number = value.as<double>();
    if (!std::isfinite(number)) return JsonString(value.ToString());
    return absl::StrFormat("%.17g", number);
  }
  if (value.is<std::string>()) return JsonString(value.as<std::string>());
  if (value.is<Date>()) return JsonString(value.ToString());
  if (value.is<Node>()) return NodeJson(value.as<Node>());
  if (value.is<Relationship>()) return RelationshipJson(value.as<Relationship>());
  if (value.is<Path>()) {
    std::vector<std::string> nodes;
    std::vector<std::string> relationships;
    for (const Node& node : value.as<Path>().nodes) nodes.push_back(NodeJson(node));
    for (const Relationship& relationship : value.as<Path>().relationships) {
      relationships.push_back(RelationshipJson(relationship));
    }
    return absl::StrCat("{\"nodes\":[", absl::StrJoin(nodes, ","), "],\"relationships\":[",
                        absl::StrJoin(relationships, ","), "]}");
  }
  if (value.is<List>()) {
    std::vector<std::string> items;
    for (const Value& item : value.as<List>()) items.push_back(ValueToJson(item));
    return absl::StrCat("[", absl::StrJoin(items, ","), "]");
  }
  if (value.is<Map>()) return JsonProperties(value.as<Map>());
  return "null";
}

void WriteResult(const QueryResult& result, OutputFormat format, const TableStyle& style,
                 std::ostream& out) {
  switch (format) {
    case OutputFormat::kTable:
      WriteTable(result, style, out);
      return;
    case OutputFormat::kTsv:
    case OutputFormat::kCsv: {
      const bool tsv = format == OutputFormat::kTsv;
      auto field = [&](const std::string& text) { return tsv ? TsvField(text) : CsvField(text); };
      std::vector<std::string> header;
      for (const std::string& column : result.columns()) header.push_back(field(column));
      out << absl::StrJoin(header, tsv ? "\t" : ",") << "\n";
      for (const std::vector<Value>& row : result.rows()) {
        std::vector<std::string> fields;
        for (const Value& value : row) fields.push_back(field(CellText(value)));
        out << absl::StrJoin(fields, tsv ? "\t" : ",") << "\n";
      }
      return;
    }
    case OutputFormat::kJson: {
      out << "[";
      bool first_row = true;
      for (const std::vector<Value>& row : result.rows()) {
        out << (first_row ? "\n  {" : ",\n  {");
        first_row = false;
        for (size_t column = 0; column < result.columns().size() && column < row.size(); ++column) {
          out << (column == 0 ? "" : ", ") << JsonString(result.columns()[column]) << ": "
              << ValueToJson(row[column]);
        }
        out << "}";
      }
      out << (first_row ? "]\n" : "\n]\n");
      return;
    }
  }
}

}  // namespace quarry::tools
