#!/usr/bin/python3
"""Is one detector's frame AUC above another's on the same test videos, beyond the luck of which
videos were drawn? A paired bootstrap over videos: resample the videos with replacement, compute both
pooled AUCs on the same sample, and report the full-sample difference, the 95% interval of the
resampled ones and how often a resample's is not above zero. Prints one JSON line.

The inputs are the frames `evaluate` pooled, so labels, normalisation and score columns work exactly
as there, and the full-sample AUCs printed equal evaluate's:

    evaluate --scores A/scores.csv --labels LABELS --normalize per-video --frames a.csv
    evaluate --scores B/scores.csv --labels LABELS --normalize per-video --frames b.csv
    pipelines/compare-auc.py a.csv b.csv

Needs scikit-learn (Debian's python3-sklearn, which `make setup` installs).
"""
import argparse, csv, json, sys
import numpy as np
from sklearn.metrics import roc_auc_score

parser = argparse.ArgumentParser()
parser.add_argument("a", help="pooled frames of detector A (evaluate --frames)")
parser.add_argument("b", help="pooled frames of detector B, on the same test set")
parser.add_argument("--resamples", type=int, default=1000)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()
if args.resamples < 1:
    parser.error("--resamples must be at least 1")


def fail(message):
    sys.exit(f"compare-auc: {message}")


def load(path):
    """Per video, its (frame, anomalous) keys and its scores, in file order."""
    videos = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            if "anomalous" not in row:
                fail(f"{path}: no column 'anomalous' (write it with evaluate --frames)")
            keys, scores = videos.setdefault(row["video"], ([], []))
            keys.append((int(row["frame"]), int(row["anomalous"])))
            scores.append(float(row["score"]))
    return {video: (keys, np.array(scores)) for video, (keys, scores) in videos.items()}


a, b = load(args.a), load(args.b)
if {v: keys for v, (keys, _) in a.items()} != {v: keys for v, (keys, _) in b.items()}:
    fail(f"{args.a} and {args.b} do not pool the same frames with the same labels")
videos = sorted(a)
truth = {video: np.array([label for _, label in a[video][0]]) for video in videos}


def holds_both_classes(sample):
    """An AUC needs normal and anomalous frames."""
    return len({bit for video in sample for bit in truth[video]}) == 2


if not holds_both_classes(videos):
    fail(f"{args.a}: the frames are all of one class, so there is no AUC")


def auc(detector, sample):
    return roc_auc_score(np.concatenate([truth[v] for v in sample]), np.concatenate([detector[v][1] for v in sample]))


random = np.random.default_rng(args.seed)
differences, draws = [], 0
while len(differences) < args.resamples:
    draws += 1
    if draws > 100 * args.resamples:
        fail("almost no resample of the videos holds both classes; too few anomalous videos to bootstrap")
    sample = [videos[i] for i in random.integers(0, len(videos), len(videos))]
    if holds_both_classes(sample):
        differences.append(auc(a, sample) - auc(b, sample))
differences = np.array(differences)
low, high = np.percentile(differences, [2.5, 97.5])
auc_a, auc_b = auc(a, videos), auc(b, videos)
print(json.dumps({"auc_a": auc_a, "auc_b": auc_b, "difference": auc_a - auc_b, "difference_95": [low, high],
                  "share_not_above": float((differences <= 0).mean()), "videos": len(videos),
                  "resamples": args.resamples}))
