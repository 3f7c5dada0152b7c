// Triple builder: the last pipeline stage. Turns resolved people, entities and relations
// into a TripleBatch, merging duplicate triples into one with several pieces of evidence and
// mapping spans back to the original text.
#ifndef QUARRY_LOADERS_TRIPLE_BUILDER_H_
#define QUARRY_LOADERS_TRIPLE_BUILDER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "loaders/normalizer.h"
#include "loaders/tokenizer.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders {

// Collects triples for one document.
class TripleBuilder {
 public:
  // `tokens` index `normalized`; `sentence_token_ranges[i]` is sentence i's token range.
  TripleBuilder(proto::Document document, const NormalizedText& normalized,
                const std::vector<Token>& tokens,
                std::vector<std::pair<int, int>> sentence_token_ranges);

  // Adds (subject, predicate, object) with evidence from tokens [token_begin, token_end) of
  // `sentence` (-1: no sentence, an empty span).
  void Add(const std::string& subject, const std::string& predicate, const proto::Term& object,
           int sentence, int token_begin, int token_end, const std::string& rule, float confidence,
           const proto::Date* event_date = nullptr, const std::string& event_place = "");

  // The finished batch (the document with its sentence spans, then the triples in the order
  // first added).
  proto::TripleBatch Finish();

 private:
  proto::TripleBatch batch_;
  const NormalizedText& normalized_;
  const std::vector<Token>& tokens_;
  std::vector<std::pair<int, int>> sentences_;
  absl::flat_hash_map<std::string, int> index_;
};

proto::Term NodeTermOf(const std::string& name);
proto::Term LabelTermOf(const std::string& label);
proto::Term StringTermOf(const std::string& value);

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_TRIPLE_BUILDER_H_
