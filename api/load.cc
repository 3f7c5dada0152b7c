// Loading files: expand the inputs, pick each file's format, and load it as one document
// (structured triples) or one document per article. Large structured files, and articles in
// groups of many, take the bulk path (SST ingestion); everything else goes through
// Store::Apply. Article files are extracted on worker threads ahead of the load
// (ArticlesAhead), which takes them in input order, so the graph is the same.
#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include <xxhash.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "api/articles.h"
#include "api/database_impl.h"
#include "api/inputs.h"
#include "api/resolve.h"
#include "graph/bulk_loader.h"
#include "graph/wire_batch.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/triple_sink.h"
#include "loaders/structured/tsv_syntax.h"
#include "proto/quarry.pb.h"
#include "quarry/database.h"
#include "quarry/load.h"
#include "util/hash.h"
#include "util/status_macros.h"
#include "util/tasks.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;
namespace structured = loaders::structured;

// Structured files above this size are bulk-loaded through SST ingestion.
constexpr int64_t kBulkLoadBytes = 1 << 20;

// About the fewest bytes a line of a structured format takes per triple, for reserving the
// bulk loader's room (an overestimate of the triples costs address space only).
int64_t MinBytesPerTriple(absl::string_view reader_format) {
  return reader_format == "tsv" ? 16 : 48;
}

// The hex content hash of a file, streamed (same value as ContentHash of its bytes).
absl::StatusOr<std::string> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open for reading"));
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_128bits_update(state, buffer.data(), static_cast<size_t>(in.gcount()));
  }
  XXH128_hash_t hash = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return absl::StrFormat("%016x%016x", hash.high64, hash.low64);
}

// Feeds a bulk loader from a reader, pipelined: the reader parses on the calling thread while
// a second thread encodes the triples of the previous chunks into the loader. Plain lines
// travel flattened (graph::LineBatch), other triples as messages; chunks keep input order,
// so the result is that of adding each triple in turn.
class BulkSink : public structured::TripleSink {
 public:
  // `on_progress` (may be null) is called with the triples read, every kProgressTriples.
  BulkSink(graph::BulkLoader& loader, std::function<void(int64_t)> on_progress)
      : loader_(loader), on_progress_(std::move(on_progress)), consumer_([this] { Consume(); }) {}
  ~BulkSink() override { Close().IgnoreError(); }

  absl::Status Add(proto::Triple triple) override { return AddReusing(triple); }

  // Copies a plain line's terms into the chunk being filled, leaving `triple` to the reader to
  // refill; takes any other triple whole.
  absl::Status AddReusing(proto::Triple& triple) override {
    if (++read_ % kProgressTriples == 0 && on_progress_) on_progress_(read_);
    if (!filling_.lines.Append(triple)) {
      filling_.message_before.push_back(filling_.lines.size());
      filling_.messages.push_back(std::move(triple));
    }
    if (filling_.lines.size() + filling_.messages.size() < kChunkTriples) {
      return absl::OkStatus();
    }
    return Hand();
  }

  // The triples read so far.
  int64_t triples_read() const { return read_; }

  // Hands over the last chunk and waits for the loader to take everything: the first error
  // of the loader, if any.
  absl::Status Close() {
    if (!closed_) {
      closed_ = true;
      if (filling_.lines.size() + filling_.messages.size() != 0) Hand().IgnoreError();
      {
        absl::MutexLock lock(&mutex_);
        done_ = true;
      }
      consumer_.join();
    }
    absl::MutexLock lock(&mutex_);
    return error_;
  }

 private:
  static constexpr size_t kChunkTriples = 4096;
  static constexpr int64_t kProgressTriples = 1 << 18;
  static constexpr size_t kMaxChunks = 8;  // bounds the memory in flight

  // Triples in input order: the lines, and the messages, each before the line its
  // message_before names (or after the last line).
  struct Chunk {
    graph::LineBatch lines;
    std::vector<proto::Triple> messages;
    std::vector<size_t> message_before;
    void Clear() {
      lines.Clear();
      messages.clear();
      message_before.clear();
    }
  };

