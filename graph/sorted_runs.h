// Sorting fixed-size records that need not fit in memory (internal to graph/), for the bulk
// loader. Records gather in a buffer; each full buffer is sorted and written to a file as a
// run, on a background thread while the next one fills; the last buffer stays in memory.
// Reading merges the runs, over the whole order or over one key range, so that ranges can be
// written out on different threads. With one producer, ties keep the order in which records
// were added (each run is sorted stably and runs are merged in the order they were filled).
#ifndef QUARRY_GRAPH_SORTED_RUNS_H_
#define QUARRY_GRAPH_SORTED_RUNS_H_

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "graph/radix_sort.h"
#include "util/status_macros.h"

namespace quarry::graph {

namespace sorted_runs_internal {

// Writes all of `data` to `fd`; the error names `path`.
absl::Status WriteAll(int fd, const char* data, size_t size, const std::string& path);
// Reads exactly `size` bytes of the file at `path` from `offset`. The file is opened for each
// read, so that merging many runs holds no descriptors.
absl::Status ReadAt(const std::string& path, char* data, size_t size, uint64_t offset);

}  // namespace sorted_runs_internal

// Sorted runs of `Record`s (trivially copyable) in the order of `Less` (a default-constructible
// strict weak order). When `Less` also gives that order as words of a key (IsRadixKey in
// graph/radix_sort.h), runs are radix-sorted. Not copyable; its files are removed when it
// goes away.
template <typename Record, typename Less>
class SortedRuns {
  static_assert(std::is_trivially_copyable_v<Record>);

 public:
  // Runs go to files `dir`/`name`-N.run (the directory must exist), `run_records` at most each.
  SortedRuns(std::filesystem::path dir, std::string name, size_t run_records)
      : dir_(std::move(dir)),
        name_(std::move(name)),
        run_records_(std::max<size_t>(run_records, 1)) {}
  ~SortedRuns() {
    if (writer_.joinable()) writer_.join();
    std::error_code ignored;
    for (const Run& run : runs_)
      if (!run.path.empty()) std::filesystem::remove(run.path, ignored);
  }
  SortedRuns(const SortedRuns&) = delete;
  SortedRuns& operator=(const SortedRuns&) = delete;

  // Reserves room for about `records` more, up to one run.
  void Reserve(size_t records) {
    buffer_.reserve(std::min(run_records_, buffer_.size() + records));
  }

  // Adds one record, from one producer thread. A full buffer is written out in the background
  // while the next fills.
  absl::Status Add(const Record& record) {
    buffer_.push_back(record);
    if (buffer_.size() < run_records_) return absl::OkStatus();
    return StartWrite();
  }

  // Adds records from any number of threads at once. The order of equal records is not kept:
  // for records that are all distinct. Not to be mixed with Add.
  absl::Status AddBatch(absl::Span<const Record> records) {
    while (!records.empty()) {
      std::vector<Record> full;
      size_t run = 0;
      {
        absl::MutexLock lock(&mutex_);
        if (!status_.ok()) return status_;
        const size_t taken = std::min(records.size(), run_records_ - buffer_.size());
        buffer_.insert(buffer_.end(), records.begin(), records.begin() + taken);
        records.remove_prefix(taken);
        if (buffer_.size() < run_records_) return absl::OkStatus();
        full.swap(buffer_);
        buffer_.reserve(run_records_);
        run = NewRun(full.size());
      }
      std::vector<Record> samples;
      std::vector<Record> scratch;
      absl::Status written = SortAndWrite(full, scratch, runs_path(run), samples);
      absl::MutexLock lock(&mutex_);
      runs_[run].samples = std::move(samples);
      if (status_.ok()) status_ = written;
    }
    return absl::OkStatus();
  }

  // Ends adding: waits for the writes and sorts the last buffer, which is kept in memory.
  absl::Status Seal() {
    absl::Status waited = WaitForWrite();
    absl::MutexLock lock(&mutex_);
    if (!status_.ok()) return status_;
    QUARRY_RETURN_IF_ERROR(waited);
    if (buffer_.empty()) return absl::OkStatus();
    Run& run = runs_[NewRun(buffer_.size())];
    run.path.clear();
    SortRun(buffer_, sort_scratch_);
    std::vector<Record>().swap(writing_);
    std::vector<Record>().swap(sort_scratch_);
    run.memory = std::move(buffer_);
    run.samples = Sample(run.memory);
    buffer_ = std::vector<Record>();
    return absl::OkStatus();
  }

  // The records added.
  size_t size() const {
    size_t total = buffer_.size();
    for (const Run& run : runs_) total += run.count;
    return total;
  }
  // The runs written to files.
  int files_written() const {
    return static_cast<int>(std::count_if(runs_.begin(), runs_.end(),
                                          [](const Run& run) { return !run.path.empty(); }));
  }

