// The bulk path: encode while reading, then for each column family sort the keys, write one
// SST file, and ingest every file in one IngestExternalFiles call (atomic across families).
#include "graph/bulk_loader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "graph/layout.h"
#include "graph/merge_operators.h"
#include "graph/rocksdb_status.h"
#include "graph/store_impl.h"
#include "rocksdb/sst_file_writer.h"
#include "util/status_macros.h"

namespace quarry::graph {
namespace {

constexpr uint32_t kNoExtra = UINT32_MAX;

// One triple occurrence: ids, the span of its line, and (rarely) a full evidence list.
struct Entry {
  IdTriple triple;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t extra = kNoExtra;  // index into BulkLoaderState::extras
};

}  // namespace

class BulkLoaderState {
 public:
  Store* store = nullptr;
  StoreImpl* impl = nullptr;
  proto::Document document;
  std::string default_rule;
  bool have_default_rule = false;
  std::vector<Entry> entries;
  // Serialized TripleMetaDelta for entries whose evidence is more than a line span.
  std::vector<std::string> extras;
  // Terms new in this load: forward key -> id (the dictionary does not have them yet).
  absl::flat_hash_map<std::string, TermId> new_terms;
  absl::flat_hash_map<std::string, TermId> known_terms;
  absl::flat_hash_set<TermId> named_nodes_seen;
  std::vector<std::pair<std::string, TermId>> names;
  uint64_t next_term = 0;
  bool finished = false;

  ~BulkLoaderState() {
    if (impl != nullptr) impl->writer_mutex.Unlock();
  }

  absl::StatusOr<TermId> Intern(TermKind kind, const std::string& encoded) {
    if (kind == TermKind::kPredicate && encoded == kLabelPredicate) return kLabelPredicateId;
    std::string key = layout::TermForwardKey(kind, encoded);
    if (auto found = new_terms.find(key); found != new_terms.end()) return found->second;
    if (auto found = known_terms.find(key); found != known_terms.end()) return found->second;
    std::string stored;
    rocksdb::Status status =
        impl->db()->Get(rocksdb::ReadOptions(), impl->family(layout::kTerms), key, &stored);
    if (status.ok()) {
      if (stored.size() != 8) return absl::DataLossError("malformed term id in the dictionary");
      const TermId id = GetBigEndian64(stored.data());
      known_terms.emplace(std::move(key), id);
      return id;
    }
    if (!status.IsNotFound()) return FromRocksStatus(status, "term dictionary");
    const TermId id = MakeTermId(kind, next_term++);
    new_terms.emplace(std::move(key), id);
    return id;
  }
};

BulkLoader::BulkLoader(std::unique_ptr<BulkLoaderState> state) : state_(std::move(state)) {}
BulkLoader::~BulkLoader() = default;

absl::StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Start(Store& store,
                                                              const proto::Document& document) {
  if (store.read_only()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database at ", store.path(), " is open read-only"));
  }
  if (document.id().empty() || document.id().find('\0') != std::string::npos) {
    return absl::InvalidArgumentError("the document needs an id without NUL bytes");
  }
  auto state = std::make_unique<BulkLoaderState>();
  state->store = &store;
  store.impl_->writer_mutex.Lock();
  state->impl = store.impl_.get();  // from here on, the destructor unlocks
  QUARRY_RETURN_IF_ERROR(state->impl->ResetTermCache());
  std::string next;
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(
      state->impl->db()->Get(rocksdb::ReadOptions(), state->impl->family(layout::kDefault),
                             std::string(layout::kNextTermKey), &next),
      store.path()));
  state->next_term = GetBigEndian64(next.data());
  state->document = document;
  return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(state)));
}

