// The property-graph view of a snapshot. Every read goes through one reusable cursor.
#include "query/graph_reader.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "graph/derived_cache.h"
#include "graph/term.h"
#include "query/create.h"
#include "query/predicate_scan.h"
#include "query/scan_policy.h"
#include "util/status_macros.h"

namespace quarry::query {

using graph::TermKind;
using graph::TriplePattern;

Datum DateDatum(const proto::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return Datum();
  return Datum::FromDate(quarry::Date{date.year(), date.month(), date.day()});
}

GraphReader::GraphReader(const graph::Snapshot& snapshot)
    : snapshot_(snapshot), cursor_(snapshot.NewCursor()) {}

GraphReader::~GraphReader() {
  graph::DerivedCache* cache = snapshot_.derived_cache();
  if (cache == nullptr) return;
  for (const auto& [label, members] : label_members_) {
    if (members.set == nullptr && members.made > 0) {
      cache->AddCost(absl::StrCat("label/", label), *snapshot_.version(), members.made);
    }
  }
}

absl::StatusOr<std::optional<TermId>> GraphReader::PredicateId(const std::string& name) {
  auto it = predicate_ids_.find(name);
  if (it != predicate_ids_.end()) return it->second;
  QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, snapshot_.FindPredicate(name));
  predicate_ids_[name] = id;
  if (id.has_value()) predicate_names_[*id] = name;
  return id;
}

absl::StatusOr<std::string> GraphReader::PredicateName(TermId id) {
  auto it = predicate_names_.find(id);
  if (it != predicate_names_.end()) return it->second;
  QUARRY_ASSIGN_OR_RETURN(std::string name, snapshot_.PredicateName(id));
  predicate_names_[id] = name;
  return name;
}

absl::StatusOr<std::optional<TermId>> GraphReader::LabelId(const std::string& name) {
  auto it = label_ids_.find(name);
  if (it != label_ids_.end()) return it->second;
  QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, snapshot_.FindTerm(graph::LabelTerm(name)));
  label_ids_[name] = id;
  if (id.has_value()) label_names_[*id] = name;
  return id;
}

absl::StatusOr<std::string> GraphReader::LabelName(TermId id) {
  auto it = label_names_.find(id);
  if (it != label_names_.end()) return it->second;
  QUARRY_ASSIGN_OR_RETURN(proto::Term term, snapshot_.DecodeTerm(id));
  label_names_[id] = term.label();
  return term.label();
}

absl::StatusOr<bool> GraphReader::NodeExists(TermId node) {
  cursor_.Seek(TriplePattern{node, std::nullopt, std::nullopt});
  if (cursor_.Valid()) return true;
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  cursor_.Seek(TriplePattern{std::nullopt, std::nullopt, node});
  if (cursor_.Valid()) return true;
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  return false;
}

absl::StatusOr<std::optional<TermId>> GraphReader::NodeByName(absl::string_view name) {
  QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> id, snapshot_.FindTerm(graph::NodeTerm(name)));
  if (!id.has_value()) return std::nullopt;
  QUARRY_ASSIGN_OR_RETURN(bool exists, NodeExists(*id));
  if (!exists) return std::nullopt;
  return id;
}

absl::StatusOr<std::string> GraphReader::NodeKey(TermId node) {
  auto it = node_keys_.find(node);
  if (it != node_keys_.end()) return it->second;
  QUARRY_ASSIGN_OR_RETURN(proto::Term term, snapshot_.DecodeTerm(node));
  if (node_keys_.size() < 1'000'000) node_keys_[node] = term.node();
  return std::move(*term.mutable_node());
}

