// The two scale-out stages: extraction to TripleBatch streams, and ingestion of streams.
// Ingestion maps every stream, reads its batches a chunk ahead on a helper thread (in place,
// graph/wire_batch.h, so the streams stay mapped until the load is written), and resolves
// the documents in input order, each by the cross-document post-pass (api/resolve.h)
// against the graph plus the documents before it. By default nothing is written until every
// batch has been read and checked: then all go in one atomic bulk load (graph/bulk_loader.h),
// which equals Store::Apply of each in turn: the same steps as Database::Load, hence the same
// graph. IngestOptions::group_documents writes a load per group instead, bounding memory; each
// group then resolves against a snapshot taken after the groups before it, as Load's do.
#include "quarry/ingest.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/database_impl.h"
#include "api/inputs.h"
#include "api/resolve.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/io/coded_stream.h"
#include "graph/wire_batch.h"
#include "proto/quarry.pb.h"
#include "util/status_macros.h"
#include "util/tasks.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

// The longest batch a stream may hold (a larger length prefix means a corrupt stream).
constexpr uint64_t kMaxBatchBytes = uint64_t{1} << 31;

// Output of at most about this many bytes is gathered before it is written, so that a
// stream of small documents costs one write per megabyte, not one per document.
constexpr size_t kOutputBufferBytes = size_t{1} << 20;

// Appends `batch` to `buffer` with its length prefix, as a delimited stream holds it.
void AppendDelimited(const proto::TripleBatch& batch, std::string& buffer) {
  const size_t size = batch.ByteSizeLong();
  uint8_t prefix[10];  // the longest varint
  const uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint64ToArray(size, prefix);
  buffer.append(reinterpret_cast<const char*>(prefix), static_cast<size_t>(end - prefix));
  const size_t start = buffer.size();
  buffer.resize(start + size);
  batch.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(buffer.data() + start));
}

// The place of one batch in a stream: where its length prefix starts, and its bytes.
struct Frame {
  size_t start = 0;
  size_t offset = 0;
  size_t size = 0;
};

// Splits one stream into frames; errors name the file and the offset of the bad batch.
absl::Status SplitStream(const std::string& name, absl::string_view bytes,
                         std::vector<Frame>* frames) {
  size_t offset = 0;
  while (offset < bytes.size()) {
    const size_t start = offset;
    uint64_t size = 0;
    int shift = 0;
    bool done = false;
    while (offset < bytes.size() && shift < 64) {
      const uint8_t byte = static_cast<uint8_t>(bytes[offset++]);
      size |= static_cast<uint64_t>(byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) {
        done = true;
        break;
      }
    }
    if (!done && shift < 64) {
      return absl::DataLossError(absl::StrCat(name, ": truncated batch at byte offset ", start));
    }
    if (!done || size > kMaxBatchBytes) {
      return absl::DataLossError(
          absl::StrCat(name, ": corrupt batch length at byte offset ", start));
    }
    if (size > bytes.size() - offset) {
      return absl::DataLossError(absl::StrCat(name, ": truncated batch at byte offset ", start,
                                              " (", size, " bytes announced, ",
                                              bytes.size() - offset, " left)"));
    }
    frames->push_back({start, offset, static_cast<size_t>(size)});
    offset += size;
  }
  return absl::OkStatus();
}

// The batches of all streams in input order, read a chunk at a time on a helper thread
// while the caller uses the chunk before, so that reading overlaps resolution and only two
// chunks of batches are held at once. Every stream is split into its batches first: a bad
// length prefix fails before any batch is used (framing()), so that even a load in groups
// writes nothing then. The first bad batch fails with its file and offset, after the
// batches before it.
class BatchChunks {
 public:
  BatchChunks(const std::vector<std::string>& names, const std::vector<InputBytes>& streams)
      : names_(names), streams_(streams), frames_(streams.size()) {
    for (size_t stream = 0; stream < streams.size() && framing_.ok(); ++stream) {
      framing_ = SplitStream(names[stream], streams[stream].bytes(), &frames_[stream]);
      for (size_t frame = 0; frame < frames_[stream].size(); ++frame)
        all_.emplace_back(stream, frame);
    }
    if (!framing_.ok()) all_.clear();
    if (!all_.empty()) next_ = std::async(std::launch::async, [this] { return Parse(0, Chunk()); });
  }

  // The first bad length prefix (a truncated or corrupt stream), with its file and offset.
  const absl::Status& framing() const { return framing_; }

