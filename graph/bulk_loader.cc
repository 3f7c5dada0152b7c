// The bulk path: encode while reading into sorted runs (spilled to files in the load's work
// directory, so memory stays bounded however large the input), then write `spo` in key ranges
// on several threads, each merging its range of every run, while the new triples go to two
// more sorted runs, of `pos` and `osp` keys, written out next; every SST file is ingested in
// one IngestExternalFiles call (atomic across families).
#include "graph/bulk_loader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "graph/layout.h"
#include "graph/merge_operators.h"
#include "graph/rocksdb_status.h"
#include "graph/sorted_runs.h"
#include "graph/sst_files.h"
#include "graph/store_impl.h"
#include "graph/wire_batch.h"
#include "util/status_macros.h"
#include "util/tasks.h"

namespace quarry::graph {
namespace {

// Entry::extra when the evidence is a line span (begin, end).
constexpr uint32_t kNoExtra = UINT32_MAX;
// Entry::extra when the evidence is prepared pieces: pieces [begin, begin + end) of
// BulkLoaderState::pieces.
constexpr uint32_t kPrepared = UINT32_MAX - 1;
// Prepared evidence is kept in blocks of this many bytes.
constexpr size_t kPieceBlockBytes = size_t{4} << 20;

// One triple occurrence: ids, its document, and its evidence: the span of its line, prepared
// pieces (see above), or otherwise an index into BulkLoaderState::extras.
struct Entry {
  IdTriple triple;
  uint32_t document = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t extra = kNoExtra;
};

// One piece of evidence of an article triple, serialized, so that writing `spo` copies bytes
// instead of walking messages: either serialized when it was added (into
// BulkLoaderState::piece_blocks), or as a WireBatch read it (in the caller's bytes). The bytes
// leave out what every piece of the document shares: its id (field 1), and the document's
// date when the piece has none of its own (field 8); AppendPiece puts them back, as
// Store::Apply fills them in. They are always in the canonical form ReadEvidenceFields reads,
// which gives what ApplyDelta needs when the value is written: the piece's identity (with the
// entry's document) and the date it counts for.
struct PreparedPiece {
  const char* data = nullptr;
  uint32_t size = 0;
  bool document_date = false;  // whether AppendPiece adds the document's date
  bool dated = false;          // whether it has a date of its own (event or document date)
};

// One document begun in this load.
struct PendingDocument {
  // The document, or when `serialized` holds it, only its id and date.
  proto::Document document;
  // The document as the bytes of a WireBatch hold it (they outlive the load), written as is
  // instead of `document`: a large text is neither copied nor serialized again.
  absl::string_view serialized;
  bool skipped = false;  // already loaded, or begun twice
  ApplyResult result;
  // The Evidence fields that prepared pieces leave out, serialized: the id, and the date
  // (empty when the document has none).
  std::string id_field;
  std::string date_field;
  // Whether the document's triples are listed in BulkLoaderState::listed_triples, from
  // listed_begin to the next document's listed_begin (or the end).
  bool listed = true;
  size_t listed_begin = 0;
  // The triples added to it so far, which numbers a malformed one as Store::Apply does.
  size_t triples_seen = 0;
};

// A document stating more triples than this is not listed: its doc_triples entries are made
// from the sorted entries instead, so that a load of a few large documents (structured
// files) needs no memory per triple. Tests that set small runs set it as small.
constexpr size_t kMostListedTriples = size_t{1} << 16;

// Id `index` of `triple` (0: subject, 1: predicate, 2: object), in the order IdTriple's `<`
// compares them.
uint64_t IdWord(const IdTriple& triple, int index) {
  return index == 0 ? triple.subject : index == 1 ? triple.predicate : triple.object;
}

// Entries in `spo` order; SortedRuns keeps insertion order among equal triples (the evidence
// order of Apply).
struct EntryLess {
  bool operator()(const Entry& a, const Entry& b) const { return a.triple < b.triple; }
  // The same order as words, for the radix sort of runs.
  static constexpr int kWords = 3;
  static uint64_t Word(const Entry& entry, int index) { return IdWord(entry.triple, index); }
};
using EntryRuns = SortedRuns<Entry, EntryLess>;

// The three ids of a key of `pos` or `osp`, in key order.
struct TripleLess {
  bool operator()(const IdTriple& a, const IdTriple& b) const { return a < b; }
  static constexpr int kWords = 3;
  static uint64_t Word(const IdTriple& triple, int index) { return IdWord(triple, index); }
};
using KeyRuns = SortedRuns<IdTriple, TripleLess>;

// One key of doc_triples: the document's rank among the load's documents by id, and a triple.
struct DocumentTriple {
  uint32_t rank = 0;
  IdTriple triple;
};
struct DocumentTripleLess {
  bool operator()(const DocumentTriple& a, const DocumentTriple& b) const {
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.triple < b.triple;
  }
  static constexpr int kWords = 4;
  static uint64_t Word(const DocumentTriple& key, int index) {
    return index == 0 ? key.rank : IdWord(key.triple, index - 1);
  }
};
using DocumentTripleRuns = SortedRuns<DocumentTriple, DocumentTripleLess>;

// A large family is written in key ranges, up to kPartsPerThread per worker thread: ranges
// of one size take unequal times (merging, their share of the sorting of the index runs),
// and small ones keep the last task, which runs alone, short. See PartsFor.
constexpr int kPartsPerThread = 4;

// Records per run for `sort_memory` bytes of sort buffers. Entries (40 bytes) are sorted in a
// run filling while another is sorted and written, with a stable sort's scratch space: about
// 160 bytes of sort memory an entry. Index keys (24 bytes) fill runs of pos and osp at once,
// each sorted by the thread that filled it: about 80 bytes a key. The default memory gives
// runs of 1M entries and 2M keys. SetRunRecordsForTesting overrides both.
size_t run_records_for_testing = 0;
size_t MostListedTriples() {
  return run_records_for_testing != 0 ? run_records_for_testing : kMostListedTriples;
}
size_t EntryRunRecords(size_t sort_memory) {
  if (run_records_for_testing != 0) return run_records_for_testing;
  return std::max<size_t>(1, sort_memory / 160);
}
size_t KeyRunRecords(size_t sort_memory) {
  if (run_records_for_testing != 0) return run_records_for_testing;
  return std::max<size_t>(1, sort_memory / 80);
}
// The key ranges to write a family of `records` in: kPartsPerThread per thread, but each of
// at least 256K records. Each range is one SST file, and a load into a non-empty store puts
// its files in level 0 (their keys fall between the store's), where many small files slow
// reads and compaction: a load of articles in groups of 16K documents makes about 330K spo
// records a group. Tests with small runs split tiny loads too.
int PartsFor(size_t records, int threads) {
  const size_t per_part = run_records_for_testing != 0 ? 2 : size_t{1} << 18;
  return static_cast<int>(
      std::clamp<size_t>(records / per_part, 1, static_cast<size_t>(kPartsPerThread * threads)));
}

// Whether `triple` is well formed, as Store::Apply checks it.
bool WellFormed(const proto::Triple& triple) {
  const proto::Term& object = triple.object();
  return triple.subject().value_case() == proto::Term::kNode && !triple.subject().node().empty() &&
         !triple.predicate().empty() && KindOfTerm(object) != TermKind::kInvalid &&
         (triple.predicate() == kLabelPredicate) == (object.value_case() == proto::Term::kLabel) &&
         !(object.value_case() == proto::Term::kNode && object.node().empty()) &&
         !(object.value_case() == proto::Term::kLabel && object.label().empty()) &&
         !(object.value_case() == proto::Term::kDateValue &&
           (object.date_value().month() < 0 || object.date_value().month() > 12 ||
            object.date_value().day() < 0 || object.date_value().day() > 31));
}

// Appends the dictionary's forward key of a term (its `terms` key: 'f', kind, then encoded
// value); returns its size.
size_t AppendForwardKey(TermKind kind, absl::string_view encoded, std::string* key) {
  key->push_back(layout::kTermForward);
  key->push_back(static_cast<char>(kind));
  key->append(encoded.data(), encoded.size());
  return 2 + encoded.size();
}

// The kind and value under which the dictionary keeps `term`: nodes, labels and strings as
// they are, other literals encoded (EncodeTermValue) into `scratch`.
std::pair<TermKind, absl::string_view> DictionaryValue(const proto::Term& term,
                                                       std::string* scratch) {
  switch (term.value_case()) {
    case proto::Term::kNode:
      return {TermKind::kNode, term.node()};
    case proto::Term::kLabel:
      return {TermKind::kLabel, term.label()};
    case proto::Term::kStringValue:
      return {TermKind::kString, term.string_value()};
    default:
      *scratch = EncodeTermValue(term);
      return {KindOfTerm(term), *scratch};
  }
}

// Whether the evidence of `triple` is one line span with the defaults of a structured file
// (a span that is set, if only to 0-0, which writing a line's evidence sets again).
bool IsLineEvidence(const proto::Triple& triple) {
  if (triple.evidence_size() != 1 || triple.properties_size() != 0) return false;
  const proto::Evidence& evidence = triple.evidence(0);
  return evidence.sentence_index() == -1 && evidence.has_span() && !evidence.has_event_date() &&
         evidence.event_place().empty() && !evidence.has_document_date() &&
         evidence.confidence() == 1.0f;
}

}  // namespace

class BulkLoaderState {
 public:
  Store* store = nullptr;
  StoreImpl* impl = nullptr;
  std::vector<PendingDocument> documents;
  absl::flat_hash_set<std::string> document_ids;
  // The rule of line evidence (the first seen); line entries with another rule are extras.
  std::string line_rule;
  bool have_line_rule = false;
  // The load's work directory (removed with it), and the entries sorted into runs there.
  std::unique_ptr<SstFiles> files;
  std::unique_ptr<EntryRuns> entries;
  size_t sort_memory = kDefaultSortMemoryBytes;  // BulkLoadOptions::sort_memory_bytes
  std::vector<proto::TripleMetaDelta> extras;
  // The prepared evidence of article triples (PreparedPiece); the bytes of those serialized
  // here one after another in blocks (never moved once written). A piece to fix up is copied
  // to scratch_evidence when it may not be changed in place.
  std::vector<PreparedPiece> pieces;
  std::vector<std::string> piece_blocks;
  proto::Evidence scratch_evidence;
  // Terms new in this load: forward key -> id (the dictionary does not have them yet).
  absl::flat_hash_map<std::string, TermId> new_terms;
  // Terms the store holds, as found: this load's own, or BulkLoadOptions::known_terms, which
  // the loads after this one keep (with this one's new terms once they are written).
  KnownTerms own_known_terms{SIZE_MAX};
  KnownTerms* known_terms = &own_known_terms;
  // False when the dictionary held no term but ":label" at Start: no term can be known then.
  bool dictionary_has_terms = true;
  std::string scratch_key;
  std::string prefetch_key;
  std::string last_subject;
  TermId last_subject_id = 0;
  std::vector<std::pair<std::string, TermId>> names;
  // The triples of listed documents (PendingDocument::listed), as added: doc_triples is
  // written from them, each document's sorted when it is written.
  std::vector<IdTriple> listed_triples;
  uint64_t next_term = 0;
  // The first term number of this load: a triple with a term from it on is new.
  uint64_t first_new_term = 0;
  bool finished = false;

