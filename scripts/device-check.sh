#!/usr/bin/env bash
# Checks the CUDA path on a GPU machine that has no Swift, in one short run (a few minutes):
#   1. unpacks the programs and builds libvadtorch.so against the machine's Python torch (CUDA) with
#      g++, into build/device-stage/, where they stay for scripts/device-experiment.sh while the
#      machine is held;
#   2. agreement: one checkpoint resumed for 20 steps, and reconstructing clips, on cpu and on cuda;
#   3. speed: bench/run's models group on cuda, Swift beside PyTorch on the same shapes;
#   4. the papers' sizes: one training step and scoring throughput of stae and convstae (256x256),
#      convlstm-ae (225x225), at full width, to size a paper-configuration run.
# Here first: `make build && scripts/device-pack.sh`; ship the checkout with build/device; there:
#   scripts/device-check.sh [REPORT_DIR]    (default: $OUT if set, else /tmp/device-check)
# Every figure goes to REPORT_DIR/device-check.jsonl, the log to REPORT_DIR/device-check.log.
# A failing section is reported and the next one still runs; the exit status is 1 if any failed.
#   PYTHON=python3  the Python whose torch the shim is built against (LIBTORCH=DIR: another tree)
#   DEVICE=cuda PAPER_WIDTH=1 BENCH_STEPS=20  what sections 3-4 time; SECTIONS="agreement bench paper"
#   which of 2-4 run; a dry run on a CPU: DEVICE=cpu PAPER_WIDTH=0.125 BENCH_STEPS=2
#   PACK_ROOT=build  the folder that holds device/ (and gets device-stage/)
set -uo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
  -*) echo "usage: scripts/device-check.sh [REPORT_DIR]  (see the comment at the top of $0)" >&2; exit 2 ;;
esac
report=${1:-${OUT:-/tmp/device-check}}
python=${PYTHON:-python3}
root=$(realpath -m "${PACK_ROOT:-build}")
pack=$root/device
device=${DEVICE:-cuda}
paper_width=${PAPER_WIDTH:-1}
steps=${BENCH_STEPS:-20}
sections=${SECTIONS:-agreement bench paper}
runs() { [[ " $sections " == *" $1 "* ]]; }
mkdir -p "$report"
exec > >(tee "$report/device-check.log") 2>&1
figures=$report/device-check.jsonl
: > "$figures"
failed=0
section() { echo; echo "== $*"; }
fail() { echo "FAILED: $*"; failed=1; }

[ -f "$pack/programs.tar.xz" ] || { echo "device-check: $pack/programs.tar.xz is missing; run scripts/device-pack.sh before shipping" >&2; exit 1; }

section "machine"
if [ "$device" != cpu ]; then nvidia-smi -L || fail "nvidia-smi"; fi
"$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' \
  || { echo "device-check: $python has no torch" >&2; exit 1; }

section "programs and the shim against this machine's torch"
stage=$root/device-stage
bin=$stage/bin
rm -rf "$stage"
mkdir -p "$bin" "$stage/lib"
# (A plain archive of our own: the "tar" filter, where Python has filters, keeps it as packed and quiet.)
"$python" -c 'import lzma, sys, tarfile; tarfile.open(fileobj=lzma.open(sys.argv[1])).extractall(sys.argv[2], **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))' \
  "$pack/programs.tar.xz" "$bin" \
  || { echo "device-check: cannot unpack $pack/programs.tar.xz" >&2; exit 1; }
