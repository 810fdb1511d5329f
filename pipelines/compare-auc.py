"""Is one detector's frame AUC above another's on the same test videos, beyond the luck of which
videos were drawn? A paired bootstrap over videos: resample the videos with replacement, compute both
pooled AUCs on the same sample, and report the difference's mean, its 95% interval and how often it
is not above zero. Prints one JSON line.

    python3 pipelines/compare-auc.py A/scores.csv B/scores.csv LABELS [--normalize per-video|none]

Scores are `score` CSVs (video,frame,score); LABELS is a one-line-per-video label file (key 0 is
video 01). Per-video min-max normalisation (the default) is what the papers report and what
`evaluate --normalize per-video` does; the full-sample AUCs printed should equal evaluate's.
"""
import argparse, csv, json
import numpy as np
from sklearn.metrics import roc_auc_score

parser = argparse.ArgumentParser()
parser.add_argument("a")
parser.add_argument("b")
parser.add_argument("labels")
parser.add_argument("--normalize", choices=["per-video", "none"], default="per-video")
parser.add_argument("--resamples", type=int, default=1000)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()


def load_scores(path):
    by_video = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            by_video.setdefault(row["video"], []).append(float(row["score"]))
    scores = {}
    for video, values in by_video.items():
        values = np.array(values)
        if args.normalize == "per-video":
            span = values.max() - values.min()
            values = (values - values.min()) / span if span > 0 else np.zeros_like(values)
        scores[video] = values
    return scores


labels = {}
with open(args.labels) as f:
    for line in f:
        key, bits = line.split()
        labels[f"{int(key) + 1:02d}"] = np.array([int(bit) for bit in bits])
a, b = load_scores(args.a), load_scores(args.b)
videos = sorted(a)
if sorted(b) != videos or any(len(a[v]) != len(labels[v]) or len(b[v]) != len(labels[v]) for v in videos):
    raise SystemExit("compare-auc: the two score files and the labels do not cover the same frames")


def auc(scores, sample):
    return roc_auc_score(np.concatenate([labels[v] for v in sample]), np.concatenate([scores[v] for v in sample]))


random = np.random.default_rng(args.seed)
differences = []
while len(differences) < args.resamples:
    sample = [videos[i] for i in random.integers(0, len(videos), len(videos))]
    if len({bit for v in sample for bit in labels[v]}) == 2:  # an AUC needs both classes
        differences.append(auc(a, sample) - auc(b, sample))
differences = np.array(differences)
low, high = np.percentile(differences, [2.5, 97.5])
print(json.dumps({"auc_a": auc(a, videos), "auc_b": auc(b, videos), "difference_mean": differences.mean(),
                  "difference_95": [low, high], "share_not_above": float((differences <= 0).mean()),
                  "videos": len(videos), "resamples": args.resamples}))
