#!/usr/bin/env bash
# Quarry's entry point: install what is missing, build, and run the demo or the tests.
#
#   ./quarry.sh demo     install, build, load the built-in sample articles, answer the mission query
#   ./quarry.sh test     install, build, run every test (also under ASan+UBSan), the format check
#                        and a short fuzzing run of each libFuzzer target
#   ./quarry.sh build    install and build (Release) into build/
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jobs="$(nproc 2>/dev/null || echo 2)"

build() {  # build DIR [cmake args...]
  local dir="$1"
  shift
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

demo() {
  "$root/scripts/install-deps"
  build "$root/build"
  "$root/scripts/demo" "$root/build/tools/quarry"
}

test_all() {
  "$root/scripts/install-deps"
  echo "== format check"
  "$root/scripts/check-format"
  echo "== build (Release)"
  build "$root/build"
  echo "== tests (Release)"
  (cd "$root/build" && ctest --output-on-failure -j"$jobs")
  echo "== build (ASan+UBSan)"
  build "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DQUARRY_SANITIZE=ON -DQUARRY_BUILD_BENCH=OFF
  echo "== tests (ASan+UBSan)"
  (cd "$root/build-asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --output-on-failure -j"$jobs" -LE slow)
  echo "== fuzz smoke (clang, ASan+UBSan+libFuzzer: corpus replay and short runs)"
  "$root/scripts/fuzz-smoke" "$root/build-fuzz"
}

case "${1:-}" in
  demo) demo ;;
  test) test_all ;;
  build)
    "$root/scripts/install-deps"
    build "$root/build"
    ;;
  *)
    echo "usage: ./quarry.sh demo|test|build" >&2
    exit 2
    ;;
esac
