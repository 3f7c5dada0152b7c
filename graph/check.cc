// The integrity check and repair of a store directory. It opens RocksDB itself (read-only for
// a check) rather than going through Store, so that it can read a database that Store would
// refuse (a wrong format version) and rewrite derived families during a repair.
#include "graph/check.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "graph/layout.h"
#include "graph/merge_operators.h"
#include "graph/rocksdb_status.h"
#include "graph/store_impl.h"
#include "util/status_macros.h"

namespace quarry::graph {
namespace {

constexpr absl::string_view kAliasPredicate = "alias";
constexpr size_t kMaxExamples = 20;
constexpr size_t kRepairBatchEntries = 10'000;

// An open RocksDB handle with its column families.
struct RawDb {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  ~RawDb() {
    if (db == nullptr) return;
    for (rocksdb::ColumnFamilyHandle* handle : families) {
      db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();
  }
  rocksdb::ColumnFamilyHandle* family(int index) const { return families[index]; }

  // The value of `key`, nullopt when absent.
  absl::StatusOr<std::optional<std::string>> Get(int index, const rocksdb::Slice& key) const {
    std::string value;
    rocksdb::Status status = db->Get(rocksdb::ReadOptions(), family(index), key, &value);
    if (status.IsNotFound()) return std::nullopt;
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, "check"));
    return value;
  }
  std::unique_ptr<rocksdb::Iterator> Iterate(int index) const {
    return std::unique_ptr<rocksdb::Iterator>(
        db->NewIterator(rocksdb::ReadOptions(), family(index)));
  }
};

absl::StatusOr<std::unique_ptr<RawDb>> OpenRaw(absl::string_view path, bool writable) {
  namespace fs = std::filesystem;
  std::error_code error;
  const std::string dir(path);
  if (!fs::exists(fs::path(dir) / "CURRENT", error)) {
    return absl::NotFoundError(absl::StrCat("no database at ", path));
  }
  rocksdb::DBOptions options;
  options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  options.keep_log_file_num = 3;
  std::vector<std::string> names;
  QUARRY_RETURN_IF_ERROR(
      FromRocksStatus(rocksdb::DB::ListColumnFamilies(options, dir, &names), dir));
  absl::flat_hash_set<std::string> present(names.begin(), names.end());
  for (absl::string_view name : layout::kFamilyNames) {
    if (!present.contains(name)) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, " is not a Quarry database (no '", name, "' column family)"));
    }
  }
  auto raw = std::make_unique<RawDb>();
  rocksdb::DB* db = nullptr;
  const auto descriptors = FamilyDescriptors(StoreOptions());
  rocksdb::Status status =
      writable ? rocksdb::DB::Open(options, dir, descriptors, &raw->families, &db)
               : rocksdb::DB::OpenForReadOnly(options, dir, descriptors, &raw->families, &db);
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(status, dir));
  raw->db.reset(db);
  return raw;
}

// Whether a stored node name is a blank node's (no names entry). A plain function over the
// string: inlining absl::StartsWith over an optional trips g++ 12's maybe-uninitialized.
bool IsBlankName(const std::string& name) {
  return name.size() >= kBlankNodePrefix.size() &&
         std::equal(kBlankNodePrefix.begin(), kBlankNodePrefix.end(), name.begin());
}

