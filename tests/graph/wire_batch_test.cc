// Tests of graph/wire_batch.h: a batch read in place must give the terms and evidence that
// parsing it gives, and anything outside the canonical shape must be refused (so that it is
// parsed as a message instead).
#include "graph/wire_batch.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "proto/quarry.pb.h"
#include "tests/graph/graph_test_util.h"

namespace quarry::graph {
namespace {

using ::quarry::graph::testing::MakeBatch;
using ::quarry::graph::testing::MakeTriple;

std::string Varint(uint64_t value) {
  std::string bytes;
  for (; value >= 0x80; value >>= 7) bytes.push_back(static_cast<char>((value & 0x7f) | 0x80));
  bytes.push_back(static_cast<char>(value));
  return bytes;
}

// A length-delimited field.
std::string Field(int number, absl::string_view bytes) {
  return absl::StrCat(Varint(static_cast<uint64_t>(number) << 3 | 2), Varint(bytes.size()), bytes);
}

proto::Evidence SentenceEvidence(int sentence) {
  proto::Evidence evidence;
  evidence.set_document_id("article-1");
  evidence.set_sentence_index(sentence);
  evidence.mutable_span()->set_begin(10);
  evidence.mutable_span()->set_end(42);
  evidence.set_rule("met/verb");
  evidence.set_confidence(0.8f);
  return evidence;
}

// The bytes a piece keeps: the evidence without its document id.
std::string WithoutDocumentId(proto::Evidence evidence) {
  evidence.clear_document_id();
  return evidence.SerializeAsString();
}

TEST(WireBatchTest, ReadsTermsAndEvidenceInPlace) {
  proto::TripleBatch batch =
      MakeBatch("article-1", {MakeTriple(NodeTerm("Ana Lima"), "met", NodeTerm("Joao Silva")),
                              MakeTriple(NodeTerm("Ana Lima"), ":label", LabelTerm("Person")),
                              MakeTriple(NodeTerm("Ana Lima"), "alias", StringTerm("Lima")),
                              MakeTriple(NodeTerm("Ana Lima"), "role", StringTerm(""))});
  *batch.mutable_triples(0)->add_evidence() = SentenceEvidence(2);
  proto::Evidence dated = SentenceEvidence(-1);
  dated.mutable_event_date()->set_year(2026);
  dated.mutable_event_date()->set_month(3);
  dated.set_event_place("Lisbon");
  *batch.mutable_triples(0)->add_evidence() = dated;
  proto::Evidence no_id = SentenceEvidence(0);
  no_id.clear_document_id();
  no_id.mutable_document_date()->set_year(2025);
  *batch.mutable_triples(1)->add_evidence() = no_id;
  *batch.mutable_triples(2)->add_evidence() = SentenceEvidence(3);
  *batch.mutable_triples(3)->add_evidence() = SentenceEvidence(4);
  const std::string bytes = batch.SerializeAsString();

  WireBatch wire;
  ASSERT_TRUE(wire.Read(bytes));
  EXPECT_EQ(wire.document().id(), "article-1");
  ASSERT_EQ(wire.triples().size(), 4u);
  const WireTriple& met = wire.triples()[0];
  EXPECT_EQ(met.subject, "Ana Lima");
  EXPECT_EQ(met.predicate, "met");
  EXPECT_EQ(met.object_kind, TermKind::kNode);
  EXPECT_EQ(met.object, "Joao Silva");
  EXPECT_EQ(met.piece_count, 2u);
  EXPECT_EQ(wire.triples()[1].object_kind, TermKind::kLabel);
  EXPECT_EQ(wire.triples()[1].object, "Person");
  EXPECT_EQ(wire.triples()[2].object_kind, TermKind::kString);
  EXPECT_EQ(wire.triples()[2].object, "Lima");
  EXPECT_EQ(wire.triples()[3].object_kind, TermKind::kString);  // an empty string is a string
  EXPECT_EQ(wire.triples()[3].object, "");

  ASSERT_EQ(wire.pieces().size(), 5u);
  const WirePiece& first = wire.pieces()[met.first_piece];
  EXPECT_EQ(first.bytes, WithoutDocumentId(SentenceEvidence(2)));
  EXPECT_FALSE(first.dated);
  const WirePiece& second = wire.pieces()[met.first_piece + 1];
  EXPECT_EQ(second.bytes, WithoutDocumentId(dated));
  EXPECT_TRUE(second.dated);
  EXPECT_FALSE(second.has_document_date);
  const WirePiece& third = wire.pieces()[wire.triples()[1].first_piece];
  EXPECT_EQ(third.bytes, no_id.SerializeAsString());
  EXPECT_TRUE(third.has_document_date);

  // Reading again reuses the object and forgets the batch before.
  const std::string small =
      MakeBatch("article-2", {MakeTriple(NodeTerm("X"), "p", NodeTerm("Y"))}).SerializeAsString();
  EXPECT_FALSE(wire.Read(small));  // a triple without evidence is not read in place
  proto::TripleBatch one = MakeBatch("article-2", {MakeTriple(NodeTerm("X"), "p", NodeTerm("Y"))});
  *one.mutable_triples(0)->add_evidence() = SentenceEvidence(1);
  const std::string one_bytes = one.SerializeAsString();
  ASSERT_TRUE(wire.Read(one_bytes));
  EXPECT_EQ(wire.document().id(), "article-2");
  EXPECT_EQ(wire.triples().size(), 1u);
  EXPECT_EQ(wire.pieces().size(), 1u);
}

// Random evidence, serialized by protobuf: both readers must find what the message holds.
TEST(WireBatchTest, EvidenceFieldsAgreeWithTheMessage) {
  std::mt19937 random(7);
  auto pick = [&random](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  const std::vector<std::string> rules = {"", "met/verb", "call/noun", "visit/é"};
  for (int round = 0; round < 2000; ++round) {
    proto::Evidence evidence;
    if (pick(0, 1) == 1) evidence.set_sentence_index(pick(-3, 40));
    if (pick(0, 2) != 0) {
      evidence.mutable_span()->set_begin(static_cast<uint32_t>(pick(0, 1 << 20)));
      evidence.mutable_span()->set_end(static_cast<uint32_t>(pick(0, 1 << 20)));
    }
    evidence.set_rule(rules[pick(0, 3)]);
    if (pick(0, 1) == 1) evidence.set_confidence(static_cast<float>(pick(0, 10)) / 10);
    if (pick(0, 2) == 0) {
      evidence.mutable_event_date()->set_year(pick(-50, 2030));
      evidence.mutable_event_date()->set_month(pick(0, 12));
    }
    if (pick(0, 3) == 0) evidence.set_event_place("Quelimane");
    if (pick(0, 2) == 0) {
      evidence.mutable_document_date()->set_year(pick(1990, 2030));
      evidence.mutable_document_date()->set_day(pick(0, 31));
    }
    const std::string bytes = evidence.SerializeAsString();
    EvidenceFields read;
    ASSERT_TRUE(ReadEvidenceFields(bytes, &read)) << evidence.ShortDebugString();
    EvidenceFields decoded;
    DecodeEvidenceFields(bytes, &decoded);
    for (const EvidenceFields* fields : {&read, &decoded}) {
      EXPECT_EQ(fields->sentence, evidence.sentence_index());
      EXPECT_EQ(fields->begin, evidence.span().begin());
      EXPECT_EQ(fields->end, evidence.span().end());
      EXPECT_EQ(fields->rule, evidence.rule());
      EXPECT_EQ(fields->event_date.present, evidence.has_event_date());
      EXPECT_EQ(fields->event_date.year, evidence.event_date().year());
      EXPECT_EQ(fields->event_date.month, evidence.event_date().month());
      EXPECT_EQ(fields->document_date.present, evidence.has_document_date());
      EXPECT_EQ(fields->document_date.year, evidence.document_date().year());
      EXPECT_EQ(fields->document_date.day, evidence.document_date().day());
    }
  }
}

// Everything that a protobuf parse could read differently, or that is no plain triple, is
// refused.
TEST(WireBatchTest, RefusesWhatItCannotReadInPlace) {
  const std::string document = Field(1, Field(1, "article-1"));
  const std::string subject = Field(1, Field(1, "Ana"));
  const std::string predicate = Field(2, "met");
  const std::string object = Field(3, Field(1, "Joao"));
  const std::string evidence = Field(4, absl::StrCat("\x10\x02", Field(4, "met/verb")));
  auto batch = [&](const std::string& triple) { return absl::StrCat(document, Field(2, triple)); };

  WireBatch wire;
  ASSERT_TRUE(wire.Read(batch(absl::StrCat(subject, predicate, object, evidence))));

  const std::vector<std::pair<std::string, std::string>> refused = {
      {"no evidence", batch(absl::StrCat(subject, predicate, object))},
      {"properties",
       batch(absl::StrCat(subject, predicate, object, evidence, Field(5, Field(1, "k"))))},
      {"an int object", batch(absl::StrCat(subject, predicate, Field(3, "\x20\x07"), evidence))},
      {"a string subject",
       batch(absl::StrCat(Field(1, Field(3, "Ana")), predicate, object, evidence))},
      {"an empty node", batch(absl::StrCat(subject, predicate, Field(3, Field(1, "")), evidence))},
      {"no predicate", batch(absl::StrCat(subject, object, evidence))},
      {"a label without :label",
       batch(absl::StrCat(subject, predicate, Field(3, Field(2, "Person")), evidence))},
      {":label without a label",
       batch(absl::StrCat(subject, Field(2, ":label"), object, evidence))},
      {"two terms in one",
       batch(
           absl::StrCat(subject, predicate, Field(3, Field(1, "Joao") + Field(3, "x")), evidence))},
      {"fields out of order", batch(absl::StrCat(predicate, subject, object, evidence))},
      {"a field twice", batch(absl::StrCat(subject, subject, predicate, object, evidence))},
      {"an unknown field", batch(absl::StrCat(subject, predicate, object, evidence, "\x48\x01"))},
      {"invalid UTF-8",
       batch(absl::StrCat(Field(1, Field(1, "Ana\xC3")), predicate, object, evidence))},
      {"a surrogate",
       batch(absl::StrCat(Field(1, Field(1, "\xED\xA0\x80")), predicate, object, evidence))},
      {"an explicit zero", batch(absl::StrCat(subject, predicate, object, Field(4, "\x10\x00")))},
      {"a long varint", batch(absl::StrCat(subject, predicate, object, Field(4, "\x10\x82\x00")))},
      {"evidence out of order",
       batch(absl::StrCat(subject, predicate, object,
                          Field(4, absl::StrCat(Field(4, "met/verb"), "\x10\x02"))))},
      {"an empty rule", batch(absl::StrCat(subject, predicate, object, Field(4, Field(4, ""))))},
      {"a truncated triple",
       absl::StrCat(document, "\x12\x40", subject, predicate, object, evidence)},
      {"no document", Field(2, absl::StrCat(subject, predicate, object, evidence))},
      {"a batch field after the triples",
       absl::StrCat(batch(absl::StrCat(subject, predicate, object, evidence)), document)},
  };
  for (const auto& [what, bytes] : refused) EXPECT_FALSE(wire.Read(bytes)) << what;
}

}  // namespace
}  // namespace quarry::graph