absl::Status BulkLoader::Add(const proto::Triple& triple) {
  BulkLoaderState& state = *state_;
  if (triple.subject().value_case() != proto::Term::kNode || triple.subject().node().empty() ||
      triple.predicate().empty() || KindOfTerm(triple.object()) == TermKind::kInvalid ||
      (triple.predicate() == kLabelPredicate) !=
          (triple.object().value_case() == proto::Term::kLabel) ||
      (triple.object().value_case() == proto::Term::kNode && triple.object().node().empty()) ||
      (triple.object().value_case() == proto::Term::kLabel && triple.object().label().empty()) ||
      (triple.object().value_case() == proto::Term::kDateValue &&
       (triple.object().date_value().month() < 0 || triple.object().date_value().month() > 12 ||
        triple.object().date_value().day() < 0 || triple.object().date_value().day() > 31))) {
    return absl::InvalidArgumentError(
        absl::StrCat("triple ", state.entries.size(),
                     ": malformed (node subject, predicate and "
                     "object required; labels only as objects of ':label'; dates with month "
                     "0-12 and day 0-31)"));
  }
  Entry entry;
  QUARRY_ASSIGN_OR_RETURN(entry.triple.subject,
                          state.Intern(TermKind::kNode, triple.subject().node()));
  QUARRY_ASSIGN_OR_RETURN(entry.triple.predicate,
                          state.Intern(TermKind::kPredicate, triple.predicate()));
  QUARRY_ASSIGN_OR_RETURN(entry.triple.object, state.Intern(KindOfTerm(triple.object()),
                                                            EncodeTermValue(triple.object())));

  const bool simple =
      triple.evidence_size() == 1 && triple.properties_size() == 0 &&
      triple.evidence(0).sentence_index() == -1 && !triple.evidence(0).has_event_date() &&
      triple.evidence(0).event_place().empty() && !triple.evidence(0).has_document_date() &&
      triple.evidence(0).confidence() == 1.0f;
  if (simple && !state.have_default_rule) {
    state.default_rule = triple.evidence(0).rule();
    state.have_default_rule = true;
  }
  if (simple && triple.evidence(0).rule() == state.default_rule) {
    entry.begin = triple.evidence(0).span().begin();
    entry.end = triple.evidence(0).span().end();
  } else {
    proto::TripleMetaDelta delta;
    for (const proto::Evidence& evidence : triple.evidence()) *delta.add_added() = evidence;
    for (const proto::Property& property : triple.properties()) *delta.add_properties() = property;
    entry.extra = static_cast<uint32_t>(state.extras.size());
    state.extras.push_back(delta.SerializeAsString());
  }
  for (const proto::Term* term : {&triple.subject(), &triple.object()}) {
    if (term->value_case() != proto::Term::kNode ||
        absl::StartsWith(term->node(), kBlankNodePrefix)) {
      continue;
    }
    const TermId id = term == &triple.subject() ? entry.triple.subject : entry.triple.object;
    if (state.named_nodes_seen.insert(id).second)
      state.names.emplace_back(FoldName(term->node()), id);
  }
  if (triple.predicate() == "alias" && triple.object().value_case() == proto::Term::kStringValue) {
    state.names.emplace_back(FoldName(triple.object().string_value()), entry.triple.subject);
  }
  state.entries.push_back(entry);
  return absl::OkStatus();
}