absl::string_view View(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

// One pass of the check over an open database.
class Checker {
 public:
  explicit Checker(const RawDb& db) : db_(db) {}

  absl::StatusOr<StoreCheckReport> Run() {
    QUARRY_RETURN_IF_ERROR(CheckFormat());
    QUARRY_RETURN_IF_ERROR(CheckTerms());
    QUARRY_RETURN_IF_ERROR(CheckDocuments());
    QUARRY_RETURN_IF_ERROR(CheckSpo());
    QUARRY_RETURN_IF_ERROR(CheckPermutation(layout::kPos, "extra_pos"));
    QUARRY_RETURN_IF_ERROR(CheckPermutation(layout::kOsp, "extra_osp"));
    QUARRY_RETURN_IF_ERROR(CheckDocTriples());
    QUARRY_RETURN_IF_ERROR(CheckNames());
    QUARRY_RETURN_IF_ERROR(CheckStats());
    return std::move(report_);
  }

 private:
  void Problem(absl::string_view kind, absl::string_view example) {
    ++report_.problems[std::string(kind)];
    if (report_.examples.size() < kMaxExamples) {
      report_.examples.push_back(absl::StrCat(kind, ": ", example));
    }
  }

  absl::Status CheckFormat() {
    QUARRY_ASSIGN_OR_RETURN(auto version,
                            db_.Get(layout::kDefault, std::string(layout::kFormatVersionKey)));
    int parsed = 0;
    if (!version.has_value()) {
      Problem("format_version", "missing");
    } else if (!absl::SimpleAtoi(*version, &parsed) ||
               parsed < layout::kOldestReadableFormatVersion || parsed > layout::kFormatVersion) {
      Problem("format_version",
              absl::StrCat("'", *version, "', this build reads versions ",
                           layout::kOldestReadableFormatVersion, " to ", layout::kFormatVersion));
    }
    QUARRY_ASSIGN_OR_RETURN(auto next,
                            db_.Get(layout::kDefault, std::string(layout::kNextTermKey)));
    if (!next.has_value() || next->size() != 8) {
      Problem("next_term", "missing or malformed");
    } else {
      next_term_ = GetBigEndian64(next->data());
    }
    return absl::OkStatus();
  }

  // The dictionary: forward and reverse entries agree, and every sequence is below next_term.
  absl::Status CheckTerms() {
    auto it = db_.Iterate(layout::kTerms);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const absl::string_view key = View(it->key());
      const absl::string_view value = View(it->value());
      if (key.size() >= 2 && key[0] == layout::kTermForward && value.size() == 8) {
        const TermId id = GetBigEndian64(value.data());
        QUARRY_ASSIGN_OR_RETURN(auto reverse, db_.Get(layout::kTerms, layout::TermReverseKey(id)));
        if (static_cast<char>(KindOf(id)) != key[1] || !reverse.has_value() ||
            *reverse != key.substr(2)) {
          Problem("term_dictionary", absl::StrCat("forward entry of id ", id));
        }
        if (next_term_ != 0 && (id & ((uint64_t{1} << 56) - 1)) >= next_term_) {
          Problem("next_term", absl::StrCat("id ", id, " is not below the counter"));
        }
        ++report_.notes["terms"];
      } else if (key.size() == 9 && key[0] == layout::kTermReverse) {
        const TermId id = GetBigEndian64(key.data() + 1);
        QUARRY_ASSIGN_OR_RETURN(auto forward,
                                db_.Get(layout::kTerms, layout::TermForwardKey(KindOf(id), value)));
        if (!forward.has_value() || forward->size() != 8 || GetBigEndian64(forward->data()) != id) {
          Problem("term_dictionary", absl::StrCat("reverse entry of id ", id));
        }
      } else {
        Problem("malformed_key", "terms");
      }
    }
    return FromRocksStatus(it->status(), "terms");
  }

  absl::Status CheckDocuments() {
    auto it = db_.Iterate(layout::kDocs);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      proto::Document document;
      if (!document.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        Problem("malformed_value", absl::StrCat("document ", View(it->key())));
      }
      documents_.insert(it->key().ToString());
    }
    report_.notes["documents"] = static_cast<int64_t>(documents_.size());
    return FromRocksStatus(it->status(), "docs");
  }

  absl::StatusOr<bool> Resolvable(TermId id) {
    if (resolved_.contains(id)) return true;
    QUARRY_ASSIGN_OR_RETURN(auto reverse, db_.Get(layout::kTerms, layout::TermReverseKey(id)));
    if (!reverse.has_value()) return false;
    // Predicates and labels are few and looked up on every triple; cache them.
    if (!IsNode(id) && !IsLiteral(id)) resolved_.insert(id);
    return true;
  }

  // Every spo triple: well-formed, resolvable, in pos and osp, with evidence whose documents
  // are loaded and list the triple in doc_triples. Also the recount for the stats.
  absl::Status CheckSpo() {
    auto it = db_.Iterate(layout::kSpo);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const absl::string_view key = View(it->key());
      if (key.size() != 24) {
        Problem("malformed_key", "spo");
        continue;
      }
      const IdTriple triple = layout::DecodeSpoKey(key);
      const std::string text = TripleText(triple);
      ++triples_;
      ++predicate_counts_[triple.predicate];
      if (triple.predicate == kLabelPredicateId) ++label_counts_[triple.object];
      for (TermId id : {triple.subject, triple.predicate, triple.object}) {
        QUARRY_ASSIGN_OR_RETURN(bool ok, Resolvable(id));
        if (!ok) Problem("unresolvable_term", absl::StrCat("id ", id, " in ", text));
      }
      QUARRY_ASSIGN_OR_RETURN(auto pos, db_.Get(layout::kPos, layout::PosKey(triple)));
      if (!pos.has_value()) Problem("missing_pos", text);
      QUARRY_ASSIGN_OR_RETURN(auto osp, db_.Get(layout::kOsp, layout::OspKey(triple)));
      if (!osp.has_value()) Problem("missing_osp", text);
      proto::TripleMeta meta;
      if (!meta.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        Problem("malformed_value", absl::StrCat("spo ", text));
        continue;
      }
      if (meta.evidence_size() == 0) Problem("triple_without_evidence", text);
      absl::flat_hash_set<std::string> seen;
      for (const proto::Evidence& evidence : meta.evidence()) {
        if (!seen.insert(evidence.document_id()).second) continue;
        if (!documents_.contains(evidence.document_id())) {
          Problem("evidence_unknown_document",
                  absl::StrCat(text, " cites ", evidence.document_id()));
          continue;
        }
        QUARRY_ASSIGN_OR_RETURN(bool listed, DocumentLists(evidence.document_id(), triple));
        if (listed) ++cited_and_listed_[evidence.document_id()];
        if (!listed) {
          Problem("evidence_without_doc_triple",
                  absl::StrCat(text, " of ", evidence.document_id()));
        }
      }
    }
    report_.notes["triples"] = triples_;
    return FromRocksStatus(it->status(), "spo");
  }

  // Whether doc_triples lists `triple` among the triples of `document`: in the run that
  // starts at or before it.
  absl::StatusOr<bool> DocumentLists(const std::string& document, const IdTriple& triple) {
    if (doc_triples_ == nullptr) doc_triples_ = db_.Iterate(layout::kDocTriples);
    const std::string key = layout::DocTripleKey(document, triple);
    doc_triples_->SeekForPrev(key);
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(doc_triples_->status(), "doc_triples"));
    const size_t prefix = document.size() + 1;
    if (!doc_triples_->Valid() || !doc_triples_->key().starts_with(key.substr(0, prefix))) {
      return false;
    }
    run_.clear();
    if (!layout::DecodeDocTriplesRun(View(doc_triples_->key()).substr(prefix),
                                     View(doc_triples_->value()), &run_)) {
      return false;  // reported by CheckDocTriples
    }
    return std::binary_search(run_.begin(), run_.end(), triple);
  }

  // Every entry of pos or osp names a triple of spo.
  absl::Status CheckPermutation(int family, absl::string_view extra_kind) {
    auto it = db_.Iterate(family);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const absl::string_view key = View(it->key());
      if (key.size() != 24) {
        Problem("malformed_key", layout::kFamilyNames[family]);
        continue;
      }
      const TermId a = GetBigEndian64(key, 0), b = GetBigEndian64(key, 8),
                   c = GetBigEndian64(key, 16);
      const IdTriple triple = family == layout::kPos ? IdTriple{c, a, b} : IdTriple{b, c, a};
      QUARRY_ASSIGN_OR_RETURN(auto spo, db_.Get(layout::kSpo, layout::SpoKey(triple)));
      if (!spo.has_value()) {
        Problem(extra_kind, absl::StrCat("(", triple.subject, ", ", triple.predicate, ", ",
                                         triple.object, ")"));
      }
    }
    return FromRocksStatus(it->status(), layout::kFamilyNames[family]);
  }

  // Every doc_triples entry: runs that do not overlap, of a loaded document, each triple one
  // of spo carrying the document's evidence. CheckSpo counted the pairs of evidence that
  // doc_triples lists: a document listing as many cites each; only the triples of one
  // listing more are read from spo, to find those that it does not cite.
  absl::Status CheckDocTriples() {
    absl::flat_hash_map<std::string, int64_t> listed;
    std::string document;
    IdTriple last;
    auto it = db_.Iterate(layout::kDocTriples);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const absl::string_view key = View(it->key());
      const size_t nul = key.find('\0');
      if (nul == absl::string_view::npos || key.size() != nul + 1 + 24) {
        Problem("malformed_key", "doc_triples");
        continue;
      }
      const bool same_document = key.substr(0, nul) == document;
      if (!same_document) document.assign(key.data(), nul);
      run_.clear();
      if (!layout::DecodeDocTriplesRun(key.substr(nul + 1), View(it->value()), &run_)) {
        Problem("malformed_value", absl::StrCat("doc_triples of ", document));
        continue;
      }
      if (same_document && !(last < run_.front())) {
        Problem("malformed_value", absl::StrCat("doc_triples of ", document, ": runs overlap"));
        continue;
      }
      last = run_.back();
      if (!documents_.contains(document)) {
        for (const IdTriple& triple : run_) {
          Problem("doc_triple_unknown_document",
                  absl::StrCat(TripleText(triple), " of ", document));
        }
        continue;
      }
      listed[document] += static_cast<int64_t>(run_.size());
    }
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(it->status(), "doc_triples"));
    for (const auto& [id, count] : listed) {
      if (count != cited_and_listed_[id]) QUARRY_RETURN_IF_ERROR(FindUncitedTriples(id));
    }
    return absl::OkStatus();
  }

  // Reports the triples that doc_triples lists for `document` without its evidence in spo.
  absl::Status FindUncitedTriples(const std::string& document) {
    const std::string prefix = layout::DocTriplesPrefix(document);
    auto it = db_.Iterate(layout::kDocTriples);
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      run_.clear();
      if (!layout::DecodeDocTriplesRun(View(it->key()).substr(prefix.size()), View(it->value()),
                                       &run_)) {
        continue;  // reported
      }
      for (const IdTriple& triple : run_) {
        QUARRY_ASSIGN_OR_RETURN(auto value, db_.Get(layout::kSpo, layout::SpoKey(triple)));
        proto::TripleMeta meta;
        bool cited = false;
        if (value.has_value() && meta.ParseFromString(*value)) {
          for (const proto::Evidence& evidence : meta.evidence()) {
            cited = cited || evidence.document_id() == document;
          }
        }
        if (!cited) {
          Problem("doc_triple_without_evidence",
                  absl::StrCat(TripleText(triple), " of ", document));
        }
      }
    }
    return FromRocksStatus(it->status(), "doc_triples");
  }

  static std::string TripleText(const IdTriple& triple) {
    return absl::StrCat("(", triple.subject, ", ", triple.predicate, ", ", triple.object, ")");
  }

  absl::StatusOr<bool> HasAnyTriple(TermId node) {
    std::string prefix;
    PutBigEndian64(&prefix, node);
    for (int family : {layout::kSpo, layout::kOsp}) {
      auto it = db_.Iterate(family);
      it->Seek(prefix);
      if (it->Valid() && it->key().starts_with(prefix)) return true;
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(it->status(), "names"));
    }
    return false;
  }

  // Named nodes (subjects of spo, node objects of osp) and aliases have their names entry;
  // entries of nodes with no triple left are stale (allowed).
  absl::Status CheckNames() {
    QUARRY_ASSIGN_OR_RETURN(
        auto alias,
        db_.Get(layout::kTerms, layout::TermForwardKey(TermKind::kPredicate, kAliasPredicate)));
    const TermId alias_id =
        alias.has_value() && alias->size() == 8 ? GetBigEndian64(alias->data()) : TermId{0};
    auto expect = [&](absl::string_view name, TermId node) -> absl::Status {
      QUARRY_ASSIGN_OR_RETURN(auto entry,
                              db_.Get(layout::kNames, layout::NamesKey(FoldName(name), node)));
      if (!entry.has_value()) Problem("missing_name", absl::StrCat("'", name, "' of ", node));
      return absl::OkStatus();
    };
    for (int family : {layout::kSpo, layout::kOsp}) {
      auto it = db_.Iterate(family);
      TermId previous = 0;
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        if (it->key().size() != 24) continue;
        const TermId node = GetBigEndian64(it->key().data());
        if (family == layout::kSpo && alias_id != 0 &&
            GetBigEndian64(it->key().data() + 8) == alias_id) {
          const TermId object = GetBigEndian64(it->key().data() + 16);
          QUARRY_ASSIGN_OR_RETURN(auto text,
                                  db_.Get(layout::kTerms, layout::TermReverseKey(object)));
          if (KindOf(object) == TermKind::kString && text.has_value()) {
            QUARRY_RETURN_IF_ERROR(expect(*text, node));
          }
        }
        if (node == previous || !IsNode(node)) continue;
        previous = node;
        QUARRY_ASSIGN_OR_RETURN(auto name, db_.Get(layout::kTerms, layout::TermReverseKey(node)));
        if (!name.has_value() || IsBlankName(*name)) continue;
        QUARRY_RETURN_IF_ERROR(expect(*name, node));
      }
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(it->status(), "names"));
    }
    auto it = db_.Iterate(layout::kNames);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const absl::string_view key = View(it->key());
      if (key.size() < 9 || key[key.size() - 9] != '\0') {
        Problem("malformed_key", "names");
        continue;
      }
      const TermId node = GetBigEndian64(key, key.size() - 8);
      QUARRY_ASSIGN_OR_RETURN(bool resolvable, Resolvable(node));
      if (!resolvable) {
        Problem("unresolvable_term", absl::StrCat("names entry of id ", node));
        continue;
      }
      QUARRY_ASSIGN_OR_RETURN(bool used, HasAnyTriple(node));
      if (!used) ++report_.notes["stale_names"];
    }
    return FromRocksStatus(it->status(), "names");
  }

  // The stored counters equal the recount (a missing counter counts as 0).
  absl::Status CheckStats() {
    absl::flat_hash_map<std::string, int64_t> expected;
    expected[layout::StatKey(layout::kStatTriples)] = triples_;
    expected[layout::StatKey(layout::kStatDocuments)] = static_cast<int64_t>(documents_.size());
    for (const auto& [id, count] : predicate_counts_) {
      expected[layout::StatKey(layout::kStatPredicate, id)] = count;
    }
    for (const auto& [id, count] : label_counts_) {
      expected[layout::StatKey(layout::kStatLabel, id)] = count;
    }
    auto it = db_.Iterate(layout::kStats);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string key = it->key().ToString();
      if (it->value().size() != 8) {
        Problem("malformed_value", "stats");
        continue;
      }
      const int64_t stored = DecodeCounter(it->value().ToString());
      auto found = expected.find(key);
      const int64_t want = found == expected.end() ? 0 : found->second;
      if (found != expected.end()) expected.erase(found);
      if (stored != want) {
        Problem("stats_mismatch",
                absl::StrCat("key '", absl::CEscape(key), "' holds ", stored, ", recount ", want));
      }
    }
    for (const auto& [key, want] : expected) {
      if (want != 0) {
        Problem("stats_mismatch",
                absl::StrCat("key '", absl::CEscape(key), "' missing, recount ", want));
      }
    }
    return FromRocksStatus(it->status(), "stats");
  }

  const RawDb& db_;
  StoreCheckReport report_;
  uint64_t next_term_ = 0;
  absl::flat_hash_set<std::string> documents_;
  absl::flat_hash_set<TermId> resolved_;
  int64_t triples_ = 0;
  absl::flat_hash_map<TermId, int64_t> predicate_counts_;
  absl::flat_hash_map<TermId, int64_t> label_counts_;
  // DocumentLists' cursor over doc_triples, and the run decoded last.
  std::unique_ptr<rocksdb::Iterator> doc_triples_;
  std::vector<IdTriple> run_;
  // Per document, the triples whose evidence cites it and that doc_triples lists.
  absl::flat_hash_map<std::string, int64_t> cited_and_listed_;
};

