"""figures.py NAME METRICS.json...: one line of figures per evaluation, as `make NAME` and
scripts/device-experiment.sh print them: `NAME: AUC a  EER e  (F frames, V videos)`, with
`(tuned scoring)` after NAME for a tuned/metrics.json and any labelled video left unscored named
(a test set copied in part: its AUC is not the whole test set's)."""
import json, os, sys

name = sys.argv[1]
for path in sys.argv[2:]:
    with open(path) as f:
        metrics = json.load(f)
    tuned = " (tuned scoring)" if os.path.basename(os.path.dirname(path)) == "tuned" else ""
    unscored = metrics.get("unscored_videos")
    print("{}{}: AUC {auc:.4f}  EER {eer:.4f}  ({frames} frames, {videos} videos{})".format(
        name, tuned, "; unscored: " + " ".join(unscored) if unscored else "", **metrics))