  // After Seal: at most `parts` - 1 distinct records, ascending, that cut the order into about
  // equal ranges (taken from a sample of every run).
  std::vector<Record> Splitters(int parts) const {
    std::vector<Record> samples;
    for (const Run& run : runs_)
      samples.insert(samples.end(), run.samples.begin(), run.samples.end());
    std::sort(samples.begin(), samples.end(), Less());
    std::vector<Record> splitters;
    for (int part = 1; part < parts && !samples.empty(); ++part) {
      const Record& candidate =
          samples[samples.size() * static_cast<size_t>(part) / static_cast<size_t>(parts)];
      if (splitters.empty() || Less()(splitters.back(), candidate)) splitters.push_back(candidate);
    }
    return splitters;
  }

  // Merges the records r with `lower` <= r < `upper` (null: unbounded) of every run, in order.
  // Several readers may read at once.
  class Reader {
   public:
    Reader(Reader&&) = default;
    Reader& operator=(Reader&&) = default;

    // The next record, or null at the end or after an error (see status()).
    const Record* Next() {
      if (!started_) {
        started_ = true;
        for (size_t index = 0; index < cursors_.size(); ++index) {
          if (cursors_[index].current() != nullptr) heap_.push_back(index);
        }
        std::make_heap(heap_.begin(), heap_.end(), After{this});
      } else if (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), After{this});
        const size_t index = heap_.back();
        absl::Status advanced = cursors_[index].Advance();
        if (!advanced.ok()) {
          status_ = advanced;
          heap_.clear();
          return nullptr;
        }
        if (cursors_[index].current() != nullptr) {
          std::push_heap(heap_.begin(), heap_.end(), After{this});
        } else {
          heap_.pop_back();
        }
      }
      if (heap_.empty()) return nullptr;
      return cursors_[heap_.front()].current();
    }
    absl::Status status() const { return status_; }

   private:
    friend class SortedRuns;
    // One run's records in [next, end): in memory, or read from its file a block at a time.
    class Cursor {
     public:
      const Record* current() const { return position_ < limit_ ? position_ : nullptr; }
      absl::Status Advance() {
        ++position_;
        if (position_ < limit_ || path_ == nullptr || next_ >= end_) return absl::OkStatus();
        return Fill();
      }
      absl::Status Fill() {
        const size_t count = std::min<size_t>(kReadRecords, end_ - next_);
        block_.resize(count);
        QUARRY_RETURN_IF_ERROR(
            sorted_runs_internal::ReadAt(*path_, reinterpret_cast<char*>(block_.data()),
                                         count * sizeof(Record), next_ * sizeof(Record)));
        next_ += count;
        position_ = block_.data();
        limit_ = block_.data() + count;
        return absl::OkStatus();
      }
      const std::string* path_ = nullptr;  // null for the run in memory
      uint64_t next_ = 0;
      uint64_t end_ = 0;
      std::vector<Record> block_;
      const Record* position_ = nullptr;
      const Record* limit_ = nullptr;
    };
    static constexpr size_t kReadRecords =
        std::max<size_t>(1, (size_t{256} << 10) / sizeof(Record));

    // Heap order: the cursor whose record comes later (or, between equal records, whose run
    // was filled later) sinks.
    struct After {
      const Reader* reader;
      bool operator()(size_t a, size_t b) const {
        const Record& left = *reader->cursors_[a].current();
        const Record& right = *reader->cursors_[b].current();
        if (Less()(right, left)) return true;
        if (Less()(left, right)) return false;
        return a > b;
      }
    };

