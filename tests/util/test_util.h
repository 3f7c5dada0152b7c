// Helpers shared by the tests: a StatusIs matcher and scratch directories.
#ifndef QUARRY_TESTS_UTIL_TEST_UTIL_H_
#define QUARRY_TESTS_UTIL_TEST_UTIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace quarry::testing {

inline absl::Status GetStatus(const absl::Status& status) { return status; }
template <typename T>
absl::Status GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// Matches an absl::Status or StatusOr whose code is `code` and whose message matches
// `message_matcher`.
MATCHER_P2(StatusIs, code, message_matcher, "") {
  absl::Status status = ::quarry::testing::GetStatus(arg);
  if (status.code() != code) {
    *result_listener << "code is " << absl::StatusCodeToString(status.code()) << ": "
                     << status.message();
    return false;
  }
  return ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

#define QUARRY_ASSERT_OK(expr)                                                   \
  do {                                                                           \
    const absl::Status quarry_test_status_ = ::quarry::testing::GetStatus(expr); \
    ASSERT_TRUE(quarry_test_status_.ok()) << quarry_test_status_;                \
  } while (false)

#define QUARRY_EXPECT_OK(expr) \
  EXPECT_TRUE(::quarry::testing::GetStatus(expr).ok()) << ::quarry::testing::GetStatus(expr)

// A fresh empty directory under the test's temporary directory, removed at destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  // `path()` + "/" + `name`.
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `contents` to `path`, replacing it.
void WriteFile(const std::string& path, const std::string& contents);
// The contents of `path`; fails the test when unreadable.
std::string ReadFile(const std::string& path);

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_UTIL_TEST_UTIL_H_