  // Queues the filled chunk and takes one the loader has finished (if any) to fill next.
  absl::Status Hand() {
    absl::MutexLock lock(&mutex_);
    mutex_.Await(absl::Condition(
        +[](BulkSink* sink) { return sink->chunks_.size() < kMaxChunks || !sink->error_.ok(); },
        this));
    if (!error_.ok()) return error_;
    chunks_.push_back(std::move(filling_));
    filling_ = Chunk();
    if (!spent_.empty()) {
      filling_ = std::move(spent_.front());
      spent_.pop_front();
    }
    return absl::OkStatus();
  }

  // Adds `chunk` to the loader in input order.
  absl::Status AddChunk(Chunk& chunk) {
    size_t line = 0;
    for (size_t message = 0; message <= chunk.messages.size(); ++message) {
      const size_t until =
          message < chunk.messages.size() ? chunk.message_before[message] : chunk.lines.size();
      QUARRY_RETURN_IF_ERROR(loader_.AddLines(chunk.lines, line, until));
      line = until;
      if (message < chunk.messages.size()) {
        QUARRY_RETURN_IF_ERROR(loader_.Add(std::move(chunk.messages[message])));
      }
    }
    return absl::OkStatus();
  }

  void Consume() {
    while (true) {
      Chunk chunk;
      {
        absl::MutexLock lock(&mutex_);
        mutex_.Await(absl::Condition(
            +[](BulkSink* sink) { return !sink->chunks_.empty() || sink->done_; }, this));
        if (chunks_.empty()) return;
        chunk = std::move(chunks_.front());
        chunks_.pop_front();
      }
      absl::Status added = AddChunk(chunk);
      chunk.Clear();  // kept for the reading thread to refill
      absl::MutexLock lock(&mutex_);
      if (!added.ok()) {
        error_ = added;
        chunks_.clear();
        return;
      }
      spent_.push_back(std::move(chunk));
    }
  }

  graph::BulkLoader& loader_;
  std::function<void(int64_t)> on_progress_;
  int64_t read_ = 0;
  Chunk filling_;
  bool closed_ = false;
  absl::Mutex mutex_;
  std::deque<Chunk> chunks_ ABSL_GUARDED_BY(mutex_);
  std::deque<Chunk> spent_ ABSL_GUARDED_BY(mutex_);  // added, to refill
  bool done_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Status error_ ABSL_GUARDED_BY(mutex_);
  std::thread consumer_;  // last: starts after the members it uses
};

// One extracted article, serialized as `quarry extract` writes it.
struct ExtractedArticle {
  std::string file;
  std::string document_id;
  std::string title;
  std::string bytes;  // the serialized TripleBatch
};

ExtractedArticle Serialize(const proto::TripleBatch& batch, const std::string& file) {
  ExtractedArticle article;
  article.file = file;
  article.document_id = batch.document().id();
  article.title = batch.document().title();
  batch.SerializeToString(&article.bytes);
  return article;
}

// A JSONL file of articles larger than this is cut into pieces of about piece_bytes, which
// the workers extract like files of their own (SetJsonlPiecesForTesting changes both).
int64_t most_whole_jsonl_bytes = int64_t{4} << 20;
size_t piece_bytes = size_t{256} << 10;

// One piece of a load's input: a whole file, or a run of whole lines of a large JSONL file
// of articles (mapped once for all its pieces), numbered from `first_line`.
struct InputPiece {
  size_t file = 0;    // its index in the input files
  int64_t bytes = 0;  // its size (0 for stdin, or a file whose size is not known)
  std::shared_ptr<const InputBytes> mapped;  // set for a run of lines: mapped[begin, +bytes)
  size_t begin = 0;
  int64_t first_line = 1;
  bool last_of_file = true;
};

