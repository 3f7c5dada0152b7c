#!/usr/bin/env bash
# Runs Kùzu (../shared/peers/run.sh N) and Quarry (quarry_bench_peers) on the same generated
# graph, in the same run, and prints one table: each figure for both engines and the ratio
# Quarry/Kùzu (below 1 is better for times, above 1 for the load rate).
#
#   bench/compare.sh [PERSONS]        (default 100000; 10000 and 1000000 also used)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
persons="${1:-100000}"
peers="$root/../shared/peers"
bench="${QUARRY_BENCH_PEERS:-$root/build/bench/quarry_bench_peers}"
cache="${PEERS_CACHE:-/tmp/quarry-peers}"
[ -x "$bench" ] || { echo "compare.sh: build first (./quarry.sh build): no $bench" >&2; exit 1; }
[ -d "$peers" ] || { echo "compare.sh: no $peers" >&2; exit 1; }

kuzu_log="$(mktemp)"
quarry_log="$(mktemp)"
trap 'rm -f "$kuzu_log" "$quarry_log"' EXIT
echo "== Kùzu ($persons persons)" >&2
PEERS_CACHE="$cache" "$peers/run.sh" "$persons" | tee "$kuzu_log" >&2
echo "== Quarry ($persons persons)" >&2
"$bench" "$cache/data/p$persons" | tee "$quarry_log" >&2

python3 - "$kuzu_log" "$quarry_log" "$persons" <<'PY'
import json, re, sys
def result(path):
    for line in open(path):
        if line.startswith("RESULT_JSON "):
            return json.loads(line[len("RESULT_JSON "):])
    sys.exit(f"no RESULT_JSON in {path}")
kuzu, quarry, persons = result(sys.argv[1]), result(sys.argv[2]), sys.argv[3]
rows = [("load triples/s", kuzu["triples_per_s"], quarry["triples_per_s"])]
# Kùzu prints its database size and its RSS after the load on its LOAD line (RSS then is
# what the process holds, at most its peak; Quarry's figure is its peak, a stricter one).
load_line = re.search(r"db ([0-9.]+) MiB, rss ([0-9.]+) MiB", open(sys.argv[1]).read())
if load_line and "peak_rss_mb" in quarry:
    rows.append(("RSS MiB (see below)", float(load_line.group(2)), quarry["peak_rss_mb"]))
if load_line and "db_mb" in quarry:
    rows.append(("on disk MiB", float(load_line.group(1)), quarry["db_mb"]))
same = True
for q in ("Q1", "Q2", "Q3", "Q4"):
    rows.append((f"{q} median ms", kuzu["queries"][q]["median_ms"], quarry["queries"][q]["median_ms"]))
    answer = lambda r: {k: v for k, v in r["queries"][q].items() if not k.endswith("_ms")}
    if answer(kuzu) != answer(quarry):
        same = False
        print(f"{q}: answers differ: kuzu {answer(kuzu)} quarry {answer(quarry)}")
print(f"\n{persons} persons             Kùzu        Quarry   Quarry/Kùzu")
for name, k, q in rows:
    print(f"{name:<19} {k:>12,.2f} {q:>12,.2f} {q / k if k else float('nan'):>10.2f}x")
print("RSS: Kùzu's after its load (what node reports), Quarry's peak over its whole run")
print("answers identical" if same else "ANSWERS DIFFER")
PY