  ~BulkLoaderState() {
    if (impl != nullptr) impl->writer_mutex.Unlock();
  }

  bool current_skipped() const { return documents.empty() || documents.back().skipped; }

  // Once this load is written: its new terms become known to the loads after it (new_terms
  // is empty when there are none, having been freed once written).
  void KeepNewTerms() {
    for (const auto& [key, id] : new_terms) known_terms->Add(key, id);
  }

  // Adds an entry of the current document, listing its triple.
  absl::Status AddEntry(const Entry& entry) {
    PendingDocument& document = documents.back();
    if (document.listed) {
      if (listed_triples.size() - document.listed_begin < MostListedTriples()) {
        listed_triples.push_back(entry.triple);
      } else {
        listed_triples.resize(document.listed_begin);
        document.listed = false;
      }
    }
    return entries->Add(entry);
  }

  // The id of a term (new terms numbered in order). `first_seen` (may be null) tells whether
  // this is the term's first look-up in this load.
  absl::StatusOr<TermId> Intern(TermKind kind, absl::string_view encoded,
                                bool* first_seen = nullptr) {
    if (kind == TermKind::kPredicate && encoded == kLabelPredicate) {
      if (first_seen != nullptr) *first_seen = false;
      return kLabelPredicateId;
    }
    ForwardKey(kind, encoded, &scratch_key);
    return InternKey(scratch_key, first_seen);
  }

  // As Intern, for the term whose forward key is `key` (which is not ":label"'s).
  absl::StatusOr<TermId> InternKey(absl::string_view key, bool* first_seen = nullptr) {
    if (first_seen != nullptr) *first_seen = false;
    if (auto found = new_terms.find(key); found != new_terms.end()) return found->second;
    if (dictionary_has_terms) {
      if (auto found = known_terms->ids_.find(key); found != known_terms->ids_.end()) {
        return found->second;
      }
      std::string stored;
      rocksdb::Status status = impl->db()->Get(rocksdb::ReadOptions(), impl->family(layout::kTerms),
                                               rocksdb::Slice(key.data(), key.size()), &stored);
      if (status.ok()) {
        if (stored.size() != 8) return absl::DataLossError("malformed term id in the dictionary");
        const TermId id = GetBigEndian64(stored.data());
        known_terms->Add(key, id);
        if (first_seen != nullptr) *first_seen = true;
        return id;
      }
      if (!status.IsNotFound()) return FromRocksStatus(status, "term dictionary");
    }
    const TermId id = MakeTermId(static_cast<TermKind>(key[1]), next_term++);
    new_terms.emplace(key, id);
    if (first_seen != nullptr) *first_seen = true;
    return id;
  }

  // The id of node `subject`, as Intern gives it. Consecutive triples mostly share their
  // subject (files grouped by node, articles by entity): the last one is remembered to spare
  // a dictionary look-up. `key` is the subject's forward key when the caller has it.
  absl::StatusOr<TermId> InternSubject(absl::string_view subject, bool* first_seen,
                                       absl::string_view key = {}) {
    *first_seen = false;
    if (subject == last_subject && last_subject_id != 0) return last_subject_id;
    absl::StatusOr<TermId> id =
        key.empty() ? Intern(TermKind::kNode, subject, first_seen) : InternKey(key, first_seen);
    if (!id.ok()) return id;
    last_subject.assign(subject.data(), subject.size());
    last_subject_id = *id;
    return id;
  }

  // Adds the evidence of `triple` (one piece or more, no properties) of the current document
  // as prepared pieces; returns the index of the first, or nullopt (adding none) when a piece
  // is not in the canonical form that ReadEvidenceFields reads (it has unknown fields).
  std::optional<uint32_t> PrepareEvidence(const proto::Triple& triple, proto::Triple* movable) {
    const proto::Document& document = documents.back().document;
    const uint32_t first = static_cast<uint32_t>(pieces.size());
    for (int index = 0; index < triple.evidence_size(); ++index) {
      const proto::Evidence* evidence = &triple.evidence(index);
      if (!evidence->document_id().empty()) {
        proto::Evidence* cleared = &scratch_evidence;
        if (movable != nullptr) {
          cleared = movable->mutable_evidence(index);
        } else {
          scratch_evidence = *evidence;
        }
        cleared->clear_document_id();
        evidence = cleared;
      }
      const size_t size = evidence->ByteSizeLong();
      if (piece_blocks.empty() ||
          piece_blocks.back().capacity() - piece_blocks.back().size() < size) {
        piece_blocks.emplace_back().reserve(std::max<size_t>(kPieceBlockBytes, size));
      }
      std::string& block = piece_blocks.back();
      const size_t offset = block.size();
      block.resize(offset + size);  // within the capacity: no move
      evidence->SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(block.data() + offset));
      EvidenceFields ignored;
      if (!ReadEvidenceFields(absl::string_view(block.data() + offset, size), &ignored)) {
        block.resize(offset);
        pieces.resize(first);
        return std::nullopt;
      }
      pieces.push_back({block.data() + offset, static_cast<uint32_t>(size),
                        !evidence->has_document_date() && document.has_date(),
                        evidence->has_event_date() || evidence->has_document_date()});
    }
    return first;
  }

