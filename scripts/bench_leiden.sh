#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares `lockstep communities` (1 and 2 threads) with igraph's Leiden (peer_leiden.py, one
# thread) on the planted-partition graphs of issue 5, weighted and unweighted, and prints one
# table: clustering seconds, modularity, NMI against the planted truth, disconnected communities
# and speedups. Every figure is the median over SEEDS (both tools get the same seed). lockstep's
# time for a seed is the median over ROUNDS runs of it spread over the graph's whole benchmark:
# round 1 runs each seed right after igraph's run of it, later rounds run every seed again. So a
# burst of load on this shared machine (the second core busy elsewhere for ~10 s) spoils one
# sample of a seed, not all of them. Each run is REPEATS runs in one process (their median).
# Usage: scripts/bench_leiden.sh [WORKDIR]   (default /tmp/lockstep_bench; graphs found there
# are reused, delete the directory to start over)
# Env: LOCKSTEP_SHARED (default ../shared next to the repo root), LOCKSTEP_BIN (default
# build/lockstep), PYTHON (default /usr/bin/python3, which sees Debian's igraph and sklearn),
# SEEDS (default "1 2 3 4 5"), ROUNDS (default 3), REPEATS (default 3), GRAPHS (names to run,
# default all six), REUSE_PEER=1 (reuse igraph's results of an earlier run instead of re-running it: only for
# quick looks, as this machine's speed drifts by up to ~1.7x between runs, igraph's included).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${LOCKSTEP_SHARED:-$root/../shared}"
bench="$shared/bench"
bin="${LOCKSTEP_BIN:-$root/build/lockstep}"
py="${PYTHON:-/usr/bin/python3}"
work="${1:-/tmp/lockstep_bench}"
read -r -a seeds <<< "${SEEDS:-1 2 3 4 5}"
rounds="${ROUNDS:-3}"
repeats="${REPEATS:-3}"
mkdir -p "$work"
[[ -x "$bin" ]] || { echo "missing $bin: build first" >&2; exit 1; }
[[ -f "$bench/gen_lfr.py" ]] || { echo "missing $bench/gen_lfr.py: set LOCKSTEP_SHARED" >&2; exit 1; }

# name | generator arguments (seeded). The weighted graphs carry gen_lfr's co-share-like weights;
# the unweighted ones are made as in ../shared/bench/README.md.
all_graphs=(
  "sbm_1e4|--mode sbm -n 10000 --avg-degree 200 --mu 0.5 --weighted --seed 1"
  "dcppm_1e5|--mode dcppm -n 100000 --avg-degree 20 --mu 0.45 --weighted --seed 1"
  "dcppm_1e6|--mode dcppm -n 1000000 --avg-degree 20 --mu 0.45 --weighted --seed 1"
  "sbm_1e4_u|--mode sbm -n 10000 --avg-degree 200 --mu 0.5 --seed 1"
  "dcppm_1e5_u|--mode dcppm -n 100000 --avg-degree 20 --mu 0.45 --seed 1"
  "dcppm_1e6_u|--mode dcppm -n 1000000 --avg-degree 20 --mu 0.45 --seed 1"
)
read -r -a wanted <<< "${GRAPHS:-sbm_1e4 dcppm_1e5 dcppm_1e6 sbm_1e4_u dcppm_1e5_u dcppm_1e6_u}"