# Only the libraries this machine lacks: its own serve everything else here, Python included, which
# the LD_LIBRARY_PATH below also reaches.
# (Where ldconfig lists nothing, the usual folders are looked in: a copied libz or liblzma would
# shadow the machine's newer one for Python too.)
known=$(ldconfig -p 2>/dev/null || true)
present() {
  grep -q "^[[:space:]]*$1 " <<< "$known" && return
  for dir in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /usr/lib64 /lib64 /usr/lib; do [ -e "$dir/$1" ] && return; done
  return 1
}
for lib in "$pack"/lib/*; do
  present "$(basename "$lib")" || cp "$lib" "$stage/lib/"
done
torch_dir=${LIBTORCH:-$("$python" -c 'import torch, os; print(os.path.dirname(torch.__file__))')}
time OUT=$stage/lib LIBTORCH=$torch_dir scripts/build-shim.sh || { echo "device-check: the shim did not build" >&2; exit 1; }
export LD_LIBRARY_PATH=$stage/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
for program in "$bin"/*; do
  "$program" --help > /dev/null || { echo "device-check: $(basename "$program") does not start here" >&2; exit 1; }
done
# One tiny step on the device before any section: without it every section would fail in turn.
if [ "$device" != cpu ]; then
  "$bin/bench-model-step" --model stae --size 32x32 --width-mult 0.125 --batch 1 --time 2 --steps 1 --warmup 0 --device "$device" > /dev/null || {
    echo "device-check: the programs cannot compute on $device; libraries the shim cannot find:" >&2
    ldd "$stage/lib/libvadtorch.so" | grep "not found" >&2
    exit 1
  }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if runs agreement; then
section "agreement: one checkpoint resumed and reconstructed on cpu and on $device"
# Parameters made on cuda draw from its own generator, so both devices start from one cpu checkpoint:
# 20 steps on cpu, then 20 more resumed on each device from the same weights, optimiser and batches.
train=(--quiet --model stae --width-mult 0.25 --batch 8 --lr 1e-3 --seed 1 "$pack/clips/train.vt")
# Full fp32 on the GPU too (cuDNN would take TF32 by default), so only rounding separates the devices.
export NVIDIA_TF32_OVERRIDE=0
if "$bin/train" "${train[@]}" --device cpu --max-steps 20 -o "$work/start.ckpt"; then
  for run in cpu "$device"; do
    cp "$work/start.ckpt" "$work/$run.ckpt"
    "$bin/train" "${train[@]}" --device "$run" --max-steps 40 --resume -o "$work/$run.ckpt" --log "$work/$run-loss.jsonl" \
      || fail "resume on $run"
    "$bin/reconstruct" --quiet --device "$run" -m "$work/start.ckpt" "$pack/clips/test.vt" -o "$work/$run-recon.vt" \
      || fail "reconstruct on $run"
  done
  "$python" - "$work" "$device" >> "$figures" <<'PY' || fail "cpu and $device disagree"
import json, re, sys
import numpy as np
# The NumPy stream reader documented (and tested) in docs/FORMAT.md.
block = re.search(r"```python\n(.*?)```", open("docs/FORMAT.md").read(), re.S).group(1)
scope = {}
exec(block.split('if __name__ == "__main__":')[0], scope)
work, device = sys.argv[1:]
runs = ("cpu", device)
loss = [np.array([json.loads(line)["loss"] for line in open(f"{work}/{run}-loss.jsonl")]) for run in runs]
recon = [np.concatenate([t["recon"].ravel() for t, _ in scope["read_stream"](open(f"{work}/{run}-recon.vt", "rb"))]) for run in runs]
row = {"check": "agreement", "device": device, "resumed_steps": len(loss[1]),
       "loss_cpu": float(loss[0][-1]), "loss_device": float(loss[1][-1]),
       "loss_max_rel_diff": float(np.max(np.abs(loss[0] - loss[1]) / np.abs(loss[0]))),
       "recon_values": int(recon[0].size), "recon_max_abs_diff": float(np.max(np.abs(recon[0] - recon[1])))}
print(json.dumps(row))
print(json.dumps(row), file=sys.stderr)
# From the same state the devices differ only by rounding (cuDNN's algorithms): well under 1% of
# the loss, and pixels in [0, 1] within 1e-2. An op broken on one device is far off both.
sys.exit(0 if len(loss[0]) == len(loss[1]) == 20 and row["loss_max_rel_diff"] < 1e-2 and row["recon_max_abs_diff"] < 1e-2 else 1)
PY
else
  fail "training on cpu"
fi
unset NVIDIA_TF32_OVERRIDE
fi

if runs bench; then
section "bench/run's models group on $device (Swift beside PyTorch, the same shapes)"
BIN=$bin DEVICE=$device PYTHON=$python BENCH_ONLY=models BENCH_STEPS=$steps BENCH_ROUNDS=2 bench/run || fail "bench models"
sed 's/^/{"check": "bench-models", "row": /; s/$/}/' bench/results/latest.jsonl >> "$figures"
fi

if runs paper; then
section "the papers' sizes at width x$paper_width on $device"
for spec in "stae 256x256 4" "convstae 256x256 3" "convlstm-ae 225x225 4"; do
  read -r model size batch <<< "$spec"
  args=(--model "$model" --size "$size" --width-mult "$paper_width" --batch "$batch" --time 10 --channels 1 --steps "$steps" --device "$device")
  "$bin/bench-model-step" "${args[@]}" | tee -a "$figures" || fail "bench-model-step $model"
  # bench/model_step.py has stae and convlstm-ae only.
  if [ "$model" != convstae ]; then "$python" bench/model_step.py "${args[@]}" | tee -a "$figures" || fail "model_step.py $model"; fi
done
fi

echo
if [ "$failed" = 0 ]; then echo "device-check: all sections passed"; else echo "device-check: some sections FAILED (above)"; fi
exit "$failed"