  // Records the names a triple gives in the `names` index: a node's own name the first time
  // this load looks the node up, and an alias.
  void RecordNames(absl::string_view subject, TermId subject_id, bool subject_first_seen,
                   absl::string_view predicate, TermKind object_kind, absl::string_view object,
                   TermId object_id, bool object_first_seen) {
    if (subject_first_seen && !absl::StartsWith(subject, kBlankNodePrefix)) {
      names.emplace_back(FoldName(subject), subject_id);
    }
    if (object_first_seen && object_kind == TermKind::kNode &&
        !absl::StartsWith(object, kBlankNodePrefix)) {
      names.emplace_back(FoldName(object), object_id);
    }
    if (object_kind == TermKind::kString && predicate == "alias") {
      names.emplace_back(FoldName(object), subject_id);
    }
  }

  // Asks the CPU to load where the dictionary keeps (or would keep) the term of `kind` and
  // `encoded`, so that the lookup of a later Intern does not wait for memory.
  void PrefetchTerm(TermKind kind, absl::string_view encoded) {
    ForwardKey(kind, encoded, &prefetch_key);
    new_terms.prefetch(prefetch_key);
  }

  // The dictionary's forward key of a term (its `terms` key: kind, then encoded value).
  static void ForwardKey(TermKind kind, absl::string_view encoded, std::string* key) {
    key->clear();
    AppendForwardKey(kind, encoded, key);
  }

  absl::StatusOr<TermId> InternTerm(const proto::Term& term, bool* first_seen) {
    const auto [kind, encoded] = DictionaryValue(term, &scratch_value);
    return Intern(kind, encoded, first_seen);
  }

  std::string scratch_value;  // for DictionaryValue
};

// Appends the Evidence message of `piece` of document `document` (an index into
// state.documents), as serializing it gives: the document's id first (field 1), then the
// prepared fields, then the document's date when the piece takes it (field 8, the last).
void AppendPiece(const BulkLoaderState& state, uint32_t document, const PreparedPiece& piece,
                 std::string& out) {
  const PendingDocument& pending = state.documents[document];
  out += pending.id_field;
  out.append(piece.data, piece.size);
  if (piece.document_date) out += pending.date_field;
}

// The size of what AppendPiece appends.
size_t PieceSize(const BulkLoaderState& state, uint32_t document, const PreparedPiece& piece) {
  const PendingDocument& pending = state.documents[document];
  return pending.id_field.size() + piece.size +
         (piece.document_date ? pending.date_field.size() : 0);
}

// What PreparedValue reuses from one call to the next (one per writing task).
struct PreparedScratch {
  // What ApplyDelta compares within a document: sentence, span and rule.
  using Identity = std::tuple<int32_t, uint32_t, uint32_t, absl::string_view>;
  struct Kept {
    uint32_t document = 0;
    const PreparedPiece* piece = nullptr;
    // The date it counts for (year, month, day), if any: as SeenDate finds it, else the
    // document's when it takes that.
    bool has_date = false;
    std::tuple<int32_t, int32_t, int32_t> date;
  };
  std::vector<Kept> kept;
  std::vector<Identity> identities;
};

// The value of `group` (entries of equal triples, all with prepared evidence): for a new
// triple the TripleMeta that ApplyDelta would make from their pieces (the first piece of each
// identity, the count and first/last seen), else a TripleMetaDelta adding every piece. Both
// messages keep their evidence in field 1, whose records come first in the canonical encoding,
// so the bytes equal what serializing the message gives.
void PreparedValue(const BulkLoaderState& state, absl::Span<const Entry> group, bool fresh,
                   PreparedScratch& scratch, std::string& value) {
  using Identity = PreparedScratch::Identity;
  std::vector<PreparedScratch::Kept>& kept = scratch.kept;
  std::vector<Identity>& identities = scratch.identities;
  kept.clear();
  // Pieces of two documents are never alike, and a document's entries are next to each
  // other (added one after another): duplicates are looked for within each document's run
  // of entries, and only when it holds more than one piece.
  absl::flat_hash_set<Identity> known;  // only when there are many pieces (as ApplyDelta)
  EvidenceFields fields;
  for (size_t run = 0; run < group.size();) {
    const uint32_t document = group[run].document;
    size_t run_end = run;
    size_t run_pieces = 0;
    for (; run_end < group.size() && group[run_end].document == document; ++run_end) {
      run_pieces += group[run_end].end;
    }
    identities.clear();
    known.clear();
    const proto::Date& document_date = state.documents[document].document.date();
    for (; run < run_end; ++run) {
      const Entry& entry = group[run];
      for (uint32_t piece = entry.begin; piece < entry.begin + entry.end; ++piece) {
        const PreparedPiece& prepared = state.pieces[piece];
        PreparedScratch::Kept kept_piece;
        kept_piece.document = document;
        kept_piece.piece = &prepared;
        if (!fresh) {
          kept.push_back(kept_piece);
          continue;
        }
        const bool compared = run_pieces > 1;
        if (compared || prepared.dated) {
          DecodeEvidenceFields(absl::string_view(prepared.data, prepared.size), &fields);
        } else {
          fields = EvidenceFields();
        }
        if (compared) {
          const Identity identity{fields.sentence, fields.begin, fields.end, fields.rule};
          const bool duplicate = run_pieces <= 16 ? std::find(identities.begin(), identities.end(),
                                                              identity) != identities.end()
                                                  : !known.insert(identity).second;
          if (duplicate) continue;
          if (run_pieces <= 16) identities.push_back(identity);
        }
        const WireDate& own = fields.event_date.present && fields.event_date.year != 0
                                  ? fields.event_date
                                  : fields.document_date;
        if (own.present && own.year != 0) {
          kept_piece.has_date = true;
          kept_piece.date = {own.year, own.month, own.day};
        } else if (prepared.document_date && document_date.year() != 0) {
          kept_piece.has_date = true;
          kept_piece.date = {document_date.year(), document_date.month(), document_date.day()};
        }
        kept.push_back(kept_piece);
      }
    }
  }
  value.clear();
  for (const PreparedScratch::Kept& piece : kept) {
    value.push_back(static_cast<char>((1 << 3) | 2));  // field 1, length-delimited
    for (size_t size = PieceSize(state, piece.document, *piece.piece);; size >>= 7) {
      if (size < 0x80) {
        value.push_back(static_cast<char>(size));
        break;
      }
      value.push_back(static_cast<char>((size & 0x7f) | 0x80));
    }
    AppendPiece(state, piece.document, *piece.piece, value);
  }
  if (!fresh) return;
  proto::TripleMeta summary;
  summary.set_count(static_cast<int64_t>(kept.size()));
  // First and last seen as RecomputeSummary (graph/merge_operators.cc) finds them: the
  // least and greatest by year, month and day, the first piece among equals.
  const PreparedScratch::Kept* first_seen = nullptr;
  const PreparedScratch::Kept* last_seen = nullptr;
  for (const PreparedScratch::Kept& piece : kept) {
    if (!piece.has_date) continue;
    if (first_seen == nullptr || piece.date < first_seen->date) first_seen = &piece;
    if (last_seen == nullptr || last_seen->date < piece.date) last_seen = &piece;
  }
  auto set_date = [](const PreparedScratch::Kept& piece, proto::Date* date) {
    date->set_year(std::get<0>(piece.date));
    date->set_month(std::get<1>(piece.date));
    date->set_day(std::get<2>(piece.date));
  };
  if (first_seen != nullptr) set_date(*first_seen, summary.mutable_first_seen());
  if (last_seen != nullptr) set_date(*last_seen, summary.mutable_last_seen());
  value += summary.SerializeAsString();
}

bool LineBatch::Append(const proto::Triple& triple) {
  if (!IsLineEvidence(triple) || !WellFormed(triple)) return false;
  Line& line = lines_.emplace_back();
  line.offset = static_cast<uint32_t>(keys_.size());
  auto append_key = [&](TermKind kind, absl::string_view encoded) {
    return static_cast<uint32_t>(AppendForwardKey(kind, encoded, &keys_));
  };
  line.subject_size = append_key(TermKind::kNode, triple.subject().node());
  line.predicate_size = append_key(TermKind::kPredicate, triple.predicate());
  std::string scratch;
  const auto [object_kind, object_value] = DictionaryValue(triple.object(), &scratch);
  line.object_size = append_key(object_kind, object_value);
  const proto::Evidence& evidence = triple.evidence(0);
  keys_ += evidence.rule();
  line.rule_size = static_cast<uint32_t>(evidence.rule().size());
  line.begin = evidence.span().begin();
  line.end = evidence.span().end();
  return true;
}

