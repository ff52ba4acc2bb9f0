#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares `lockstep communities` (1 and 2 threads) with igraph's Leiden (peer_leiden.py) on the
# three planted-partition graphs of issue 5 and prints one table: clustering seconds, modularity,
# NMI against the planted truth, disconnected communities and speedups.
# Usage: scripts/bench_leiden.sh [WORKDIR]   (default /tmp/lockstep_bench; graphs and peer
# results found there are reused, delete the directory to start over)
# Env: LOCKSTEP_SHARED (default ../shared next to the repo root), LOCKSTEP_BIN (default
# build/lockstep), PYTHON (default /usr/bin/python3, which sees Debian's igraph and sklearn),
# REPEATS (default 5): lockstep runs per graph and thread count; the table gives the median
# clustering time (the partition is the same every run).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${LOCKSTEP_SHARED:-$root/../shared}"
bench="$shared/bench"
bin="${LOCKSTEP_BIN:-$root/build/lockstep}"
py="${PYTHON:-/usr/bin/python3}"
work="${1:-/tmp/lockstep_bench}"
repeats="${REPEATS:-5}"
mkdir -p "$work"
[[ -x "$bin" ]] || { echo "missing $bin: build first" >&2; exit 1; }
[[ -f "$bench/gen_lfr.py" ]] || { echo "missing $bench/gen_lfr.py: set LOCKSTEP_SHARED" >&2; exit 1; }

# name | generator arguments (seeded)
graphs=(
  "sbm_1e4|--mode sbm -n 10000 --avg-degree 200 --mu 0.5 --weighted --seed 1"
  "dcppm_1e5|--mode dcppm -n 100000 --avg-degree 20 --mu 0.45 --weighted --seed 1"
  "dcppm_1e6|--mode dcppm -n 1000000 --avg-degree 20 --mu 0.45 --weighted --seed 1"
)

json_get() {  # json_get FILE EXPR: evaluates EXPR on the parsed JSON `d`
  "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
field() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

printf '%-10s %-14s %9s %8s %7s %6s %8s\n' graph method seconds modularity NMI discon speedup
for entry in "${graphs[@]}"; do
  name="${entry%%|*}"
  args="${entry#*|}"
  prefix="$work/$name"
  if [[ ! -f "$prefix.edges" ]]; then
    # shellcheck disable=SC2086
    "$py" "$bench/gen_lfr.py" $args -o "$prefix" > "$prefix.gen.json"
  fi
  if [[ ! -f "$prefix.peer.json" ]]; then
    "$py" "$bench/peer_leiden.py" "$prefix.edges" --no-louvain --membership-out "$prefix.peer" \
      > "$prefix.peer.json"
  fi
  peer_s=$(json_get "$prefix.peer.json" 'd["algorithms"]["igraph_leiden"]["seconds"]')
  peer_q=$(json_get "$prefix.peer.json" 'd["algorithms"]["igraph_leiden"]["modularity"]')
  peer_d=$(json_get "$prefix.peer.json" 'd["algorithms"]["igraph_leiden"]["disconnected_communities"]')
  "$py" "$bench/nmi.py" "$prefix.truth" "$prefix.peer.leiden.txt" > "$prefix.peer.nmi.json"
  peer_nmi=$(json_get "$prefix.peer.nmi.json" 'd["nmi"]')
  printf '%-10s %-14s %9.3f %8.4f %7.4f %6s %8s\n' "$name" igraph_leiden "$peer_s" "$peer_q" \
    "$peer_nmi" "$peer_d" 1.00
  one_s=""
  for t in 1 2; do
    times=()
    for _ in $(seq "$repeats"); do
      "$bin" --threads "$t" communities --edges "$prefix.edges" --out "$prefix.lockstep$t.txt" \
        > "$prefix.lockstep$t.out"
      times+=("$(field "$prefix.lockstep$t.out" clustering_seconds)")
    done
    s=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    q=$(field "$prefix.lockstep$t.out" modularity)
    d=$(field "$prefix.lockstep$t.out" disconnected_communities)
    "$py" "$bench/nmi.py" "$prefix.truth" "$prefix.lockstep$t.txt" > "$prefix.lockstep$t.nmi.json"
    nmi=$(json_get "$prefix.lockstep$t.nmi.json" 'd["nmi"]')
    [[ -z "$one_s" ]] && one_s="$s"
    speed=$("$py" -c "print(f'{$peer_s / $s:.2f}')")
    printf '%-10s %-14s %9.3f %8.4f %7.4f %6s %8s\n' "$name" "lockstep_t$t" "$s" "$q" "$nmi" "$d" \
      "$speed"
  done
  cmp -s "$prefix.lockstep1.txt" "$prefix.lockstep2.txt" && same=yes || same=NO
  echo "$name: 1->2 thread speedup $("$py" -c "print(f'{$one_s / $s:.2f}')"), identical partitions: $same, load $(field "$prefix.lockstep2.out" load_seconds) s, build $(field "$prefix.lockstep2.out" build_seconds) s"
done
echo "(seconds: clustering only, median of $repeats runs for lockstep, one run for igraph;"
echo " speedup column: igraph Leiden clustering seconds / this row's clustering seconds)"
