#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Evaluates lockstep on the activity generator's ground truth (datasets/README.md, "Evaluation").
# Usage: scripts/eval_synth.sh [SEEDS=5] [TWEETS=200000] [-- extra `lockstep run` flags]
# For each seed 1..SEEDS: synth --model activity as Twitter v1.1, `lockstep run` (default settings
# unless flags follow `--`), read /accounts and /clusters back with h5py, join with the truth.
# Prints per seed and the mean over seeds: overall flagged-account precision, per campaign style
# recall and precision, per decoy style the share of its accounts flagged.
# Environment: LOCKSTEP (binary, default build/lockstep), WORK (scratch dir, default a mktemp).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seeds="${1:-5}"
tweets="${2:-200000}"
shift $(( $# < 2 ? $# : 2 ))
[[ "${1:-}" == "--" ]] && shift
lockstep="${LOCKSTEP:-$here/../build/lockstep}"
work="${WORK:-$(mktemp -d)}"
trap '[[ -z "${WORK:-}" ]] && rm -rf "$work"' EXIT

for seed in $(seq 1 "$seeds"); do
  "$lockstep" synth --model activity --render twitter-v1 --seed "$seed" --tweets "$tweets" \
    --out "$work/tweets_$seed.jsonl" --truth "$work/truth_$seed.csv" > /dev/null
  "$lockstep" run --input "$work/tweets_$seed.jsonl" --out "$work/results_$seed.h5" "$@" \
    > /dev/null 2> "$work/run_$seed.log"
  /usr/bin/python3 "$here/eval_synth.py" "$work/results_$seed.h5" "$work/truth_$seed.csv" \
    > "$work/metrics_$seed.json"
  rm -f "$work/tweets_$seed.jsonl"
done

/usr/bin/python3 - "$work" "$seeds" "$tweets" "$*" <<'PY'
import json, sys
work, seeds, tweets, flags = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = [json.load(open(f"{work}/metrics_{s}.json")) for s in range(1, seeds + 1)]
keys = [k for k in runs[0] if k != "flagged"]
def fmt(v):
    return "   -  " if v is None else f"{v:6.3f}"
def mean(k):
    vals = [r[k] for r in runs if r[k] is not None]
    return sum(vals) / len(vals) if vals else None
print(f"lockstep eval: {seeds} seeds x {tweets} tweets; run flags: {flags or '(defaults)'}")
print(f"{'metric':28s}" + "".join(f"  seed {s:<2d}" for s in range(1, seeds + 1)) + "     mean")
print(f"{'flagged accounts':28s}" + "".join(f"  {r['flagged']:6d}  " for r in runs))
for k in keys:
    print(f"{k:28s}" + "".join(f"  {fmt(r[k])}  " for r in runs) + f"  {fmt(mean(k))}")
PY