absl::StatusOr<ApplyResult> BulkLoader::Finish() {
  BulkLoaderState& state = *state_;
  if (state.finished) return absl::FailedPreconditionError("Finish was already called");
  state.finished = true;
  StoreImpl& impl = *state.impl;
  rocksdb::DB* db = impl.db();
  const std::string& document_id = state.document.id();
  ApplyResult result;
  {
    std::string ignored;
    rocksdb::Status status =
        db->Get(rocksdb::ReadOptions(), impl.family(layout::kDocs), document_id, &ignored);
    if (status.ok()) {
      result.already_present = true;
      return result;
    }
    if (!status.IsNotFound()) return FromRocksStatus(status, impl.path);
  }

  std::vector<Entry>& entries = state.entries;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.triple < b.triple; });

  const std::filesystem::path work_dir =
      std::filesystem::path(impl.path) / absl::StrCat("bulk-", getpid());
  std::error_code error;
  std::filesystem::remove_all(work_dir, error);
  std::filesystem::create_directories(work_dir, error);
  if (error) return absl::InternalError(absl::StrCat("cannot create ", work_dir.string()));
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } cleanup{work_dir};

  const std::vector<rocksdb::ColumnFamilyDescriptor> descriptors =
      FamilyDescriptors(StoreOptions());
  std::vector<rocksdb::IngestExternalFileArg> ingest;
  // Opens an SST writer for `family`; the file joins the ingestion when finished non-empty.
  auto open_writer = [&](int family) -> absl::StatusOr<std::unique_ptr<rocksdb::SstFileWriter>> {
    rocksdb::Options options(rocksdb::DBOptions(), descriptors[family].options);
    auto writer = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options,
                                                           impl.family(family));
    const std::string file =
        (work_dir / absl::StrCat(layout::kFamilyNames[family], ".sst")).string();
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Open(file), file));
    return writer;
  };
  auto finish_writer = [&](int family, rocksdb::SstFileWriter& writer, uint64_t entries_written) {
    if (entries_written == 0) return absl::OkStatus();
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer.Finish(), "bulk load"));
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = impl.family(family);
    arg.external_files.push_back(
        (work_dir / absl::StrCat(layout::kFamilyNames[family], ".sst")).string());
    arg.options.move_files = true;
    arg.options.allow_global_seqno = true;
    arg.options.allow_blocking_flush = true;
    ingest.push_back(std::move(arg));
    return absl::OkStatus();
  };

  // spo and doc_triples, in spo order; decide which triples are new.
  std::vector<IdTriple> distinct;
  distinct.reserve(entries.size());
  std::vector<bool> is_new;
  const bool store_empty = [&] {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), impl.family(layout::kSpo)));
    it->SeekToFirst();
    return !it->Valid();
  }();
  {
    QUARRY_ASSIGN_OR_RETURN(auto spo, open_writer(layout::kSpo));
    QUARRY_ASSIGN_OR_RETURN(auto doc_triples, open_writer(layout::kDocTriples));
    proto::TripleMetaDelta delta;
    proto::TripleMeta meta;
    std::string value;
    const std::string doc_prefix = layout::DocTriplesPrefix(document_id);
    for (size_t begin = 0; begin < entries.size();) {
      size_t end = begin;
      delta.Clear();
      while (end < entries.size() && entries[end].triple == entries[begin].triple) {
        const Entry& entry = entries[end];
        if (entry.extra == kNoExtra) {
          proto::Evidence* evidence = delta.add_added();
          evidence->set_document_id(document_id);
          evidence->set_sentence_index(-1);
          evidence->mutable_span()->set_begin(entry.begin);
          evidence->mutable_span()->set_end(entry.end);
          evidence->set_rule(state.default_rule);
          evidence->set_confidence(1.0f);
          if (state.document.has_date()) *evidence->mutable_document_date() = state.document.date();
        } else {
          proto::TripleMetaDelta extra;
          extra.ParseFromString(state.extras[entry.extra]);
          for (proto::Evidence& evidence : *extra.mutable_added()) {
            evidence.set_document_id(document_id);
            if (!evidence.has_document_date() && state.document.has_date()) {
              *evidence.mutable_document_date() = state.document.date();
            }
            *delta.add_added() = evidence;
          }
          for (const proto::Property& property : extra.properties())
            *delta.add_properties() = property;
          if (extra.added_size() == 0) {
            proto::Evidence* evidence = delta.add_added();
            evidence->set_document_id(document_id);
            evidence->set_sentence_index(-1);
            evidence->set_rule("batch");
            evidence->set_confidence(1.0f);
            if (state.document.has_date()) {
              *evidence->mutable_document_date() = state.document.date();
            }
          }
        }
        ++end;
      }
      const IdTriple& triple = entries[begin].triple;
      const std::string key = layout::SpoKey(triple);
      bool fresh = store_empty;
      if (!fresh) {
        // `pos` tells existence without merging the triple's evidence operands.
        std::string ignored;
        rocksdb::Status status = db->Get(rocksdb::ReadOptions(), impl.family(layout::kPos),
                                         layout::PosKey(triple), &ignored);
        if (!status.ok() && !status.IsNotFound()) return FromRocksStatus(status, impl.path);
        fresh = status.IsNotFound();
      }
      distinct.push_back(triple);
      is_new.push_back(fresh);
      if (fresh) {  // a whole value for new triples, so that reads need no merge
        meta.Clear();
        ApplyDelta(delta, &meta);
        meta.SerializeToString(&value);
        QUARRY_RETURN_IF_ERROR(FromRocksStatus(spo->Put(key, value), "bulk load spo"));
      } else {
        delta.SerializeToString(&value);
        QUARRY_RETURN_IF_ERROR(FromRocksStatus(spo->Merge(key, value), "bulk load spo"));
      }
      QUARRY_RETURN_IF_ERROR(
          FromRocksStatus(doc_triples->Put(doc_prefix + key, rocksdb::Slice()), "bulk load"));
      begin = end;
    }
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kSpo, *spo, distinct.size()));
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kDocTriples, *doc_triples, distinct.size()));
  }
  std::vector<Entry>().swap(entries);
  std::vector<std::string>().swap(state.extras);

  absl::flat_hash_map<TermId, int64_t> predicate_counts;
  absl::flat_hash_map<TermId, int64_t> label_counts;
  std::vector<IdTriple> fresh_triples;
  for (size_t index = 0; index < distinct.size(); ++index) {
    if (!is_new[index]) continue;
    fresh_triples.push_back(distinct[index]);
    ++predicate_counts[distinct[index].predicate];
    if (distinct[index].predicate == kLabelPredicateId) ++label_counts[distinct[index].object];
  }
  result.triples_in_batch = static_cast<int64_t>(distinct.size());
  result.triples_added = static_cast<int64_t>(fresh_triples.size());
  std::vector<IdTriple>().swap(distinct);

  // pos and osp: the new triples re-sorted in each permutation's order.
  auto write_permutation = [&](int family, auto key_of) -> absl::Status {
    std::sort(fresh_triples.begin(), fresh_triples.end(),
              [&](const IdTriple& a, const IdTriple& b) { return key_of(a) < key_of(b); });
    QUARRY_ASSIGN_OR_RETURN(auto writer, open_writer(family));
    for (const IdTriple& triple : fresh_triples) {
      const auto parts = key_of(triple);
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(
          writer->Put(layout::TripleKey(std::get<0>(parts), std::get<1>(parts), std::get<2>(parts)),
                      rocksdb::Slice()),
          "bulk load index"));
    }
    return finish_writer(family, *writer, fresh_triples.size());
  };
  QUARRY_RETURN_IF_ERROR(write_permutation(layout::kPos, [](const IdTriple& t) {
    return std::make_tuple(t.predicate, t.object, t.subject);
  }));
  QUARRY_RETURN_IF_ERROR(write_permutation(layout::kOsp, [](const IdTriple& t) {
    return std::make_tuple(t.object, t.subject, t.predicate);
  }));

  // terms: forward keys ('f...') sort before reverse keys ('r...').
  {
    std::vector<std::pair<std::string, TermId>> forward(state.new_terms.begin(),
                                                        state.new_terms.end());
    std::sort(forward.begin(), forward.end());
    std::vector<std::pair<TermId, size_t>> reverse;
    reverse.reserve(forward.size());
    for (size_t index = 0; index < forward.size(); ++index)
      reverse.emplace_back(forward[index].second, index);
    std::sort(reverse.begin(), reverse.end());
    QUARRY_ASSIGN_OR_RETURN(auto writer, open_writer(layout::kTerms));
    std::string id_bytes;
    for (const auto& [key, id] : forward) {
      id_bytes.clear();
      PutBigEndian64(&id_bytes, id);
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Put(key, id_bytes), "bulk load terms"));
    }
    for (const auto& [id, index] : reverse) {
      const std::string& key = forward[index].first;
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(
          writer->Put(layout::TermReverseKey(id), rocksdb::Slice(key.data() + 2, key.size() - 2)),
          "bulk load terms"));
    }
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kTerms, *writer, forward.size()));
  }
  // names
  {
    std::vector<std::string> keys;
    keys.reserve(state.names.size());
    for (const auto& [folded, id] : state.names) keys.push_back(layout::NamesKey(folded, id));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    QUARRY_ASSIGN_OR_RETURN(auto writer, open_writer(layout::kNames));
    for (const std::string& key : keys) {
      QUARRY_RETURN_IF_ERROR(
          FromRocksStatus(writer->Put(key, rocksdb::Slice()), "bulk load names"));
    }
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kNames, *writer, keys.size()));
  }
  // stats (merge operands), docs, and the term counter.
  {
    std::vector<std::pair<std::string, int64_t>> counters;
    if (result.triples_added != 0)
      counters.emplace_back(layout::StatKey(layout::kStatTriples), result.triples_added);
    counters.emplace_back(layout::StatKey(layout::kStatDocuments), 1);
    for (const auto& [id, count] : predicate_counts)
      counters.emplace_back(layout::StatKey(layout::kStatPredicate, id), count);
    for (const auto& [id, count] : label_counts)
      counters.emplace_back(layout::StatKey(layout::kStatLabel, id), count);
    std::sort(counters.begin(), counters.end());
    QUARRY_ASSIGN_OR_RETURN(auto writer, open_writer(layout::kStats));
    for (const auto& [key, count] : counters) {
      QUARRY_RETURN_IF_ERROR(
          FromRocksStatus(writer->Merge(key, EncodeCounter(count)), "bulk load stats"));
    }
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kStats, *writer, counters.size()));

    QUARRY_ASSIGN_OR_RETURN(auto docs, open_writer(layout::kDocs));
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(
        docs->Put(document_id, state.document.SerializeAsString()), "bulk load docs"));
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kDocs, *docs, 1));

    QUARRY_ASSIGN_OR_RETURN(auto meta, open_writer(layout::kDefault));
    std::string next;
    PutBigEndian64(&next, state.next_term);
    QUARRY_RETURN_IF_ERROR(
        FromRocksStatus(meta->Put(std::string(layout::kNextTermKey), next), "bulk load"));
    QUARRY_RETURN_IF_ERROR(finish_writer(layout::kDefault, *meta, 1));
  }

  rocksdb::Status ingested = db->IngestExternalFiles(ingest);
  if (!ingested.ok()) return FromRocksStatus(ingested, impl.path);
  QUARRY_RETURN_IF_ERROR(impl.ResetTermCache());
  return result;
}

}  // namespace quarry::graph
