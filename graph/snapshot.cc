// Snapshot reads: the dictionary, evidence, names, stats and documents at one moment.
#include <utility>

#include "absl/strings/str_cat.h"
#include "graph/merge_operators.h"
#include "graph/rocksdb_status.h"
#include "graph/store.h"
#include "graph/store_impl.h"
#include "util/status_macros.h"

namespace quarry::graph {
namespace {

rocksdb::ReadOptions SnapshotReadOptions(const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  return options;
}

}  // namespace

Snapshot::Snapshot(const StoreImpl* store, const rocksdb::Snapshot* snapshot,
                   std::optional<uint64_t> version)
    : store_(store), snapshot_(snapshot), version_(version) {}

DerivedCache* Snapshot::derived_cache() const {
  return version_.has_value() ? store_->derived_cache.get() : nullptr;
}

Snapshot::~Snapshot() { store_->db()->ReleaseSnapshot(snapshot_); }

absl::StatusOr<std::optional<std::string>> Snapshot::Get(int family, absl::string_view key) const {
  if (family == layout::kTerms) {
    if (std::optional<std::string> cached = store_->term_cache.Find(key)) return cached;
  }
  std::string value;
  rocksdb::Status status = store_->db()->Get(SnapshotReadOptions(snapshot_), store_->family(family),
                                             rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return std::nullopt;
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, store_->path));
  if (family == layout::kTerms) store_->term_cache.Insert(key, value);
  return std::optional<std::string>(std::move(value));
}

std::unique_ptr<rocksdb::Iterator> Snapshot::NewIterator(int family) const {
  return std::unique_ptr<rocksdb::Iterator>(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_), store_->family(family)));
}

Cursor Snapshot::NewCursor() const {
  return Cursor(
      store_->db(), snapshot_,
      {store_->family(layout::kSpo), store_->family(layout::kPos), store_->family(layout::kOsp)});
}

absl::Status Snapshot::Scan(const TriplePattern& pattern,
                            const std::function<bool(const IdTriple&)>& visit) const {
  Cursor cursor = NewCursor();
  for (cursor.Seek(pattern); cursor.Valid(); cursor.Next()) {
    if (!visit(cursor.triple())) break;
  }
  return cursor.status();
}

absl::StatusOr<bool> Snapshot::Contains(const IdTriple& triple) const {
  // The pos key, whose value is empty: the spo value would be read whole, with every piece of
  // evidence, and its pending merges applied (a Person's label triple gathers one piece from
  // each document that names the person).
  QUARRY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          Get(layout::kPos, layout::PosKey(triple)));
  return value.has_value();
}

absl::StatusOr<std::optional<proto::TripleMeta>> Snapshot::GetMeta(const IdTriple& triple) const {
  QUARRY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          Get(layout::kSpo, layout::SpoKey(triple)));
  if (!value.has_value()) return std::nullopt;
  proto::TripleMeta meta;
  if (!meta.ParseFromString(*value)) {
    return absl::DataLossError("unreadable evidence for a triple");
  }
  return std::optional<proto::TripleMeta>(std::move(meta));
}

absl::StatusOr<std::optional<TermId>> Snapshot::FindTerm(const proto::Term& term) const {
  const TermKind kind = KindOfTerm(term);
  if (kind == TermKind::kInvalid) return absl::InvalidArgumentError("the term is not set");
  QUARRY_ASSIGN_OR_RETURN(std::optional<std::string> id,
                          Get(layout::kTerms, layout::TermForwardKey(kind, EncodeTermValue(term))));
  if (!id.has_value()) return std::nullopt;
  if (id->size() != 8) return absl::DataLossError("malformed term id in the dictionary");
  return std::optional<TermId>(GetBigEndian64(id->data()));
}

absl::StatusOr<std::optional<TermId>> Snapshot::FindPredicate(absl::string_view predicate) const {
  if (predicate == kLabelPredicate) return std::optional<TermId>(kLabelPredicateId);
  QUARRY_ASSIGN_OR_RETURN(
      std::optional<std::string> id,
      Get(layout::kTerms, layout::TermForwardKey(TermKind::kPredicate, predicate)));
  if (!id.has_value()) return std::nullopt;
  if (id->size() != 8) return absl::DataLossError("malformed term id in the dictionary");
  return std::optional<TermId>(GetBigEndian64(id->data()));
}

absl::StatusOr<proto::Term> Snapshot::DecodeTerm(TermId id) const {
  QUARRY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          Get(layout::kTerms, layout::TermReverseKey(id)));
  if (!value.has_value()) return absl::NotFoundError(absl::StrCat("no term with id ", id));
  return DecodeTermValue(KindOf(id), *value);
}

absl::StatusOr<std::string> Snapshot::PredicateName(TermId id) const {
  if (KindOf(id) != TermKind::kPredicate) {
    return absl::InvalidArgumentError(absl::StrCat("term ", id, " is not a predicate"));
  }
  QUARRY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          Get(layout::kTerms, layout::TermReverseKey(id)));
  if (!value.has_value()) return absl::NotFoundError(absl::StrCat("no predicate with id ", id));
  return *std::move(value);
}

