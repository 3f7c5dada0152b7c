// BatchCollector: the simplest sink, for inputs small enough to load as one batch.
#include "loaders/structured/triple_sink.h"

#include <utility>

namespace quarry::loaders::structured {

absl::Status BatchCollector::Add(proto::Triple triple) {
  *batch_.add_triples() = std::move(triple);
  return absl::OkStatus();
}

}  // namespace quarry::loaders::structured