// The input files as pieces, in order: a JSONL file of articles larger than
// most_whole_jsonl_bytes as runs of lines of about piece_bytes (so that its articles are
// extracted on every worker, as a directory's are), any other file whole.
std::vector<InputPiece> CutIntoPieces(const std::vector<std::string>& files,
                                      const LoadOptions& options) {
  std::vector<InputPiece> pieces;
  for (size_t index = 0; index < files.size(); ++index) {
    const std::string& file = files[index];
    std::error_code error;
    const uintmax_t size = file == "-" ? 0 : fs::file_size(file, error);
    InputPiece& whole = pieces.emplace_back();
    whole.file = index;
    whole.bytes = error ? 0 : static_cast<int64_t>(size);
    if (whole.bytes <= most_whole_jsonl_bytes) continue;
    absl::StatusOr<InputBytes> input = InputBytes::Open(file);
    if (!input.ok()) continue;  // reported as the file is read
    const absl::string_view bytes = input->bytes();
    absl::StatusOr<std::string> format = ChooseFormat(options.format, file, bytes.substr(0, 4096));
    if (!format.ok() || *format != "jsonl-articles") continue;
    pieces.pop_back();
    auto mapped = std::make_shared<const InputBytes>(*std::move(input));
    int64_t line = 1;
    for (size_t begin = 0; begin < bytes.size();) {
      size_t end = bytes.find('\n', std::min(bytes.size(), begin + piece_bytes));
      end = end == absl::string_view::npos ? bytes.size() : end + 1;
      InputPiece& piece = pieces.emplace_back();
      piece.file = index;
      piece.bytes = static_cast<int64_t>(end - begin);
      piece.mapped = mapped;
      piece.begin = begin;
      piece.first_line = line;
      piece.last_of_file = end == bytes.size();
      line += std::count(bytes.begin() + begin, bytes.begin() + end, '\n');
      begin = end;
    }
  }
  return pieces;
}

// Input pieces extracted ahead of a load on worker threads, so that extraction uses every
// core while the load takes the results in input order. A file that is stdin, larger than
// kMostBytes (and not cut into pieces), or not of an article format is left to the caller,
// which reads (and for large files streams) it as before. At most kAheadPieces are held.
class ArticlesAhead {
 public:
  // What a worker made of one piece.
  struct Result {
    bool extracted = false;  // false: the caller's to load
    std::vector<ExtractedArticle> articles;
    absl::Status status;  // the piece's failure, if any (after the articles before it)
    int64_t bytes = 0;    // its size
    bool fatal = false;   // the knowledge files did not load: the load fails
  };

  ArticlesAhead(const std::vector<std::string>& files, const std::vector<InputPiece>& pieces,
                const LoadOptions& options, int threads)
      : files_(files), pieces_(pieces), options_(options), results_(pieces.size()) {
    for (int thread = 0; thread < threads; ++thread) workers_.emplace_back([this] { Work(); });
  }
  ~ArticlesAhead() {
    {
      absl::MutexLock lock(&mutex_);
      stopping_ = true;
    }
    for (std::thread& worker : workers_) worker.join();
  }
  ArticlesAhead(const ArticlesAhead&) = delete;
  ArticlesAhead& operator=(const ArticlesAhead&) = delete;

  // Waits for piece `index` (taken in order, each once) and takes what was made of it.
  Result Take(size_t index) {
    absl::MutexLock lock(&mutex_);
    mutex_.Await(absl::Condition(
        +[](Slot* slot) { return slot->done; }, &results_[index]));
    taken_ = index + 1;
    return std::move(results_[index].result);
  }

 private:
  static constexpr size_t kAheadPieces = 256;
  static constexpr int64_t kMostBytes = int64_t{4} << 20;

  struct Slot {
    bool done = false;
    Result result;
  };

  void Work() {
    NameThisThread("quarry-extract");
    while (true) {
      size_t index = 0;
      {
        absl::MutexLock lock(&mutex_);
        mutex_.Await(absl::Condition(
            +[](ArticlesAhead* self) {
              return self->stopping_ || self->next_ >= self->pieces_.size() ||
                     self->next_ < self->taken_ + kAheadPieces;
            },
            this));
        if (stopping_ || next_ >= pieces_.size()) return;
        index = next_++;
      }
      Result result = Extract(pieces_[index]);
      absl::MutexLock lock(&mutex_);
      results_[index].result = std::move(result);
      results_[index].done = true;
    }
  }

  Result Extract(const InputPiece& piece) {
    const std::string& file = files_[piece.file];
    if (piece.mapped != nullptr) {
      return ExtractArticles(piece.mapped->bytes().substr(piece.begin, piece.bytes), file,
                             "jsonl-articles", piece.first_line, piece.bytes);
    }
    if (file == "-" || piece.bytes > kMostBytes) return Result();
    absl::StatusOr<std::string> content = ReadInput(file);
    if (!content.ok()) return Result();  // the caller reports it as it reads the file
    absl::StatusOr<std::string> format =
        ChooseFormat(options_.format, file, absl::string_view(*content).substr(0, 4096));
    if (!format.ok() || IsStructuredFormat(*format)) return Result();
    return ExtractArticles(*content, file, *format, 1, piece.bytes);
  }

