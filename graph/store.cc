// Opening the store and writing to it: Apply loads one document in one WriteBatch, Unload
// retracts one. Reads live in snapshot.cc and cursor.cc.
#include "graph/store.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "graph/merge_operators.h"
#include "graph/rocksdb_status.h"
#include "graph/store_impl.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "util/status_macros.h"

namespace quarry::graph {
namespace {

namespace fs = std::filesystem;

// Terms the writer caches before it starts over, bounding its memory.
constexpr size_t kMaxCachedTerms = 4'000'000;
constexpr absl::string_view kAliasPredicate = "alias";

absl::Status ValidateTriple(const proto::Triple& triple, int index) {
  auto invalid = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat("triple ", index, ": ", what));
  };
  if (triple.subject().value_case() != proto::Term::kNode) {
    return invalid("the subject must be a node");
  }
  if (triple.subject().node().empty()) return invalid("the subject has an empty name");
  if (triple.predicate().empty()) return invalid("the predicate is empty");
  const TermKind object_kind = KindOfTerm(triple.object());
  if (object_kind == TermKind::kInvalid) return invalid("the object is not set");
  if (object_kind == TermKind::kNode && triple.object().node().empty()) {
    return invalid("the object node has an empty name");
  }
  const bool is_label = triple.predicate() == kLabelPredicate;
  if (is_label != (object_kind == TermKind::kLabel)) {
    return invalid("labels are exactly the objects of ':label' triples");
  }
  if (is_label && triple.object().label().empty()) return invalid("the label is empty");
  if (object_kind == TermKind::kDate) {
    // The dictionary encodes month and day in one byte each; out of range they would collide.
    const proto::Date& date = triple.object().date_value();
    if (date.month() < 0 || date.month() > 12 || date.day() < 0 || date.day() > 31) {
      return invalid(absl::StrCat("the date ", date.year(), "-", date.month(), "-", date.day(),
                                  " is out of range (month 0-12, day 0-31)"));
    }
  }
  return absl::OkStatus();
}

bool IsBlank(absl::string_view node) { return absl::StartsWith(node, kBlankNodePrefix); }

}  // namespace

std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors(const StoreOptions& options) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Partitioned index and filters: a bulk-loaded file of millions of keys would otherwise
  // have one multi-megabyte filter block, larger than a cache shard, read again on every
  // lookup.
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = true;
  table.metadata_block_size = 4096;
  table.cache_index_and_filter_blocks = true;
  table.pin_top_level_index_and_filter = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  auto table_factory =
      std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(table));
  // osp, names and doc_triples are only ever scanned by prefix (Seek), where whole-key
  // filters are never consulted: without them, writing their files is cheaper.
  table.filter_policy.reset();
  table.partition_filters = false;
  auto scan_only_factory =
      std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(table));

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (int family = 0; family < layout::kFamilyCount; ++family) {
    rocksdb::ColumnFamilyOptions cf;
    const bool scan_only =
        family == layout::kOsp || family == layout::kNames || family == layout::kDocTriples;
    cf.table_factory = scan_only ? scan_only_factory : table_factory;
    cf.compression = rocksdb::kLZ4Compression;
    cf.bottommost_compression = rocksdb::kZSTD;
    if (family == layout::kSpo) cf.merge_operator = NewEvidenceMergeOperator();
    if (family == layout::kStats) cf.merge_operator = NewCounterMergeOperator();
    descriptors.emplace_back(std::string(layout::kFamilyNames[family]), cf);
  }
  return descriptors;
}

