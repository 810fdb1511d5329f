#!/usr/bin/env bash
# Scores test clips with the options a sweep chose (sweep-scoring.sh's CHOICE: line 1 score options,
# line 2 evaluate options), and evaluates those scores: two steps, so that a new evaluation does not
# reconstruct the clips again.
# usage: score-with-choice.sh score BIN MODEL CLIPS CHOICE SCORES ["ENGINE ARGS" for reconstruct]
#        score-with-choice.sh evaluate BIN SCORES CHOICE LABELS OUT
#   evaluate writes OUT/roc.csv, roc.svg, curves/ and metrics.json, the last only once everything
#   before it succeeded.
set -euo pipefail
step=${1:-} bin=${2:-}
case $step in
score)
  model=$3 clips=$4 choice=$5 scores=$6 engine=${7:-}
  mkdir -p "$(dirname "$scores")"
  # shellcheck disable=SC2046,SC2086
  "$bin/reconstruct" --quiet $engine -m "$model" "$clips" | "$bin/score" $(sed -n 1p "$choice") -o "$scores"
  ;;
evaluate)
  scores=$3 choice=$4 labels=$5 out=$6
  mkdir -p "$out"
  # A fresh curves folder replaces the old one, so no curve of a video scored before is left behind.
  rm -rf "$out/curves.tmp"
  # shellcheck disable=SC2046
  "$bin/evaluate" --scores "$scores" --labels "$labels" $(sed -n 2p "$choice") --roc "$out/roc" --curves "$out/curves.tmp" > "$out/metrics.json.tmp"
  rm -rf "$out/curves" && mv "$out/curves.tmp" "$out/curves"
  mv "$out/metrics.json.tmp" "$out/metrics.json"
  ;;
*)
  echo "usage: score-with-choice.sh score|evaluate BIN ... (see the top of the script)" >&2
  exit 2
  ;;
esac
