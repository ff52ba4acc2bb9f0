#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end benchmark of `lockstep run` on a synthetic shares dump made by `lockstep synth`.
# Prints shares/s for each stage (read, project, cluster, score, write, whole run) and peak RSS.
# Usage: scripts/bench_pipeline.sh [SHARES=5000000] [THREADS=2] [BUILD_DIR=build]
set -euo pipefail
shares=${1:-5000000}
threads=${2:-2}
build=${3:-build}
bin="$build/lockstep"
[[ -x "$bin" ]] || { echo "bench: $bin not built (cmake --build $build)" >&2; exit 1; }
work=${LOCKSTEP_BENCH_DIR:-/tmp/lockstep-bench}
mkdir -p "$work"
input="$work/shares-$shares.csv"
if [[ ! -s "$input" ]]; then
  echo "bench: generating $shares shares -> $input" >&2
  "$bin" synth --shares "$shares" --seed 7 --out "$input" --truth "$work/truth-$shares.csv" >&2
fi
bytes=$(stat -c %s "$input")
rows=$(($(wc -l < "$input") - 1))
"$bin" --threads "$threads" run --input "$input" --out "$work/results.h5" \
  > "$work/run.out" 2> "$work/run.log"
awk -v rows="$rows" -v bytes="$bytes" -v threads="$threads" '
  BEGIN { printf "input: %d rows, %.1f MB, %d threads\n%-10s %10s %14s\n", rows, bytes / 1e6, threads, "stage", "seconds", "shares/s" }
  $1 ~ /^\[(read|project|cluster|score|write|run)\]$/ && $3 == "s" {
    printf "%-10s %10.2f %14.0f\n", substr($1, 2, length($1) - 2), $2, ($2 > 0 ? rows / $2 : 0) }
' "$work/run.log"
grep -E "^peak RSS" "$work/run.out" || true
