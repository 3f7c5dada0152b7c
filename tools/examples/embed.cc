// Embedding Quarry: open a database, apply a batch of triples, scan a pattern, query.
//
//   quarry_embed_example DIR
#include <iostream>

#include "proto/quarry.pb.h"
#include "quarry/database.h"

namespace {

// A triple (subject, predicate, node object) with no evidence of its own: Apply records the
// batch's document as its evidence.
void AddEdge(quarry::proto::TripleBatch& batch, const std::string& subject,
             const std::string& predicate, const std::string& object) {
  quarry::proto::Triple* triple = batch.add_triples();
  triple->mutable_subject()->set_node(subject);
  triple->set_predicate(predicate);
  triple->mutable_object()->set_node(object);
}

void AddLabel(quarry::proto::TripleBatch& batch, const std::string& node,
              const std::string& label) {
  quarry::proto::Triple* triple = batch.add_triples();
  triple->mutable_subject()->set_node(node);
  triple->set_predicate(":label");
  triple->mutable_object()->set_label(label);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: quarry_embed_example DIR\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<quarry::Database>> database = quarry::Database::Open(argv[1]);
  if (!database.ok()) {
    std::cerr << database.status() << "\n";
    return 1;
  }

  quarry::proto::TripleBatch batch;
  batch.mutable_document()->set_id("example-document-1");
  batch.mutable_document()->set_title("Embedding example");
  AddLabel(batch, "Ada Example", "Person");
  AddLabel(batch, "Bo Sample", "Person");
  AddLabel(batch, "Freedonia", "Country");
  AddEdge(batch, "Ada Example", "met", "Bo Sample");
  AddEdge(batch, "Ada Example", "affiliated_with", "Freedonia");
  absl::StatusOr<quarry::LoadSummary> loaded = (*database)->Apply(batch);
  if (!loaded.ok()) {
    std::cerr << loaded.status() << "\n";
    return 1;
  }
  std::cout << "applied " << loaded->triples_in_document << " triples (" << loaded->triples_added
            << " new)\n";

  // Scan: everything Ada Example is the subject of.
  quarry::MatchPattern pattern;
  pattern.subject = "Ada Example";
  absl::StatusOr<std::vector<quarry::TripleText>> triples = (*database)->Match(pattern);
  if (!triples.ok()) {
    std::cerr << triples.status() << "\n";
    return 1;
  }
  for (const quarry::TripleText& triple : *triples) {
    std::cout << triple.subject << "\t" << triple.predicate << "\t" << triple.object.ToString()
              << "\n";
  }
  return 0;
}