  // Batches with the index of their stream, in order: each read in place (graph::WireBatch),
  // or when not of that shape, parsed as a message into the chunk's arena.
  struct Chunk {
    struct Batch {
      size_t stream = 0;
      size_t offset = 0;                     // where its length prefix starts in the stream
      graph::WireBatch* wire = nullptr;      // read in place, or
      proto::TripleBatch* parsed = nullptr;  // parsed
    };
    std::vector<Batch> batches;
    // The batches read in place: kept from chunk to chunk, with their buffers.
    std::vector<std::unique_ptr<graph::WireBatch>> wire;
    std::unique_ptr<google::protobuf::Arena> arena;  // made for the first parsed batch
    // The first bad batch, which ends the chunk (and the input) after the batches before it.
    absl::Status error;
    bool empty() const { return batches.empty(); }
  };

  // The next chunk; empty at the end. `used`, the chunk before, is recycled on the helper
  // thread. A bad batch's error comes once the batches before it were returned.
  absl::StatusOr<Chunk> Next(Chunk&& used) {
    QUARRY_RETURN_IF_ERROR(error_);
    QUARRY_RETURN_IF_ERROR(framing_);
    if (first_ >= all_.size()) return Chunk();
    Chunk chunk = next_.get();
    first_ += kChunkBatches;
    if (!chunk.error.ok()) {
      error_ = chunk.error;
      if (chunk.empty()) return error_;
      return chunk;
    }
    if (first_ < all_.size()) {
      next_ =
          std::async(std::launch::async, [this, first = first_, used = std::move(used)]() mutable {
            return Parse(first, std::move(used));
          });
    }
    return chunk;
  }

 private:
  static constexpr size_t kChunkBatches = 512;

  Chunk Parse(size_t first, Chunk&& recycled) const {
    NameThisThread("quarry-parse");
    Chunk chunk;
    chunk.wire = std::move(recycled.wire);
    recycled = Chunk();
    const size_t end = std::min(all_.size(), first + kChunkBatches);
    chunk.batches.reserve(end - first);
    size_t wire_used = 0;
    for (size_t index = first; index < end; ++index) {
      const auto [stream, frame] = all_[index];
      const Frame& where = frames_[stream][frame];
      const absl::string_view bytes = streams_[stream].bytes().substr(where.offset, where.size);
      if (wire_used == chunk.wire.size()) {
        chunk.wire.push_back(std::make_unique<graph::WireBatch>());
      }
      graph::WireBatch* wire = chunk.wire[wire_used].get();
      if (wire->Read(bytes) && !wire->document().id().empty()) {
        ++wire_used;
        chunk.batches.push_back({stream, where.start, wire, nullptr});
        continue;
      }
      if (chunk.arena == nullptr) {
        google::protobuf::ArenaOptions options;
        options.start_block_size = size_t{1} << 20;
        options.max_block_size = size_t{8} << 20;
        chunk.arena = std::make_unique<google::protobuf::Arena>(options);
      }
      auto* batch = google::protobuf::Arena::CreateMessage<proto::TripleBatch>(chunk.arena.get());
      if (!batch->ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
          batch->document().id().empty()) {
        chunk.error = absl::DataLossError(
            absl::StrCat(names_[stream], ": corrupt batch at byte offset ", where.start));
        break;
      }
      chunk.batches.push_back({stream, where.start, nullptr, batch});
    }
    return chunk;
  }

  const std::vector<std::string>& names_;
  const std::vector<InputBytes>& streams_;
  std::vector<std::vector<Frame>> frames_;
  std::vector<std::pair<size_t, size_t>> all_;  // (stream, frame)
  absl::Status framing_;
  absl::Status error_;  // a bad batch, once the chunk that it ends was returned
  size_t first_ = 0;
  std::future<Chunk> next_;
};

// An error about one batch of stream `stream_name` (a malformed triple, say), with where
// the batch is.
absl::Status BatchError(absl::string_view stream_name, const BatchChunks::Chunk::Batch& batch,
                        const absl::Status& error) {
  return absl::Status(error.code(), absl::StrCat(stream_name, ": batch at byte offset ",
                                                 batch.offset, ": ", error.message()));
}

// Adds resolved chunks to a load on a thread of its own, a chunk at a time, while the caller
// resolves the next: ResolvingBulkLoad::Resolve and AddResolved touch disjoint state. Going
// away waits for the chunk being added.
class ChunkAdder {
 public:
  ChunkAdder(ResolvingBulkLoad& loader, const std::vector<std::string>& stream_names)
      : loader_(loader), stream_names_(stream_names) {}
  ~ChunkAdder() { Wait().IgnoreError(); }