absl::StatusOr<std::optional<bool>> GraphReader::NamesEqual(TermId a, TermId b) {
  for (TermId node : {a, b}) {
    auto it = blank_nodes_.find(node);
    bool blank;
    if (it != blank_nodes_.end()) {
      blank = it->second;
    } else {
      QUARRY_ASSIGN_OR_RETURN(std::string key, NodeKey(node));
      blank = absl::StartsWith(key, graph::kBlankNodePrefix);
      if (blank_nodes_.size() < 1'000'000) blank_nodes_[node] = blank;
    }
    if (blank) return std::nullopt;
  }
  return a == b;
}

absl::StatusOr<bool> GraphReader::ProbeLabel(graph::Cursor& cursor, TermId node, TermId label) {
  // (node, ?, label) reads the `osp` index, whose entries carry no evidence to merge; only
  // :label triples have a label object. (For a key that exists, a Seek is cheaper than a
  // Get, which also consults the bloom filter.)
  cursor.Seek(TriplePattern{node, std::nullopt, label});
  QUARRY_RETURN_IF_ERROR(cursor.status());
  return cursor.Valid();
}

GraphReader::LabelMembers& GraphReader::Members(TermId label) {
  LabelMembers& members = label_members_[label];
  if (!members.cache_checked) {
    members.cache_checked = true;
    graph::DerivedCache* cache = snapshot_.derived_cache();
    // The plain plan (kNever) probes all the same.
    if (cache != nullptr && GetScanPolicy() != ScanPolicy::kNever) {
      const std::string key = absl::StrCat("label/", label);
      members.set =
          std::static_pointer_cast<const LabelSet>(cache->Find(key, *snapshot_.version()));
      // The probes earlier queries made for want of the set count toward scanning it.
      if (members.set == nullptr) members.prior = cache->AddCost(key, *snapshot_.version(), 0);
    }
  }
  return members;
}

absl::StatusOr<bool> GraphReader::HasLabel(TermId node, TermId label) {
  LabelMembers& members = Members(label);
  if (members.set != nullptr) return members.set->Contains(node);
  auto key = std::make_pair(node, label);
  auto it = has_label_.find(key);
  if (it != has_label_.end()) return it->second;
  if (stats_ != nullptr) {
    auto count = stats_->label_counts.find(label);
    if (count != stats_->label_counts.end() &&
        PreferScan(members.prior + ++members.probes, count->second, kLabelProbeCostInScanRows)) {
      QUARRY_RETURN_IF_ERROR(ScanMembers(label, count->second, &members));
      return members.set->Contains(node);
    }
  }
  QUARRY_ASSIGN_OR_RETURN(bool has, ProbeLabel(cursor_, node, label));
  ++members.made;
  if (has_label_.size() < 1'000'000) has_label_[key] = has;
  return has;
}

absl::Status GraphReader::PrefetchLabel(TermId label, absl::Span<const TermId> nodes,
                                        int64_t* probes) {
  LabelMembers& members = Members(label);
  if (members.set != nullptr) return absl::OkStatus();
  std::vector<TermId> unknown;
  for (TermId node : nodes) {
    if (!has_label_.contains(std::make_pair(node, label))) unknown.push_back(node);
  }
  std::sort(unknown.begin(), unknown.end());
  unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
  if (unknown.empty()) return absl::OkStatus();
  // Only this caller's probes predict its next ones: others' are spent.
  *probes += static_cast<int64_t>(unknown.size());
  if (stats_ != nullptr) {
    auto count = stats_->label_counts.find(label);
    if (count != stats_->label_counts.end() &&
        PreferScan(members.prior + *probes, count->second,
                   unknown.size() >= MinParallelProbes() ? kSplitLabelProbeCostInScanRows
                                                         : kLabelProbeCostInScanRows)) {
      return ScanMembers(label, count->second, &members);
    }
  }
  members.made += static_cast<int64_t>(unknown.size());
  std::vector<char> has(unknown.size());
  QUARRY_RETURN_IF_ERROR(SplitWork(unknown.size(), [&](size_t begin, size_t end) {
    graph::Cursor cursor = snapshot_.NewCursor();
    for (size_t index = begin; index < end; ++index) {
      QUARRY_ASSIGN_OR_RETURN(bool found, ProbeLabel(cursor, unknown[index], label));
      has[index] = found;
    }
    return absl::OkStatus();
  }));
  for (size_t index = 0; index < unknown.size() && has_label_.size() < 1'000'000; ++index) {
    has_label_[std::make_pair(unknown[index], label)] = has[index] != 0;
  }
  return absl::OkStatus();
}

