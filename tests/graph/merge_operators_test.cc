// The evidence merge operator against ApplyDelta of each operand in turn: many operands (a
// triple that many documents state), repeated pieces, retractions and properties.
#include "graph/merge_operators.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "rocksdb/slice.h"

namespace quarry::graph {
namespace {

proto::Evidence Piece(int document, int sentence, int year) {
  proto::Evidence evidence;
  evidence.set_document_id(absl::StrCat("doc-", document));
  evidence.set_sentence_index(sentence);
  evidence.mutable_span()->set_begin(sentence * 10);
  evidence.mutable_span()->set_end(sentence * 10 + 7);
  evidence.set_rule("met/active");
  evidence.set_confidence(0.9f);
  evidence.mutable_document_date()->set_year(year);
  evidence.mutable_document_date()->set_month(1 + document % 12);
  evidence.mutable_document_date()->set_day(1 + document % 28);
  return evidence;
}

// Operands as loads and unloads make them: a piece per document, some repeated (the same
// document loaded again), a few with two pieces, retractions of earlier documents, and a
// property set twice.
std::vector<proto::TripleMetaDelta> Operands(int count) {
  std::vector<proto::TripleMetaDelta> deltas;
  for (int index = 0; index < count; ++index) {
    proto::TripleMetaDelta& delta = deltas.emplace_back();
    // Every seventh operand repeats the piece of a document 40 operands before.
    const int document = index % 7 == 6 && index >= 40 ? index - 40 : index;
    *delta.add_added() = Piece(document, 0, 1990 + index % 30);
    if (index % 5 == 0) *delta.add_added() = Piece(index, 3, 2000);
    if (index % 50 == 49) {
      delta.add_retracted_document_ids(absl::StrCat("doc-", index - 10));
      delta.add_retracted_document_ids(absl::StrCat("doc-", index - 20));
    }
    if (index == count / 3 || index == count / 2) {
      proto::Property* property = delta.add_properties();
      property->set_key("weight");
      property->mutable_value()->set_int_value(index);
    }
  }
  return deltas;
}

std::string Merged(const proto::TripleMeta* existing,
                   const std::vector<proto::TripleMetaDelta>& deltas) {
  std::vector<std::string> bytes;
  for (const proto::TripleMetaDelta& delta : deltas) bytes.push_back(delta.SerializeAsString());
  std::vector<rocksdb::Slice> operands(bytes.begin(), bytes.end());
  const std::string existing_bytes = existing != nullptr ? existing->SerializeAsString() : "";
  const rocksdb::Slice existing_slice(existing_bytes);
  const rocksdb::Slice key("key");
  rocksdb::MergeOperator::MergeOperationInput input(
      key, existing != nullptr ? &existing_slice : nullptr, operands, nullptr);
  std::string new_value;
  rocksdb::Slice existing_operand;
  rocksdb::MergeOperator::MergeOperationOutput output(new_value, existing_operand);
  EXPECT_TRUE(NewEvidenceMergeOperator()->FullMergeV2(input, &output));
  return new_value;
}

void ExpectMergeEqualsApplyInTurn(const proto::TripleMeta* existing, int count) {
  const std::vector<proto::TripleMetaDelta> deltas = Operands(count);
  proto::TripleMeta expected;
  if (existing != nullptr) expected = *existing;
  for (const proto::TripleMetaDelta& delta : deltas) ApplyDelta(delta, &expected);
  proto::TripleMeta merged;
  ASSERT_TRUE(merged.ParseFromString(Merged(existing, deltas)));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(merged, expected))
      << "merged:\n"
      << merged.ShortDebugString().substr(0, 2000) << "\nexpected:\n"
      << expected.ShortDebugString().substr(0, 2000);
  EXPECT_EQ(merged.count(), merged.evidence_size());
}

TEST(EvidenceMergeTest, FewOperandsMergeAsEachAppliedInTurn) {
  ExpectMergeEqualsApplyInTurn(nullptr, 9);
}

TEST(EvidenceMergeTest, ManyOperandsMergeAsEachAppliedInTurn) {
  ExpectMergeEqualsApplyInTurn(nullptr, 400);
}

TEST(EvidenceMergeTest, OperandsOnAnExistingValueMergeAsEachAppliedInTurn) {
  proto::TripleMeta existing;
  for (const proto::TripleMetaDelta& delta : Operands(30)) ApplyDelta(delta, &existing);
  ASSERT_GT(existing.evidence_size(), 16);
  ExpectMergeEqualsApplyInTurn(&existing, 300);
}

TEST(EvidenceMergeTest, ARepeatedPieceIsKeptOnceAndARetractedOneGoes) {
  proto::TripleMetaDelta first;
  for (int document = 0; document < 40; ++document) *first.add_added() = Piece(document, 1, 2020);
  proto::TripleMetaDelta again = first;  // the same documents loaded again
  proto::TripleMetaDelta retract;
  retract.add_retracted_document_ids("doc-3");
  proto::TripleMeta merged;
  ASSERT_TRUE(merged.ParseFromString(Merged(nullptr, {first, again, retract, again})));
  // doc-3's piece is retracted, then stated again by the last operand: all 40 are there.
  EXPECT_EQ(merged.evidence_size(), 40);
  ASSERT_TRUE(merged.ParseFromString(Merged(nullptr, {first, again, retract})));
  EXPECT_EQ(merged.evidence_size(), 39);
  EXPECT_EQ(merged.count(), 39);
  for (const proto::Evidence& piece : merged.evidence()) EXPECT_NE(piece.document_id(), "doc-3");
}

}  // namespace
}  // namespace quarry::graph