  // The articles of `content`, of `file`, whose first line is `first_line`.
  Result ExtractArticles(absl::string_view content, const std::string& file,
                         absl::string_view format, int64_t first_line, int64_t bytes) {
    Result result;
    result.bytes = bytes;
    const ArticlePipeline* pipeline = Pipeline(&result.status);
    result.extracted = true;
    if (pipeline == nullptr) {
      result.fatal = true;
      return result;
    }
    result.status = pipeline->Extract(
        content, file, format, nullptr,
        [&](const proto::TripleBatch& batch) {
          result.articles.push_back(Serialize(batch, file));
          return absl::OkStatus();
        },
        first_line);
    return result;
  }

  // The extraction pipeline, loaded by the first worker that needs it; null (and `error`)
  // when its knowledge files do not load.
  const ArticlePipeline* Pipeline(absl::Status* error) {
    absl::MutexLock lock(&pipeline_mutex_);
    if (pipeline_ == nullptr && pipeline_error_.ok()) {
      absl::StatusOr<std::unique_ptr<ArticlePipeline>> created =
          ArticlePipeline::Create(options_.gazetteers);
      if (created.ok()) {
        pipeline_ = *std::move(created);
      } else {
        pipeline_error_ = created.status();
      }
    }
    *error = pipeline_error_;
    return pipeline_.get();
  }

  const std::vector<std::string>& files_;
  const std::vector<InputPiece>& pieces_;
  const LoadOptions& options_;
  absl::Mutex mutex_;
  std::vector<Slot> results_ ABSL_GUARDED_BY(mutex_);
  size_t next_ ABSL_GUARDED_BY(mutex_) = 0;   // the next piece for a worker
  size_t taken_ ABSL_GUARDED_BY(mutex_) = 0;  // the pieces the caller took
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Mutex pipeline_mutex_;
  std::unique_ptr<ArticlePipeline> pipeline_ ABSL_GUARDED_BY(pipeline_mutex_);
  absl::Status pipeline_error_ ABSL_GUARDED_BY(pipeline_mutex_);
  std::vector<std::thread> workers_;  // last: started once the members they use exist
};

// The articles a load has extracted and not yet written, written a group at a time on a
// helper thread while the caller extracts the next group: a group of kMinBulkArticles or
// more in one atomic bulk load (ResolvingBulkLoad), a smaller one document by document
// through Store::Apply (a bulk load's fixed cost, its SST files, is not worth it for a few).
// Either way each document is resolved against the graph plus the documents before it, the
// steps `IngestStreams` takes too, so every path gives one graph. At most one group is
// written while the next fills. An article is held serialized, as `quarry extract` writes
// it, and a bulk group reads it in place (graph::WireBatch) as `ingest` does: less than
// half the memory of holding messages (100,000 generated articles in one group peak at
// 0.8 GB instead of 1.8 GB), and no evidence parsed and serialized again. The groups share
// the term ids each found or added (graph::KnownTerms).
class PendingArticles {
 public:
  PendingArticles(graph::Store& store, const LoadOptions& options, LoadReport& report,
                  LoadProgress& state)
      : store_(store),
        group_documents_(options.article_group_documents > 0
                             ? static_cast<size_t>(options.article_group_documents)
                             : kDefaultGroupDocuments),
        report_(report),
        state_(state) {
    bulk_options_.sort_memory_bytes =
        static_cast<size_t>(std::max<int64_t>(0, options.sort_memory_mb)) << 20;
    bulk_options_.known_terms = known_terms_.get();
  }

  // Holds `article`; starts writing the group once it is full.
  void Add(ExtractedArticle&& article) {
    held_.push_back(std::move(article));
    ++state_.documents;
    if (held_.size() >= group_documents_) StartWriting();
  }

  // Writes all the articles held and waits: the report then has their documents, in order,
  // and the failures of those that were not written.
  void Write() {
    StartWriting();
    FinishWriting();
  }

 private:
  static constexpr size_t kMinBulkArticles = 64;
  static constexpr size_t kDefaultGroupDocuments = 16384;

  // What writing a group gave, for the report.
  struct Written {
    std::vector<LoadedDocument> documents;
    std::vector<std::string> failures;
    int64_t triples_added = 0;
  };

