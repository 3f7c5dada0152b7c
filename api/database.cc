// The Database facade: opens the store and forwards to graph/, query/ and loaders/.
#include "quarry/database.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/database_impl.h"
#include "proto/quarry.pb.h"
#include "query/engine.h"
#include "util/status_macros.h"

namespace quarry {

Value TermToValue(const proto::Term& term) {
  switch (term.value_case()) {
    case proto::Term::kNode: {
      Node node;
      node.name = term.node();
      return Value(std::move(node));
    }
    case proto::Term::kLabel:
      return Value(term.label());
    case proto::Term::kStringValue:
      return Value(term.string_value());
    case proto::Term::kIntValue:
      return Value(static_cast<int64_t>(term.int_value()));
    case proto::Term::kDoubleValue:
      return Value(term.double_value());
    case proto::Term::kBoolValue:
      return Value(term.bool_value());
    case proto::Term::kDateValue:
      return Value(
          Date{term.date_value().year(), term.date_value().month(), term.date_value().day()});
    case proto::Term::VALUE_NOT_SET:
      break;
  }
  return Value();
}

absl::StatusOr<proto::Term> ValueToTerm(const Value& value) {
  if (value.is<Node>()) {
    if (value.as<Node>().name.empty()) {
      return absl::InvalidArgumentError("a node without a name is not a term");
    }
    return graph::NodeTerm(value.as<Node>().name);
  }
  if (value.is<std::string>()) return graph::StringTerm(value.as<std::string>());
  if (value.is<int64_t>()) return graph::IntTerm(value.as<int64_t>());
  if (value.is<double>()) return graph::DoubleTerm(value.as<double>());
  if (value.is<bool>()) return graph::BoolTerm(value.as<bool>());
  if (value.is<Date>()) {
    const Date& date = value.as<Date>();
    return graph::DateTerm(date.year, date.month, date.day);
  }
  return absl::InvalidArgumentError(absl::StrCat("not a term: ", value.ToString()));
}

Database::Database(std::unique_ptr<DatabaseImpl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Open(absl::string_view path,
                                                         const Options& options) {
  graph::StoreOptions store_options;
  store_options.create_if_missing = options.create_if_missing;
  store_options.read_only = options.read_only;
  store_options.derived_cache_bytes = options.query_cache_bytes;
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<graph::Store> store,
                          graph::Store::Open(path, store_options));
  return std::unique_ptr<Database>(new Database(std::make_unique<DatabaseImpl>(std::move(store))));
}

const std::string& Database::path() const { return impl_->store().path(); }

absl::StatusOr<LoadSummary> Database::Apply(const proto::TripleBatch& batch) {
  QUARRY_ASSIGN_OR_RETURN(graph::ApplyResult applied, impl_->store().Apply(batch));
  LoadSummary summary;
  summary.document_id = batch.document().id();
  summary.already_present = applied.already_present;
  summary.triples_added = applied.triples_added;
  summary.triples_in_document = applied.triples_in_batch;
  return summary;
}

absl::StatusOr<UnloadSummary> Database::Unload(absl::string_view id) {
  QUARRY_ASSIGN_OR_RETURN(graph::UnloadResult unloaded, impl_->store().Unload(id));
  return UnloadSummary{unloaded.triples_removed, unloaded.triples_kept};
}

absl::StatusOr<std::vector<TripleText>> Database::Match(const MatchPattern& pattern) const {
  std::unique_ptr<graph::Snapshot> snapshot = impl_->store().GetSnapshot();
  graph::TriplePattern ids;
  std::vector<TripleText> matches;
  // A term the dictionary lacks matches nothing.
  if (pattern.subject.has_value()) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> id,
                            snapshot->FindTerm(graph::NodeTerm(*pattern.subject)));
    if (!id.has_value()) return matches;
    ids.subject = *id;
  }
  if (pattern.predicate.has_value()) {
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> id,
                            snapshot->FindPredicate(*pattern.predicate));
    if (!id.has_value()) return matches;
    ids.predicate = *id;
  }
  if (pattern.object.has_value()) {
    proto::Term term;
    if (pattern.predicate == graph::kLabelPredicate && pattern.object->is<std::string>()) {
      term = graph::LabelTerm(pattern.object->as<std::string>());
    } else {
      QUARRY_ASSIGN_OR_RETURN(term, ValueToTerm(*pattern.object));
    }
    QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> id, snapshot->FindTerm(term));
    if (!id.has_value()) return matches;
    ids.object = *id;
  }
  graph::Cursor cursor = snapshot->NewCursor();
  for (cursor.Seek(ids); cursor.Valid(); cursor.Next()) {
    const graph::IdTriple& triple = cursor.triple();
    QUARRY_ASSIGN_OR_RETURN(proto::Term subject, snapshot->DecodeTerm(triple.subject));
    QUARRY_ASSIGN_OR_RETURN(std::string predicate, snapshot->PredicateName(triple.predicate));
    QUARRY_ASSIGN_OR_RETURN(proto::Term object, snapshot->DecodeTerm(triple.object));
    matches.push_back(TripleText{subject.node(), std::move(predicate), TermToValue(object)});
  }
  QUARRY_RETURN_IF_ERROR(cursor.status());
  return matches;
}

