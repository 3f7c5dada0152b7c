// Triple builder implementation.
#include "loaders/triple_builder.h"

#include "absl/strings/str_cat.h"

namespace quarry::loaders {

proto::Term NodeTermOf(const std::string& name) {
  proto::Term term;
  term.set_node(name);
  return term;
}

proto::Term LabelTermOf(const std::string& label) {
  proto::Term term;
  term.set_label(label);
  return term;
}

proto::Term StringTermOf(const std::string& value) {
  proto::Term term;
  term.set_string_value(value);
  return term;
}

TripleBuilder::TripleBuilder(proto::Document document, const NormalizedText& normalized,
                             const std::vector<Token>& tokens,
                             std::vector<std::pair<int, int>> sentence_token_ranges)
    : normalized_(normalized), tokens_(tokens), sentences_(std::move(sentence_token_ranges)) {
  *batch_.mutable_document() = std::move(document);
  for (const auto& [begin, end] : sentences_) {
    proto::Span* span = batch_.mutable_document()->add_sentences();
    if (begin < end) {
      span->set_begin(normalized_.Original(tokens_[begin].begin));
      span->set_end(normalized_.Original(tokens_[end - 1].end));
    }
  }
}

void TripleBuilder::Add(const std::string& subject, const std::string& predicate,
                        const proto::Term& object, int sentence, int token_begin, int token_end,
                        const std::string& rule, float confidence, const proto::Date* event_date,
                        const std::string& event_place) {
  if (subject.empty()) return;
  std::string key;
  switch (object.value_case()) {
    case proto::Term::kNode:
      key = absl::StrCat(subject, "\x1f", predicate, "\x1fn", object.node());
      break;
    case proto::Term::kLabel:
      key = absl::StrCat(subject, "\x1f", predicate, "\x1fl", object.label());
      break;
    case proto::Term::kStringValue:
      key = absl::StrCat(subject, "\x1f", predicate, "\x1fs", object.string_value());
      break;
    default:
      key = absl::StrCat(subject, "\x1f", predicate, "\x1fo", object.SerializeAsString());
      break;
  }
  auto [it, inserted] = index_.emplace(key, batch_.triples_size());
  proto::Triple* triple;
  if (inserted) {
    triple = batch_.add_triples();
    triple->mutable_subject()->set_node(subject);
    triple->set_predicate(predicate);
    *triple->mutable_object() = object;
  } else {
    triple = batch_.mutable_triples(it->second);
  }
  // One piece of evidence per sentence, from the most confident rule that fired there, so
  // that r.count counts the sentences reporting a fact, not the rules that matched it.
  proto::Evidence* evidence = nullptr;
  for (proto::Evidence& existing : *triple->mutable_evidence()) {
    if (existing.sentence_index() != sentence) continue;
    if (existing.confidence() >= confidence) return;
    evidence = &existing;
    evidence->Clear();
    break;
  }
  if (evidence == nullptr) evidence = triple->add_evidence();
  evidence->set_document_id(batch_.document().id());
  evidence->set_sentence_index(sentence);
  if (sentence >= 0 && token_begin < token_end && token_end <= static_cast<int>(tokens_.size())) {
    evidence->mutable_span()->set_begin(normalized_.Original(tokens_[token_begin].begin));
    evidence->mutable_span()->set_end(normalized_.Original(tokens_[token_end - 1].end));
  }
  evidence->set_rule(rule);
  evidence->set_confidence(confidence);
  if (event_date != nullptr && event_date->year() > 0)
    *evidence->mutable_event_date() = *event_date;
  if (!event_place.empty()) evidence->set_event_place(event_place);
  if (batch_.document().has_date()) *evidence->mutable_document_date() = batch_.document().date();
}

proto::TripleBatch TripleBuilder::Finish() { return std::move(batch_); }

}  // namespace quarry::loaders
