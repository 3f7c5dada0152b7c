#!/usr/bin/env bash
# Installs the built project into a scratch prefix, builds a separate project against it
# with find_package(quarry), and runs it.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
source="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$source/tests/install/consumer" -B "$work/consumer" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" >/dev/null
printf 'Ada Example\tmet\tBo Sample\n' >"$work/facts.tsv"
output="$("$work/consumer/consumer" "$work/db" "$work/facts.tsv")"
expected="'Ada Example' met 'Bo Sample'"
if [ "$output" != "$expected" ]; then
  echo "install_test: expected \"$expected\", got \"$output\"" >&2
  exit 1
fi
echo "install_test: find_package(quarry) consumer built and ran"