StoreImpl::~StoreImpl() {
  if (db_ != nullptr) {
    for (rocksdb::ColumnFamilyHandle* handle : families_) {
      db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db_->Close().PermitUncheckedError();
  }
}

absl::Status StoreImpl::OpenDatabase(const StoreOptions& options, bool creating) {
  if (options.derived_cache_bytes > 0) {
    derived_cache = std::make_unique<DerivedCache>(options.derived_cache_bytes);
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = creating;
  db_options.create_missing_column_families = creating;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 3;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;

  if (!creating) {
    std::vector<std::string> names;
    rocksdb::Status listed = rocksdb::DB::ListColumnFamilies(db_options, path, &names);
    if (!listed.ok()) return FromRocksStatus(listed, path);
    absl::flat_hash_set<std::string> present(names.begin(), names.end());
    for (absl::string_view name : layout::kFamilyNames) {
      if (!present.contains(name)) {
        return absl::FailedPreconditionError(
            absl::StrCat(path, " is not a Quarry database (no '", name, "' column family)"));
      }
    }
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status =
      read_only ? rocksdb::DB::OpenForReadOnly(db_options, path, FamilyDescriptors(options),
                                               &families_, &raw)
                : rocksdb::DB::Open(db_options, path, FamilyDescriptors(options), &families_, &raw);
  if (!status.ok()) return FromRocksStatus(status, path);
  db_.reset(raw);

  if (creating) {
    rocksdb::WriteBatch batch;
    batch.Put(family(layout::kDefault), std::string(layout::kFormatVersionKey),
              absl::StrCat(layout::kFormatVersion));
    batch.Put(family(layout::kTerms), layout::TermForwardKey(TermKind::kPredicate, kLabelPredicate),
              [] {
                std::string id;
                PutBigEndian64(&id, kLabelPredicateId);
                return id;
              }());
    batch.Put(family(layout::kTerms), layout::TermReverseKey(kLabelPredicateId),
              std::string(kLabelPredicate));
    next_term_ = 2;
    SaveNextTerm(&batch);
    rocksdb::WriteOptions write_options;
    write_options.sync = true;
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(db_->Write(write_options, &batch), path));
  }

  std::string version;
  status = db_->Get(rocksdb::ReadOptions(), family(layout::kDefault),
                    std::string(layout::kFormatVersionKey), &version);
  if (status.IsNotFound()) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a Quarry database (no format version)"));
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, path));
  int stored_version = 0;
  if (!absl::SimpleAtoi(version, &stored_version)) {
    return absl::DataLossError(absl::StrCat(path, ": unreadable format version '", version, "'"));
  }
  if (stored_version > layout::kFormatVersion ||
      stored_version < layout::kOldestReadableFormatVersion) {
    return absl::UnimplementedError(
        absl::StrCat(path, " has format version ", stored_version, "; this build reads versions ",
                     layout::kOldestReadableFormatVersion, " to ", layout::kFormatVersion));
  }
  if (stored_version < layout::kFormatVersion && !read_only) {
    // Older versions read as they are (see layout.h); what this build writes from now on
    // needs its own version, so that an older build refuses the store.
    rocksdb::WriteOptions write_options;
    write_options.sync = true;
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(
        db_->Put(write_options, family(layout::kDefault), std::string(layout::kFormatVersionKey),
                 absl::StrCat(layout::kFormatVersion)),
        path));
  }
  return ResetTermCache();
}

absl::Status StoreImpl::ResetTermCache() {
  term_cache_.clear();
  std::string next;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), family(layout::kDefault),
                                    std::string(layout::kNextTermKey), &next);
  if (status.IsNotFound()) {
    return absl::DataLossError(absl::StrCat(path, ": the term counter is missing"));
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, path));
  if (next.size() != 8) return absl::DataLossError(absl::StrCat(path, ": bad term counter"));
  next_term_ = GetBigEndian64(next.data());
  return absl::OkStatus();
}

void StoreImpl::SaveNextTerm(rocksdb::WriteBatch* batch) {
  std::string next;
  PutBigEndian64(&next, next_term_);
  batch->Put(family(layout::kDefault), std::string(layout::kNextTermKey), next);
}

absl::StatusOr<TermId> StoreImpl::InternTerm(TermKind kind, const std::string& encoded,
                                             rocksdb::WriteBatch* batch) {
  if (kind == TermKind::kPredicate && encoded == kLabelPredicate) return kLabelPredicateId;
  std::string key = layout::TermForwardKey(kind, encoded);
  if (auto found = term_cache_.find(key); found != term_cache_.end()) return found->second;
  std::string stored;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), family(layout::kTerms), key, &stored);
  TermId id;
  if (status.ok()) {
    if (stored.size() != 8) return absl::DataLossError("malformed term id in the dictionary");
    id = GetBigEndian64(stored.data());
  } else if (status.IsNotFound()) {
    id = MakeTermId(kind, next_term_++);
    std::string id_bytes;
    PutBigEndian64(&id_bytes, id);
    batch->Put(family(layout::kTerms), key, id_bytes);
    batch->Put(family(layout::kTerms), layout::TermReverseKey(id), encoded);
  } else {
    return FromRocksStatus(status, "term dictionary");
  }
  if (term_cache_.size() >= kMaxCachedTerms) term_cache_.clear();
  term_cache_.emplace(std::move(key), id);
  return id;
}