void LineBatch::Clear() {
  keys_.clear();
  lines_.clear();
}

BulkLoader::BulkLoader(std::unique_ptr<BulkLoaderState> state) : state_(std::move(state)) {}
BulkLoader::~BulkLoader() = default;

absl::StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Start(Store& store,
                                                              const BulkLoadOptions& options) {
  if (store.read_only()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database at ", store.path(), " is open read-only"));
  }
  auto state = std::make_unique<BulkLoaderState>();
  state->store = &store;
  store.impl_->writer_mutex.Lock();
  state->impl = store.impl_.get();  // from here on, the destructor unlocks
  QUARRY_RETURN_IF_ERROR(state->impl->ResetTermCache());
  rocksdb::DB* db = state->impl->db();
  std::string next;
  QUARRY_RETURN_IF_ERROR(
      FromRocksStatus(db->Get(rocksdb::ReadOptions(), state->impl->family(layout::kDefault),
                              std::string(layout::kNextTermKey), &next),
                      store.path()));
  state->next_term = GetBigEndian64(next.data());
  state->first_new_term = state->next_term;
  // A new store's dictionary holds only ":label", whose id Intern knows: every term after it
  // would be looked up in vain (terms are numbered in order and never removed).
  state->dictionary_has_terms = state->next_term > TermSequence(kLabelPredicateId) + 1;
  state->files = std::make_unique<SstFiles>(
      *state->impl, std::filesystem::path(state->impl->path) / absl::StrCat("bulk-", getpid()));
  QUARRY_RETURN_IF_ERROR(state->files->CreateDirectory());
  if (options.sort_memory_bytes != 0) state->sort_memory = options.sort_memory_bytes;
  if (options.known_terms != nullptr) state->known_terms = options.known_terms;
  state->entries = std::make_unique<EntryRuns>(state->files->dir(), "entries",
                                               EntryRunRecords(state->sort_memory));
  return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(state)));
}

void BulkLoader::ExpectTriples(int64_t count) {
  if (count > 0) state_->entries->Reserve(static_cast<size_t>(count));
}

void BulkLoader::ExpectArticleTriples(int64_t count) {
  if (count <= 0) return;
  ExpectTriples(count);
  // Articles' triples have about 1.3 pieces of evidence each.
  state_->pieces.reserve(state_->pieces.size() + static_cast<size_t>(count) * 3 / 2);
  state_->listed_triples.reserve(state_->listed_triples.size() + static_cast<size_t>(count));
}

absl::Status BulkLoader::BeginDocument(const proto::Document& document) {
  return BeginDocument(proto::Document(document));
}

absl::Status BulkLoader::BeginDocument(proto::Document&& moved, StoredDocument stored) {
  BulkLoaderState& state = *state_;
  if (state.finished) return absl::FailedPreconditionError("Finish was already called");
  if (moved.id().empty() || moved.id().find('\0') != std::string::npos) {
    return absl::InvalidArgumentError("the document needs an id without NUL bytes");
  }
  PendingDocument& pending = state.documents.emplace_back();
  pending.document = std::move(moved);
  pending.listed_begin = state.listed_triples.size();
  const proto::Document& document = pending.document;
  proto::Evidence fields;
  fields.set_document_id(document.id());
  pending.id_field = fields.SerializeAsString();
  if (document.has_date()) {
    fields.Clear();
    *fields.mutable_document_date() = document.date();
    pending.date_field = fields.SerializeAsString();
  }
  if (!state.document_ids.insert(document.id()).second) {
    pending.skipped = true;
  } else if (stored != StoredDocument::kUnknown) {
    pending.skipped = stored == StoredDocument::kPresent;
  } else {
    std::string ignored;
    rocksdb::Status status = state.impl->db()->Get(
        rocksdb::ReadOptions(), state.impl->family(layout::kDocs), document.id(), &ignored);
    if (!status.ok() && !status.IsNotFound()) return FromRocksStatus(status, state.impl->path);
    pending.skipped = status.ok();
  }
  pending.result.already_present = pending.skipped;
  return absl::OkStatus();
}

absl::Status BulkLoader::Add(const proto::Triple& triple) { return AddTriple(triple, nullptr); }

absl::Status BulkLoader::Add(proto::Triple&& triple) { return AddTriple(triple, &triple); }

void BulkLoader::Prefetch(const proto::Triple& triple) {
  BulkLoaderState& state = *state_;
  if (triple.subject().value_case() == proto::Term::kNode &&
      triple.subject().node() != state.last_subject) {
    state.PrefetchTerm(TermKind::kNode, triple.subject().node());
  }
  switch (triple.object().value_case()) {
    case proto::Term::kNode:
      state.PrefetchTerm(TermKind::kNode, triple.object().node());
      break;
    case proto::Term::kStringValue:
      state.PrefetchTerm(TermKind::kString, triple.object().string_value());
      break;
    default:
      break;
  }
}

absl::Status BulkLoader::AddBatch(proto::TripleBatch&& batch, StoredDocument stored) {
  QUARRY_RETURN_IF_ERROR(BeginDocument(std::move(*batch.mutable_document()), stored));
  auto& triples = *batch.mutable_triples();
  for (int index = 0; index < triples.size(); ++index) {
    if (index + kPrefetchDistance < triples.size()) Prefetch(triples[index + kPrefetchDistance]);
    QUARRY_RETURN_IF_ERROR(AddTriple(triples[index], &triples[index]));
  }
  return absl::OkStatus();
}

absl::Status BulkLoader::AddWireBatch(WireBatch& batch, StoredDocument stored) {
  proto::Document id_and_date;  // all the load needs besides the bytes it writes
  id_and_date.set_id(batch.document().id());
  if (batch.document().has_date()) *id_and_date.mutable_date() = batch.document().date();
  QUARRY_RETURN_IF_ERROR(BeginDocument(std::move(id_and_date), stored));
  BulkLoaderState& state = *state_;
  state.documents.back().serialized = batch.document_bytes();
  if (state.current_skipped()) return absl::OkStatus();  // WireBatch::Read checked its triples
  const uint32_t document = static_cast<uint32_t>(state.documents.size() - 1);
  const bool document_has_date = state.documents.back().document.has_date();
  const std::vector<WireTriple>& triples = batch.triples();
  const std::vector<WirePiece>& pieces = batch.pieces();
  state.documents.back().triples_seen += triples.size();
  for (size_t index = 0; index < triples.size(); ++index) {
    if (index + kPrefetchDistance < triples.size()) {
      const WireTriple& ahead = triples[index + kPrefetchDistance];
      if (ahead.subject != state.last_subject) state.PrefetchTerm(TermKind::kNode, ahead.subject);
      if (ahead.object_kind != TermKind::kLabel) {
        state.PrefetchTerm(ahead.object_kind, ahead.object);
      }
    }
    // As AddTriple, from the views.
    const WireTriple& triple = triples[index];
    Entry entry;
    entry.document = document;
    bool subject_first_seen = false;
    bool object_first_seen = false;
    QUARRY_ASSIGN_OR_RETURN(entry.triple.subject,
                            state.InternSubject(triple.subject, &subject_first_seen));
    QUARRY_ASSIGN_OR_RETURN(entry.triple.predicate,
                            state.Intern(TermKind::kPredicate, triple.predicate));
    QUARRY_ASSIGN_OR_RETURN(entry.triple.object,
                            state.Intern(triple.object_kind, triple.object, &object_first_seen));
    entry.begin = static_cast<uint32_t>(state.pieces.size());
    entry.end = triple.piece_count;
    entry.extra = kPrepared;
    for (uint32_t piece = triple.first_piece; piece < triple.first_piece + triple.piece_count;
         ++piece) {
      const WirePiece& wire = pieces[piece];
      state.pieces.push_back({wire.bytes.data(), static_cast<uint32_t>(wire.bytes.size()),
                              !wire.has_document_date && document_has_date, wire.dated});
    }
    state.RecordNames(triple.subject, entry.triple.subject, subject_first_seen, triple.predicate,
                      triple.object_kind, triple.object, entry.triple.object, object_first_seen);
    QUARRY_RETURN_IF_ERROR(state.AddEntry(entry));
  }
  return absl::OkStatus();
}

