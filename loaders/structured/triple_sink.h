// Where readers deliver triples: a streaming interface, so that files of tens of millions of
// triples never have to be held in memory as one protobuf.
#ifndef QUARRY_LOADERS_STRUCTURED_TRIPLE_SINK_H_
#define QUARRY_LOADERS_STRUCTURED_TRIPLE_SINK_H_

#include <utility>

#include "absl/status/status.h"
#include "proto/quarry.pb.h"

namespace quarry::loaders::structured {

// Receives triples one at a time, in input order. A reader stops at the first non-OK status
// returned by Add and returns that status unchanged. Implementations need not be
// thread-safe: a reader calls Add from the thread that called it.
class TripleSink {
 public:
  virtual ~TripleSink() = default;

  // Takes one triple (with its evidence). Returning an error aborts the read.
  virtual absl::Status Add(proto::Triple triple) = 0;

  // As Add, for a reader that fills one message again and again: the sink takes the
  // triple's contents and may leave in `triple` the parts of one it is done with, so that
  // the reader, clearing and refilling them, allocates nothing new. The default moves the
  // triple to Add.
  virtual absl::Status AddReusing(proto::Triple& triple) { return Add(std::move(triple)); }
};

// A sink that appends every triple to a TripleBatch owned by the caller, which must outlive
// the collector. Never fails. The batch is left as it was before any Add only if the caller
// discards it on a read error: readers do not roll back what they already delivered.
class BatchCollector : public TripleSink {
 public:
  explicit BatchCollector(proto::TripleBatch& batch) : batch_(batch) {}

  absl::Status Add(proto::Triple triple) override;

 private:
  proto::TripleBatch& batch_;
};

}  // namespace quarry::loaders::structured

#endif  // QUARRY_LOADERS_STRUCTURED_TRIPLE_SINK_H_
