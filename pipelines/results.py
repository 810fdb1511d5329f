"""Prints every experiment that has run, our figures beside the paper's (make results), then any
experiment training now, whose figures above are an earlier run's."""
import csv, glob, json, os, signal, sys

# `make results | head` ends quietly, as a Unix tool does.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)

results = sys.argv[1] if len(sys.argv) > 1 else "results"
paper = {}
with open(os.path.join(os.path.dirname(__file__), "paper-figures.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        paper[(row["experiment"], row["metric"])] = (float(row["paper"]), row["source"])
rows = []
# results/NAME/metrics.json scores the paper's way; results/NAME/tuned/metrics.json, where present,
# with the options chosen on pseudo-anomalies in the training footage (pipelines/common.mk).
# results/NAME/holdout/metrics.json, with options chosen on held-out videos (pipelines/holdout-sweep.sh).
# results/NAME/device/, a run of the experiment on a GPU machine with its own run.json
# (scripts/device-experiment.sh; README.md, Another libtorch (CUDA)).
# results/NAME/device-WHAT/, a device run trained otherwise (its README.md says how), listed as such.
variants = {"": "", "tuned": " (tuned scoring)", "holdout": " (held-out scoring)", "device": " (device run)"}
for path in sorted(glob.glob(os.path.join(results, "*", "device-*", "metrics.json"))):
    folder = os.path.basename(os.path.dirname(path))
    variants[folder] = f" (device run, {folder[len('device-'):]})"


def read_json(path, needs=()):
    """The object in PATH; None, after one line on stderr naming the file, when it is unreadable."""
    try:
        with open(path) as f:
            value = json.load(f)
        if not isinstance(value, dict):
            raise ValueError("not a JSON object")
        missing = [key for key in needs if key not in value]
        if missing:
            raise ValueError("no " + ", ".join(missing))
        for key in needs:
            if isinstance(value[key], bool) or not isinstance(value[key], (int, float)):
                raise ValueError(f"{key} is not a number")
        return value
    except (OSError, ValueError, TypeError) as error:
        print(f"results: {path}: {error}; left out", file=sys.stderr)
        return None


unreadable = False
found = []
for rank, variant in enumerate(variants):
    for path in glob.glob(os.path.join(results, "*", variant, "metrics.json")):
        experiment_folder = os.path.dirname(os.path.dirname(path)) if variant else os.path.dirname(path)
        found.append((os.path.basename(experiment_folder), rank, variant, experiment_folder, path))
for name, _, variant, experiment_folder, path in sorted(found):
    ours = read_json(path, needs=("auc", "eer"))
    if ours is None:
        unreadable = True
        continue
    run = {}
    for folder in (os.path.dirname(path), experiment_folder):
        if os.path.exists(os.path.join(folder, "run.json")):
            run = read_json(os.path.join(folder, "run.json")) or {}
            break
    # The held-out choice comes from a script run by hand, whose README holds the exact command. A
    # README beside a run's figures that names the run's commit says how they differ from what its
    # command now gives (a committed run rescored, or scored as the pipeline no longer scores); a
    # later run of the command leaves that README behind, naming another commit.
    command = "pipelines/holdout-sweep.sh (holdout/README.md)" if variant == "holdout" else run.get("command", "")
    readme = os.path.join(os.path.dirname(path), "README.md")
    if variant not in ("holdout", "tuned") and run.get("commit") and os.path.exists(readme):
        with open(readme, errors="replace") as f:
            if str(run["commit"]) in f.read():
                command += " (see " + os.path.join(variant, "README.md") + ")"
    for metric in ("auc", "eer"):
        figure = paper.get((name, metric))
        rows.append((name + variants[variant], metric, f"{ours[metric]:.3f}",
                     f"{figure[0]:.3f}" if figure else "-", command, figure[1] if figure else ""))


def is_locked(path):
    """Whether a process holds a flock on PATH, read from /proc/locks: taking the lock to find out
    could refuse a training that starts at that moment."""
    try:
        status = os.stat(path)
        with open("/proc/locks") as f:
            held = [line.split() for line in f if " FLOCK " in line and "->" not in line]
    except OSError:
        return False
    file = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    return any(len(fields) > 5 and fields[5] == file for fields in held)


def last_step(log):
    """The step of the last whole line of a loss log (the one being written may be cut short)."""
    with open(log, "rb") as f:
        lines = f.read().splitlines()
    for line in reversed(lines):
        try:
            return int(json.loads(line)["step"])
        except (ValueError, KeyError, TypeError):
            continue
    return None


def training_now(work):
    """How far a training whose lock on work/model.ckpt.part is held (pipelines/common.mk) has come,
    else None. Until its first checkpoint a run leaves the log an earlier run wrote (train --log),
    older than its lock (rewritten as the run starts), which tells nothing of this run."""
    lock, log = os.path.join(work, ".model.ckpt.part.lock"), os.path.join(work, "loss.jsonl")
    if not is_locked(lock):
        return None
    try:
        step = last_step(log) if os.path.getmtime(log) >= os.path.getmtime(lock) else None
    except OSError:
        step = None
    total = None
    try:
        with open(os.path.join(work, "train.opts")) as f:
            words = f.read().split()
        total = words[words.index("--max-steps") + 1]
    except (OSError, ValueError, IndexError):
        pass
    if step is None:
        start = "resumed, before its next checkpoint" if os.path.exists(os.path.join(work, "model.ckpt.part")) else "before its first checkpoint"
        return start + (f" (of {total} steps)" if total else "")
    return f"step {step}" + (f" of {total}" if total else "")


training = []
for work in sorted(glob.glob(os.path.join(results, "*", "work"))):
    progress = training_now(work)
    if progress:
        training.append(f"{os.path.basename(os.path.dirname(work))}: training now, {progress} ({os.path.join(work, 'loss.jsonl')})")
if not rows and not training and not unreadable:
    print(f"no results yet under {results}/ (run an experiment, e.g. make demo; smoke runs: make results QUICK=1)")
if rows:
    widths = [max(len(r[i]) for r in rows + [("experiment", "metric", "ours", "paper", "command", "source")]) for i in range(6)]
    for r in [("experiment", "metric", "ours", "paper", "command", "source")] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
if training:
    print(("\n" if rows else "") + "\n".join(training))
# A figure left out fails the command, after the table of the rest.
sys.exit(1 if unreadable else 0)
