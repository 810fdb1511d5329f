#!/usr/bin/env bash
# Writes results/NAME/run.json: what produced the figures (the make command line, the
# configuration, the machine) and what training cost (CPU and wall time, peak memory).
set -euo pipefail
name=$1 work=$2 train=$3 size=${4:-}
python3 - "$name" "$work" "$train" "$size" <<'PY'
import json, os, platform, subprocess, sys
name, work, train, size = sys.argv[1:]
def load(path, default=None):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return default
# DATA as the command line gave it; make works with one canonical spelling of it.
settings = dict(os.environ, DATA=os.environ.get("DATA_TYPED", ""))
steps = sum(1 for _ in open(os.path.join(work, "loss.jsonl"))) if os.path.exists(os.path.join(work, "loss.jsonl")) else None
print(json.dumps({
    "experiment": name,
    "command": f"make {name}" + "".join(f" {k}={settings[k]}" for k in ("CPU", "QUICK", "DATA", "THREADS") if settings.get(k)),
    "frames": size or None,
    "train": train,
    "train_steps_logged": steps,
    "train_time": load(os.path.join(work, "train-time.json")),
    "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
}, indent=2))
PY
