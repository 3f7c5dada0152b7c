// ArticleExtractor: the article pipeline, composed from its pure stages:
//   Normalize -> Tokenize -> SplitSentences -> ChunkSentence -> FindPersons ->
//   ResolvePersons -> FindRelations (with ResolveFromContext) -> BuildTriples
// and producing one TripleBatch per article: the Document and every triple with evidence
// (document id, sentence index, byte span in the original text, rule, confidence, event
// date and place, document date).
#ifndef QUARRY_LOADERS_ARTICLE_EXTRACTOR_H_
#define QUARRY_LOADERS_ARTICLE_EXTRACTOR_H_

#include "absl/status/statusor.h"
#include "loaders/article_reader.h"
#include "loaders/knowledge.h"
#include "loaders/name_resolver.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders {

// Extracts triples from articles. Holds a reference to `knowledge`, which must outlive it.
// Extract is const and thread-safe (given a thread-safe resolver).
//
// The Document node of an article is keyed by the document id (quarry::ContentHash of
// Article::text) and gets the triples (id, :label, Document), (id, title, "…") and
// (id, source, "…") when known, and (id, date, DATE) when the article's date is known.
// Every entity the article mentions gets (entity, mentioned_in, id).
class ArticleExtractor {
 public:
  explicit ArticleExtractor(const Knowledge& knowledge) : knowledge_(knowledge) {}

  // Extracts one article. `resolver` (nullable) resolves names across documents.
  // Errors: kInvalidArgument "invalid UTF-8 at byte N" for bad text.
  absl::StatusOr<proto::TripleBatch> Extract(const Article& article,
                                             const NameResolver* resolver = nullptr) const;

 private:
  const Knowledge& knowledge_;
};

}  // namespace quarry::loaders

#endif  // QUARRY_LOADERS_ARTICLE_EXTRACTOR_H_