absl::Status GraphReader::ScanMembers(TermId label, int64_t expected, LabelMembers* members) {
  QUARRY_ASSIGN_OR_RETURN(std::vector<IdTriple> triples,
                          ScanPredicate(snapshot_, graph::kLabelPredicateId, label, expected));
  std::vector<TermId> nodes;
  nodes.reserve(triples.size());
  for (const IdTriple& triple : triples) nodes.push_back(triple.subject);
  auto set = std::make_shared<LabelSet>();
  set->Assign(nodes);
  if (graph::DerivedCache* cache = snapshot_.derived_cache(); cache != nullptr) {
    cache->Insert(absl::StrCat("label/", label), *snapshot_.version(), set, set->bytes());
  }
  members->set = std::move(set);
  return absl::OkStatus();
}

void GraphReader::LabelSet::Assign(const std::vector<TermId>& nodes) {
  bits.clear();
  members.clear();
  if (nodes.empty()) return;
  const TermId range = nodes.back() - nodes.front() + 1;
  if (range / 64 <= nodes.size() + 1024) {
    base = nodes.front();
    bits.assign(range / 64 + 1, 0);
    for (TermId node : nodes) bits[(node - base) / 64] |= uint64_t{1} << ((node - base) % 64);
  } else {
    members.reserve(nodes.size());
    members.insert(nodes.begin(), nodes.end());
  }
}

bool GraphReader::LabelSet::Contains(TermId node) const {
  if (bits.empty()) return members.contains(node);
  if (node < base || (node - base) / 64 >= bits.size()) return false;
  return (bits[(node - base) / 64] >> ((node - base) % 64)) & 1;
}

