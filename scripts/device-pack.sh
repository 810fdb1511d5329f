#!/usr/bin/env bash
# Packs what scripts/device-check.sh needs on a GPU machine that has no Swift, into build/device/:
#   bin/*.xz   the programs that touch the GPU (train, reconstruct, bench-model-step), stripped and
#              xz-compressed: linked with --static-swift-stdlib each is about 75 MB, so uncompressed
#              three would not fit a 64 MB transfer; they need only libvadtorch.so, rebuilt there
#   clips/     small synthetic training and test clips, made here, so nothing else need travel
#   BIN=.build/release  where `make build` left the programs
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release}
rm -rf build/device
mkdir -p build/device/bin build/device/clips
for program in train reconstruct bench-model-step; do
  [ -x "$bin/$program" ] || { echo "device-pack: $bin/$program is missing; run 'make build'" >&2; exit 1; }
  # A program that still needs Swift's runtime would not start where there is no Swift.
  if readelf -d "$bin/$program" | grep -q 'NEEDED.*libswift'; then
    echo "device-pack: $bin/$program links Swift's runtime dynamically; rebuild it with 'make build' (--static-swift-stdlib)" >&2
    exit 1
  fi
  strip -o "build/device/bin/$program" "$bin/$program"
  xz -T0 -6 "build/device/bin/$program"
done
"$bin/synth-video" moving-shapes --quiet --split train --videos 10 --frames 40 --seed 1 \
  | "$bin/augment-strides" --quiet --strides 1,2 -o build/device/clips/train.vt -
"$bin/synth-video" moving-shapes --quiet --split test --videos 2 --frames 20 --seed 2 \
  | "$bin/augment-strides" --quiet --test -o build/device/clips/test.vt -
du -sh build/device | cut -f1 | sed 's/^/device-pack: build\/device holds /'
