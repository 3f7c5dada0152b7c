// The N-Triples writer, using the mapping in ntriples_mapping.h; every line it writes is
// one statement that serd's strict parser accepts.
#include <string>

#include "absl/strings/str_cat.h"
#include "loaders/structured/ntriples_mapping.h"
#include "loaders/structured/writer.h"
#include "loaders/structured/writer_common.h"
#include "util/status_macros.h"

namespace quarry::loaders::structured {
namespace {

class NTriplesWriter : public TripleWriter {
 public:
  explicit NTriplesWriter(std::ostream& out) : out_(out) {}

  absl::Status Write(const proto::Triple& triple) override {
    QUARRY_RETURN_IF_ERROR(CheckExportable(triple));
    const proto::Term& object = triple.object();
    line_ = NodeToNTriples(triple.subject().node());
    if (object.has_label()) {
      absl::StrAppend(&line_, " <", kRdfTypeIri, "> ", LabelToNTriples(object.label()));
    } else {
      absl::StrAppend(&line_, " ", PredicateToNTriples(triple.predicate()), " ");
      if (object.has_node()) {
        absl::StrAppend(&line_, NodeToNTriples(object.node()));
      } else {
        QUARRY_ASSIGN_OR_RETURN(std::string literal, LiteralToNTriples(object));
        absl::StrAppend(&line_, literal);
      }
    }
    absl::StrAppend(&line_, " .\n");
    return internal::WriteLine(out_, line_);
  }

  absl::Status Finish() override { return internal::FlushStream(out_); }

 private:
  std::ostream& out_;
  std::string line_;
};

}  // namespace

std::unique_ptr<TripleWriter> NewNTriplesWriter(std::ostream& out) {
  return std::make_unique<NTriplesWriter>(out);
}

}  // namespace quarry::loaders::structured