json_get() {  # json_get FILE EXPR: evaluates EXPR on the parsed JSON `d`
  "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
field() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
nmi() { "$py" "$bench/nmi.py" "$1" "$2" | "$py" -c "import json,sys; print(json.load(sys.stdin)['nmi'])"; }

printf '%-12s %-14s %9s %8s %7s %6s %8s\n' graph method seconds modularity NMI discon speedup
for entry in "${all_graphs[@]}"; do
  name="${entry%%|*}"
  args="${entry#*|}"
  [[ " ${wanted[*]} " == *" $name "* ]] || continue
  prefix="$work/$name"
  if [[ ! -s "$prefix.edges" || ! -s "$prefix.truth" ]]; then
    # shellcheck disable=SC2086
    "$py" "$bench/gen_lfr.py" $args -o "$prefix" > "$prefix.gen.json"
  fi
  peer_s=() peer_q=() peer_nmi=() peer_d=0
  declare -A s_of=() q_of=() nmi_of=() d_of=() runs_of=()
  same=yes stable=yes
  for seed in "${seeds[@]}"; do
    peer="$prefix.peer.s$seed"
    if [[ "${REUSE_PEER:-0}" != 1 || ! -s "$peer.json" ]]; then  # written under a temporary name
      "$py" "$bench/peer_leiden.py" "$prefix.edges" --no-louvain --seed "$seed" \
        --membership-out "$peer" > "$peer.json.tmp"
      mv "$peer.json.tmp" "$peer.json"
    fi
    peer_s+=("$(json_get "$peer.json" 'd["algorithms"]["igraph_leiden"]["seconds"]')")
    peer_q+=("$(json_get "$peer.json" 'd["algorithms"]["igraph_leiden"]["modularity"]')")
    peer_d=$((peer_d + $(json_get "$peer.json" 'd["algorithms"]["igraph_leiden"]["disconnected_communities"]')))
    peer_nmi+=("$(nmi "$prefix.truth" "$peer.leiden.txt")")
    for t in 1 2; do
      out="$prefix.lockstep.t$t.s$seed"
      "$bin" --threads "$t" communities --edges "$prefix.edges" --out "$out.txt" --seed "$seed" \
        --repeat "$repeats" > "$out.out"
      runs_of[$t,$seed]="$(field "$out.out" clustering_seconds)"
      q_of[$t]+=" $(field "$out.out" modularity)"
      d_of[$t]=$(( ${d_of[$t]:-0} + $(field "$out.out" disconnected_communities) ))
      nmi_of[$t]+=" $(nmi "$prefix.truth" "$out.txt")"
    done
    cmp -s "$prefix.lockstep.t1.s$seed.txt" "$prefix.lockstep.t2.s$seed.txt" || same=NO
  done
  for ((round = 2; round <= rounds; round++)); do
    for seed in "${seeds[@]}"; do
      for t in 1 2; do
        out="$prefix.lockstep.t$t.s$seed"
        "$bin" --threads "$t" communities --edges "$prefix.edges" --out "$out.again.txt" \
          --seed "$seed" --repeat "$repeats" > "$out.again.out"
        runs_of[$t,$seed]+=" $(field "$out.again.out" clustering_seconds)"
        cmp -s "$out.txt" "$out.again.txt" || stable=NO
      done
    done
  done
  for seed in "${seeds[@]}"; do
    # shellcheck disable=SC2086
    for t in 1 2; do s_of[$t]+=" $(median ${runs_of[$t,$seed]})"; done
  done
  ps=$(median "${peer_s[@]}")
  printf '%-12s %-14s %9.3f %8.4f %7.4f %6s %8s\n' "$name" igraph_leiden "$ps" \
    "$(median "${peer_q[@]}")" "$(median "${peer_nmi[@]}")" "$peer_d" 1.00
  for t in 1 2; do
    # shellcheck disable=SC2086
    s=$(median ${s_of[$t]})
    [[ $t == 1 ]] && one_s="$s"
    # shellcheck disable=SC2086
    printf '%-12s %-14s %9.3f %8.4f %7.4f %6s %8s\n' "$name" "lockstep_t$t" "$s" \
      "$(median ${q_of[$t]})" "$(median ${nmi_of[$t]})" "${d_of[$t]}" \
      "$("$py" -c "print(f'{$ps / $s:.2f}')")"
  done
  echo "$name: 1->2 thread speedup $("$py" -c "print(f'{$one_s / $s:.2f}')"), identical partitions at 1 and 2 threads: $same, in every round: $stable, load $(field "$out.out" load_seconds) s, build $(field "$out.out" build_seconds) s"
  unset s_of q_of nmi_of d_of runs_of
done
echo "(medians over seeds ${seeds[*]}; seconds: clustering only, lockstep's per seed the median of"
echo " $rounds rounds of $repeats-run medians; discon: disconnected communities summed over the"
echo " seeds; speedup: igraph seconds / this row's seconds)"