absl::StatusOr<std::vector<std::string>> GraphReader::Labels(TermId node) {
  std::vector<TermId> ids;
  for (cursor_.Seek(TriplePattern{node, graph::kLabelPredicateId, std::nullopt}); cursor_.Valid();
       cursor_.Next()) {
    ids.push_back(cursor_.triple().object);
  }
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  std::vector<std::string> labels;
  for (TermId id : ids) {
    QUARRY_ASSIGN_OR_RETURN(std::string label, LabelName(id));
    labels.push_back(std::move(label));
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

absl::StatusOr<Datum> GraphReader::DecodeLiteral(TermId id) {
  auto it = literals_.find(id);
  if (it != literals_.end()) return it->second;
  QUARRY_ASSIGN_OR_RETURN(proto::Term term, snapshot_.DecodeTerm(id));
  Datum value;
  switch (term.value_case()) {
    case proto::Term::kStringValue:
      value = Datum::String(term.string_value());
      break;
    case proto::Term::kIntValue:
      value = Datum::Int(term.int_value());
      break;
    case proto::Term::kDoubleValue:
      value = Datum::Double(term.double_value());
      break;
    case proto::Term::kBoolValue:
      value = Datum::Bool(term.bool_value());
      break;
    case proto::Term::kDateValue:
      value = DateDatum(term.date_value());
      break;
    case proto::Term::kNode:
      value = Datum::Node(id);
      break;
    case proto::Term::kLabel:
      value = Datum::String(term.label());
      break;
    default:
      break;
  }
  if (literals_.size() < 100'000) literals_[id] = value;
  return value;
}

absl::StatusOr<std::optional<TermId>> GraphReader::LiteralId(const Datum& value) {
  switch (value.kind()) {
    case Datum::Kind::kString:
      return snapshot_.FindTerm(graph::StringTerm(value.string_value()));
    case Datum::Kind::kInt:
      return snapshot_.FindTerm(graph::IntTerm(value.int_value()));
    case Datum::Kind::kDouble:
      return snapshot_.FindTerm(graph::DoubleTerm(value.double_value()));
    case Datum::Kind::kBool:
      return snapshot_.FindTerm(graph::BoolTerm(value.bool_value()));
    case Datum::Kind::kDate:
      return snapshot_.FindTerm(graph::DateTerm(value.date_value().year, value.date_value().month,
                                                value.date_value().day));
    default:
      return std::nullopt;
  }
}

absl::StatusOr<Datum> GraphReader::NodeProperty(TermId node, const std::string& key) {
  if (key == "name") {
    QUARRY_ASSIGN_OR_RETURN(std::string name, NodeKey(node));
    if (!absl::StartsWith(name, graph::kBlankNodePrefix)) return Datum::String(std::move(name));
    // A blank node may still carry a literal `name` (e.g. a non-string one from CREATE).
  }
  if (absl::StartsWith(key, ":")) return Datum();
  QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> predicate, PredicateId(key));
  if (!predicate.has_value()) return Datum();
  std::vector<TermId> objects;
  for (cursor_.Seek(TriplePattern{node, *predicate, std::nullopt}); cursor_.Valid();
       cursor_.Next()) {
    if (graph::IsLiteral(cursor_.triple().object)) objects.push_back(cursor_.triple().object);
  }
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  Datum best;
  for (TermId object : objects) {
    QUARRY_ASSIGN_OR_RETURN(Datum value, DecodeLiteral(object));
    if (best.is_null() || OrderCompare(value, best) < 0) best = std::move(value);
  }
  return best;
}

absl::StatusOr<DatumMap> GraphReader::NodeProperties(TermId node) {
  std::vector<IdTriple> triples;
  for (cursor_.Seek(TriplePattern{node, std::nullopt, std::nullopt}); cursor_.Valid();
       cursor_.Next()) {
    if (graph::IsLiteral(cursor_.triple().object)) triples.push_back(cursor_.triple());
  }
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  DatumMap properties;
  QUARRY_ASSIGN_OR_RETURN(Datum name, NodeProperty(node, "name"));
  if (!name.is_null()) properties.emplace_back("name", std::move(name));
  for (const IdTriple& triple : triples) {
    absl::StatusOr<std::string> predicate = PredicateName(triple.predicate);
    if (!predicate.ok()) return predicate.status();
    const std::string& key = *predicate;
    if (!key.empty() && key[0] == ':') continue;  // hidden predicates (":label", ":node")
    if (key == "name" && !properties.empty() && properties.front().first == "name") continue;
    QUARRY_ASSIGN_OR_RETURN(Datum value, DecodeLiteral(triple.object));
    auto it = std::find_if(properties.begin(), properties.end(),
                           [&](const auto& entry) { return entry.first == key; });
    if (it == properties.end()) {
      properties.emplace_back(key, std::move(value));
    } else if (OrderCompare(value, it->second) < 0) {
      it->second = std::move(value);
    }
  }
  std::sort(properties.begin(), properties.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return properties;
}

absl::StatusOr<std::optional<proto::TripleMeta>> GraphReader::Meta(const IdTriple& rel) {
  return snapshot_.GetMeta(rel);
}

absl::StatusOr<Datum> GraphReader::Snippet(const proto::TripleMeta& meta) {
  const proto::Evidence* best = nullptr;
  for (const proto::Evidence& evidence : meta.evidence()) {
    if (best == nullptr || evidence.confidence() > best->confidence()) best = &evidence;
  }
  if (best == nullptr) return Datum();
  auto it = documents_.find(best->document_id());
  if (it == documents_.end()) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<proto::Document> document,
                            snapshot_.GetDocument(best->document_id()));
    it = documents_.emplace(best->document_id(), std::move(document)).first;
  }
  if (!it->second.has_value()) return Datum();
  const proto::Document& document = *it->second;
  const std::string& text = document.text();
  proto::Span span;
  if (best->sentence_index() >= 0 && best->sentence_index() < document.sentences_size()) {
    span = document.sentences(best->sentence_index());
  } else if (best->span().end() > best->span().begin()) {
    span = best->span();
  } else {
    return Datum();
  }
  if (span.begin() >= text.size() || span.end() > text.size()) return Datum();
  return Datum::String(text.substr(span.begin(), span.end() - span.begin()));
}

// Whether every piece of evidence of a triple comes from CREATE (no evidence properties).
static bool OnlyCreated(const proto::TripleMeta& meta) {
  if (meta.evidence_size() == 0) return false;
  for (const proto::Evidence& evidence : meta.evidence()) {
    if (evidence.rule() != kCreateRule) return false;
  }
  return true;
}

absl::StatusOr<Datum> GraphReader::RelProperty(const IdTriple& rel, const std::string& key) {
  QUARRY_ASSIGN_OR_RETURN(std::optional<proto::TripleMeta> meta, Meta(rel));
  if (!meta.has_value()) return Datum();
  for (const proto::Property& property : meta->properties()) {
    if (property.key() == key) {
      if (property.value().value_case() == proto::Term::kNode) return Datum();
      switch (property.value().value_case()) {
        case proto::Term::kStringValue:
          return Datum::String(property.value().string_value());
        case proto::Term::kIntValue:
          return Datum::Int(property.value().int_value());
        case proto::Term::kDoubleValue:
          return Datum::Double(property.value().double_value());
        case proto::Term::kBoolValue:
          return Datum::Bool(property.value().bool_value());
        case proto::Term::kDateValue:
          return DateDatum(property.value().date_value());
        default:
          return Datum();
      }
    }
  }
  if (OnlyCreated(*meta)) return Datum();
  if (key == "count") {
    return Datum::Int(meta->count() > 0 ? meta->count() : meta->evidence_size());
  }
  if (key == "confidence") {
    if (meta->evidence_size() == 0) return Datum();
    double best = meta->evidence(0).confidence();
    for (const proto::Evidence& evidence : meta->evidence()) {
      best = std::max<double>(best, evidence.confidence());
    }
    // Confidences are stored as floats: round away the float-to-double noise.
    return Datum::Double(std::round(best * 1e4) / 1e4);
  }
  if (key == "first_seen") return DateDatum(meta->first_seen());
  if (key == "last_seen") return DateDatum(meta->last_seen());
  if (key == "sources") {
    DatumList sources;
    absl::flat_hash_set<std::string> seen;
    for (const proto::Evidence& evidence : meta->evidence()) {
      if (seen.insert(evidence.document_id()).second) {
        sources.push_back(Datum::String(evidence.document_id()));
      }
    }
    return Datum::List(std::move(sources));
  }
  if (key == "snippet") return Snippet(*meta);
  return Datum();
}

absl::StatusOr<DatumMap> GraphReader::RelProperties(const IdTriple& rel, bool with_snippet) {
  DatumMap properties;
  QUARRY_ASSIGN_OR_RETURN(std::optional<proto::TripleMeta> meta, Meta(rel));
  if (!meta.has_value()) return properties;
  std::vector<std::string> keys;
  if (!OnlyCreated(*meta)) {
    keys = {"count", "confidence", "first_seen", "last_seen", "sources"};
    if (with_snippet) keys.push_back("snippet");
  }
  for (const proto::Property& property : meta->properties()) keys.push_back(property.key());
  for (const std::string& key : keys) {
    QUARRY_ASSIGN_OR_RETURN(Datum value, RelProperty(rel, key));
    if (!value.is_null()) properties.emplace_back(key, std::move(value));
  }
  return Datum::Map(std::move(properties)).map();
}

absl::Status GraphReader::Neighbors(TermId node, Direction direction,
                                    const std::vector<TermId>* predicates, std::vector<Edge>* out) {
  return ReadNeighbors(cursor_, node, direction, predicates, out);
}

absl::Status GraphReader::ReadNeighbors(graph::Cursor& cursor, TermId node, Direction direction,
                                        const std::vector<TermId>* predicates,
                                        std::vector<Edge>* out) {
  auto scan = [&](const TriplePattern& pattern, bool outgoing) -> absl::Status {
    for (cursor.Seek(pattern); cursor.Valid(); cursor.Next()) {
      const IdTriple& triple = cursor.triple();
      if (triple.predicate == graph::kLabelPredicateId) continue;
      if (outgoing) {
        if (!graph::IsNode(triple.object)) continue;
        out->push_back(Edge{triple, triple.object});
      } else {
        // A self-loop was already listed by the outgoing scan of an undirected expansion.
        if (direction == Direction::kBoth && triple.subject == triple.object) continue;
        out->push_back(Edge{triple, triple.subject});
      }
    }
    return cursor.status();
  };
  if (direction == Direction::kOut || direction == Direction::kBoth) {
    if (predicates == nullptr) {
      QUARRY_RETURN_IF_ERROR(scan(TriplePattern{node, std::nullopt, std::nullopt}, true));
    } else {
      for (TermId predicate : *predicates) {
        QUARRY_RETURN_IF_ERROR(scan(TriplePattern{node, predicate, std::nullopt}, true));
      }
    }
  }
  if (direction == Direction::kIn || direction == Direction::kBoth) {
    if (predicates == nullptr) {
      QUARRY_RETURN_IF_ERROR(scan(TriplePattern{std::nullopt, std::nullopt, node}, false));
    } else {
      for (TermId predicate : *predicates) {
        QUARRY_RETURN_IF_ERROR(scan(TriplePattern{std::nullopt, predicate, node}, false));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> GraphReader::HasTriple(const IdTriple& triple) {
  return snapshot_.Contains(triple);
}

absl::Status GraphReader::ScanLabel(TermId label, std::vector<TermId>* out) {
  for (cursor_.Seek(TriplePattern{std::nullopt, graph::kLabelPredicateId, label}); cursor_.Valid();
       cursor_.Next()) {
    out->push_back(cursor_.triple().subject);
  }
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  std::sort(out->begin(), out->end());
  return absl::OkStatus();
}

absl::Status GraphReader::ScanSubjects(TermId predicate, TermId object, std::vector<TermId>* out) {
  for (cursor_.Seek(TriplePattern{std::nullopt, predicate, object}); cursor_.Valid();
       cursor_.Next()) {
    out->push_back(cursor_.triple().subject);
  }
  return cursor_.status();
}

absl::StatusOr<bool> GraphReader::SomeBlankNodeNamed(const Datum& value) {
  QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> predicate, PredicateId("name"));
  if (!predicate.has_value()) return false;
  std::vector<Datum> forms = {value};
  // An int also equals the double of the same value (1 = 1.0), and vice versa.
  if (value.kind() == Datum::Kind::kInt) {
    forms.push_back(Datum::Double(static_cast<double>(value.int_value())));
  } else if (value.kind() == Datum::Kind::kDouble) {
    forms.push_back(Datum::Int(static_cast<int64_t>(value.double_value())));
  }
  std::vector<TermId> subjects;
  for (const Datum& form : forms) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<TermId> object, LiteralId(form));
    if (object.has_value()) QUARRY_RETURN_IF_ERROR(ScanSubjects(*predicate, *object, &subjects));
  }
  for (TermId subject : subjects) {
    QUARRY_ASSIGN_OR_RETURN(std::string key, NodeKey(subject));
    if (absl::StartsWith(key, graph::kBlankNodePrefix)) return true;
  }
  return false;
}

absl::Status GraphReader::ScanAllNodes(std::vector<TermId>* out) {
  absl::flat_hash_set<TermId> nodes;
  for (cursor_.Seek(TriplePattern{}); cursor_.Valid(); cursor_.Next()) {
    const IdTriple& triple = cursor_.triple();
    nodes.insert(triple.subject);
    if (graph::IsNode(triple.object)) nodes.insert(triple.object);
  }
  QUARRY_RETURN_IF_ERROR(cursor_.status());
  out->assign(nodes.begin(), nodes.end());
  std::sort(out->begin(), out->end());
  return absl::OkStatus();
}

absl::StatusOr<Value> GraphReader::ToValue(const Datum& value) {
  using Kind = Datum::Kind;
  auto to_node = [&](TermId id) -> absl::StatusOr<quarry::Node> {
    quarry::Node node;
    node.id = id;
    QUARRY_ASSIGN_OR_RETURN(std::string key, NodeKey(id));
    if (!absl::StartsWith(key, graph::kBlankNodePrefix)) node.name = key;
    QUARRY_ASSIGN_OR_RETURN(node.labels, Labels(id));
    QUARRY_ASSIGN_OR_RETURN(DatumMap properties, NodeProperties(id));
    for (auto& [name, property] : properties) {
      if (name == "name") continue;
      QUARRY_ASSIGN_OR_RETURN(node.properties[name], ToValue(property));
    }
    return node;
  };
  auto to_rel = [&](const IdTriple& triple) -> absl::StatusOr<quarry::Relationship> {
    quarry::Relationship rel;
    rel.id = absl::HashOf(triple);
    rel.start = triple.subject;
    rel.end = triple.object;
    QUARRY_ASSIGN_OR_RETURN(rel.type, PredicateName(triple.predicate));
    QUARRY_ASSIGN_OR_RETURN(DatumMap properties, RelProperties(triple, false));
    for (auto& [name, property] : properties) {
      QUARRY_ASSIGN_OR_RETURN(rel.properties[name], ToValue(property));
    }
    return rel;
  };
  switch (value.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kBool:
      return Value(value.bool_value());
    case Kind::kInt:
      return Value(value.int_value());
    case Kind::kDouble:
      return Value(value.double_value());
    case Kind::kString:
      return Value(value.string_value());
    case Kind::kDate:
      return Value(value.date_value());
    case Kind::kNode: {
      QUARRY_ASSIGN_OR_RETURN(quarry::Node node, to_node(value.node_id()));
      return Value(std::move(node));
    }
    case Kind::kRel: {
      QUARRY_ASSIGN_OR_RETURN(quarry::Relationship rel, to_rel(value.rel()));
      return Value(std::move(rel));
    }
    case Kind::kList: {
      List list;
      for (const Datum& element : value.list()) {
        QUARRY_ASSIGN_OR_RETURN(Value converted, ToValue(element));
        list.push_back(std::move(converted));
      }
      return Value(std::move(list));
    }
    case Kind::kMap: {
      quarry::Map map;
      for (const auto& [key, element] : value.map()) {
        QUARRY_ASSIGN_OR_RETURN(map[key], ToValue(element));
      }
      return Value(std::move(map));
    }
    case Kind::kPath: {
      quarry::Path path;
      for (TermId id : value.path().nodes) {
        QUARRY_ASSIGN_OR_RETURN(quarry::Node node, to_node(id));
        path.nodes.push_back(std::move(node));
      }
      for (const IdTriple& triple : value.path().rels) {
        QUARRY_ASSIGN_OR_RETURN(quarry::Relationship rel, to_rel(triple));
        path.relationships.push_back(std::move(rel));
      }
      return Value(std::move(path));
    }
  }
  return Value();
}

}  // namespace quarry::query
