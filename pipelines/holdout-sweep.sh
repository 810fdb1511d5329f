#!/usr/bin/env bash
# Chooses score options on held-out normal videos: trains a second model on the training videos
# minus the held-out ones, paints pseudo-anomalies into the held-out videos, sweeps the score options
# on them, and scores the test set (with the experiment's model, trained on every training video)
# with the winner. Unlike the in-sample sweep of the pipelines, the validation frames are footage the
# validation model never saw, as test footage is.
# usage: holdout-sweep.sh NAME SIZE "TRAIN ARGS" "HELD-OUT VIDEO FOLDERS" "KEPT VIDEO FOLDERS" "MEASURES" "MAPPINGS" LABELS ["TEST CLIPS"]
#   TEST CLIPS: how the experiment cuts its test clips (augment-strides options, default --test), so the
#   painted videos are cut alike: `convlstm-ae` pipelines use "--strides 1 --step 5 --to-end".
# Needs RESULTS/NAME/work/{model.ckpt,test-clips.vt} from `make NAME` (RESULTS as there, default
# results; BIN likewise). Writes RESULTS/NAME/holdout/.
set -euo pipefail
name=$1 size=$2 train_args=$3 held=$4 kept=$5 measures=$6 mappings=$7 labels=$8 test_clips=${9:---test}
bin=${BIN:-.build/release} results=${RESULTS:-results} here=$(dirname "$0")
work=$results/$name/work/holdout out=$results/$name/holdout
mkdir -p "$work" "$out"
export OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2086
"$bin/frames-extract" --quiet --gray --size "$size" $kept -o "$work/fit-frames.vt"
"$bin/augment-strides" --quiet --strides 1,2,3 "$work/fit-frames.vt" -o "$work/fit-clips.vt"
# A run stopped part-way resumes; a model fitted with another size, options or kept videos (the
# previous fold) is not taken for this one's.
fit="$size $train_args $kept"
if [ "$(cat "$work/fit.args" 2>/dev/null)" != "$fit" ]; then
  rm -f "$work/model.ckpt" "$work/loss.jsonl"
  printf '%s\n' "$fit" > "$work/fit.args"
fi
# shellcheck disable=SC2086
"$bin/train" --quiet --resume $train_args --log "$work/loss.jsonl" -o "$work/model.ckpt" "$work/fit-clips.vt"
# shellcheck disable=SC2086
"$bin/frames-extract" --quiet --gray --size "$size" $held | "$bin/inject-anomalies" --labels "$work/labels.txt" -o "$work/painted.vt"
# shellcheck disable=SC2086
"$bin/augment-strides" --quiet $test_clips "$work/painted.vt" -o "$work/clips.vt"
"$bin/reconstruct" --quiet -m "$work/model.ckpt" "$work/clips.vt" -o "$work/recon.vt"
"$here/sweep-scoring.sh" "$bin" "$work/recon.vt" "$work/labels.txt" "$out/validation-sweep.tsv" "$out/choice.txt" \
  "$measures" "$mappings" "$size"
rm -f "$work/recon.vt"
"$here/score-with-choice.sh" score "$bin" "$results/$name/work/model.ckpt" "$results/$name/work/test-clips.vt" "$out/choice.txt" "$out/scores.csv"
"$here/score-with-choice.sh" evaluate "$bin" "$out/scores.csv" "$out/choice.txt" "$labels" "$out"
