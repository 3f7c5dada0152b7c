// Evaluator implementation.
#include "loaders/evaluator.h"

#include <cstdlib>
#include <set>

#include <utf8proc.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "loaders/normalizer.h"

namespace quarry::loaders {
namespace {

struct Fact {
  std::string article, subject, relation, object, sentence;
};

bool Symmetric(const std::string& relation) {
  return relation == "met" || relation == "talked_with" || relation == "plans_to_meet";
}

// `text` with combining marks removed after canonical decomposition ("Côte" -> "Cote").
std::string WithoutAccents(const std::string& text) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
  if (length < 0 || mapped == nullptr) return text;
  std::string result(reinterpret_cast<char*>(mapped), static_cast<size_t>(length));
  std::free(mapped);
  return result;
}

class NameNormalizer {
 public:
  explicit NameNormalizer(const Knowledge* knowledge) : knowledge_(knowledge) {}

  // The form two roles are compared in: normalized text without accents or case. A title
  // keeps its first word even when it may be an honorific too ("professor of economics").
  static std::string Title(absl::string_view title) {
    absl::StatusOr<NormalizedText> normalized = Normalize(title, "text");
    return absl::AsciiStrToLower(
        WithoutAccents(normalized.ok() ? normalized->text : std::string(title)));
  }

  // The form two names are compared in: normalized text without accents or case, leading
  // honorifics dropped, and a name the gazetteer knows replaced by its canonical entity
  // ("ASEAN" and "Association of Southeast Asian Nations", "Côte d'Ivoire" and "Cote
  // d'Ivoire" match).
  std::string operator()(absl::string_view name) const {
    std::string text = Title(name);
    if (knowledge_ != nullptr) {
      if (const PhraseInfo* info = knowledge_->FindPhrase(text);
          info != nullptr && !info->entities.empty()) {
        text = absl::AsciiStrToLower(WithoutAccents(info->entities.front().target));
      }
    }
    std::vector<std::string> words = absl::StrSplit(text, ' ', absl::SkipEmpty());
    // Strip leading honorifics ("his highness", "mr.").
    bool stripped = true;
    while (stripped && knowledge_ != nullptr && words.size() > 1) {
      stripped = false;
      for (size_t n = std::min<size_t>(3, words.size() - 1); n >= 1; --n) {
        std::string phrase =
            absl::StrJoin(std::vector<std::string>(words.begin(), words.begin() + n), " ");
        if (knowledge_->WordHas(phrase, kHonorific)) {
          words.erase(words.begin(), words.begin() + n);
          stripped = true;
          break;
        }
      }
    }
    return absl::StrJoin(words, " ");
  }

 private:
  const Knowledge* knowledge_;
};

bool Matches(const Fact& predicted, const Fact& gold, const NameNormalizer& norm) {
  if (predicted.article != gold.article || predicted.relation != gold.relation) return false;
  const std::string ps = norm(predicted.subject), gs = norm(gold.subject);
  if (gold.relation == "role") {
    const std::string po = NameNormalizer::Title(predicted.object);
    const std::string go = NameNormalizer::Title(gold.object);
    return ps == gs && !po.empty() && !go.empty() &&
           (absl::StrContains(po, go) || absl::StrContains(go, po));
  }
  const std::string po = norm(predicted.object), go = norm(gold.object);
  if (ps == gs && po == go) return true;
  return Symmetric(gold.relation) && ps == go && po == gs;
}

std::string Render(const proto::Term& term) {
  switch (term.value_case()) {
    case proto::Term::kNode:
      return term.node();
    case proto::Term::kLabel:
      return term.label();
    case proto::Term::kStringValue:
      return term.string_value();
    default:
      return "";
  }
}

std::string EvidenceSentence(const proto::TripleBatch& batch, const proto::Triple& triple) {
  for (const proto::Evidence& evidence : triple.evidence()) {
    int index = evidence.sentence_index();
    if (index < 0 || index >= batch.document().sentences_size()) continue;
    const proto::Span& span = batch.document().sentences(index);
    const std::string& text = batch.document().text();
    if (span.end() <= text.size() && span.begin() < span.end()) {
      std::string sentence = text.substr(span.begin(), span.end() - span.begin());
      for (char& c : sentence) {
        if (c == '\n') c = ' ';
      }
      return sentence;
    }
  }
  return "";
}

void Count(EvalCounts* counts, bool is_gold, bool matched) {
  if (is_gold) {
    ++counts->gold;
    if (matched) ++counts->matched_gold;
  } else {
    ++counts->predicted;
    if (matched) ++counts->matched_predicted;
  }
}

}  // namespace

