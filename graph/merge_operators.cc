// Merge operators let a load write evidence without reading the triple's current value.
#include "graph/merge_operators.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace quarry::graph {
namespace {

bool SameEvidence(const proto::Evidence& a, const proto::Evidence& b) {
  return a.document_id() == b.document_id() && a.sentence_index() == b.sentence_index() &&
         a.span().begin() == b.span().begin() && a.span().end() == b.span().end() &&
         a.rule() == b.rule();
}

// What SameEvidence compares. The views point into messages that outlive the set.
using EvidenceIdentity =
    std::tuple<absl::string_view, int64_t, int64_t, int64_t, absl::string_view>;

EvidenceIdentity IdentityOf(const proto::Evidence& evidence) {
  return {evidence.document_id(), evidence.sentence_index(), evidence.span().begin(),
          evidence.span().end(), evidence.rule()};
}

// Up to this many pieces, duplicates are found by comparing each pair.
constexpr int kLinearEvidenceLimit = 16;

void RecomputeSummary(proto::TripleMeta* meta) {
  meta->set_count(meta->evidence_size());
  meta->clear_first_seen();
  meta->clear_last_seen();
  for (const proto::Evidence& evidence : meta->evidence()) {
    const proto::Date* date = SeenDate(evidence);
    if (date == nullptr) continue;
    if (!meta->has_first_seen() || DateLess(*date, meta->first_seen())) {
      *meta->mutable_first_seen() = *date;
    }
    if (!meta->has_last_seen() || DateLess(meta->last_seen(), *date)) {
      *meta->mutable_last_seen() = *date;
    }
  }
}

// Applies TripleMetaDelta operands to a TripleMeta one after another, as ApplyDelta of each
// in turn would, but keeping the set of its evidence between them and recomputing the
// summary once (Finish): a triple with many operands merges in linear time.
class DeltaApplier {
 public:
  explicit DeltaApplier(proto::TripleMeta* meta) : meta_(meta) {}

  void Apply(const proto::TripleMetaDelta& delta) {
    if (delta.retracted_document_ids_size() > 0) {
      absl::flat_hash_set<std::string> retracted(delta.retracted_document_ids().begin(),
                                                 delta.retracted_document_ids().end());
      auto* evidence = meta_->mutable_evidence();
      evidence->erase(std::remove_if(evidence->begin(), evidence->end(),
                                     [&](const proto::Evidence& piece) {
                                       return retracted.contains(piece.document_id());
                                     }),
                      evidence->end());
      known_.clear();  // its views may point into the erased pieces
      indexed_ = false;
    }
    if (!indexed_ && meta_->evidence_size() + delta.added_size() > kLinearEvidenceLimit) {
      // A triple many documents state (a label, a country's name): a set keeps this linear.
      known_.reserve(static_cast<size_t>(meta_->evidence_size() + delta.added_size()));
      for (const proto::Evidence& piece : meta_->evidence()) known_.insert(IdentityOf(piece));
      indexed_ = true;
    }
    for (const proto::Evidence& added : delta.added()) {
      if (indexed_) {
        if (known_.contains(IdentityOf(added))) continue;
        // The set keeps views of the copy in `meta`, which outlives `delta`.
        proto::Evidence& kept = *meta_->add_evidence();
        kept = added;
        known_.insert(IdentityOf(kept));
        continue;
      }
      const bool known =
          std::any_of(meta_->evidence().begin(), meta_->evidence().end(),
                      [&](const proto::Evidence& piece) { return SameEvidence(piece, added); });
      if (!known) *meta_->add_evidence() = added;
    }
    for (const proto::Property& property : delta.properties()) {
      auto* properties = meta_->mutable_properties();
      auto existing =
          std::find_if(properties->begin(), properties->end(),
                       [&](const proto::Property& p) { return p.key() == property.key(); });
      if (existing != properties->end()) {
        *existing = property;
      } else {
        *meta_->add_properties() = property;
      }
    }
  }

  // Recomputes count and first/last seen.
  void Finish() { RecomputeSummary(meta_); }

 private:
  proto::TripleMeta* meta_;
  // The identities of meta_'s evidence, once it has more than kLinearEvidenceLimit pieces.
  absl::flat_hash_set<EvidenceIdentity> known_;
  bool indexed_ = false;
};

class EvidenceMergeOperator : public rocksdb::MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& input, MergeOperationOutput* output) const override {
    proto::TripleMeta meta;
    if (input.existing_value != nullptr &&
        !meta.ParseFromArray(input.existing_value->data(),
                             static_cast<int>(input.existing_value->size()))) {
      return false;  // corruption: RocksDB reports it
    }
    // One applier for all operands: a triple that many documents state has many, and each
    // would otherwise rebuild the set of its evidence and its summary.
    DeltaApplier applier(&meta);
    proto::TripleMetaDelta delta;
    for (const rocksdb::Slice& operand : input.operand_list) {
      if (!delta.ParseFromArray(operand.data(), static_cast<int>(operand.size()))) return false;
      applier.Apply(delta);
    }
    applier.Finish();
    return meta.SerializeToString(&output->new_value);
  }

  const char* Name() const override { return "quarry.EvidenceMerge"; }
};

class CounterMergeOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    int64_t sum = 0;
    if (existing_value != nullptr) sum = DecodeCounter(existing_value->ToString());
    sum += DecodeCounter(value.ToString());
    *new_value = EncodeCounter(sum);
    return true;
  }

  const char* Name() const override { return "quarry.CounterAdd"; }
};

}  // namespace

const proto::Date* SeenDate(const proto::Evidence& evidence) {
  if (evidence.has_event_date() && evidence.event_date().year() != 0) {
    return &evidence.event_date();
  }
  if (evidence.has_document_date() && evidence.document_date().year() != 0) {
    return &evidence.document_date();
  }
  return nullptr;
}

bool DateLess(const proto::Date& a, const proto::Date& b) {
  if (a.year() != b.year()) return a.year() < b.year();
  if (a.month() != b.month()) return a.month() < b.month();
  return a.day() < b.day();
}

void ApplyDelta(const proto::TripleMetaDelta& delta, proto::TripleMeta* meta) {
  DeltaApplier applier(meta);
  applier.Apply(delta);
  applier.Finish();
}

std::string EncodeCounter(int64_t value) {
  std::string bytes(8, '\0');
  uint64_t bits = static_cast<uint64_t>(value);
  for (int index = 0; index < 8; ++index) {
    bytes[index] = static_cast<char>(bits & 0xff);
    bits >>= 8;
  }
  return bytes;
}

int64_t DecodeCounter(const std::string& bytes) {
  if (bytes.size() != 8) return 0;
  uint64_t bits = 0;
  for (int index = 7; index >= 0; --index) {
    bits = (bits << 8) | static_cast<uint8_t>(bytes[index]);
  }
  return static_cast<int64_t>(bits);
}

std::shared_ptr<rocksdb::MergeOperator> NewEvidenceMergeOperator() {
  return std::make_shared<EvidenceMergeOperator>();
}

std::shared_ptr<rocksdb::MergeOperator> NewCounterMergeOperator() {
  return std::make_shared<CounterMergeOperator>();
}

}  // namespace quarry::graph
