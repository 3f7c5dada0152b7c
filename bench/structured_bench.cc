// Throughput of the structured readers and writers: N synthetic triples (default 1,000,000;
// first argument overrides) are written in each format to memory, then read back through a
// counting sink. Prints MB/s and triples/s for every writer and reader.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "loaders/structured/reader.h"
#include "loaders/structured/writer.h"
#include "proto/quarry.pb.h"

namespace {

using quarry::loaders::structured::NewTripleWriter;
using quarry::loaders::structured::ReadTriples;
using quarry::loaders::structured::TripleSink;
using quarry::loaders::structured::TripleWriter;

class CountingSink : public TripleSink {
 public:
  absl::Status Add(quarry::proto::Triple) override {
    ++count_;
    return absl::OkStatus();
  }
  int64_t count() const { return count_; }

 private:
  int64_t count_ = 0;
};

// A mix like a news graph: relations between people, roles, dates, numbers and labels.
quarry::proto::Triple MakeTriple(int64_t index) {
  quarry::proto::Triple triple;
  triple.mutable_subject()->set_node(absl::StrCat("Person number ", index));
  quarry::proto::Term* object = triple.mutable_object();
  switch (index % 5) {
    case 0:
      triple.set_predicate("met");
      object->set_node(absl::StrCat("Person number ", index * 7919 % 1000003));
      break;
    case 1:
      triple.set_predicate("role");
      object->set_string_value(absl::StrCat("Deputy Minister of Affairs ", index % 97));
      break;
    case 2:
      triple.set_predicate(":label");
      object->set_label("Person");
      break;
    case 3:
      triple.set_predicate("born");
      object->mutable_date_value()->set_year(1900 + index % 120);
      object->mutable_date_value()->set_month(1 + index % 12);
      object->mutable_date_value()->set_day(1 + index % 28);
      break;
    default:
      triple.set_predicate("score");
      object->set_double_value(static_cast<double>(index) / 7.0);
  }
  return triple;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t triples = argc > 1 ? std::atoll(argv[1]) : 1000000;
  std::printf("structured readers benchmark: %lld synthetic triples per format\n",
              static_cast<long long>(triples));
  for (const char* format : {"tsv", "jsonl", "nt"}) {
    std::ostringstream out;
    std::unique_ptr<TripleWriter> writer = *NewTripleWriter(format, out);
    auto start = std::chrono::steady_clock::now();
    for (int64_t index = 0; index < triples; ++index) {
      absl::Status status = writer->Write(MakeTriple(index));
      if (!status.ok()) {
        std::fprintf(stderr, "write failed: %s\n", status.ToString().c_str());
        return 1;
      }
    }
    if (!writer->Finish().ok()) return 1;
    const double write_seconds = Seconds(start);
    const std::string text = out.str();
    const double megabytes = static_cast<double>(text.size()) / (1 << 20);

    std::istringstream in(text);
    CountingSink sink;
    start = std::chrono::steady_clock::now();
    absl::Status status = ReadTriples(format, in, format, "bench", sink);
    const double read_seconds = Seconds(start);
    if (!status.ok() || sink.count() != triples) {
      std::fprintf(stderr, "read failed: %s (%lld triples)\n", status.ToString().c_str(),
                   static_cast<long long>(sink.count()));
      return 1;
    }
    std::printf(
        "%-6s %8.1f MB  write %7.1f MB/s %10.0f triples/s   read %7.1f MB/s %10.0f "
        "triples/s\n",
        format, megabytes, megabytes / write_seconds, triples / write_seconds,
        megabytes / read_seconds, triples / read_seconds);
  }
  return 0;
}
