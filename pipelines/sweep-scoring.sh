#!/usr/bin/env bash
# Chooses score and evaluate options on pseudo-anomalies painted into training footage
# (inject-anomalies), never on a test set's labels: scores the reconstructions with every
# combination asked for, evaluates each against the painted labels, and writes the table and the
# combination with the highest AUC (line 1: score options, line 2: evaluate options).
# usage: sweep-scoring.sh BIN RECON LABELS TABLE CHOICE "MEASURES" "MAPPINGS" SIZE
#   SIZE: the frames' WxH. Beside the papers' whole-frame error ('whole') the sweep tries worst
#   patches an eighth of the frame's height, rounded down: about the side of the objects inject-anomalies paints.
set -euo pipefail
bin=$1 recon=$2 labels=$3 table=$4 choice=$5 measures=$6 mappings=$7 size=$8
patches="whole $(( ${size#*x} / 8 ))"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'score_options\tevaluate_options\tauc\teer\n' > "$tmp/table"
for measure in $measures; do
  for mapping in $mappings; do
    for patch in $patches; do
      for smooth in 1 9; do
        options="--measure $measure --mapping $mapping --smooth $smooth"
        [ "$patch" = whole ] || options="$options --patch $patch"
        "$bin/score" $options "$recon" -o "$tmp/scores.csv"
        for evaluation in "--normalize none" "--normalize per-video" "--column abnormality_tutorial"; do
          "$bin/evaluate" --scores "$tmp/scores.csv" --labels "$labels" $evaluation > "$tmp/metrics.json"
          python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); print("%s\t%s\t%.4f\t%.4f" % (sys.argv[2], sys.argv[3], m["auc"], m["eer"]))' \
            "$tmp/metrics.json" "$options" "$evaluation" >> "$tmp/table"
        done
      done
    done
  done
done
# The first row with the highest AUC wins, so ties go to the simpler options listed first.
python3 - "$tmp/table" "$tmp/choice" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
best = max(rows, key=lambda r: float(r["auc"]))
open(sys.argv[2], "w").write(best["score_options"] + "\n" + best["evaluate_options"] + "\n")
PY
mv "$tmp/table" "$table"
mv "$tmp/choice" "$choice"