  // Waits for the group being written (this one resolves against it), then hands the held
  // articles to the helper thread.
  void StartWriting() {
    FinishWriting();
    if (held_.empty()) return;
    writing_ = std::async(std::launch::async, [this, group = std::move(held_)]() mutable {
      NameThisThread("quarry-write");
      return WriteGroup(group);
    });
    held_.clear();
  }

  // Waits for the group being written, if any, and reports it.
  void FinishWriting() {
    if (!writing_.valid()) return;
    Written written = writing_.get();
    for (LoadedDocument& document : written.documents) {
      report_.documents.push_back(std::move(document));
    }
    for (std::string& failure : written.failures) report_.failures.push_back(std::move(failure));
    state_.triples_added += written.triples_added;
  }

  // Runs on the helper thread: touches the store and `group` only.
  Written WriteGroup(std::vector<ExtractedArticle>& group) const {
    Written written;
    if (group.size() >= kMinBulkArticles) {
      absl::Status status = WriteInBulk(group, written);
      if (!status.ok()) {
        // Nothing of the group was written: each of its files fails.
        written.documents.clear();
        written.triples_added = 0;
        for (size_t index = 0; index < group.size(); ++index) {
          if (index == 0 || group[index].file != group[index - 1].file) {
            written.failures.push_back(FailureMessage(group[index].file, status));
          }
        }
      }
      return written;
    }
    for (ExtractedArticle& held : group) {
      absl::Status status = WriteOne(held, written);
      if (!status.ok()) written.failures.push_back(FailureMessage(held.file, status));
    }
    return written;
  }

  absl::Status WriteInBulk(std::vector<ExtractedArticle>& group, Written& written) const {
    QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<ResolvingBulkLoad> loader,
                            ResolvingBulkLoad::Start(store_, bulk_options_));
    graph::WireBatch wire;  // reused: the loader keeps pointers into `held.bytes` only
    for (ExtractedArticle& held : group) {
      ReportDocument(held, written);
      if (wire.Read(held.bytes) && !wire.document().id().empty()) {
        QUARRY_RETURN_IF_ERROR(loader->Add(wire));
      } else {
        QUARRY_ASSIGN_OR_RETURN(proto::TripleBatch batch, Parse(held));
        QUARRY_RETURN_IF_ERROR(loader->Add(std::move(batch)));
      }
    }
    QUARRY_ASSIGN_OR_RETURN(std::vector<graph::ApplyResult> results, loader->Finish());
    for (size_t index = 0; index < results.size(); ++index) {
      ReportResult(results[index], written.documents[index], written);
    }
    return absl::OkStatus();
  }

  absl::Status WriteOne(ExtractedArticle& held, Written& written) const {
    QUARRY_ASSIGN_OR_RETURN(proto::TripleBatch batch, Parse(held));
    QUARRY_RETURN_IF_ERROR(ResolveAcrossDocuments(batch, *store_.GetSnapshot()));
    QUARRY_ASSIGN_OR_RETURN(graph::ApplyResult applied, store_.Apply(batch));
    ReportDocument(held, written);
    ReportResult(applied, written.documents.back(), written);
    return absl::OkStatus();
  }

  // The held article as a message (serializing one, it cannot fail to parse).
  static absl::StatusOr<proto::TripleBatch> Parse(const ExtractedArticle& held) {
    proto::TripleBatch batch;
    if (!batch.ParseFromString(held.bytes)) {
      return absl::InternalError(absl::StrCat("cannot read back the article ", held.document_id));
    }
    return batch;
  }

  static void ReportDocument(const ExtractedArticle& held, Written& written) {
    LoadedDocument& loaded = written.documents.emplace_back();
    loaded.path = held.file;
    loaded.document_id = held.document_id;
    loaded.title = held.title;
  }

  static void ReportResult(const graph::ApplyResult& applied, LoadedDocument& loaded,
                           Written& written) {
    loaded.already_present = applied.already_present;
    loaded.triples_added = applied.triples_added;
    loaded.triples_in_document = applied.triples_in_batch;
    written.triples_added += loaded.triples_added;
  }

  graph::Store& store_;
  // The terms each group found or added, for the groups after it (written one at a time).
  std::unique_ptr<graph::KnownTerms> known_terms_ = std::make_unique<graph::KnownTerms>();
  graph::BulkLoadOptions bulk_options_;
  const size_t group_documents_;
  LoadReport& report_;
  LoadProgress& state_;
  std::vector<ExtractedArticle> held_;
  // The group being written; last, so that destruction waits for it before the rest goes.
  std::future<Written> writing_;
};

}  // namespace

