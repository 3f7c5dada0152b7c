// Status helpers in the shape of the ones newer Abseil ships, so they can be swapped later.
#ifndef QUARRY_UTIL_STATUS_MACROS_H_
#define QUARRY_UTIL_STATUS_MACROS_H_

#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define QUARRY_STATUS_CONCAT_INNER_(a, b) a##b
#define QUARRY_STATUS_CONCAT_(a, b) QUARRY_STATUS_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the enclosing function when it is not OK.
#define QUARRY_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    const ::absl::Status quarry_status_ = (expr);    \
    if (!quarry_status_.ok()) return quarry_status_; \
  } while (false)

// Evaluates `rexpr` (a StatusOr); returns its status on error, else moves its value
// into `lhs` (which may be a declaration).
#define QUARRY_ASSIGN_OR_RETURN(lhs, rexpr) \
  QUARRY_ASSIGN_OR_RETURN_IMPL_(QUARRY_STATUS_CONCAT_(quarry_statusor_, __LINE__), lhs, rexpr)

#define QUARRY_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

// Aborts with a message when `condition` is false: for invariants, never for input errors.
#define QUARRY_CHECK(condition)                                                          \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)

#endif  // QUARRY_UTIL_STATUS_MACROS_H_