absl::Status BulkLoader::AddTriple(const proto::Triple& triple, proto::Triple* movable) {
  BulkLoaderState& state = *state_;
  if (state.documents.empty()) return absl::FailedPreconditionError("no document was begun");
  const size_t index = state.documents.back().triples_seen++;
  if (!WellFormed(triple)) {
    return absl::InvalidArgumentError(
        absl::StrCat("triple ", index,
                     ": malformed (node subject, predicate and "
                     "object required; labels only as objects of ':label'; dates with month "
                     "0-12 and day 0-31)"));
  }
  if (state.current_skipped()) return absl::OkStatus();
  Entry entry;
  entry.document = static_cast<uint32_t>(state.documents.size() - 1);
  // A node's name is recorded the first time this load looks the node up.
  bool subject_first_seen = false;
  bool object_first_seen = false;
  QUARRY_ASSIGN_OR_RETURN(entry.triple.subject,
                          state.InternSubject(triple.subject().node(), &subject_first_seen));
  QUARRY_ASSIGN_OR_RETURN(entry.triple.predicate,
                          state.Intern(TermKind::kPredicate, triple.predicate()));
  QUARRY_ASSIGN_OR_RETURN(entry.triple.object,
                          state.InternTerm(triple.object(), &object_first_seen));

  const bool line = IsLineEvidence(triple);
  if (line && !state.have_line_rule) {
    state.line_rule = triple.evidence(0).rule();
    state.have_line_rule = true;
  }
  std::optional<uint32_t> prepared;
  if (line && triple.evidence(0).rule() == state.line_rule) {
    entry.begin = triple.evidence(0).span().begin();
    entry.end = triple.evidence(0).span().end();
  } else if (triple.evidence_size() > 0 && triple.properties_size() == 0 &&
             (prepared = state.PrepareEvidence(triple, movable)).has_value()) {
    entry.begin = *prepared;
    entry.end = static_cast<uint32_t>(triple.evidence_size());
    entry.extra = kPrepared;
  } else {
    proto::TripleMetaDelta& delta = state.extras.emplace_back();
    if (movable != nullptr) {
      delta.mutable_added()->Swap(movable->mutable_evidence());
      delta.mutable_properties()->Swap(movable->mutable_properties());
    } else {
      *delta.mutable_added() = triple.evidence();
      *delta.mutable_properties() = triple.properties();
    }
    entry.extra = static_cast<uint32_t>(state.extras.size() - 1);
  }
  const proto::Term& object = triple.object();
  const TermKind object_kind = KindOfTerm(object);
  state.RecordNames(triple.subject().node(), entry.triple.subject, subject_first_seen,
                    triple.predicate(), object_kind,
                    object_kind == TermKind::kNode     ? object.node()
                    : object_kind == TermKind::kString ? object.string_value()
                                                       : absl::string_view(),
                    entry.triple.object, object_first_seen);
  return state.AddEntry(entry);
}

absl::Status BulkLoader::AddLines(const LineBatch& lines, size_t begin, size_t end) {
  BulkLoaderState& state = *state_;
  if (state.documents.empty()) return absl::FailedPreconditionError("no document was begun");
  if (state.finished) return absl::FailedPreconditionError("Finish was already called");
  state.documents.back().triples_seen += end - begin;
  if (state.current_skipped()) return absl::OkStatus();
  const absl::string_view keys = lines.keys_;
  for (size_t index = begin; index < end; ++index) {
    if (index + kPrefetchDistance < end) {
      const LineBatch::Line& ahead = lines.lines_[index + kPrefetchDistance];
      const absl::string_view subject = keys.substr(ahead.offset, ahead.subject_size);
      if (subject.substr(2) != state.last_subject) state.new_terms.prefetch(subject);
      state.new_terms.prefetch(
          keys.substr(ahead.offset + ahead.subject_size + ahead.predicate_size, ahead.object_size));
    }
    QUARRY_RETURN_IF_ERROR(AddLine(lines, lines.lines_[index]));
  }
  return absl::OkStatus();
}

absl::Status BulkLoader::AddLine(const LineBatch& lines, const LineBatch::Line& line) {
  BulkLoaderState& state = *state_;
  const absl::string_view keys = lines.keys_;
  size_t at = line.offset;
  const absl::string_view subject_key = keys.substr(at, line.subject_size);
  at += line.subject_size;
  const absl::string_view predicate_key = keys.substr(at, line.predicate_size);
  at += line.predicate_size;
  const absl::string_view object_key = keys.substr(at, line.object_size);
  at += line.object_size;
  const absl::string_view rule = keys.substr(at, line.rule_size);
  const absl::string_view subject = subject_key.substr(2);
  const absl::string_view predicate = predicate_key.substr(2);
  const absl::string_view object = object_key.substr(2);
  const TermKind object_kind = static_cast<TermKind>(object_key[1]);

  // As AddTriple, from the keys.
  Entry entry;
  entry.document = static_cast<uint32_t>(state.documents.size() - 1);
  bool subject_first_seen = false;
  bool object_first_seen = false;
  QUARRY_ASSIGN_OR_RETURN(entry.triple.subject,
                          state.InternSubject(subject, &subject_first_seen, subject_key));
  if (predicate == kLabelPredicate) {
    entry.triple.predicate = kLabelPredicateId;
  } else {
    QUARRY_ASSIGN_OR_RETURN(entry.triple.predicate, state.InternKey(predicate_key));
  }
  QUARRY_ASSIGN_OR_RETURN(entry.triple.object, state.InternKey(object_key, &object_first_seen));
  if (!state.have_line_rule) {
    state.line_rule.assign(rule.data(), rule.size());
    state.have_line_rule = true;
  }
  if (rule == state.line_rule) {
    entry.begin = line.begin;
    entry.end = line.end;
  } else {
    // A line of another rule: prepared evidence, as AddTriple makes it.
    proto::Triple evidence_only;
    proto::Evidence* evidence = evidence_only.add_evidence();
    evidence->set_sentence_index(-1);
    evidence->mutable_span()->set_begin(line.begin);
    evidence->mutable_span()->set_end(line.end);
    evidence->set_rule(std::string(rule));
    evidence->set_confidence(1.0f);
    const std::optional<uint32_t> prepared = state.PrepareEvidence(evidence_only, &evidence_only);
    if (!prepared.has_value()) return absl::InternalError("bulk load: unreadable line evidence");
    entry.begin = *prepared;
    entry.end = 1;
    entry.extra = kPrepared;
  }
  state.RecordNames(subject, entry.triple.subject, subject_first_seen, predicate, object_kind,
                    object, entry.triple.object, object_first_seen);
  return state.AddEntry(entry);
}

namespace {

// What writing one key range of `spo` found: the counts of each document's result (by
// index) and of the stats.
struct SpoPartCounts {
  std::vector<int64_t> triples_in_batch;
  std::vector<int64_t> triples_added;
  int64_t triples_added_total = 0;
  absl::flat_hash_map<TermId, int64_t> predicates;
  absl::flat_hash_map<TermId, int64_t> labels;
};

// The outputs shared by the key ranges of `spo`: the keys of the new triples in `pos` and
// `osp` order, and the doc_triples pairs of the documents that are not listed.
struct SpoOutputs {
  KeyRuns* pos = nullptr;
  KeyRuns* osp = nullptr;
  // The pairs of unlisted documents when there are several documents; null otherwise.
  DocumentTripleRuns* unlisted = nullptr;
  const std::vector<uint32_t>* rank = nullptr;  // document index -> rank by id
  // Whether the load is one unlisted document, whose doc_triples are written by range.
  bool one_unlisted_document = false;
};

// The entries of a key range in order, read some way ahead of the one being written. The
// pieces of evidence lie in the order their documents were added, far from spo order, so
// each would cost two waits for memory (its PreparedPiece, then its bytes): both are asked
// for while the entries before it are written.
class EntryLookahead {
 public:
  EntryLookahead(EntryRuns::Reader& reader, const BulkLoaderState& state)
      : reader_(reader), state_(state) {
    while (ring_size_ < kAhead && Fill()) {
    }
  }

