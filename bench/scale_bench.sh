#!/bin/bash
# Scale-out benchmark (not a test): articles/s and MB/s of single-process `quarry load` and of
# scripts/quarry-dask with 1 and 2 workers on generated articles, and `quarry ingest`
# triples/s against `quarry load` of the same batches.
# Usage: bench/scale_bench.sh [BUILD_DIR] [ARTICLES]   (defaults: ./build, 20000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
count=${2:-20000}
quarry=$build/tools/quarry
work=$(mktemp -d /tmp/quarry-scale-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$root/scripts/gen-articles" --count "$count" --seed 42 "$work/articles"
mb=$(du -sm --apparent-size "$work/articles" | cut -f1)
bytes=$(find "$work/articles" -type f -exec cat {} + | wc -c)

seconds() { /usr/bin/python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' "$@"; }
now() { date +%s.%N; }
report() {  # NAME SECONDS
  /usr/bin/python3 -c 'import sys; n, s, c, b = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]); print(f"{n:<36} {s:8.2f}s {c / s:10.0f} articles/s {b / s / 1e6:8.2f} MB/s")' "$1" "$2" "$count" "$bytes"
}

echo "corpus: $count articles, $bytes bytes ($mb MB on disk)"
# `quarry load` of INPUT, then quarry-dask with 1 and 2 workers, each export compared with the
# load's. NAME is added to the rows' labels; TAG names the work files; load_s is set.
load_and_dask() {  # INPUT NAME TAG
  local input=$1 name=$2 tag=$3 workers start end
  start=$(now); "$quarry" --db "$work/$tag-load.db" load "$input" 2>/dev/null; end=$(now)
  load_s=$(seconds "$start" "$end"); report "quarry load$name" "$load_s"
  "$quarry" --db "$work/$tag-load.db" export --format nt -o "$work/$tag-load.nt"
  for workers in 1 2; do
    start=$(now)
    "$root/scripts/quarry-dask" --workers "$workers" --quarry "$quarry" \
      --db "$work/$tag-dask$workers.db" --shards "$work/$tag-shards$workers" "$input" \
      2>"$work/$tag-dask$workers.log"
    end=$(now)
    report "quarry-dask --workers $workers$name" "$(seconds "$start" "$end")"
    grep -o 'cluster start .*' "$work/$tag-dask$workers.log" | sed 's/^/  /'
    "$quarry" --db "$work/$tag-dask$workers.db" export --format nt -o "$work/$tag-dask$workers.nt"
    cmp -s "$work/$tag-load.nt" "$work/$tag-dask$workers.nt" && echo "  export equals quarry load" ||
      echo "  EXPORT DIFFERS from quarry load"
  done
}

load_and_dask "$work/articles" "" files
files_load_s=$load_s

# The same articles as one JSONL file, which quarry-dask splits into ranges of its lines (no
# file per article to open: extraction scales closer to the workers).
/usr/bin/python3 -c 'import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name)) as f:
        print(json.dumps({"id": name, "text": f.read()}))' "$work/articles" >"$work/articles.jsonl"
bytes=$(wc -c <"$work/articles.jsonl")
echo "the same as one JSONL file: $bytes bytes"
load_and_dask "$work/articles.jsonl" " (JSONL)" jsonl

# Ingest alone, from the shards of the 2-worker run, against load of the same articles: three
# runs, each into a new database. On a VM that hands freed memory back to its host, the first
# run after a pause faults in fresh pages and is slower than runs back to back.
times=()
for run in 1 2 3; do
  rm -rf "$work/ingest.db"
  start=$(now); "$quarry" --db "$work/ingest.db" ingest "$work/files-shards2" 2>"$work/ingest.log"; end=$(now)
  times+=("$(seconds "$start" "$end")")
done
# Triples added (distinct new triples) and stated (each document's triples, the batches' size).
added=$(grep -o '[0-9]* triples added' "$work/ingest.log" | cut -d' ' -f1)
stated=$(grep -o '[0-9]* stated' "$work/ingest.log" | cut -d' ' -f1)
/usr/bin/python3 -c 'import sys, statistics
a, t, l = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
runs = [float(x) for x in sys.argv[4:]]
i = statistics.median(runs)
print(f"quarry ingest: runs " + ", ".join(f"{r:.2f}s" for r in runs) + f"; median {i:.2f}s for {t} triples stated ({t / i:.0f}/s), {a} added ({a / i:.0f}/s); quarry load of the same: {t / l:.0f} stated/s, {a / l:.0f} added/s")' "$added" "$stated" "$files_load_s" "${times[@]}"
