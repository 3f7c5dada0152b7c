// Fixture graphs for the query tests (format in fixture.h).
#include "tests/query/fixture.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "graph/term.h"
#include "query/engine.h"
#include "util/hash.h"
#include "util/status_macros.h"

namespace quarry::query::testing {
namespace {

bool ParseDate(absl::string_view text, int* year, int* month, int* day) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  return parts.size() == 3 && parts[0].size() == 4 && absl::SimpleAtoi(parts[0], year) &&
         absl::SimpleAtoi(parts[1], month) && absl::SimpleAtoi(parts[2], day);
}

proto::Term ParseObject(absl::string_view text, bool label) {
  if (label) return graph::LabelTerm(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return graph::StringTerm(text.substr(1, text.size() - 2));
  }
  int64_t integer;
  if (absl::SimpleAtoi(text, &integer)) return graph::IntTerm(integer);
  double number;
  if (text.find('.') != absl::string_view::npos && absl::SimpleAtod(text, &number)) {
    return graph::DoubleTerm(number);
  }
  if (text == "true" || text == "false") return graph::BoolTerm(text == "true");
  int year, month, day;
  if (ParseDate(text, &year, &month, &day)) return graph::DateTerm(year, month, day);
  return graph::NodeTerm(text);
}

void FinishDocument(proto::TripleBatch* batch, const std::vector<std::string>& sentences) {
  proto::Document* document = batch->mutable_document();
  std::string text;
  for (const std::string& sentence : sentences) {
    if (!text.empty()) text += " ";
    proto::Span* span = document->add_sentences();
    span->set_begin(static_cast<uint32_t>(text.size()));
    text += sentence;
    span->set_end(static_cast<uint32_t>(text.size()));
  }
  document->set_text(text);
  document->set_format("text");
  document->set_id(ContentHash(absl::StrCat(document->title(), "\n", text)));
  for (proto::Triple& triple : *batch->mutable_triples()) {
    for (proto::Evidence& evidence : *triple.mutable_evidence()) {
      evidence.set_document_id(document->id());
    }
  }
}

}  // namespace

absl::StatusOr<std::vector<proto::TripleBatch>> ParseFixture(absl::string_view text) {
  std::vector<proto::TripleBatch> batches;
  std::vector<std::string> sentences;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    if (absl::ConsumePrefix(&line, "doc ")) {
      if (!batches.empty()) FinishDocument(&batches.back(), sentences);
      sentences.clear();
      std::vector<std::string> parts = absl::StrSplit(line, " | ");
      std::vector<std::string> head = absl::StrSplit(parts[0], ' ', absl::SkipEmpty());
      batches.emplace_back();
      proto::Document* document = batches.back().mutable_document();
      document->set_title(head.empty() ? "doc" : head[0]);
      int year, month, day;
      if (head.size() > 1 && ParseDate(head[1], &year, &month, &day)) {
        document->mutable_date()->set_year(year);
        document->mutable_date()->set_month(month);
        document->mutable_date()->set_day(day);
      }
      sentences.assign(parts.begin() + 1, parts.end());
      continue;
    }
    std::vector<std::string> fields = absl::StrSplit(line, " | ");
    if (fields.size() < 3 || fields.size() > 4) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": expected 'subject | predicate | object'"));
    }
    if (batches.empty()) {
      batches.emplace_back();
      batches.back().mutable_document()->set_title("default");
    }
    proto::Triple* triple = batches.back().add_triples();
    *triple->mutable_subject() = graph::NodeTerm(fields[0]);
    triple->set_predicate(fields[1]);
    *triple->mutable_object() = ParseObject(fields[2], fields[1] == graph::kLabelPredicate);
    proto::Evidence* evidence = triple->add_evidence();
    evidence->set_sentence_index(-1);
    evidence->set_confidence(1.0f);
    evidence->set_rule("test");
    if (fields.size() == 4) {
      for (absl::string_view option : absl::StrSplit(fields[3], ' ', absl::SkipEmpty())) {
        int sentence;
        float confidence;
        if (absl::ConsumePrefix(&option, "s=") && absl::SimpleAtoi(option, &sentence)) {
          evidence->set_sentence_index(sentence);
        } else if (absl::ConsumePrefix(&option, "c=") && absl::SimpleAtof(option, &confidence)) {
          evidence->set_confidence(confidence);
        } else {
          return absl::InvalidArgumentError(
              absl::StrCat("line ", line_number, ": bad evidence option '", option, "'"));
        }
      }
    }
  }
  if (!batches.empty()) FinishDocument(&batches.back(), sentences);
  return batches;
}

absl::StatusOr<std::unique_ptr<FixtureGraph>> FixtureGraph::Build(absl::string_view text) {
  QUARRY_ASSIGN_OR_RETURN(std::vector<proto::TripleBatch> batches, ParseFixture(text));
  return FromBatches(batches);
}

absl::StatusOr<std::unique_ptr<FixtureGraph>> FixtureGraph::FromBatches(
    const std::vector<proto::TripleBatch>& batches) {
  auto graph = std::unique_ptr<FixtureGraph>(new FixtureGraph());
  QUARRY_ASSIGN_OR_RETURN(graph->store_, graph::Store::Open(graph->dir_.Join("db")));
  for (const proto::TripleBatch& batch : batches) {
    QUARRY_RETURN_IF_ERROR(graph->store_->Apply(batch).status());
  }
  graph->snapshot_ = graph->store_->GetSnapshot();
  return graph;
}

absl::StatusOr<QueryResult> FixtureGraph::Query(absl::string_view text, const Params& params,
                                                const QueryOptions& options) const {
  return RunQuery(*snapshot_, text, params, options);
}

std::string FormatRow(const std::vector<Value>& row) {
  std::vector<std::string> parts;
  for (const Value& value : row) parts.push_back(value.ToString());
  return absl::StrJoin(parts, " | ");
}

std::vector<std::string> FormatRows(const QueryResult& result, bool ordered) {
  std::vector<std::string> rows;
  for (const auto& row : result.rows()) rows.push_back(FormatRow(row));
  if (!ordered) std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace quarry::query::testing