void SetJsonlPiecesForTesting(int64_t most_whole_bytes, size_t bytes) {
  most_whole_jsonl_bytes = most_whole_bytes > 0 ? most_whole_bytes : int64_t{4} << 20;
  piece_bytes = bytes > 0 ? bytes : size_t{256} << 10;
}

absl::StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
    }
    if (fs::is_directory(status)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, error), end; it != end && !error;
           it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path().string());
      }
      if (error) return absl::PermissionDeniedError(absl::StrCat(path, ": ", error.message()));
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": directory has no files to load"));
      }
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  return files;
}

absl::StatusOr<LoadReport> Database::Load(const std::vector<std::string>& paths,
                                          const LoadOptions& options,
                                          const ProgressCallback& progress) {
  if (impl_->store().read_only()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database at ", path(), " is open read-only"));
  }
  QUARRY_ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandInputs(paths));
  LoadReport report;
  LoadProgress state;
  state.files_total = static_cast<int64_t>(files.size());
  const std::vector<InputPiece> pieces = CutIntoPieces(files, options);
  for (const InputPiece& piece : pieces) state.bytes_total += piece.bytes;
  std::unique_ptr<ArticlePipeline> articles;
  PendingArticles pending(impl_->store(), options, report, state);
  ArticlesAhead ahead(files, pieces, options, WorkerThreads(2));
  // A file cut into pieces ends at its first failure, as one read whole would: the articles
  // of its later pieces are dropped.
  std::optional<size_t> failed_file;

  for (size_t index = 0; index < pieces.size(); ++index) {
    const InputPiece& piece = pieces[index];
    const std::string& file = files[piece.file];
    if (ArticlesAhead::Result extracted = ahead.Take(index); extracted.extracted) {
      if (extracted.fatal) return extracted.status;
      if (failed_file != piece.file) {
        for (ExtractedArticle& article : extracted.articles) pending.Add(std::move(article));
        if (!extracted.status.ok()) {
          report.failures.push_back(FailureMessage(file, extracted.status));
          failed_file = piece.file;
        }
      }
      if (piece.last_of_file) ++state.files_done;
      state.bytes_done += extracted.bytes;
      report.bytes_read += extracted.bytes;
      if (progress) progress(state);
      continue;
    }
    const int64_t size = piece.bytes;
    // Peek at the head to choose the format, without reading a large file whole.
    std::string head;
    if (file != "-") {
      std::ifstream in(file, std::ios::binary);
      head.resize(4096);
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(in.gcount()));
    }
    std::optional<std::string> content;
    if (file == "-") {
      QUARRY_ASSIGN_OR_RETURN(std::string all, ReadInput(file));
      head = all.substr(0, 4096);
      content = std::move(all);
    }
    absl::StatusOr<std::string> chosen = ChooseFormat(options.format, file, head);
    if (!chosen.ok()) {
      report.failures.push_back(std::string(chosen.status().message()));
      ++state.files_done;
      continue;
    }
    const std::string format = *chosen;
    absl::Status status;
    if (IsStructuredFormat(format)) {
      pending.Write();  // the articles before it first, to keep the input order
      const std::string reader_format = ReaderFormat(format);
      absl::StatusOr<std::string> id =
          content.has_value() ? absl::StatusOr<std::string>(ContentHash(*content)) : HashFile(file);
      if (!id.ok()) {
        report.failures.push_back(std::string(id.status().message()));
        continue;
      }
      const proto::Document document = StructuredDocument(file, reader_format, *id);
      std::unique_ptr<std::istream> stream;
      if (content.has_value()) {
        stream = std::make_unique<std::istringstream>(*content);
      } else {
        stream = std::make_unique<std::ifstream>(file, std::ios::binary);
      }
      LoadedDocument loaded;
      loaded.path = file;
      loaded.document_id = document.id();
      loaded.title = document.title();
      if (size > kBulkLoadBytes) {
        graph::BulkLoadOptions bulk_options;
        bulk_options.sort_memory_bytes =
            static_cast<size_t>(std::max<int64_t>(0, options.sort_memory_mb)) << 20;
        absl::StatusOr<std::unique_ptr<graph::BulkLoader>> loader =
            graph::BulkLoader::Start(impl_->store(), bulk_options);
        status = loader.status();
        if (status.ok()) status = (*loader)->BeginDocument(document);
        if (status.ok()) {
          (*loader)->ExpectTriples(size / MinBytesPerTriple(reader_format));
          const int64_t bytes_before_file = state.bytes_done;
          std::function<void(int64_t)> on_progress;
          if (progress) {
            on_progress = [&](int64_t triples) {
              const std::streampos position = stream->tellg();
              if (position >= 0) {
                state.bytes_done = bytes_before_file + static_cast<int64_t>(position);
              }
              state.triples_read = triples;
              progress(state);
            };
          }
          BulkSink sink(**loader, on_progress);
          status = structured::ReadTriples(reader_format, *stream, document.source(), document.id(),
                                           sink);
          const absl::Status closed = sink.Close();
          if (status.ok()) status = closed;
          if (status.ok() && progress) {
            state.bytes_done = bytes_before_file + size;
            state.triples_read = sink.triples_read();
            state.writing_indexes = true;
            progress(state);
          }
          state.bytes_done = bytes_before_file;  // the whole file is counted below
          state.triples_read = 0;
          state.writing_indexes = false;
          if (status.ok()) {
            absl::StatusOr<std::vector<graph::ApplyResult>> applied = (*loader)->Finish();
            status = applied.status();
            if (applied.ok()) {
              loaded.already_present = applied->front().already_present;
              loaded.triples_added = applied->front().triples_added;
              loaded.triples_in_document = applied->front().triples_in_batch;
            }
          }
        }
      } else {
        proto::TripleBatch batch;
        *batch.mutable_document() = document;
        structured::BatchCollector sink(batch);
        status =
            structured::ReadTriples(reader_format, *stream, document.source(), document.id(), sink);
        if (status.ok()) {
          absl::StatusOr<graph::ApplyResult> applied = impl_->store().Apply(batch);
          status = applied.status();
          if (applied.ok()) {
            loaded.already_present = applied->already_present;
            loaded.triples_added = applied->triples_added;
            loaded.triples_in_document = applied->triples_in_batch;
          }
        }
      }
      if (status.ok()) {
        report.documents.push_back(loaded);
        state.triples_added += loaded.triples_added;
        ++state.documents;
      }
    } else {
      if (!content.has_value()) {
        absl::StatusOr<std::string> all = ReadInput(file);
        if (!all.ok()) {
          report.failures.push_back(std::string(all.status().message()));
          continue;
        }
        content = *std::move(all);
      }
      if (articles == nullptr) {
        absl::StatusOr<std::unique_ptr<ArticlePipeline>> created =
            ArticlePipeline::Create(options.gazetteers);
        if (!created.ok()) return created.status();
        articles = *std::move(created);
      }
      // Extraction per document without the graph; cross-document resolution follows when
      // the group is written (PendingArticles).
      status = articles->Extract(*content, file == "-" ? "<stdin>" : file, format, nullptr,
                                 [&](const proto::TripleBatch& extracted) {
                                   pending.Add(Serialize(extracted, file));
                                   return absl::OkStatus();
                                 });
    }
    if (!status.ok()) report.failures.push_back(FailureMessage(file, status));
    ++state.files_done;
    state.bytes_done += size;
    report.bytes_read +=
        size > 0 ? size : (content.has_value() ? static_cast<int64_t>(content->size()) : 0);
    if (progress) progress(state);
  }
  pending.Write();
  if (progress) progress(state);
  return report;
}

absl::StatusOr<ExtractReport> ExtractToText(const std::vector<std::string>& paths,
                                            const LoadOptions& options, std::ostream& out) {
  ExtractReport report;
  QUARRY_RETURN_IF_ERROR(ForEachExtractedBatch(
      paths, options,
      [&](const proto::TripleBatch& batch) {
        for (const proto::Triple& triple : batch.triples()) {
          out << structured::FormatTsvName(triple.subject().node(),
                                           structured::TsvPosition::kSubject)
              << "\t"
              << structured::FormatTsvName(triple.predicate(), structured::TsvPosition::kPredicate)
              << "\t" << structured::TermToText(triple.object()) << "\n";
        }
        ++report.documents;
        return absl::OkStatus();
      },
      [&](std::string failure) { report.failures.push_back(std::move(failure)); }));
  return report;
}

}  // namespace quarry