  // Waits for the chunk before (returning its error, if any), then starts adding `chunk`,
  // whose documents `resolutions` resolved, one each in order.
  absl::Status Add(BatchChunks::Chunk&& chunk, std::vector<ResolvedDocument>&& resolutions) {
    QUARRY_RETURN_IF_ERROR(Wait());
    adding_ = std::move(chunk);
    resolutions_ = std::move(resolutions);
    done_ = std::async(std::launch::async, [this]() -> absl::Status {
      NameThisThread("quarry-add");
      for (size_t index = 0; index < adding_.batches.size(); ++index) {
        BatchChunks::Chunk::Batch& batch = adding_.batches[index];
        absl::Status added =
            batch.wire != nullptr
                ? loader_.AddResolved(*batch.wire, std::move(resolutions_[index]))
                : loader_.AddResolved(std::move(*batch.parsed), std::move(resolutions_[index]));
        if (!added.ok()) return BatchError(stream_names_[batch.stream], batch, added);
      }
      return absl::OkStatus();
    });
    return absl::OkStatus();
  }

  // Waits for the chunk being added, if any: its error.
  absl::Status Wait() {
    if (!done_.valid()) return absl::OkStatus();
    absl::Status status = done_.get();
    added_ = std::move(adding_);
    adding_ = BatchChunks::Chunk();
    resolutions_.clear();
    return status;
  }

  // The chunk added last, for its buffers to be reused.
  BatchChunks::Chunk TakeAdded() { return std::exchange(added_, BatchChunks::Chunk()); }

 private:
  ResolvingBulkLoad& loader_;
  const std::vector<std::string>& stream_names_;
  BatchChunks::Chunk adding_;
  std::vector<ResolvedDocument> resolutions_;
  BatchChunks::Chunk added_;
  std::future<absl::Status> done_;
};

}  // namespace

absl::StatusOr<ExtractReport> ExtractToStream(const std::vector<std::string>& paths,
                                              const LoadOptions& options, std::ostream& out,
                                              const LineRange* lines) {
  ExtractReport report;
  std::string buffer;
  buffer.reserve(kOutputBufferBytes);
  QUARRY_RETURN_IF_ERROR(ForEachExtractedBatch(
      paths, options,
      [&](const proto::TripleBatch& batch) {
        AppendDelimited(batch, buffer);
        ++report.documents;
        if (buffer.size() >= kOutputBufferBytes) {
          out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
          buffer.clear();
          if (!out) return absl::DataLossError("write error on the extraction output");
        }
        return absl::OkStatus();
      },
      [&](std::string failure) { report.failures.push_back(std::move(failure)); }, lines));
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  if (!out) return absl::DataLossError("write error on the extraction output");
  return report;
}