absl::StatusOr<QueryResult> Database::Query(absl::string_view text, const Params& params,
                                            const QueryOptions& options) const {
  // A statement of CREATE clauses writes one document (on a writable database); any other
  // statement reads from a fresh snapshot.
  return query::RunStatement(impl_->store(), text, params, options);
}

namespace {

std::string DateText(const proto::Date& date) {
  if (date.year() == 0) return "";
  if (date.month() == 0) return absl::StrFormat("%04d", date.year());
  if (date.day() == 0) return absl::StrFormat("%04d-%02d", date.year(), date.month());
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

}  // namespace

absl::StatusOr<std::vector<EvidenceInfo>> Database::Evidence(
    const Relationship& relationship) const {
  std::unique_ptr<graph::Snapshot> snapshot = impl_->store().GetSnapshot();
  std::vector<EvidenceInfo> infos;
  QUARRY_ASSIGN_OR_RETURN(std::optional<graph::TermId> predicate,
                          snapshot->FindPredicate(relationship.type));
  if (!predicate.has_value()) return infos;
  QUARRY_ASSIGN_OR_RETURN(std::optional<proto::TripleMeta> meta,
                          snapshot->GetMeta({relationship.start, *predicate, relationship.end}));
  if (!meta.has_value()) return infos;
  for (const proto::Evidence& evidence : meta->evidence()) {
    EvidenceInfo info;
    info.document_id = evidence.document_id();
    info.sentence_index = evidence.sentence_index();
    info.begin = evidence.span().begin();
    info.end = evidence.span().end();
    info.rule = evidence.rule();
    info.confidence = evidence.confidence();
    info.event_date = DateText(evidence.event_date());
    info.event_place = evidence.event_place();
    QUARRY_ASSIGN_OR_RETURN(std::optional<proto::Document> document,
                            snapshot->GetDocument(evidence.document_id()));
    if (document.has_value()) {
      info.document = document->title().empty() ? document->source() : document->title();
      info.date = DateText(document->date());
      if (evidence.sentence_index() >= 0 &&
          evidence.sentence_index() < document->sentences_size()) {
        const proto::Span& span = document->sentences(evidence.sentence_index());
        if (span.end() <= document->text().size() && span.begin() <= span.end()) {
          info.sentence = document->text().substr(span.begin(), span.end() - span.begin());
          info.sentence_begin = span.begin();
        }
      }
    }
    infos.push_back(std::move(info));
  }
  std::stable_sort(infos.begin(), infos.end(), [](const EvidenceInfo& a, const EvidenceInfo& b) {
    return a.confidence > b.confidence;
  });
  return infos;
}

absl::StatusOr<Statistics> Database::GetStatistics() const {
  std::unique_ptr<graph::Snapshot> snapshot = impl_->store().GetSnapshot();
  QUARRY_ASSIGN_OR_RETURN(graph::GraphStats stats, snapshot->ReadStats());
  Statistics result;
  result.triples = stats.triples;
  result.documents = stats.documents;
  for (const auto& [predicate, count] : stats.predicate_counts) {
    QUARRY_ASSIGN_OR_RETURN(std::string name, snapshot->PredicateName(predicate));
    result.predicates.emplace_back(std::move(name), count);
  }
  for (const auto& [label, count] : stats.label_counts) {
    QUARRY_ASSIGN_OR_RETURN(proto::Term term, snapshot->DecodeTerm(label));
    result.labels.emplace_back(term.label(), count);
  }
  std::sort(result.predicates.begin(), result.predicates.end());
  std::sort(result.labels.begin(), result.labels.end());
  return result;
}

absl::StatusOr<std::vector<DocumentInfo>> Database::ListDocuments() const {
  std::unique_ptr<graph::Snapshot> snapshot = impl_->store().GetSnapshot();
  QUARRY_ASSIGN_OR_RETURN(std::vector<proto::Document> documents, snapshot->ListDocuments());
  std::vector<DocumentInfo> infos;
  for (const proto::Document& document : documents) {
    DocumentInfo info;
    info.id = document.id();
    info.title = document.title();
    info.source = document.source();
    info.format = document.format();
    if (document.has_date() && document.date().year() != 0) {
      info.date = absl::StrFormat("%04d-%02d-%02d", document.date().year(), document.date().month(),
                                  document.date().day());
    }
    QUARRY_ASSIGN_OR_RETURN(std::vector<graph::IdTriple> triples,
                            snapshot->DocumentTriples(document.id()));
    info.triples = static_cast<int64_t>(triples.size());
    infos.push_back(std::move(info));
  }
  return infos;
}

}  // namespace quarry