absl::StatusOr<std::vector<std::pair<TermId, std::string>>> Snapshot::ListPredicates() const {
  std::vector<std::pair<TermId, std::string>> predicates;
  const std::string prefix(1, layout::kTermForward);
  const std::string kind_prefix = prefix + static_cast<char>(TermKind::kPredicate);
  std::unique_ptr<rocksdb::Iterator> iterator = NewIterator(layout::kTerms);
  for (iterator->Seek(kind_prefix); iterator->Valid() && iterator->key().starts_with(kind_prefix);
       iterator->Next()) {
    if (iterator->value().size() != 8) return absl::DataLossError("malformed predicate id");
    predicates.emplace_back(GetBigEndian64(iterator->value().data()),
                            iterator->key().ToString().substr(kind_prefix.size()));
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(iterator->status(), store_->path));
  return predicates;
}

absl::StatusOr<std::vector<TermId>> Snapshot::FindNodesByName(absl::string_view name) const {
  std::vector<TermId> nodes;
  const std::string prefix = layout::NamesPrefix(FoldName(name));
  std::unique_ptr<rocksdb::Iterator> iterator = NewIterator(layout::kNames);
  for (iterator->Seek(prefix); iterator->Valid() && iterator->key().starts_with(prefix);
       iterator->Next()) {
    if (iterator->key().size() != prefix.size() + 8) continue;  // a longer name
    nodes.push_back(GetBigEndian64(iterator->key().data() + prefix.size()));
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(iterator->status(), store_->path));
  return nodes;
}

absl::Status Snapshot::ScanNames(
    absl::string_view prefix, const std::function<bool(absl::string_view, TermId)>& visit) const {
  const std::string folded = FoldName(prefix);
  std::unique_ptr<rocksdb::Iterator> iterator = NewIterator(layout::kNames);
  for (iterator->Seek(folded); iterator->Valid() && iterator->key().starts_with(folded);
       iterator->Next()) {
    absl::string_view key(iterator->key().data(), iterator->key().size());
    if (key.size() < 9) continue;
    if (!visit(key.substr(0, key.size() - 9), GetBigEndian64(key.data() + key.size() - 8))) break;
  }
  return FromRocksStatus(iterator->status(), store_->path);
}

absl::StatusOr<GraphStats> Snapshot::ReadStats() const {
  GraphStats stats;
  std::unique_ptr<rocksdb::Iterator> iterator = NewIterator(layout::kStats);
  for (iterator->SeekToFirst(); iterator->Valid(); iterator->Next()) {
    const std::string key = iterator->key().ToString();
    const int64_t count = DecodeCounter(iterator->value().ToString());
    if (key.empty()) continue;
    switch (key[0]) {
      case layout::kStatTriples:
        stats.triples = count;
        break;
      case layout::kStatDocuments:
        stats.documents = count;
        break;
      case layout::kStatPredicate:
        if (key.size() == 9 && count != 0)
          stats.predicate_counts[GetBigEndian64(key.data() + 1)] = count;
        break;
      case layout::kStatLabel:
        if (key.size() == 9 && count != 0)
          stats.label_counts[GetBigEndian64(key.data() + 1)] = count;
        break;
      default:
        break;
    }
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(iterator->status(), store_->path));
  return stats;
}

absl::StatusOr<std::optional<proto::Document>> Snapshot::GetDocument(absl::string_view id) const {
  QUARRY_ASSIGN_OR_RETURN(std::optional<std::string> value, Get(layout::kDocs, id));
  if (!value.has_value()) return std::nullopt;
  proto::Document document;
  if (!document.ParseFromString(*value)) {
    return absl::DataLossError(absl::StrCat("unreadable document ", id));
  }
  return std::optional<proto::Document>(std::move(document));
}

absl::StatusOr<std::vector<proto::Document>> Snapshot::ListDocuments(bool with_text) const {
  std::vector<proto::Document> documents;
  std::unique_ptr<rocksdb::Iterator> iterator = NewIterator(layout::kDocs);
  for (iterator->SeekToFirst(); iterator->Valid(); iterator->Next()) {
    proto::Document document;
    if (!document.ParseFromArray(iterator->value().data(),
                                 static_cast<int>(iterator->value().size()))) {
      return absl::DataLossError(absl::StrCat("unreadable document ", iterator->key().ToString()));
    }
    if (!with_text) {
      document.clear_text();
      document.clear_sentences();
    }
    documents.push_back(std::move(document));
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(iterator->status(), store_->path));
  return documents;
}

absl::StatusOr<std::vector<IdTriple>> Snapshot::DocumentTriples(absl::string_view id) const {
  std::vector<IdTriple> triples;
  const std::string prefix = layout::DocTriplesPrefix(id);
  std::unique_ptr<rocksdb::Iterator> iterator = NewIterator(layout::kDocTriples);
  for (iterator->Seek(prefix); iterator->Valid() && iterator->key().starts_with(prefix);
       iterator->Next()) {
    absl::string_view key(iterator->key().data(), iterator->key().size());
    if (!layout::DecodeDocTriplesRun(
            key.substr(prefix.size()),
            absl::string_view(iterator->value().data(), iterator->value().size()), &triples)) {
      return absl::DataLossError(absl::StrCat("malformed doc_triples entry for document ", id));
    }
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(iterator->status(), store_->path));
  return triples;
}

}  // namespace quarry::graph