Store::Store(std::unique_ptr<StoreImpl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
bool Store::read_only() const { return impl_->read_only; }

absl::StatusOr<std::unique_ptr<Store>> Store::Open(absl::string_view path,
                                                   const StoreOptions& options) {
  auto impl = std::make_unique<StoreImpl>();
  impl->path = std::string(path);
  impl->read_only = options.read_only;
  std::error_code error;
  bool creating = false;
  const fs::path dir(impl->path);
  if (!fs::exists(dir, error)) {
    if (!options.create_if_missing || options.read_only) {
      return absl::NotFoundError(absl::StrCat("no database at ", path));
    }
    fs::create_directories(dir, error);
    if (error) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create database directory ", path, ": ", error.message()));
    }
    creating = true;
  } else if (!fs::is_directory(dir, error)) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a directory"));
  } else if (fs::exists(dir / "CURRENT", error)) {
    creating = false;
  } else if (fs::is_empty(dir, error)) {
    if (!options.create_if_missing || options.read_only) {
      return absl::NotFoundError(absl::StrCat("no database at ", path));
    }
    creating = true;
  } else {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a Quarry database (a non-empty directory without one)"));
  }
  if (creating) {
    // Build the new database beside `path` and rename it into place: a crash during creation
    // then leaves no database (created again next time), never a directory Open refuses.
    const fs::path target = dir.has_filename() ? dir : dir.parent_path();
    const fs::path staging = target.parent_path() / (target.filename().string() + ".creating");
    fs::remove_all(staging, error);
    {
      StoreImpl staged;
      staged.path = staging.string();
      QUARRY_RETURN_IF_ERROR(staged.OpenDatabase(options, /*creating=*/true));
    }
    fs::rename(staging, target, error);
    if (error) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create database directory ", path, ": ", error.message()));
    }
    creating = false;
  }
  QUARRY_RETURN_IF_ERROR(impl->OpenDatabase(options, creating));
  if (!options.read_only) {
    // SST files of a bulk load whose process died before ingesting them (the RocksDB lock,
    // now ours, shows that no other writer is using them).
    for (fs::directory_iterator it(dir, error), end; it != end && !error; it.increment(error)) {
      if (it->is_directory() && absl::StartsWith(it->path().filename().string(), "bulk-")) {
        std::error_code ignored;
        fs::remove_all(it->path(), ignored);
      }
    }
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

std::unique_ptr<Snapshot> Store::GetSnapshot() const {
  // When no write began before the snapshot was taken that had not ended before it, the
  // snapshot holds exactly the state after the `finished`-th write.
  const uint64_t finished = impl_->writes_finished.load();
  const rocksdb::Snapshot* snapshot = impl_->db()->GetSnapshot();
  std::optional<uint64_t> version;
  if (impl_->writes_started.load() == finished) version = finished;
  return std::unique_ptr<Snapshot>(new Snapshot(impl_.get(), snapshot, version));
}

absl::Status Store::Flush() {
  if (impl_->read_only) return absl::OkStatus();
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  for (int family = 0; family < layout::kFamilyCount; ++family) {
    handles.push_back(impl_->family(family));
  }
  return FromRocksStatus(impl_->db()->Flush(rocksdb::FlushOptions(), handles), impl_->path);
}

absl::StatusOr<ApplyResult> Store::Apply(const proto::TripleBatch& batch) {
  if (impl_->read_only) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database at ", impl_->path, " is open read-only"));
  }
  const proto::Document& document = batch.document();
  const std::string& document_id = document.id();
  if (document_id.empty()) return absl::InvalidArgumentError("the document has no id");
  if (document_id.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError("the document id contains a NUL byte");
  }
  for (int index = 0; index < batch.triples_size(); ++index) {
    QUARRY_RETURN_IF_ERROR(ValidateTriple(batch.triples(index), index));
  }

  absl::MutexLock lock(&impl_->writer_mutex);
  rocksdb::DB* db = impl_->db();
  ApplyResult result;
  {
    std::string ignored;
    rocksdb::Status status =
        db->Get(rocksdb::ReadOptions(), impl_->family(layout::kDocs), document_id, &ignored);
    if (status.ok()) {
      result.already_present = true;
      return result;
    }
    if (!status.IsNotFound()) return FromRocksStatus(status, impl_->path);
  }

  rocksdb::WriteBatch write;
  // Distinct triples of the batch, in first-seen order, with the evidence they bring.
  std::vector<std::pair<IdTriple, proto::TripleMetaDelta>> pending;
  absl::flat_hash_map<IdTriple, size_t> pending_index;
  absl::flat_hash_set<TermId> named_nodes;
  std::vector<std::pair<std::string, TermId>> node_names;
  std::vector<std::pair<std::string, TermId>> alias_names;

  auto fail = [&](absl::Status status) {
    impl_->ResetTermCache().IgnoreError();
    return status;
  };
  auto intern = [&](const proto::Term& term) {
    return impl_->InternTerm(KindOfTerm(term), EncodeTermValue(term), &write);
  };

  for (const proto::Triple& triple : batch.triples()) {
    absl::StatusOr<TermId> subject = intern(triple.subject());
    if (!subject.ok()) return fail(subject.status());
    absl::StatusOr<TermId> predicate =
        impl_->InternTerm(TermKind::kPredicate, triple.predicate(), &write);
    if (!predicate.ok()) return fail(predicate.status());
    absl::StatusOr<TermId> object = intern(triple.object());
    if (!object.ok()) return fail(object.status());
    const IdTriple ids{*subject, *predicate, *object};

    auto [slot, inserted] = pending_index.try_emplace(ids, pending.size());
    if (inserted) pending.emplace_back(ids, proto::TripleMetaDelta());
    proto::TripleMetaDelta& delta = pending[slot->second].second;
    for (const proto::Evidence& given : triple.evidence()) {
      proto::Evidence* evidence = delta.add_added();
      *evidence = given;
      evidence->set_document_id(document_id);
      if (!evidence->has_document_date() && document.has_date()) {
        *evidence->mutable_document_date() = document.date();
      }
    }
    if (triple.evidence().empty() && inserted) {
      proto::Evidence* evidence = delta.add_added();
      evidence->set_document_id(document_id);
      evidence->set_sentence_index(-1);
      evidence->set_rule("batch");
      evidence->set_confidence(1.0f);
      if (document.has_date()) *evidence->mutable_document_date() = document.date();
    }
    for (const proto::Property& property : triple.properties()) {
      *delta.add_properties() = property;
    }
    // Index every named node once by its folded name (a Put is idempotent: no read needed).
    if (!IsBlank(triple.subject().node()) && named_nodes.insert(ids.subject).second) {
      node_names.emplace_back(FoldName(triple.subject().node()), ids.subject);
    }
    if (IsNode(ids.object) && !IsBlank(triple.object().node()) &&
        named_nodes.insert(ids.object).second) {
      node_names.emplace_back(FoldName(triple.object().node()), ids.object);
    }
    if (triple.predicate() == kAliasPredicate &&
        triple.object().value_case() == proto::Term::kStringValue) {
      alias_names.emplace_back(FoldName(triple.object().string_value()), ids.subject);
    }
  }

  // Which triples are new decides the index writes and the stats; evidence always merges.
  // Existence is read from `pos`, whose values are empty: reading `spo` would make RocksDB
  // merge every pending evidence operand of popular triples on each load.
  std::vector<std::string> spo_keys;
  std::vector<std::string> pos_keys;
  spo_keys.reserve(pending.size());
  pos_keys.reserve(pending.size());
  for (const auto& [ids, delta] : pending) {
    spo_keys.push_back(layout::SpoKey(ids));
    pos_keys.push_back(layout::PosKey(ids));
  }
  std::vector<rocksdb::Slice> key_slices(pos_keys.begin(), pos_keys.end());
  std::vector<rocksdb::PinnableSlice> values(pos_keys.size());
  std::vector<rocksdb::Status> statuses(pos_keys.size());
  if (!pos_keys.empty()) {
    db->MultiGet(rocksdb::ReadOptions(), impl_->family(layout::kPos), key_slices.size(),
                 key_slices.data(), values.data(), statuses.data());
  }

  absl::flat_hash_map<TermId, int64_t> predicate_deltas;
  absl::flat_hash_map<TermId, int64_t> label_deltas;
  for (size_t index = 0; index < pending.size(); ++index) {
    const auto& [ids, delta] = pending[index];
    if (statuses[index].IsNotFound()) {
      ++result.triples_added;
      write.Put(impl_->family(layout::kPos), pos_keys[index], rocksdb::Slice());
      write.Put(impl_->family(layout::kOsp), layout::OspKey(ids), rocksdb::Slice());
      ++predicate_deltas[ids.predicate];
      if (ids.predicate == kLabelPredicateId) ++label_deltas[ids.object];
    } else if (!statuses[index].ok()) {
      return fail(FromRocksStatus(statuses[index], impl_->path));
    }
    if (statuses[index].IsNotFound()) {
      // A new triple gets its whole value: reads then never pay for a merge. The writer
      // lock makes "not found" stay true until this batch is written.
      proto::TripleMeta meta;
      ApplyDelta(delta, &meta);
      write.Put(impl_->family(layout::kSpo), spo_keys[index], meta.SerializeAsString());
    } else {
      write.Merge(impl_->family(layout::kSpo), spo_keys[index], delta.SerializeAsString());
    }
  }
  result.triples_in_batch = static_cast<int64_t>(pending.size());
  {
    std::vector<IdTriple> supported;
    supported.reserve(pending.size());
    for (const auto& [ids, delta] : pending) supported.push_back(ids);
    std::sort(supported.begin(), supported.end());
    layout::DocTriplesRun run;
    run.Start(document_id);
    for (const IdTriple& ids : supported) {
      if (run.full()) {
        write.Put(impl_->family(layout::kDocTriples), run.key(), run.value());
        run.Clear();
      }
      run.Add(ids);
    }
    if (!run.empty()) {
      write.Put(impl_->family(layout::kDocTriples), run.key(), run.value());
    }
  }

  for (const auto& [folded, node] : node_names) {
    write.Put(impl_->family(layout::kNames), layout::NamesKey(folded, node), rocksdb::Slice());
  }
  for (const auto& [folded, node] : alias_names) {
    write.Put(impl_->family(layout::kNames), layout::NamesKey(folded, node), rocksdb::Slice());
  }

  rocksdb::ColumnFamilyHandle* stats = impl_->family(layout::kStats);
  if (result.triples_added != 0) {
    write.Merge(stats, layout::StatKey(layout::kStatTriples), EncodeCounter(result.triples_added));
  }
  write.Merge(stats, layout::StatKey(layout::kStatDocuments), EncodeCounter(1));
  for (const auto& [predicate, count] : predicate_deltas) {
    write.Merge(stats, layout::StatKey(layout::kStatPredicate, predicate), EncodeCounter(count));
  }
  for (const auto& [label, count] : label_deltas) {
    write.Merge(stats, layout::StatKey(layout::kStatLabel, label), EncodeCounter(count));
  }

  proto::Document stored = document;
  write.Put(impl_->family(layout::kDocs), document_id, stored.SerializeAsString());
  impl_->SaveNextTerm(&write);

  rocksdb::WriteOptions write_options;
  WriteScope scope(*impl_);
  rocksdb::Status written = db->Write(write_options, &write);
  if (!written.ok()) return fail(FromRocksStatus(written, impl_->path));
  return result;
}