absl::StatusOr<LoadReport> IngestStreams(Database& database, const std::vector<std::string>& paths,
                                         const ProgressCallback& progress,
                                         const IngestOptions& options) {
  graph::Store& store = database.impl()->store();
  if (store.read_only()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database at ", database.path(), " is open read-only"));
  }
  QUARRY_ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandInputs(paths));
  LoadReport report;
  std::vector<std::string> stream_names;
  std::vector<InputBytes> contents;  // mapped, not copied: see InputBytes
  LoadProgress state;
  state.files_total = static_cast<int64_t>(files.size());
  for (const std::string& file : files) {
    stream_names.push_back(file == "-" ? "<stdin>" : file);
    QUARRY_ASSIGN_OR_RETURN(InputBytes bytes, InputBytes::Open(file));
    state.bytes_total += static_cast<int64_t>(bytes.bytes().size());
    contents.push_back(std::move(bytes));
  }
  report.bytes_read = state.bytes_total;

  // Groups keep the terms found or added by the groups before them.
  graph::KnownTerms known_terms;
  graph::BulkLoadOptions bulk_options;
  bulk_options.known_terms = &known_terms;
  // Resolve each document against the graph plus the documents before it, then write them
  // in one bulk load, or in one per group of documents.
  std::unique_ptr<ResolvingBulkLoad> loader;
  size_t group_begin = 0;  // the first document of the pending load in report.documents
  auto write_group = [&]() -> absl::Status {
    if (loader == nullptr) return absl::OkStatus();
    QUARRY_ASSIGN_OR_RETURN(std::vector<graph::ApplyResult> results, loader->Finish());
    loader.reset();
    for (size_t index = 0; index < results.size(); ++index) {
      LoadedDocument& loaded = report.documents[group_begin + index];
      loaded.already_present = results[index].already_present;
      loaded.triples_added = results[index].triples_added;
      loaded.triples_in_document = results[index].triples_in_batch;
      state.triples_added += loaded.triples_added;
    }
    group_begin = report.documents.size();
    return absl::OkStatus();
  };
  // An error once groups were written says how much of the input is in the database.
  auto failed = [&](const absl::Status& error) {
    if (group_begin == 0) return error;
    return absl::Status(error.code(),
                        absl::StrCat(error.message(), " (the ", group_begin,
                                     " documents before its group were ingested; ingesting "
                                     "again skips them)"));
  };
  BatchChunks chunks(stream_names, contents);
  if (!chunks.framing().ok()) return chunks.framing();
  size_t current_file = 0;
  auto files_done_before = [&](size_t file) {
    for (; current_file < file; ++current_file) {
      ++state.files_done;
      std::error_code error;
      if (files[current_file] != "-") {
        state.bytes_done += static_cast<int64_t>(fs::file_size(files[current_file], error));
      }
      if (progress) progress(state);
    }
  };
  // With one load of everything, a ChunkAdder adds each chunk while the next is resolved
  // here. With groups, each group is written before the next is resolved, so both run here.
  const bool pipelined = options.group_documents <= 0;
  std::unique_ptr<ChunkAdder> adder;  // declared after the loader, so it goes (and waits) first
  // Waits for the chunk being added: its error comes before a later one.
  auto fail_after_adding = [&](const absl::Status& error) {
    const absl::Status earlier = adder != nullptr ? adder->Wait() : absl::OkStatus();
    return failed(earlier.ok() ? error : earlier);
  };
  BatchChunks::Chunk chunk;
  std::vector<ResolvedDocument> resolutions;
  while (true) {
    absl::StatusOr<BatchChunks::Chunk> next =
        chunks.Next(adder != nullptr ? adder->TakeAdded() : std::move(chunk));
    if (!next.ok()) return fail_after_adding(next.status());
    chunk = *std::move(next);
    if (chunk.empty()) break;
    for (BatchChunks::Chunk::Batch& next_batch : chunk.batches) {
      const size_t file = next_batch.stream;
      files_done_before(file);
      if (!pipelined &&
          report.documents.size() - group_begin >= static_cast<size_t>(options.group_documents)) {
        if (absl::Status written = write_group(); !written.ok()) return failed(written);
      }
      if (loader == nullptr) {
        absl::StatusOr<std::unique_ptr<ResolvingBulkLoad>> started =
            ResolvingBulkLoad::Start(store, bulk_options);
        if (!started.ok()) return failed(started.status());
        loader = *std::move(started);
        if (pipelined) {
          // A stream holds about 140 bytes a triple; one load of everything reserves for all
          // of them, which spares copying the evidence table each time it doubles.
          loader->ExpectTriples(state.bytes_total / 128);
          adder = std::make_unique<ChunkAdder>(*loader, stream_names);
        }
      }
      const proto::Document& document =
          next_batch.wire != nullptr ? next_batch.wire->document() : next_batch.parsed->document();
      LoadedDocument& loaded = report.documents.emplace_back();
      loaded.path = files[file];
      loaded.document_id = document.id();
      loaded.title = document.title();
      absl::Status status;
      if (!pipelined) {
        status = next_batch.wire != nullptr ? loader->Add(*next_batch.wire)
                                            : loader->Add(std::move(*next_batch.parsed));
      } else {
        absl::StatusOr<ResolvedDocument> resolved = next_batch.wire != nullptr
                                                        ? loader->Resolve(*next_batch.wire)
                                                        : loader->Resolve(*next_batch.parsed);
        status = resolved.status();
        if (resolved.ok()) resolutions.push_back(*std::move(resolved));
      }
      if (!status.ok()) {
        return fail_after_adding(BatchError(stream_names[file], next_batch, status));
      }
      ++state.documents;
      if (progress && state.documents % 256 == 0) progress(state);
    }
    if (adder == nullptr) continue;
    if (absl::Status status = adder->Add(std::move(chunk), std::move(resolutions)); !status.ok()) {
      return failed(status);
    }
    chunk = BatchChunks::Chunk();
    resolutions.clear();
  }
  if (adder != nullptr) {
    if (absl::Status status = adder->Wait(); !status.ok()) return failed(status);
    adder.reset();
  }
  files_done_before(files.size());
  if (absl::Status written = write_group(); !written.ok()) return failed(written);
  if (progress) progress(state);
  return report;
}

}  // namespace quarry
