// The TSV writer: names quoted only when raw text would be misread (tsv_syntax.h).
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "loaders/structured/literal_syntax.h"
#include "loaders/structured/tsv_syntax.h"
#include "loaders/structured/writer.h"
#include "loaders/structured/writer_common.h"
#include "util/status_macros.h"

namespace quarry::loaders::structured {
namespace {

class TsvWriter : public TripleWriter {
 public:
  explicit TsvWriter(std::ostream& out) : out_(out) {}

  absl::Status Write(const proto::Triple& triple) override {
    QUARRY_RETURN_IF_ERROR(CheckExportable(triple));
    const proto::Term& object = triple.object();
    if (object.has_double_value() && !std::isfinite(object.double_value())) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot export a non-finite double to TSV: ", triple.ShortDebugString(),
                       " (use --format nt or jsonl)"));
    }
    if (object.has_date_value() && !FormatIsoDate(object.date_value()).has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot export an out-of-range date: ", triple.ShortDebugString()));
    }
    line_.clear();
    absl::StrAppend(&line_, FormatTsvName(triple.subject().node(), TsvPosition::kSubject), "\t",
                    FormatTsvName(triple.predicate(), TsvPosition::kPredicate), "\t",
                    TermToText(object), "\n");
    return internal::WriteLine(out_, line_);
  }

  absl::Status Finish() override { return internal::FlushStream(out_); }

 private:
  std::ostream& out_;
  std::string line_;
};

}  // namespace

std::unique_ptr<TripleWriter> NewTsvWriter(std::ostream& out) {
  return std::make_unique<TsvWriter>(out);
}

}  // namespace quarry::loaders::structured
