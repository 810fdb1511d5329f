"""Prints every experiment that has run, our figures beside the paper's (make results)."""
import csv, glob, json, os, sys

results = sys.argv[1] if len(sys.argv) > 1 else "results"
paper = {}
with open(os.path.join(os.path.dirname(__file__), "paper-figures.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        paper[(row["experiment"], row["metric"])] = (float(row["paper"]), row["source"])
rows = []
for path in sorted(glob.glob(os.path.join(results, "*", "metrics.json"))):
    name = os.path.basename(os.path.dirname(path))
    ours = json.load(open(path))
    run = {}
    if os.path.exists(os.path.join(os.path.dirname(path), "run.json")):
        run = json.load(open(os.path.join(os.path.dirname(path), "run.json")))
    for metric in ("auc", "eer"):
        figure = paper.get((name, metric))
        rows.append((name, metric, f"{ours[metric]:.3f}", f"{figure[0]:.3f}" if figure else "-",
                     run.get("command", ""), figure[1] if figure else ""))
if not rows:
    print(f"no results yet under {results}/ (run an experiment, e.g. make demo)")
    sys.exit(0)
widths = [max(len(r[i]) for r in rows + [("experiment", "metric", "ours", "paper", "command", "source")]) for i in range(6)]
for r in [("experiment", "metric", "ours", "paper", "command", "source")] + rows:
    print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
