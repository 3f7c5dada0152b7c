// An input stream whose bytes are generated on demand, for inputs too large to hold in
// memory in a test (a million lines, a 200 MB line).
#ifndef QUARRY_TESTS_LOADERS_STRUCTURED_GENERATED_STREAM_H_
#define QUARRY_TESTS_LOADERS_STRUCTURED_GENERATED_STREAM_H_

#include <cstdint>
#include <functional>
#include <streambuf>
#include <string>

namespace quarry::loaders::structured::testing {

// A streambuf that asks `next` for one piece of text at a time; an empty piece ends the
// stream.
class GeneratedStreamBuf : public std::streambuf {
 public:
  explicit GeneratedStreamBuf(std::function<std::string()> next) : next_(std::move(next)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    piece_ = next_();
    if (piece_.empty()) return traits_type::eof();
    setg(piece_.data(), piece_.data(), piece_.data() + piece_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::function<std::string()> next_;
  std::string piece_;
};

}  // namespace quarry::loaders::structured::testing

#endif  // QUARRY_TESTS_LOADERS_STRUCTURED_GENERATED_STREAM_H_
