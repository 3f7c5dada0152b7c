// CREATE as a TripleBatch: labels, literal properties and a marker triple per new node, one
// triple per relationship with its properties stored on the triple.
#include "query/create.h"

#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "graph/term.h"
#include "query/engine.h"
#include "query/parser.h"
#include "query/query_error.h"
#include "util/status_macros.h"

namespace quarry::query {
namespace {

// A fresh document id: a hash of the text, the time and a process-wide counter.
std::string FreshDocumentId(absl::string_view text) {
  static std::atomic<uint64_t> counter{0};
  uint64_t a = absl::HashOf(text, absl::ToUnixNanos(absl::Now()), counter.fetch_add(1));
  uint64_t b = absl::HashOf(a, reinterpret_cast<uintptr_t>(&counter), counter.load());
  return absl::StrFormat("%016x%016x", a, b);
}

// A property value as a stored literal term; kUnimplemented for lists and maps.
absl::StatusOr<proto::Term> LiteralTerm(absl::string_view text, int offset, const Value& value) {
  if (value.is<bool>()) return graph::BoolTerm(value.as<bool>());
  if (value.is<int64_t>()) return graph::IntTerm(value.as<int64_t>());
  if (value.is<double>()) return graph::DoubleTerm(value.as<double>());
  if (value.is<std::string>()) return graph::StringTerm(value.as<std::string>());
  if (value.is<Date>()) {
    const Date& date = value.as<Date>();
    return graph::DateTerm(date.year, date.month, date.day);
  }
  return QueryUnsupportedError(text, offset,
                               "property values must be strings, numbers, booleans or dates");
}

// Evaluates a property map (or parameter) expression without variables.
absl::StatusOr<Map> EvaluateProperties(const graph::Store& store, absl::string_view text,
                                       const Expr* expr, const Params& params,
                                       const QueryOptions& options) {
  if (expr == nullptr) return Map();
  std::string query = absl::StrCat(
      "RETURN ", text.substr(expr->offset, expr->end_offset - expr->offset), " AS properties");
  std::unique_ptr<graph::Snapshot> snapshot = store.GetSnapshot();
  absl::StatusOr<QueryResult> result = RunQuery(*snapshot, query, params, options);
  if (!result.ok()) {
    if (result.status().code() == absl::StatusCode::kUnimplemented) return result.status();
    return QuerySyntaxError(text, expr->offset,
                            "property values must be expressions without variables");
  }
  const Value& value = result->rows().at(0).at(0);
  if (!value.is<Map>()) return QuerySyntaxError(text, expr->offset, "expected a map");
  return value.as<Map>();
}

class CreateBuilder {
 public:
  CreateBuilder(graph::Store& store, absl::string_view text, const Params& params,
                const QueryOptions& options)
      : store_(store),
        text_(text),
        params_(params),
        options_(options),
        snapshot_(store.GetSnapshot()),
        document_id_(FreshDocumentId(text)) {}

  absl::StatusOr<CreateSummary> Run() {
    QUARRY_ASSIGN_OR_RETURN(std::vector<PatternPart> parts, Parser(text_).ParseCreate());
    for (const PatternPart& part : parts) {
      if (!part.path_variable.empty()) bound_.insert(part.path_variable);
      std::vector<std::string> keys;
      for (const NodePattern& node : part.nodes) {
        QUARRY_ASSIGN_OR_RETURN(std::string key, AddNode(node));
        keys.push_back(std::move(key));
      }
      for (size_t i = 0; i < part.rels.size(); ++i) {
        QUARRY_RETURN_IF_ERROR(AddRel(part.rels[i], keys[i], keys[i + 1]));
      }
    }
    batch_.mutable_document()->set_id(document_id_);
    batch_.mutable_document()->set_title("CREATE");
    batch_.mutable_document()->set_format("cypher");
    batch_.mutable_document()->set_text(std::string(text_));
    if (batch_.triples_size() > 0) QUARRY_RETURN_IF_ERROR(store_.Apply(batch_).status());
    return summary_;
  }

 private:
  void AddTriple(const std::string& subject, absl::string_view predicate, proto::Term object,
                 const Map* properties = nullptr) {
    proto::Triple* triple = batch_.add_triples();
    *triple->mutable_subject() = graph::NodeTerm(subject);
    triple->set_predicate(std::string(predicate));
    *triple->mutable_object() = std::move(object);
    proto::Evidence* evidence = triple->add_evidence();
    evidence->set_sentence_index(-1);
    evidence->set_rule(std::string(kCreateRule));
    evidence->set_confidence(1.0f);
    if (properties == nullptr) return;
    for (const auto& [key, value] : *properties) {
      if (value.is_null()) continue;
      absl::StatusOr<proto::Term> term = LiteralTerm(text_, 0, value);
      if (!term.ok()) {
        status_ = term.status();
        return;
      }
      proto::Property* property = triple->add_properties();
      property->set_key(key);
      *property->mutable_value() = *std::move(term);
    }
  }

  absl::StatusOr<bool> NodeExists(const std::string& key) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> id,
                            snapshot_->FindTerm(graph::NodeTerm(key)));
    return id.has_value();
  }