  // The next entry, or null at the end (or after an error: see the reader's status). It
  // stays valid until the next call.
  const Entry* Next() {
    if (ring_size_ == 0) return nullptr;
    current_ = ring_[head_];
    head_ = (head_ + 1) % kAhead;
    --ring_size_;
    // The entry now half the window ahead has its PreparedPiece loaded: fetch its bytes.
    if (ring_size_ > kAhead / 2) FetchBytes(ring_[(head_ + kAhead / 2) % kAhead]);
    Fill();
    return &current_;
  }

 private:
  static constexpr size_t kAhead = 16;

  // Reads one more entry into the window, asking for its PreparedPiece.
  bool Fill() {
    const Entry* entry = reader_.Next();
    if (entry == nullptr) return false;
    ring_[(head_ + ring_size_) % kAhead] = *entry;
    ++ring_size_;
    if (entry->extra == kPrepared) {
      __builtin_prefetch(&state_.pieces[entry->begin]);
      __builtin_prefetch(&state_.documents[entry->document]);
    }
    return true;
  }

  void FetchBytes(const Entry& entry) const {
    if (entry.extra != kPrepared) return;
    for (uint32_t piece = entry.begin; piece < entry.begin + entry.end; ++piece) {
      const PreparedPiece& prepared = state_.pieces[piece];
      if (prepared.size == 0) continue;
      __builtin_prefetch(prepared.data);
      __builtin_prefetch(prepared.data + prepared.size - 1);
    }
    __builtin_prefetch(state_.documents[entry.document].id_field.data());
  }

  EntryRuns::Reader& reader_;
  const BulkLoaderState& state_;
  Entry ring_[kAhead];
  size_t head_ = 0;
  size_t ring_size_ = 0;
  Entry current_;
};

// Writes the entries in [lower, upper) (null: unbounded) to part `part_index` of `spo`: a
// whole value for each new triple (so that reads need no merge), a merge operand of the
// evidence for each existing one. For a load of one unlisted document, writes the same range
// of doc_triples.
absl::Status WriteSpoPart(BulkLoaderState& state, int part_index, const Entry* lower,
                          const Entry* upper, bool store_empty, const SpoOutputs& outputs,
                          SpoPartCounts& counts) {
  const std::vector<PendingDocument>& documents = state.documents;
  StoreImpl& impl = *state.impl;
  SstFiles& files = *state.files;
  counts.triples_in_batch.assign(documents.size(), 0);
  counts.triples_added.assign(documents.size(), 0);
  QUARRY_ASSIGN_OR_RETURN(EntryRuns::Reader reader, state.entries->Read(lower, upper));
  QUARRY_ASSIGN_OR_RETURN(auto spo, files.Open(layout::kSpo, part_index));
  // With one document, its doc_triples entries: runs within this key range.
  std::unique_ptr<rocksdb::SstFileWriter> document_writer;
  layout::DocTriplesRun document_run;
  uint64_t document_entries = 0;
  auto put_document_run = [&]() -> absl::Status {
    ++document_entries;
    return FromRocksStatus(document_writer->Put(document_run.key(), document_run.value()),
                           "bulk load doc_triples");
  };
  if (outputs.one_unlisted_document) {
    QUARRY_ASSIGN_OR_RETURN(document_writer, files.Open(layout::kDocTriples, part_index));
    document_run.Start(documents[0].document.id());
  }
  auto line_evidence = [&](const Entry& entry, proto::Evidence* evidence) {
    const proto::Document& document = documents[entry.document].document;
    evidence->set_document_id(document.id());
    evidence->set_sentence_index(-1);
    evidence->mutable_span()->set_begin(entry.begin);
    evidence->mutable_span()->set_end(entry.end);
    evidence->set_rule(state.line_rule);
    evidence->set_confidence(1.0f);
    if (document.has_date()) *evidence->mutable_document_date() = document.date();
  };
  // The new triples' keys and doc_triples keys, handed to the shared runs in batches.
  constexpr size_t kBatch = 4096;
  std::vector<IdTriple> pos_keys;
  std::vector<IdTriple> osp_keys;
  std::vector<DocumentTriple> document_keys;
  auto flush = [&]() -> absl::Status {
    QUARRY_RETURN_IF_ERROR(outputs.pos->AddBatch(pos_keys));
    QUARRY_RETURN_IF_ERROR(outputs.osp->AddBatch(osp_keys));
    if (outputs.unlisted != nullptr) {
      QUARRY_RETURN_IF_ERROR(outputs.unlisted->AddBatch(document_keys));
    }
    pos_keys.clear();
    osp_keys.clear();
    document_keys.clear();
    return absl::OkStatus();
  };
  proto::TripleMeta single;  // a new triple with one line: built once, the span updated
  uint32_t single_document = UINT32_MAX;
  proto::TripleMetaDelta delta;
  proto::TripleMeta meta;
  std::string key;
  std::string value;
  PreparedScratch prepared_scratch;
  std::string piece_bytes;
  std::vector<Entry> group;  // the entries of one triple, in the order they were added
  uint64_t distinct = 0;
  EntryLookahead ahead(reader, state);
  const Entry* next = ahead.Next();
  while (next != nullptr) {
    group.assign(1, *next);
    while ((next = ahead.Next()) != nullptr && next->triple == group.front().triple) {
      group.push_back(*next);
    }
    ++distinct;
    const Entry& first = group.front();
    const IdTriple& triple = first.triple;
    // A term new in this load makes the triple new; otherwise `pos` tells existence
    // without merging the triple's evidence operands.
    const uint64_t first_new_term = state.first_new_term;
    bool fresh = store_empty || TermSequence(triple.subject) >= first_new_term ||
                 TermSequence(triple.predicate) >= first_new_term ||
                 TermSequence(triple.object) >= first_new_term;
    if (!fresh) {
      std::string ignored;
      rocksdb::Status status = impl.db()->Get(rocksdb::ReadOptions(), impl.family(layout::kPos),
                                              layout::PosKey(triple), &ignored);
      if (!status.ok() && !status.IsNotFound()) return FromRocksStatus(status, impl.path);
      fresh = status.IsNotFound();
    }
    for (size_t index = 0; index < group.size(); ++index) {
      if (index != 0 && group[index].document == group[index - 1].document) continue;
      ++counts.triples_in_batch[group[index].document];
      if (outputs.unlisted != nullptr && !documents[group[index].document].listed) {
        document_keys.push_back({(*outputs.rank)[group[index].document], triple});
      }
    }
    if (fresh) {
      ++counts.triples_added[first.document];
      ++counts.triples_added_total;
      ++counts.predicates[triple.predicate];
      if (triple.predicate == kLabelPredicateId) ++counts.labels[triple.object];
      pos_keys.push_back({triple.predicate, triple.object, triple.subject});
      osp_keys.push_back({triple.object, triple.subject, triple.predicate});
    }
    if (pos_keys.size() >= kBatch || document_keys.size() >= kBatch) {
      QUARRY_RETURN_IF_ERROR(flush());
    }
    key.clear();
    layout::AppendTripleKey(triple.subject, triple.predicate, triple.object, &key);
    if (document_writer != nullptr) {
      if (document_run.full()) {
        QUARRY_RETURN_IF_ERROR(put_document_run());
        document_run.Clear();
      }
      document_run.Add(triple);
    }

    if (fresh && group.size() == 1 && first.extra == kNoExtra) {
      if (single_document != first.document) {
        single.Clear();
        line_evidence(first, single.add_evidence());
        ApplyDelta(proto::TripleMetaDelta(), &single);  // count and first/last seen
        single_document = first.document;
      }
      single.mutable_evidence(0)->mutable_span()->set_begin(first.begin);
      single.mutable_evidence(0)->mutable_span()->set_end(first.end);
      single.SerializeToString(&value);
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(spo->Put(key, value), "bulk load spo"));
      continue;
    }
    if (std::all_of(group.begin(), group.end(),
                    [](const Entry& entry) { return entry.extra == kPrepared; })) {
      PreparedValue(state, group, fresh, prepared_scratch, value);
      QUARRY_RETURN_IF_ERROR(
          FromRocksStatus(fresh ? spo->Put(key, value) : spo->Merge(key, value), "bulk load spo"));
      continue;
    }
    delta.Clear();
    for (size_t index = 0; index < group.size(); ++index) {
      const Entry& entry = group[index];
      const proto::Document& document = documents[entry.document].document;
      if (entry.extra == kNoExtra) {
        line_evidence(entry, delta.add_added());
        continue;
      }
      if (entry.extra == kPrepared) {
        for (uint32_t piece = entry.begin; piece < entry.begin + entry.end; ++piece) {
          piece_bytes.clear();
          AppendPiece(state, entry.document, state.pieces[piece], piece_bytes);
          if (!delta.add_added()->ParseFromString(piece_bytes)) {
            return absl::InternalError("bulk load: unreadable prepared evidence");
          }
        }
        continue;
      }
      proto::TripleMetaDelta& extra = state.extras[entry.extra];
      // As Store::Apply: a triple without evidence gets a default piece the first time its
      // document mentions it.
      const bool first_in_document = index == 0 || group[index - 1].document != entry.document;
      if (extra.added_size() == 0 && first_in_document) {
        proto::Evidence* evidence = delta.add_added();
        evidence->set_document_id(document.id());
        evidence->set_sentence_index(-1);
        evidence->set_rule("batch");
        evidence->set_confidence(1.0f);
        if (document.has_date()) *evidence->mutable_document_date() = document.date();
      }
      for (proto::Evidence& evidence : *extra.mutable_added()) {
        if (evidence.document_id() != document.id()) evidence.set_document_id(document.id());
        if (!evidence.has_document_date() && document.has_date()) {
          *evidence.mutable_document_date() = document.date();
        }
        delta.add_added()->Swap(&evidence);
      }
      for (proto::Property& property : *extra.mutable_properties())
        delta.add_properties()->Swap(&property);
    }
    if (fresh) {
      meta.Clear();
      ApplyDelta(delta, &meta);
      meta.SerializeToString(&value);
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(spo->Put(key, value), "bulk load spo"));
    } else {
      delta.SerializeToString(&value);
      QUARRY_RETURN_IF_ERROR(FromRocksStatus(spo->Merge(key, value), "bulk load spo"));
    }
  }
  QUARRY_RETURN_IF_ERROR(reader.status());
  QUARRY_RETURN_IF_ERROR(flush());
  if (document_writer != nullptr) {
    if (!document_run.empty()) QUARRY_RETURN_IF_ERROR(put_document_run());
    QUARRY_RETURN_IF_ERROR(
        files.Finish(layout::kDocTriples, part_index, *document_writer, document_entries));
  }
  return files.Finish(layout::kSpo, part_index, *spo, distinct);
}

