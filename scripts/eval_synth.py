# SPDX-License-Identifier: Apache-2.0
"""Scores lockstep results against the activity generator's truth (scripts/eval_synth.sh).

Usage: eval_synth.py RESULTS.h5 TRUTH.csv  -> one JSON line of metrics.
A flagged account is one with /accounts.flagged = TRUE (a core member of a flagged cluster). Each flagged cluster is
attributed to the most common truth style among its members. Metrics:
  precision             flagged planted accounts / all flagged accounts (None when none flagged)
  recall.<style>        flagged members of the style's groups / its members
  precision.<style>     flagged accounts of the style in clusters attributed to it /
                        flagged accounts in clusters attributed to it
  decoy.<style>         flagged accounts of a decoy style / its accounts
"""
import collections
import csv
import json
import sys

import h5py

CAMPAIGNS = ["fast-ring", "slow-group", "link-pusher", "copypasta", "hashtag-sequence",
             "reply-brigade"]
DECOYS = ["viral-crowd", "celebrity-fans", "news-bot"]


def column(f, table, name):
    d = f[table][name]
    return d.asstr()[()] if d.dtype.kind in "SO" else d[()]


def main(results, truth_path):
    with open(truth_path, newline="") as t:
        truth = {r["account_id"]: r for r in csv.DictReader(t)}
    with h5py.File(results, "r") as f:
        ids = column(f, "accounts", "account_id")
        cluster_of = column(f, "accounts", "cluster_id")
        account_flagged = column(f, "accounts", "flagged")
    members = collections.defaultdict(list)
    for account, c, fl in zip(ids, cluster_of, account_flagged):
        if fl:
            members[int(c)].append(truth[account]["style"] if account in truth else "organic")
    total = collections.Counter(r["style"] for r in truth.values())
    flagged = collections.Counter()
    attributed = collections.Counter()  # flagged accounts in clusters attributed to a style
    attributed_hit = collections.Counter()
    for styles in members.values():
        counts = collections.Counter(styles)
        flagged.update(counts)
        top = counts.most_common(1)[0][0]
        attributed[top] += len(styles)
        attributed_hit[top] += counts[top]
    n_flagged = sum(flagged.values())
    planted = sum(flagged[s] for s in CAMPAIGNS)
    out = {"flagged": n_flagged, "precision": planted / n_flagged if n_flagged else None}
    for s in CAMPAIGNS:
        out["recall." + s] = flagged[s] / total[s] if total[s] else None
        out["precision." + s] = attributed_hit[s] / attributed[s] if attributed[s] else None
    decoys = 0
    for s in DECOYS:
        out["decoy." + s] = flagged[s] / total[s] if total[s] else None
        decoys += total[s]
    out["decoy.all"] = sum(flagged[s] for s in DECOYS) / decoys if decoys else None
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
