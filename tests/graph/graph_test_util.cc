// Helpers for the graph/ tests; see graph_test_util.h.
#include "tests/graph/graph_test_util.h"

#include <algorithm>

#include "graph/layout.h"
#include "gtest/gtest.h"
#include "rocksdb/iterator.h"

namespace quarry::graph::testing {

proto::Triple MakeTriple(const proto::Term& subject, absl::string_view predicate,
                         const proto::Term& object) {
  proto::Triple triple;
  *triple.mutable_subject() = subject;
  triple.set_predicate(std::string(predicate));
  *triple.mutable_object() = object;
  return triple;
}

proto::TripleBatch MakeBatch(absl::string_view document_id, std::vector<proto::Triple> triples) {
  proto::TripleBatch batch;
  batch.mutable_document()->set_id(std::string(document_id));
  batch.mutable_document()->set_title("title of " + std::string(document_id));
  batch.mutable_document()->set_format("tsv");
  for (proto::Triple& triple : triples) *batch.add_triples() = std::move(triple);
  return batch;
}

TermId IdOf(const Snapshot& snapshot, const proto::Term& term) {
  absl::StatusOr<std::optional<TermId>> id = snapshot.FindTerm(term);
  if (!id.ok() || !id->has_value()) {
    ADD_FAILURE() << "no id for term " << term.ShortDebugString() << ": " << id.status();
    return 0;
  }
  return **id;
}

TermId PredicateIdOf(const Snapshot& snapshot, absl::string_view predicate) {
  absl::StatusOr<std::optional<TermId>> id = snapshot.FindPredicate(predicate);
  if (!id.ok() || !id->has_value()) {
    ADD_FAILURE() << "no id for predicate " << predicate << ": " << id.status();
    return 0;
  }
  return **id;
}

std::optional<IdTriple> ResolveTriple(const Snapshot& snapshot, const proto::Triple& triple) {
  absl::StatusOr<std::optional<TermId>> subject = snapshot.FindTerm(triple.subject());
  absl::StatusOr<std::optional<TermId>> predicate = snapshot.FindPredicate(triple.predicate());
  absl::StatusOr<std::optional<TermId>> object = snapshot.FindTerm(triple.object());
  if (!subject.ok() || !predicate.ok() || !object.ok()) {
    ADD_FAILURE() << "dictionary read failed";
    return std::nullopt;
  }
  if (!subject->has_value() || !predicate->has_value() || !object->has_value()) {
    return std::nullopt;
  }
  return IdTriple{**subject, **predicate, **object};
}

std::vector<IdTriple> ScanToVector(const Snapshot& snapshot, const TriplePattern& pattern) {
  std::vector<IdTriple> triples;
  absl::Status status = snapshot.Scan(pattern, [&](const IdTriple& triple) {
    triples.push_back(triple);
    return true;
  });
  EXPECT_TRUE(status.ok()) << status;
  return triples;
}

std::set<IdTriple> AllTriples(const Snapshot& snapshot) {
  std::vector<IdTriple> triples = ScanToVector(snapshot, TriplePattern());
  return std::set<IdTriple>(triples.begin(), triples.end());
}

std::vector<TriplePattern> PatternsContaining(const IdTriple& triple) {
  std::vector<TriplePattern> patterns;
  for (int mask = 0; mask < 8; ++mask) {
    TriplePattern pattern;
    if ((mask & 4) != 0) pattern.subject = triple.subject;
    if ((mask & 2) != 0) pattern.predicate = triple.predicate;
    if ((mask & 1) != 0) pattern.object = triple.object;
    patterns.push_back(pattern);
  }
  return patterns;
}

std::vector<std::string> EvidenceDocuments(const Snapshot& snapshot, const IdTriple& triple) {
  std::vector<std::string> documents;
  absl::StatusOr<std::optional<proto::TripleMeta>> meta = snapshot.GetMeta(triple);
  if (!meta.ok()) {
    ADD_FAILURE() << meta.status();
    return documents;
  }
  if (!meta->has_value()) return documents;
  for (const proto::Evidence& evidence : (*meta)->evidence()) {
    documents.push_back(evidence.document_id());
  }
  std::sort(documents.begin(), documents.end());
  EXPECT_EQ((*meta)->count(), (*meta)->evidence_size());
  return documents;
}

GraphStats Recount(const Snapshot& snapshot) {
  GraphStats stats;
  absl::Status status = snapshot.Scan(TriplePattern(), [&](const IdTriple& triple) {
    ++stats.triples;
    ++stats.predicate_counts[triple.predicate];
    if (triple.predicate == kLabelPredicateId) ++stats.label_counts[triple.object];
    return true;
  });
  EXPECT_TRUE(status.ok()) << status;
  absl::StatusOr<std::vector<proto::Document>> documents = snapshot.ListDocuments();
  EXPECT_TRUE(documents.ok()) << documents.status();
  if (documents.ok()) stats.documents = static_cast<int64_t>(documents->size());
  return stats;
}

namespace {

std::map<TermId, int64_t> Sorted(const absl::flat_hash_map<TermId, int64_t>& counts) {
  return std::map<TermId, int64_t>(counts.begin(), counts.end());
}

}  // namespace

void ExpectStatsEqual(const GraphStats& actual, const GraphStats& expected) {
  EXPECT_EQ(actual.triples, expected.triples);
  EXPECT_EQ(actual.documents, expected.documents);
  EXPECT_EQ(Sorted(actual.predicate_counts), Sorted(expected.predicate_counts));
  EXPECT_EQ(Sorted(actual.label_counts), Sorted(expected.label_counts));
}

void ExpectStatsMatchRecount(const Snapshot& snapshot) {
  absl::StatusOr<GraphStats> stats = snapshot.ReadStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  ExpectStatsEqual(*stats, Recount(snapshot));
}

std::map<std::pair<int, std::string>, std::string> DumpStore(const Snapshot& snapshot) {
  std::map<std::pair<int, std::string>, std::string> contents;
  for (int family = 0; family < layout::kFamilyCount; ++family) {
    std::unique_ptr<rocksdb::Iterator> iterator = snapshot.NewIterator(family);
    for (iterator->SeekToFirst(); iterator->Valid(); iterator->Next()) {
      contents[{family, iterator->key().ToString()}] = iterator->value().ToString();
    }
    EXPECT_TRUE(iterator->status().ok()) << iterator->status().ToString();
  }
  return contents;
}

std::map<std::pair<int, std::string>, std::string> DumpStoreByTriple(const Snapshot& snapshot) {
  std::map<std::pair<int, std::string>, std::string> contents = DumpStore(snapshot);
  std::vector<std::pair<std::string, std::string>> runs;
  for (auto it = contents.begin(); it != contents.end();) {
    if (it->first.first != layout::kDocTriples) {
      ++it;
      continue;
    }
    runs.emplace_back(it->first.second, it->second);
    it = contents.erase(it);
  }
  for (const auto& [key, value] : runs) {
    const size_t prefix = key.find('\0') + 1;
    std::vector<IdTriple> triples;
    EXPECT_TRUE(layout::DecodeDocTriplesRun(absl::string_view(key).substr(prefix), value, &triples))
        << "malformed doc_triples entry";
    for (const IdTriple& triple : triples) {
      contents[{layout::kDocTriples, key.substr(0, prefix) + layout::SpoKey(triple)}] = "";
    }
  }
  return contents;
}

}  // namespace quarry::graph::testing
