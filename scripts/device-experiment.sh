#!/usr/bin/env bash
# Runs the experiment packed by `EXPERIMENT=NAME scripts/device-pack.sh` on a GPU machine without
# Swift, after scripts/device-check.sh has staged the programs and the shim there (build/device-stage,
# kept while the machine is held): its own pipeline's stages with its own options files, from the
# packed frames to the evaluation. The paper-scoring figures `make NAME` would leave in results/NAME/
# come back as REPORT_DIR/NAME.tar.gz (metrics.json, scores.csv, loss.jsonl, roc, curves/, and a
# run.json of its own; no tuned/).
#   scripts/device-experiment.sh [REPORT_DIR]   (default: $OUT if set, else /tmp/device-experiment)
# Inputs: build/device/experiment/ (labels, options, part 1 of the frames) and build/device-frames-K/
# (part K), each shipped in a run of its own while the machine is held (scripts/device-pack.sh).
#   DEVICE=cuda  where train and reconstruct run;  BIN=DIR  programs elsewhere (a dry run on a CPU:
#   DEVICE=cpu BIN=.build/release, with Debian's libtorch); PACK_ROOT=build  the folder that holds
#   device/, device-frames-K/ and device-stage/; TRAIN_EXTRA="--max-steps N"  options added to train's
#   (recorded in run.json), where device-check's step time says the configuration's epochs would
#   outlast one 10-minute run; TRAIN_BUDGET_S=360  seconds training may take: past them it is
#   stopped, the last checkpoint (every CHECKPOINT_EVERY=50 steps) is scored, and run.json says so.
#   The results are written under REPORT_DIR/NAME/ as they come, so a run cut short still returns
#   its loss log.
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
  -*) echo "usage: scripts/device-experiment.sh [REPORT_DIR]  (see the comment at the top of $0)" >&2; exit 2 ;;
esac
report=${1:-${OUT:-/tmp/device-experiment}}
device=${DEVICE:-cuda}
root=${PACK_ROOT:-build}
stage=$(realpath -m "$root/device-stage")
bin=${BIN:-$stage/bin}
packed=$root/device/experiment
need() { [ -e "$1" ] || { echo "device-experiment: $1 is missing; $2" >&2; exit 1; }; }
for file in frames.parts frames.part1; do need "$packed/$file" "ship $root/device from 'EXPERIMENT=NAME scripts/device-pack.sh'"; done
read -r parts checksum < "$packed/frames.parts"
frames=("$packed/frames.part1")
for (( k = 2; k <= parts; k++ )); do
  frames+=("$root/device-frames-$k/frames.part$k")
  need "${frames[-1]}" "ship $root/device-frames-$k (part $k of $parts of the frames) in a run of its own, on this machine, before this one"
done
[ "$(cat "${frames[@]}" | sha256sum | cut -d' ' -f1)" = "$checksum" ] \
  || { echo "device-experiment: the $parts parts of the frames differ from what was packed (sha256); ship them again" >&2; exit 1; }
need "$bin/train" "run scripts/device-check.sh on this machine first (it stages the programs), or set BIN"
if [ -z "${BIN:-}" ]; then export LD_LIBRARY_PATH=$stage/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}; fi
# As pipelines/common.mk runs them: on a CPU, OpenBLAS threads of its own would fight libtorch's.
if [ "$device" = cpu ]; then export OPENBLAS_NUM_THREADS=1; fi
name=$(cat "$packed/name")
options() { cat "$packed/$1.opts"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$report/$name
rm -rf "$results"
mkdir -p "$results"
# Python's lzma: a GPU image need not have xz.
cat "${frames[@]}" | python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer)' \
  | tar -C "$work" -xf -

# The stages of pipelines/common.mk, each with the options file make wrote for it.
"$bin/augment-strides" --quiet --strides "$(options train-clips)" "$work/train-frames.vt" -o "$work/train-clips.vt"
# shellcheck disable=SC2046  # options files hold several options
"$bin/augment-strides" --quiet $(options test-clips) "$work/test-frames.vt" -o "$work/test-clips.vt"
read -r model train_args < "$packed/train.opts"
train_args="$train_args${TRAIN_EXTRA:+ $TRAIN_EXTRA}"
budget=${TRAIN_BUDGET_S:-360} every=${CHECKPOINT_EVERY:-50}
start=$(date +%s.%N)
# --checkpoint-every only sets how often the run is saved: the run itself is the options file's.
# shellcheck disable=SC2086
timeout -s TERM "$budget" "$bin/train" --quiet --device "$device" --model "$model" $train_args --checkpoint-every "$every" \
  --log "$results/loss.jsonl" -o "$work/model.ckpt" "$work/train-clips.vt" && stopped= || {
  status=$?
  [ "$status" = 124 ] && [ -f "$work/model.ckpt" ] || { echo "device-experiment: train failed (exit $status)" >&2; exit 1; }
  saved=$(( $(wc -l < "$results/loss.jsonl") / every * every ))
  stopped="after ${budget} s (TRAIN_BUDGET_S); scored from the checkpoint of step $saved"
  echo "device-experiment: training stopped $stopped" >&2
}
end=$(date +%s.%N)
# shellcheck disable=SC2046
"$bin/reconstruct" --quiet --device "$device" -m "$work/model.ckpt" "$work/test-clips.vt" | "$bin/score" $(options score) -o "$results/scores.csv"
read -r labels evaluate_args < "$packed/evaluate.opts"
# shellcheck disable=SC2086
"$bin/evaluate" --scores "$results/scores.csv" --labels "$packed/$(basename "$labels")" $evaluate_args \
  --roc "$results/roc" --curves "$results/curves" > "$results/metrics.json"

python3 - "$results" "$name" "$model $train_args" "$(options train-frames)" "$(cat "$packed/configuration")" \
  "$(cat "$packed/commit")" "$start" "$end" "$device" "$stopped" > "$results/run.json" <<'PY'
import json, os, platform, re, sys
results, name, train, frames, configuration, commit, start, end, device, stopped = sys.argv[1:]
size = re.search(r"--size (\S+)", frames)
where = device
if device.startswith("cuda"):
    import torch
    where = f"{device}: {torch.cuda.get_device_name(int(device.partition(':')[2] or 0))}, torch {torch.__version__}"
print(json.dumps({
    "experiment": name,
    "command": " ".join(["EXPERIMENT=" + name, *configuration.split(), "scripts/device-pack.sh", "&& scripts/device-check.sh", "&&",
                         *([f"TRAIN_EXTRA='{os.environ['TRAIN_EXTRA']}'"] if os.environ.get("TRAIN_EXTRA") else []),
                         "scripts/device-experiment.sh"]),
    "frames": size.group(1) if size else None,
    "train": train,
    "train_steps_logged": sum(1 for _ in open(os.path.join(results, "loss.jsonl"))),
    "train_time": {"wall_s": round(float(end) - float(start), 2)},
    **({"train_stopped": stopped} if stopped else {}),
    "machine": f"{platform.machine()}, {os.cpu_count()} cores, {where}",
    "commit": commit,
}, indent=2))
PY
python3 pipelines/figures.py "$name" "$results/metrics.json"
tar -C "$report" -czf "$report/$name.tar.gz" "$name" && rm -rf "$results"
