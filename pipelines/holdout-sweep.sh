#!/usr/bin/env bash
# Chooses score options on held-out normal videos: trains a second model on the training videos
# minus the held-out ones, paints pseudo-anomalies into the held-out videos, sweeps the score options
# on them, and scores the test set (with the experiment's model, trained on every training video)
# with the winner. Unlike the in-sample sweep of the pipelines, the validation frames are footage the
# validation model never saw, as test footage is.
# usage: holdout-sweep.sh NAME SIZE "TRAIN ARGS" "HELD-OUT VIDEO FOLDERS" "KEPT VIDEO FOLDERS" "MEASURES" "MAPPINGS" LABELS
# Needs results/NAME/work/{model.ckpt,test-clips.vt} from `make NAME`. Writes results/NAME/holdout/.
set -euo pipefail
name=$1 size=$2 train_args=$3 held=$4 kept=$5 measures=$6 mappings=$7 labels=$8
bin=${BIN:-.build/release}
work=results/$name/work/holdout out=results/$name/holdout
mkdir -p "$work" "$out"
export OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2086
"$bin/frames-extract" --quiet --gray --size "$size" $kept -o "$work/fit-frames.vt"
"$bin/augment-strides" --quiet --strides 1,2,3 "$work/fit-frames.vt" -o "$work/fit-clips.vt"
# shellcheck disable=SC2086
"$bin/train" --quiet --resume $train_args --log "$work/loss.jsonl" -o "$work/model.ckpt" "$work/fit-clips.vt"
# shellcheck disable=SC2086
"$bin/frames-extract" --quiet --gray --size "$size" $held | "$bin/inject-anomalies" --labels "$work/labels.txt" -o "$work/painted.vt"
"$bin/augment-strides" --quiet --test "$work/painted.vt" -o "$work/clips.vt"
"$bin/reconstruct" --quiet -m "$work/model.ckpt" "$work/clips.vt" -o "$work/recon.vt"
pipelines/sweep-scoring.sh "$bin" "$work/recon.vt" "$work/labels.txt" "$out/validation-sweep.tsv" "$out/choice.txt" \
  "$measures" "$mappings" "$size"
rm -f "$work/recon.vt"
pipelines/score-with-choice.sh "$bin" "results/$name/work/model.ckpt" "results/$name/work/test-clips.vt" "$out/choice.txt" "$labels" "$out"