    Reader() = default;
    std::vector<Cursor> cursors_;
    std::vector<size_t> heap_;
    bool started_ = false;
    absl::Status status_;
  };

  // After Seal.
  absl::StatusOr<Reader> Read(const Record* lower, const Record* upper) const {
    Reader reader;
    reader.cursors_.reserve(runs_.size());
    for (const Run& run : runs_) {
      typename Reader::Cursor& cursor = reader.cursors_.emplace_back();
      if (run.path.empty()) {
        const Record* begin = run.memory.data();
        const Record* end = begin + run.memory.size();
        if (lower != nullptr) begin = std::lower_bound(begin, end, *lower, Less());
        if (upper != nullptr) end = std::lower_bound(begin, end, *upper, Less());
        cursor.position_ = begin;
        cursor.limit_ = end;
        continue;
      }
      cursor.path_ = &run.path;
      uint64_t begin = 0;
      uint64_t end = run.count;
      if (lower != nullptr) {
        QUARRY_ASSIGN_OR_RETURN(begin, LowerBound(run, begin, end, *lower));
      }
      if (upper != nullptr) {
        QUARRY_ASSIGN_OR_RETURN(end, LowerBound(run, begin, end, *upper));
      }
      cursor.next_ = begin;
      cursor.end_ = end;
      if (begin < end) QUARRY_RETURN_IF_ERROR(cursor.Fill());
    }
    return reader;
  }

 private:
  struct Run {
    std::string path;  // empty for the run kept in memory
    uint64_t count = 0;
    std::vector<Record> memory;
    std::vector<Record> samples;
  };
  // Records sampled from each run for Splitters.
  static constexpr size_t kSamplesPerRun = 256;

  static std::vector<Record> Sample(const std::vector<Record>& sorted) {
    std::vector<Record> samples;
    const size_t step = std::max<size_t>(1, sorted.size() / kSamplesPerRun);
    for (size_t index = step / 2; index < sorted.size(); index += step)
      samples.push_back(sorted[index]);
    return samples;
  }

  // Sorts one run stably, with `scratch` as RadixSort's other buffer.
  static void SortRun(std::vector<Record>& records, std::vector<Record>& scratch) {
    if constexpr (IsRadixKey<Less, Record>::value) {
      RadixSort<Less>(records, scratch);
    } else {
      std::stable_sort(records.begin(), records.end(), Less());
    }
  }

  // Sorts `records` and writes them to `path`, leaving `records` empty with its memory kept
  // (the next buffer Add fills).
  static absl::Status SortAndWrite(std::vector<Record>& records, std::vector<Record>& scratch,
                                   const std::string& path, std::vector<Record>& samples) {
    SortRun(records, scratch);
    samples = Sample(records);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      return absl::InternalError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
    }
    absl::Status written = sorted_runs_internal::WriteAll(
        fd, reinterpret_cast<const char*>(records.data()), records.size() * sizeof(Record), path);
    if (::close(fd) != 0 && written.ok()) {
      written =
          absl::InternalError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
    }
    records.clear();
    return written;
  }

  // The index of the first record of the file of `run` within [begin, end) that is not less
  // than `key`.
  static absl::StatusOr<uint64_t> LowerBound(const Run& run, uint64_t begin, uint64_t end,
                                             const Record& key) {
    Record probe;
    while (begin < end) {
      const uint64_t middle = begin + (end - begin) / 2;
      QUARRY_RETURN_IF_ERROR(sorted_runs_internal::ReadAt(run.path, reinterpret_cast<char*>(&probe),
                                                          sizeof(Record), middle * sizeof(Record)));
      if (Less()(probe, key)) {
        begin = middle + 1;
      } else {
        end = middle;
      }
    }
    return begin;
  }

  std::string runs_path(size_t run) const {
    return (dir_ / absl::StrCat(name_, "-", run, ".run")).string();
  }

  // Registers the next run (in fill order) with `count` records, to be written to its file.
  size_t NewRun(size_t count) {
    Run& run = runs_.emplace_back();
    run.count = count;
    run.path = runs_path(runs_.size() - 1);
    return runs_.size() - 1;
  }

  // Hands the full buffer to the background writer (after the previous write ended).
  absl::Status StartWrite() {
    QUARRY_RETURN_IF_ERROR(WaitForWrite());
    writing_.swap(buffer_);
    buffer_.reserve(run_records_);
    const size_t run = NewRun(writing_.size());
    writer_ = std::thread([this, run] {
      written_ = SortAndWrite(writing_, sort_scratch_, runs_path(run), written_samples_);
    });
    writing_run_ = run;
    return absl::OkStatus();
  }

  absl::Status WaitForWrite() {
    if (!writer_.joinable()) return absl::OkStatus();
    writer_.join();
    runs_[writing_run_].samples = std::move(written_samples_);
    written_samples_.clear();
    return written_;
  }

  std::filesystem::path dir_;
  std::string name_;
  size_t run_records_;
  std::vector<Record> buffer_;
  // The background write of Add's producer: its records, run, samples and result.
  std::thread writer_;
  std::vector<Record> writing_;
  // RadixSort's other buffer for the runs of Add and Seal, kept from one run to the next.
  std::vector<Record> sort_scratch_;
  size_t writing_run_ = 0;
  std::vector<Record> written_samples_;
  absl::Status written_;
  // Guards runs_, buffer_ and status_ under AddBatch (Add's single producer needs no lock).
  absl::Mutex mutex_;
  std::vector<Run> runs_;
  absl::Status status_;
};

}  // namespace quarry::graph

#endif  // QUARRY_GRAPH_SORTED_RUNS_H_