// Writes the keys of `runs` (three ids each, in key order) in [lower, upper) (null:
// unbounded) to part `part_index` of `family`.
absl::Status WriteKeys(const KeyRuns& runs, const IdTriple* lower, const IdTriple* upper,
                       int family, int part_index, SstFiles& files) {
  QUARRY_ASSIGN_OR_RETURN(KeyRuns::Reader reader, runs.Read(lower, upper));
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(family, part_index));
  std::string key;
  uint64_t written = 0;
  for (const IdTriple* ids = reader.Next(); ids != nullptr; ids = reader.Next()) {
    key.clear();
    layout::AppendTripleKey(ids->subject, ids->predicate, ids->object, &key);
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(writer->Put(key, rocksdb::Slice()), "bulk load index"));
    ++written;
  }
  QUARRY_RETURN_IF_ERROR(reader.status());
  return files.Finish(family, part_index, *writer, written);
}

// Tasks writing `runs` to `family` in `parts` key ranges (one when they are few), which
// `splitters` keeps the bounds of.
void AddWriteKeysTasks(const KeyRuns& runs, int family, int parts, SstFiles& files,
                       std::vector<IdTriple>& splitters,
                       std::vector<std::function<absl::Status()>>& tasks) {
  if (parts > 1) splitters = runs.Splitters(parts);
  for (size_t part = 0; part <= splitters.size(); ++part) {
    tasks.push_back([&runs, family, &files, &splitters, part] {
      const IdTriple* lower = part == 0 ? nullptr : &splitters[part - 1];
      const IdTriple* upper = part == splitters.size() ? nullptr : &splitters[part];
      return WriteKeys(runs, lower, upper, family, static_cast<int>(part), files);
    });
  }
}

// Writes doc_triples for the documents loaded, in order of their ids: a listed document's
// triples sorted in place in listed_triples (which is then freed), an unlisted one's read
// from `unlisted` (the pairs of every unlisted document, by rank; null when there are none);
// `by_rank` maps a rank to its document. Runs are cut as Store::Apply cuts them.
absl::Status WriteDocumentTriples(BulkLoaderState& state, const std::vector<uint32_t>& by_rank,
                                  const DocumentTripleRuns* unlisted, SstFiles& files) {
  std::optional<DocumentTripleRuns::Reader> reader;
  const DocumentTriple* pair = nullptr;
  if (unlisted != nullptr) {
    QUARRY_ASSIGN_OR_RETURN(reader, unlisted->Read(nullptr, nullptr));
    pair = reader->Next();
  }
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(layout::kDocTriples));
  layout::DocTriplesRun run;
  uint64_t written = 0;
  auto put = [&]() -> absl::Status {
    ++written;
    QUARRY_RETURN_IF_ERROR(
        FromRocksStatus(writer->Put(run.key(), run.value()), "bulk load doc_triples"));
    run.Clear();
    return absl::OkStatus();
  };
  auto add = [&](const IdTriple& triple) -> absl::Status {
    if (run.full()) QUARRY_RETURN_IF_ERROR(put());
    run.Add(triple);
    return absl::OkStatus();
  };
  std::vector<IdTriple>& listed = state.listed_triples;
  const std::vector<PendingDocument>& documents = state.documents;
  for (uint32_t rank = 0; rank < by_rank.size(); ++rank) {
    const uint32_t index = by_rank[rank];
    const PendingDocument& document = documents[index];
    if (document.skipped) continue;
    run.Start(document.document.id());
    if (document.listed) {
      const auto begin = listed.begin() + static_cast<ptrdiff_t>(document.listed_begin);
      const auto end =
          index + 1 < documents.size()
              ? listed.begin() + static_cast<ptrdiff_t>(documents[index + 1].listed_begin)
              : listed.end();
      std::sort(begin, end);
      for (auto triple = begin; triple != end; ++triple) {
        if (triple != begin && *triple == *(triple - 1)) continue;
        QUARRY_RETURN_IF_ERROR(add(*triple));
      }
    } else {
      for (; pair != nullptr && pair->rank == rank; pair = reader->Next()) {
        QUARRY_RETURN_IF_ERROR(add(pair->triple));
      }
    }
    if (!run.empty()) QUARRY_RETURN_IF_ERROR(put());
  }
  if (reader.has_value()) QUARRY_RETURN_IF_ERROR(reader->status());
  std::vector<IdTriple>().swap(listed);
  return files.Finish(layout::kDocTriples, 0, *writer, written);
}

// Writes the documents loaded (docs), in the order of their ids (`by_rank`: document indexes
// sorted by id).
absl::Status WriteDocuments(const BulkLoaderState& state, const std::vector<uint32_t>& by_rank,
                            SstFiles& files) {
  QUARRY_ASSIGN_OR_RETURN(auto docs, files.Open(layout::kDocs));
  std::string value;
  uint64_t written = 0;
  for (const uint32_t index : by_rank) {
    const PendingDocument& pending = state.documents[index];
    if (pending.skipped) continue;
    if (pending.serialized.empty()) {
      value.clear();
      pending.document.SerializeToString(&value);
    }
    const absl::string_view bytes = pending.serialized.empty() ? value : pending.serialized;
    QUARRY_RETURN_IF_ERROR(FromRocksStatus(
        docs->Put(pending.document.id(), rocksdb::Slice(bytes.data(), bytes.size())),
        "bulk load docs"));
    ++written;
  }
  return files.Finish(layout::kDocs, 0, *docs, written);
}

