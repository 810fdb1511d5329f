#!/usr/bin/env bash
# Scores test clips with the options a sweep chose (sweep-scoring.sh's CHOICE: line 1 score options,
# line 2 evaluate options) and evaluates them: OUT/scores.csv, roc, curves and metrics.json, the
# last written only once everything before it succeeded.
# usage: score-with-choice.sh BIN MODEL CLIPS CHOICE LABELS OUT ["ENGINE ARGS" for reconstruct]
set -euo pipefail
bin=$1 model=$2 clips=$3 choice=$4 labels=$5 out=$6 engine=${7:-}
mkdir -p "$out"
# shellcheck disable=SC2046,SC2086
"$bin/reconstruct" --quiet $engine -m "$model" "$clips" | "$bin/score" $(sed -n 1p "$choice") -o "$out/scores.csv"
# A fresh curves folder replaces the old one, so no curve of a video scored before is left behind.
rm -rf "$out/curves.tmp"
# shellcheck disable=SC2046
"$bin/evaluate" --scores "$out/scores.csv" --labels "$labels" $(sed -n 2p "$choice") --roc "$out/roc" --curves "$out/curves.tmp" > "$out/metrics.json.tmp"
rm -rf "$out/curves" && mv "$out/curves.tmp" "$out/curves"
mv "$out/metrics.json.tmp" "$out/metrics.json"