// Writes `batch` when it is full (or `force`), then starts a new one.
absl::Status FlushBatch(const RawDb& db, rocksdb::WriteBatch* batch, bool force) {
  if (batch->Count() == 0 || (!force && batch->Count() < kRepairBatchEntries)) {
    return absl::OkStatus();
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(db.db->Write(rocksdb::WriteOptions(), batch), "repair"));
  batch->Clear();
  return absl::OkStatus();
}

// Rebuilds pos, osp, doc_triples, names and stats from spo, the dictionary and docs.
absl::Status Rebuild(const RawDb& db) {
  rocksdb::WriteBatch batch;
  for (int family :
       {layout::kPos, layout::kOsp, layout::kDocTriples, layout::kNames, layout::kStats}) {
    auto it = db.Iterate(family);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      batch.Delete(db.family(family), it->key());
      QUARRY_RETURN_IF_ERROR(FlushBatch(db, &batch, false));
    }
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(it->status(), "repair"));
  }
  absl::flat_hash_set<std::string> documents;
  {
    auto it = db.Iterate(layout::kDocs);
    for (it->SeekToFirst(); it->Valid(); it->Next()) documents.insert(it->key().ToString());
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(it->status(), "repair"));
  }
  QUARRY_ASSIGN_OR_RETURN(
      auto alias,
      db.Get(layout::kTerms, layout::TermForwardKey(TermKind::kPredicate, kAliasPredicate)));
  const TermId alias_id =
      alias.has_value() && alias->size() == 8 ? GetBigEndian64(alias->data()) : TermId{0};
  auto add_name = [&](TermId node, TermId name_term) -> absl::Status {
    QUARRY_ASSIGN_OR_RETURN(auto name, db.Get(layout::kTerms, layout::TermReverseKey(name_term)));
    if (!name.has_value() || (node == name_term && IsBlankName(*name))) {
      return absl::OkStatus();
    }
    batch.Put(db.family(layout::kNames), layout::NamesKey(FoldName(*name), node), rocksdb::Slice());
    return absl::OkStatus();
  };
  int64_t triples = 0;
  absl::flat_hash_map<TermId, int64_t> predicates;
  absl::flat_hash_map<TermId, int64_t> labels;
  auto it = db.Iterate(layout::kSpo);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 24) continue;
    const IdTriple triple = layout::DecodeSpoKey(View(it->key()));
    batch.Put(db.family(layout::kPos), layout::PosKey(triple), rocksdb::Slice());
    batch.Put(db.family(layout::kOsp), layout::OspKey(triple), rocksdb::Slice());
    ++triples;
    ++predicates[triple.predicate];
    if (triple.predicate == kLabelPredicateId) ++labels[triple.object];
    proto::TripleMeta meta;
    if (meta.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      for (const proto::Evidence& evidence : meta.evidence()) {
        if (!documents.contains(evidence.document_id())) continue;
        // A run of one triple (layout.h): spo is read in order, not document by document.
        batch.Put(db.family(layout::kDocTriples),
                  layout::DocTripleKey(evidence.document_id(), triple), rocksdb::Slice());
      }
    }
    if (IsNode(triple.subject)) QUARRY_RETURN_IF_ERROR(add_name(triple.subject, triple.subject));
    if (IsNode(triple.object)) QUARRY_RETURN_IF_ERROR(add_name(triple.object, triple.object));
    if (alias_id != 0 && triple.predicate == alias_id &&
        KindOf(triple.object) == TermKind::kString) {
      QUARRY_RETURN_IF_ERROR(add_name(triple.subject, triple.object));
    }
    QUARRY_RETURN_IF_ERROR(FlushBatch(db, &batch, false));
  }
  QUARRY_RETURN_IF_ERROR(FromRocksStatus(it->status(), "repair"));
  rocksdb::ColumnFamilyHandle* stats = db.family(layout::kStats);
  batch.Put(stats, layout::StatKey(layout::kStatTriples), EncodeCounter(triples));
  batch.Put(stats, layout::StatKey(layout::kStatDocuments),
            EncodeCounter(static_cast<int64_t>(documents.size())));
  for (const auto& [id, count] : predicates) {
    batch.Put(stats, layout::StatKey(layout::kStatPredicate, id), EncodeCounter(count));
  }
  for (const auto& [id, count] : labels) {
    batch.Put(stats, layout::StatKey(layout::kStatLabel, id), EncodeCounter(count));
  }
  QUARRY_RETURN_IF_ERROR(FlushBatch(db, &batch, true));
  rocksdb::FlushOptions flush;
  return FromRocksStatus(db.db->Flush(flush, db.families), "repair");
}

}  // namespace

absl::StatusOr<StoreCheckReport> CheckStore(absl::string_view path, bool repair) {
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<RawDb> db, OpenRaw(path, repair));
  QUARRY_ASSIGN_OR_RETURN(StoreCheckReport report, Checker(*db).Run());
  if (!repair || report.problems.empty()) return report;
  QUARRY_RETURN_IF_ERROR(Rebuild(*db));
  report.repaired = true;
  QUARRY_ASSIGN_OR_RETURN(StoreCheckReport after, Checker(*db).Run());
  report.remaining = std::move(after.problems);
  return report;
}

}  // namespace quarry::graph
