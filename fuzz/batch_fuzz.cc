// Fuzzes TripleBatch decoding and Store::Apply/Unload: any bytes that parse as a batch are
// applied to a scratch store and then unloaded, which must leave it consistent.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"
#include "proto/quarry.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  quarry::proto::TripleBatch batch;
  if (!batch.ParseFromArray(data, static_cast<int>(size))) return 0;
  quarry::graph::Store& store = quarry::fuzz::ScratchStore();
  auto applied = store.Apply(batch);
  if (applied.ok() && !applied->already_present) {
    if (!store.Unload(batch.document().id()).ok()) abort();
  }
  return 0;
}
