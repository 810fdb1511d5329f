"""Is one detector's frame AUC above another's on the same test videos, beyond the luck of which
videos were drawn? A paired bootstrap over videos: resample the videos with replacement, compute both
pooled AUCs on the same sample, and report the full-sample difference, the 95% interval of the
resampled ones and how often a resample's is not above zero. Prints one JSON line.

    python3 pipelines/compare-auc.py A/scores.csv B/scores.csv LABELS [--column score]
                                     [--normalize per-video|none]

Scores are `score` CSVs (video,frame,score,...); LABELS is a one-line-per-video label file (key 0 is
video 01, one 0/1 per frame). Rows meet labels by video and frame, and both files must score the same
frames. Per-video min-max normalisation (the default) is what the papers report and what `evaluate
--normalize per-video` does, so the full-sample AUCs printed equal evaluate's. Needs scikit-learn
(Debian's python3-sklearn, which `make setup` installs).
"""
import argparse, csv, json, sys
import numpy as np
from sklearn.metrics import roc_auc_score

parser = argparse.ArgumentParser()
parser.add_argument("a")
parser.add_argument("b")
parser.add_argument("labels")
parser.add_argument("--column", default="score", help="the score column to compare (e.g. abnormality_tutorial)")
parser.add_argument("--normalize", choices=["per-video", "none"], default="per-video")
parser.add_argument("--resamples", type=int, default=1000)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()


def fail(message):
    sys.exit(f"compare-auc: {message}")


if args.resamples < 1:
    parser.error("--resamples must be at least 1")

labels = {}
with open(args.labels) as f:
    for line in f:
        if line.strip():
            key, bits = line.split()
            labels[f"{int(key) + 1:02d}"] = [int(bit) for bit in bits]


def load(path):
    """Per video, the frame numbers and their (normalised) scores, in frame order."""
    rows = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            if args.column not in row:
                fail(f"{path}: no column '{args.column}'")
            rows.setdefault(row["video"], []).append((int(row["frame"]), float(row[args.column])))
    videos = {}
    for video, pairs in rows.items():
        pairs.sort()
        values = np.array([score for _, score in pairs])
        if args.normalize == "per-video":
            span = values.max() - values.min()
            values = (values - values.min()) / span if span > 0 else np.zeros_like(values)
        videos[video] = ([frame for frame, _ in pairs], values)
    return videos


a, b = load(args.a), load(args.b)
if {v: frames for v, (frames, _) in a.items()} != {v: frames for v, (frames, _) in b.items()}:
    fail(f"{args.a} and {args.b} do not score the same frames")
videos = sorted(a)
truth = {}
for video in videos:
    frames = a[video][0]
    if video not in labels or frames[-1] >= len(labels[video]):
        fail(f"{args.labels}: no labels for video {video}, frame {frames[-1]}")
    truth[video] = np.array([labels[video][frame] for frame in frames])
if len({bit for video in videos for bit in truth[video]}) < 2:
    fail(f"{args.labels}: the scored frames are all of one class, so there is no AUC")


def auc(scores, sample):
    return roc_auc_score(np.concatenate([truth[v] for v in sample]), np.concatenate([scores[v][1] for v in sample]))


random = np.random.default_rng(args.seed)
differences, draws = [], 0
while len(differences) < args.resamples:
    draws += 1
    if draws > 100 * args.resamples:
        fail("almost no resample of the videos holds both classes; too few anomalous videos to bootstrap")
    sample = [videos[i] for i in random.integers(0, len(videos), len(videos))]
    if len({bit for v in sample for bit in truth[v]}) == 2:  # an AUC needs both classes
        differences.append(auc(a, sample) - auc(b, sample))
differences = np.array(differences)
low, high = np.percentile(differences, [2.5, 97.5])
auc_a, auc_b = auc(a, videos), auc(b, videos)
print(json.dumps({"auc_a": auc_a, "auc_b": auc_b, "difference": auc_a - auc_b, "difference_95": [low, high],
                  "share_not_above": float((differences <= 0).mean()), "videos": len(videos),
                  "resamples": args.resamples}))