absl::StatusOr<UnloadResult> Store::Unload(absl::string_view id) {
  if (impl_->read_only) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database at ", impl_->path, " is open read-only"));
  }
  absl::MutexLock lock(&impl_->writer_mutex);
  rocksdb::DB* db = impl_->db();
  const std::string document_id(id);
  {
    std::string ignored;
    rocksdb::Status status =
        db->Get(rocksdb::ReadOptions(), impl_->family(layout::kDocs), document_id, &ignored);
    if (status.IsNotFound()) {
      return absl::NotFoundError(absl::StrCat("no document with id ", id));
    }
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, impl_->path));
  }

  // The id of the alias predicate, to drop alias names that lose their last triple.
  std::optional<TermId> alias_predicate;
  {
    std::string stored;
    rocksdb::Status status =
        db->Get(rocksdb::ReadOptions(), impl_->family(layout::kTerms),
                layout::TermForwardKey(TermKind::kPredicate, kAliasPredicate), &stored);
    if (status.ok() && stored.size() == 8) alias_predicate = GetBigEndian64(stored.data());
  }

  UnloadResult result;
  rocksdb::WriteBatch write;
  // Alias triples this unload removes; their names entries go unless the node keeps a name
  // or another alias that folds the same.
  std::vector<IdTriple> removed_aliases;
  rocksdb::ColumnFamilyHandle* stats = impl_->family(layout::kStats);
  const std::string prefix = layout::DocTriplesPrefix(document_id);
  std::unique_ptr<rocksdb::Iterator> iterator(
      db->NewIterator(rocksdb::ReadOptions(), impl_->family(layout::kDocTriples)));
  proto::TripleMetaDelta retraction;
  retraction.add_retracted_document_ids(document_id);
  std::vector<IdTriple> supported;
  for (iterator->Seek(prefix); iterator->Valid() && iterator->key().starts_with(prefix);
       iterator->Next()) {
    absl::string_view key(iterator->key().data(), iterator->key().size());
    if (!layout::DecodeDocTriplesRun(
            key.substr(prefix.size()),
            absl::string_view(iterator->value().data(), iterator->value().size()), &supported)) {
      return absl::DataLossError(absl::StrCat("malformed doc_triples entry for document ", id));
    }
    write.Delete(impl_->family(layout::kDocTriples), iterator->key());
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(iterator->status(), impl_->path));
  for (const IdTriple& ids : supported) {
    const std::string spo_key = layout::SpoKey(ids);
    std::string value;
    rocksdb::Status status =
        db->Get(rocksdb::ReadOptions(), impl_->family(layout::kSpo), spo_key, &value);
    if (status.IsNotFound()) continue;  // already gone; nothing to retract
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, impl_->path));
    proto::TripleMeta meta;
    if (!meta.ParseFromString(value)) {
      return absl::DataLossError(absl::StrCat("unreadable evidence for a triple of ", id));
    }
    ApplyDelta(retraction, &meta);
    if (meta.evidence_size() > 0) {
      ++result.triples_kept;
      write.Put(impl_->family(layout::kSpo), spo_key, meta.SerializeAsString());
      continue;
    }
    ++result.triples_removed;
    write.Delete(impl_->family(layout::kSpo), spo_key);
    write.Delete(impl_->family(layout::kPos), layout::PosKey(ids));
    write.Delete(impl_->family(layout::kOsp), layout::OspKey(ids));
    write.Merge(stats, layout::StatKey(layout::kStatPredicate, ids.predicate), EncodeCounter(-1));
    if (ids.predicate == kLabelPredicateId) {
      write.Merge(stats, layout::StatKey(layout::kStatLabel, ids.object), EncodeCounter(-1));
    }
    if (alias_predicate.has_value() && ids.predicate == *alias_predicate &&
        KindOf(ids.object) == TermKind::kString) {
      removed_aliases.push_back(ids);
    }
  }
  auto term_text = [&](TermId term) -> std::optional<std::string> {
    std::string text;
    if (!db->Get(rocksdb::ReadOptions(), impl_->family(layout::kTerms),
                 layout::TermReverseKey(term), &text)
             .ok()) {
      return std::nullopt;
    }
    return text;
  };
  const absl::flat_hash_set<IdTriple> removed(removed_aliases.begin(), removed_aliases.end());
  for (const IdTriple& alias_triple : removed_aliases) {
    std::optional<std::string> alias = term_text(alias_triple.object);
    if (!alias.has_value()) continue;
    const std::string folded = FoldName(*alias);
    std::optional<std::string> own_name = term_text(alias_triple.subject);
    bool still_named = own_name.has_value() && FoldName(*own_name) == folded;
    std::string prefix;
    PutBigEndian64(&prefix, alias_triple.subject);
    PutBigEndian64(&prefix, alias_triple.predicate);
    std::unique_ptr<rocksdb::Iterator> aliases(
        db->NewIterator(rocksdb::ReadOptions(), impl_->family(layout::kSpo)));
    for (aliases->Seek(prefix);
         !still_named && aliases->Valid() && aliases->key().starts_with(prefix); aliases->Next()) {
      const IdTriple other =
          layout::DecodeSpoKey(absl::string_view(aliases->key().data(), aliases->key().size()));
      if (removed.contains(other)) continue;
      std::optional<std::string> text = term_text(other.object);
      still_named = text.has_value() && FoldName(*text) == folded;
    }
    if (!still_named) {
      write.Delete(impl_->family(layout::kNames), layout::NamesKey(folded, alias_triple.subject));
    }
  }
  if (result.triples_removed != 0) {
    write.Merge(stats, layout::StatKey(layout::kStatTriples),
                EncodeCounter(-result.triples_removed));
  }
  write.Merge(stats, layout::StatKey(layout::kStatDocuments), EncodeCounter(-1));
  write.Delete(impl_->family(layout::kDocs), document_id);
  WriteScope scope(*impl_);
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(db->Write(rocksdb::WriteOptions(), &write), impl_->path));
  return result;
}

}  // namespace quarry::graph