absl::StatusOr<EvalReport> Evaluate(absl::string_view gold, absl::string_view gold_file_name,
                                    const std::vector<PredictedArticle>& predictions,
                                    const Knowledge* knowledge) {
  std::vector<Fact> gold_facts;
  std::set<std::string> relations;
  std::vector<std::string> articles;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(gold, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty() || absl::StartsWith(line, "#")) continue;
    std::vector<std::string> columns = absl::StrSplit(line, '\t');
    if (line_number == 1 && !columns.empty() && columns[0] == "article") continue;
    if (columns.size() < 4) {
      return absl::InvalidArgumentError(absl::StrCat(
          gold_file_name, ":", line_number, ": expected at least 4 tab-separated columns"));
    }
    Fact fact{columns[0], columns[1], columns[2], columns[3], ""};
    if (std::find(articles.begin(), articles.end(), fact.article) == articles.end())
      articles.push_back(fact.article);
    if (fact.relation == "group_met") continue;
    if (columns.size() > 4) {
      absl::string_view note = columns[4];
      size_t open = note.find("ev: \"");
      if (open != absl::string_view::npos) {
        size_t close = note.find('"', open + 5);
        fact.sentence = std::string(note.substr(open + 5, close == absl::string_view::npos
                                                              ? absl::string_view::npos
                                                              : close - open - 5));
      }
    }
    relations.insert(fact.relation);
    gold_facts.push_back(std::move(fact));
  }
  NameNormalizer norm(knowledge);
  std::vector<Fact> predicted;
  std::set<std::string> seen_articles;
  for (const PredictedArticle& prediction : predictions) {
    if (std::find(articles.begin(), articles.end(), prediction.article) == articles.end()) continue;
    seen_articles.insert(prediction.article);
    for (const proto::Triple& triple : prediction.batch.triples()) {
      if (!relations.count(triple.predicate())) continue;
      predicted.push_back(Fact{prediction.article, triple.subject().node(), triple.predicate(),
                               Render(triple.object()),
                               EvidenceSentence(prediction.batch, triple)});
    }
  }
  EvalReport report;
  for (const std::string& article : articles) {
    if (!seen_articles.count(article)) report.missing_articles.push_back(article);
  }
  for (const std::string& relation : relations) report.by_relation[relation];
  for (const Fact& fact : predicted) {
    bool matched = false;
    for (const Fact& g : gold_facts) matched = matched || Matches(fact, g, norm);
    Count(&report.by_relation[fact.relation], false, matched);
    Count(&report.overall, false, matched);
    if (fact.relation == "met" || fact.relation == "talked_with")
      Count(&report.met_or_talked, false, matched);
    if (!matched)
      report.false_positives.push_back(
          {fact.article, fact.subject, fact.relation, fact.object, fact.sentence});
  }
  for (const Fact& g : gold_facts) {
    bool matched = false;
    for (const Fact& fact : predicted) matched = matched || Matches(fact, g, norm);
    Count(&report.by_relation[g.relation], true, matched);
    Count(&report.overall, true, matched);
    if (g.relation == "met" || g.relation == "talked_with")
      Count(&report.met_or_talked, true, matched);
    if (!matched) report.misses.push_back({g.article, g.subject, g.relation, g.object, g.sentence});
  }
  return report;
}

std::string FormatEvalReport(const EvalReport& report) {
  std::string out = absl::StrFormat("%-18s %5s %5s %9s %9s %6s\n", "relation", "gold", "pred",
                                    "precision", "recall", "F1");
  auto row = [&](const std::string& name, const EvalCounts& c) {
    absl::StrAppendFormat(&out, "%-18s %5d %5d %9.3f %9.3f %6.3f\n", name, c.gold, c.predicted,
                          c.Precision(), c.Recall(), c.F1());
  };
  for (const auto& [relation, counts] : report.by_relation) row(relation, counts);
  row("met+talked_with", report.met_or_talked);
  row("all", report.overall);
  for (const std::string& article : report.missing_articles) {
    absl::StrAppend(&out, "no prediction for article ", article, "\n");
  }
  absl::StrAppend(&out, "\nfalse positives (", report.false_positives.size(), "):\n");
  for (const EvalItem& item : report.false_positives) {
    absl::StrAppend(&out, "  ", item.article, "\t", item.subject, "\t", item.relation, "\t",
                    item.object, "\n      | ", item.sentence, "\n");
  }
  absl::StrAppend(&out, "\nmisses (", report.misses.size(), "):\n");
  for (const EvalItem& item : report.misses) {
    absl::StrAppend(&out, "  ", item.article, "\t", item.subject, "\t", item.relation, "\t",
                    item.object, "\n      | ", item.sentence, "\n");
  }
  return out;
}

}  // namespace quarry::loaders