// Writes stats (merge operands) and the term counter.
absl::Status WriteCounters(const BulkLoaderState& state,
                           const std::vector<std::pair<std::string, int64_t>>& counters,
                           SstFiles& files) {
  QUARRY_ASSIGN_OR_RETURN(auto writer, files.Open(layout::kStats));
  for (const auto& [key, count] : counters) {
    QUARRY_RETURN_IF_ERROR(
        FromRocksStatus(writer->Merge(key, EncodeCounter(count)), "bulk load stats"));
  }
  QUARRY_RETURN_IF_ERROR(files.Finish(layout::kStats, 0, *writer, counters.size()));

  QUARRY_ASSIGN_OR_RETURN(auto meta, files.Open(layout::kDefault));
  std::string next;
  PutBigEndian64(&next, state.next_term);
  QUARRY_RETURN_IF_ERROR(
      FromRocksStatus(meta->Put(std::string(layout::kNextTermKey), next), "bulk load"));
  return files.Finish(layout::kDefault, 0, *meta, 1);
}

}  // namespace

void BulkLoader::SetRunRecordsForTesting(size_t records) { run_records_for_testing = records; }

absl::StatusOr<std::vector<ApplyResult>> BulkLoader::Finish() {
  BulkLoaderState& state = *state_;
  if (state.finished) return absl::FailedPreconditionError("Finish was already called");
  state.finished = true;
  StoreImpl& impl = *state.impl;
  SstFiles& files = *state.files;
  std::vector<PendingDocument>& documents = state.documents;
  const int64_t fresh_documents =
      std::count_if(documents.begin(), documents.end(),
                    [](const PendingDocument& document) { return !document.skipped; });
  auto results = [&] {
    std::vector<ApplyResult> all;
    for (const PendingDocument& document : documents) all.push_back(document.result);
    return all;
  };
  if (fresh_documents == 0) return results();
  const int threads = WorkerThreads(4);
  // doc_triples is ordered by document id first: the documents by id, while the entries'
  // last run is sealed (mostly a wait for the one before it to be sorted and written).
  std::vector<uint32_t> by_rank(documents.size());
  std::vector<uint32_t> rank(documents.size());
  {
    std::vector<std::function<absl::Status()>> tasks;
    tasks.push_back([&] { return state.entries->Seal(); });
    tasks.push_back([&] {
      for (uint32_t index = 0; index < by_rank.size(); ++index) by_rank[index] = index;
      std::sort(by_rank.begin(), by_rank.end(), [&](uint32_t a, uint32_t b) {
        return documents[a].document.id() < documents[b].document.id();
      });
      for (uint32_t index = 0; index < by_rank.size(); ++index) rank[by_rank[index]] = index;
      return absl::OkStatus();
    });
    QUARRY_RETURN_IF_ERROR(RunTasks(tasks, threads));
  }

  // The key ranges of spo: about equal parts, cut at triples sampled from the runs.
  const int spo_parts = PartsFor(state.entries->size(), threads);
  const std::vector<Entry> splitters =
      spo_parts > 1 ? state.entries->Splitters(spo_parts) : std::vector<Entry>();
  const bool store_empty = [&] {
    std::unique_ptr<rocksdb::Iterator> it(
        impl.db()->NewIterator(rocksdb::ReadOptions(), impl.family(layout::kSpo)));
    it->SeekToFirst();
    return !it->Valid();
  }();
  // Their buffers hold at most one key per entry: reserved once, not grown by doubling.
  const size_t most_keys = state.entries->size();
  KeyRuns pos(files.dir(), "pos", KeyRunRecords(state.sort_memory));
  KeyRuns osp(files.dir(), "osp", KeyRunRecords(state.sort_memory));
  pos.Reserve(most_keys);
  osp.Reserve(most_keys);
  // Documents too large to list have their doc_triples pairs sorted from the spo pass, or
  // when the load is just one, written by range with spo.
  const bool one_unlisted_document = documents.size() == 1 && !documents[0].listed;
  std::unique_ptr<DocumentTripleRuns> unlisted;
  if (!one_unlisted_document &&
      std::any_of(documents.begin(), documents.end(), [](const PendingDocument& document) {
        return !document.skipped && !document.listed;
      })) {
    unlisted = std::make_unique<DocumentTripleRuns>(files.dir(), "doc_triples",
                                                    EntryRunRecords(state.sort_memory));
  }
  const SpoOutputs outputs{&pos, &osp, unlisted.get(), &rank, one_unlisted_document};
  auto write_document_triples = [&] {
    return WriteDocumentTriples(state, by_rank, unlisted.get(), files);
  };
  std::vector<SpoPartCounts> counts(splitters.size() + 1);
  // Independent writing tasks: the terms and names first, which frees their memory early.
  std::vector<std::function<absl::Status()>> tasks;
  tasks.push_back([&] {
    absl::Status written = WriteTerms(state.new_terms, files);
    // Their memory goes early, unless the loads after this one keep them.
    if (state.known_terms == &state.own_known_terms) {
      absl::flat_hash_map<std::string, TermId>().swap(state.new_terms);
    }
    return written;
  });
  tasks.push_back([&] {
    absl::Status written = WriteNames(state.names, files);
    std::vector<std::pair<std::string, TermId>>().swap(state.names);
    return written;
  });
  tasks.push_back([&] { return WriteDocuments(state, by_rank, files); });
  if (!one_unlisted_document && unlisted == nullptr) tasks.push_back(write_document_triples);
  for (size_t part = 0; part < counts.size(); ++part) {
    tasks.push_back([&, part] {
      const Entry* lower = part == 0 ? nullptr : &splitters[part - 1];
      const Entry* upper = part == splitters.size() ? nullptr : &splitters[part];
      return WriteSpoPart(state, static_cast<int>(part), lower, upper, store_empty, outputs,
                          counts[part]);
    });
  }
  QUARRY_RETURN_IF_ERROR(RunTasks(tasks, threads));
  // The entries and their evidence are written: their memory goes before the indexes' sort.
  state.entries.reset();
  std::vector<PreparedPiece>().swap(state.pieces);
  std::vector<std::string>().swap(state.piece_blocks);
  std::vector<proto::TripleMetaDelta>().swap(state.extras);

  int64_t triples_added = 0;
  absl::flat_hash_map<TermId, int64_t> predicate_counts;
  absl::flat_hash_map<TermId, int64_t> label_counts;
  for (const SpoPartCounts& part : counts) {
    for (size_t index = 0; index < documents.size(); ++index) {
      documents[index].result.triples_in_batch += part.triples_in_batch[index];
      documents[index].result.triples_added += part.triples_added[index];
    }
    triples_added += part.triples_added_total;
    for (const auto& [id, count] : part.predicates) predicate_counts[id] += count;
    for (const auto& [id, count] : part.labels) label_counts[id] += count;
  }
  std::vector<std::pair<std::string, int64_t>> counters;
  if (triples_added != 0)
    counters.emplace_back(layout::StatKey(layout::kStatTriples), triples_added);
  counters.emplace_back(layout::StatKey(layout::kStatDocuments), fresh_documents);
  for (const auto& [id, count] : predicate_counts)
    counters.emplace_back(layout::StatKey(layout::kStatPredicate, id), count);
  for (const auto& [id, count] : label_counts)
    counters.emplace_back(layout::StatKey(layout::kStatLabel, id), count);
  std::sort(counters.begin(), counters.end());

  // Sealing sorts each last buffer: on threads of their own.
  tasks.clear();
  tasks.push_back([&] { return pos.Seal(); });
  tasks.push_back([&] { return osp.Seal(); });
  if (unlisted != nullptr) tasks.push_back([&] { return unlisted->Seal(); });
  QUARRY_RETURN_IF_ERROR(RunTasks(tasks, threads));
  tasks.clear();
  if (unlisted != nullptr) tasks.push_back(write_document_triples);
  std::vector<IdTriple> pos_splitters;
  std::vector<IdTriple> osp_splitters;
  AddWriteKeysTasks(pos, layout::kPos, PartsFor(pos.size(), threads), files, pos_splitters, tasks);
  AddWriteKeysTasks(osp, layout::kOsp, PartsFor(osp.size(), threads), files, osp_splitters, tasks);
  tasks.push_back([&] { return WriteCounters(state, counters, files); });
  QUARRY_RETURN_IF_ERROR(RunTasks(tasks, threads));

  QUARRY_RETURN_IF_ERROR(files.IngestAll());
  state.KeepNewTerms();
  QUARRY_RETURN_IF_ERROR(impl.ResetTermCache());
  return results();
}

}  // namespace quarry::graph