  absl::StatusOr<std::string> AddNode(const NodePattern& node) {
    if (!node.variable.empty()) {
      auto it = variables_.find(node.variable);
      if (it != variables_.end()) {
        if (!node.labels.empty() || node.properties != nullptr) {
          return QuerySyntaxError(text_, node.offset,
                                  "variable `" + node.variable + "` is already declared");
        }
        return it->second;
      }
      if (bound_.count(node.variable) > 0) {
        return QuerySyntaxError(text_, node.offset,
                                "variable `" + node.variable + "` is already declared");
      }
    }
    QUARRY_ASSIGN_OR_RETURN(Map properties, EvaluateProperties(store_, text_, node.properties.get(),
                                                               params_, options_));
    std::string key;
    auto name = properties.find("name");
    if (name != properties.end() && name->second.is<std::string>() &&
        !name->second.as<std::string>().empty() &&
        !absl::StartsWith(name->second.as<std::string>(), graph::kBlankNodePrefix)) {
      key = name->second.as<std::string>();
      properties.erase(name);
      QUARRY_ASSIGN_OR_RETURN(bool exists, NodeExists(key));
      if (exists || !named_.insert(key).second) ++summary_.merged_nodes;
    } else {
      key = absl::StrCat(graph::kBlankNodePrefix, document_id_.substr(0, 16), "n", next_blank_++);
    }
    ++summary_.nodes_created;
    AddTriple(key, kNodeMarkerPredicate, graph::BoolTerm(true));
    for (const std::string& label : node.labels) {
      AddTriple(key, graph::kLabelPredicate, graph::LabelTerm(label));
    }
    for (const auto& [property, value] : properties) {
      if (value.is_null()) continue;
      QUARRY_ASSIGN_OR_RETURN(proto::Term term, LiteralTerm(text_, node.offset, value));
      AddTriple(key, property, std::move(term));
    }
    if (!node.variable.empty()) {
      variables_[node.variable] = key;
      bound_.insert(node.variable);
    }
    return key;
  }

  absl::Status AddRel(const RelPattern& rel, const std::string& left, const std::string& right) {
    if (rel.variable_length) {
      return QuerySyntaxError(text_, rel.offset, "CREATE cannot create a variable-length path");
    }
    if (rel.direction == Direction::kBoth) {
      return QuerySyntaxError(text_, rel.offset, "CREATE needs a directed relationship");
    }
    if (rel.types.size() != 1) {
      return QuerySyntaxError(text_, rel.offset, "CREATE needs exactly one relationship type");
    }
    if (!rel.variable.empty()) {
      if (bound_.count(rel.variable) > 0) {
        return QuerySyntaxError(text_, rel.offset,
                                "variable `" + rel.variable + "` is already declared");
      }
      bound_.insert(rel.variable);
    }
    QUARRY_ASSIGN_OR_RETURN(
        Map properties, EvaluateProperties(store_, text_, rel.properties.get(), params_, options_));
    const std::string& subject = rel.direction == Direction::kOut ? left : right;
    const std::string& object = rel.direction == Direction::kOut ? right : left;
    ++summary_.relationships_created;
    if (!rels_.insert({subject, rel.types[0], object}).second) {
      ++summary_.merged_relationships;
    } else {
      QUARRY_ASSIGN_OR_RETURN(bool exists, RelExists(subject, rel.types[0], object));
      if (exists) ++summary_.merged_relationships;
    }
    AddTriple(subject, rel.types[0], graph::NodeTerm(object), &properties);
    return status_;
  }

  absl::StatusOr<bool> RelExists(const std::string& subject, const std::string& type,
                                 const std::string& object) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> s,
                            snapshot_->FindTerm(graph::NodeTerm(subject)));
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> o,
                            snapshot_->FindTerm(graph::NodeTerm(object)));
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> p, snapshot_->FindPredicate(type));
    if (!s.has_value() || !o.has_value() || !p.has_value()) return false;
    return snapshot_->Contains(graph::IdTriple{*s, *p, *o});
  }

  graph::Store& store_;
  absl::string_view text_;
  const Params& params_;
  const QueryOptions& options_;
  std::unique_ptr<graph::Snapshot> snapshot_;
  std::string document_id_;
  proto::TripleBatch batch_;
  CreateSummary summary_;
  absl::Status status_;
  std::map<std::string, std::string> variables_;
  std::set<std::string> bound_;
  std::set<std::string> named_;
  std::set<std::tuple<std::string, std::string, std::string>> rels_;
  int next_blank_ = 0;
};

}  // namespace

absl::StatusOr<CreateSummary> ExecuteCreate(graph::Store& store, absl::string_view text,
                                            const Params& params, const QueryOptions& options) {
  return CreateBuilder(store, text, params, options).Run();
}

absl::StatusOr<QueryResult> RunStatement(graph::Store& store, absl::string_view text,
                                         const Params& params, const QueryOptions& options) {
  if (Parser::StartsWithCreate(text)) {
    QUARRY_RETURN_IF_ERROR(ExecuteCreate(store, text, params, options).status());
    return QueryResult({}, {});
  }
  std::unique_ptr<graph::Snapshot> snapshot = store.GetSnapshot();
  return RunQuery(*snapshot, text, params, options);
}

}  // namespace quarry::query
