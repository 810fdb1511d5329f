#!/usr/bin/env bash
# Packs what a GPU machine without Swift needs, for scripts/device-check.sh and
# scripts/device-experiment.sh there (one `run` each; README.md, Another libtorch (CUDA)):
#   build/device/programs.tar.xz  the programs that run there, stripped, in one xz stream whose
#                 dictionary holds a whole program: each is about 60 MB, most of it the Swift runtime
#                 and Foundation they all carry, which is then stored once (six in about 20 MB where
#                 one alone takes 15). They need only libvadtorch.so, rebuilt there, and lib/
#   build/device/lib/    the shared libraries they load beyond the C and C++ runtimes (libjpeg.so.62,
#                 libpng, libtiff and theirs): a GPU image need not carry Debian's versions
#   build/device/clips/  small synthetic training and test clips, made here
# With EXPERIMENT=NAME (a make experiment; DATA=, CPU= and QUICK= as for make), also its inputs, made
# by its own pipeline stages here:
#   build/device/experiment/  labels, the stage options, name and commit, and part 1 of the frames
#   build/device-frames-K/    part K of the frames, for a run of its own (K = 2, 3, ...)
# The frames (test, then training) are one xz stream cut so that no run ships more than 64 MiB with
# the checkout: part 1 fills what room the programs leave, each later part a run's room. Each part
# travels in its own run while the machine is held, the last one's running device-experiment.sh.
#   BIN=.build/release  where `make build` left the programs; XZ_PRESET=6  xz's effort (0-9);
#   PACK_ROOT=build  the folder that gets device/ and device-frames-K/ (the scripts there read the same)
#   SHIP_MIB=64  what one run may ship; FRAMES_PART_KIB  a smaller cap on each part of the frames
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release}
preset=${XZ_PRESET:-6}
root=${PACK_ROOT:-build}
pack=$root/device
programs=(train reconstruct score evaluate augment-strides bench-model-step)
rm -rf "$pack" "$root"/device-frames-*
mkdir -p "$pack/lib" "$pack/clips"
stripped=$(mktemp -d)
trap 'rm -rf "$stripped"' EXIT
for program in "${programs[@]}"; do
  [ -x "$bin/$program" ] || { echo "device-pack: $bin/$program is missing; run 'make build'" >&2; exit 1; }
  # A program that still needs Swift's runtime would not start where there is no Swift.
  if readelf -d "$bin/$program" | grep -q 'NEEDED.*libswift'; then
    echo "device-pack: $bin/$program links Swift's runtime dynamically; rebuild it with 'make build' (--static-swift-stdlib)" >&2
    exit 1
  fi
  strip -o "$stripped/$program" "$bin/$program"
done
tar -C "$stripped" -cf - "${programs[@]}" | xz -T1 "--lzma2=preset=$preset,dict=256MiB" > "$pack/programs.tar.xz"

# The libraries the programs name, and theirs, less the C and C++ runtimes every Linux has and the
# shim, which is rebuilt there against that machine's libtorch.
runtime='^(linux-vdso|ld-linux[^.]*|libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|libvadtorch)\.'
needed=$(for program in "${programs[@]}"; do readelf -d "$bin/$program" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'; done | sort -u | grep -Ev "$runtime" || true)
for name in $needed; do
  path=$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ && !found {print $NF; found = 1}')
  [ -n "$path" ] || { echo "device-pack: cannot find $name, which the programs need" >&2; exit 1; }
  for lib in "$path" $(ldd "$path" | awk '$3 ~ /^\// {print $3}'); do
    base=$(basename "$lib")
    [[ $base =~ $runtime ]] || cp -L "$lib" "$pack/lib/$base"
  done
done

"$bin/synth-video" moving-shapes --quiet --split train --videos 10 --frames 40 --seed 1 \
  | "$bin/augment-strides" --quiet --strides 1,2 -o "$pack/clips/train.vt" -
"$bin/synth-video" moving-shapes --quiet --split test --videos 2 --frames 20 --seed 2 \
  | "$bin/augment-strides" --quiet --test -o "$pack/clips/test.vt" -

if [ -n "${EXPERIMENT:-}" ]; then
  # The experiment's own stages make its frames and options files, in a results folder of their own.
  results=$root/device-results
  work=$results/$EXPERIMENT/work
  rm -rf "$results"
  stages=(train-frames test-frames train-clips test-clips train score evaluate)
  make --no-print-directory -s "BIN=$bin" "RESULTS=$results" "$work/train-frames.vt" "$work/test-frames.vt" \
    $(printf "$work/%s.opts " "${stages[@]}") >&2
  experiment=$pack/experiment
  mkdir -p "$experiment"
  for stage in "${stages[@]}"; do cp "$work/$stage.opts" "$experiment/"; done
  # evaluate.opts: the labels, then evaluate's options. The labels travel under their own name.
  read -r labels _ < "$work/evaluate.opts"
  cp "$labels" "$experiment/$(basename "$labels")"
  echo "$EXPERIMENT" > "$experiment/name"
  git rev-parse --short HEAD > "$experiment/commit"
  # What run.json's command gives make again; DATA= too, or the command would look in data/.
  printf '%s\n' "${CPU:+CPU=$CPU}" "${QUICK:+QUICK=$QUICK}" "${DATA:+DATA=$DATA}" | sed '/^$/d' > "$experiment/configuration"
  frames=$results/frames.tar.xz
  tar -C "$work" -cf - test-frames.vt train-frames.vt | xz -T0 "-$preset" > "$frames"
fi

# Each device run ships the checkout (tracked files, and untracked ones git does not ignore) beside
# the folders it names.
limit=$(( ${SHIP_MIB:-64} * 1048576 ))
# (A tracked file deleted here is not shipped: stat's complaint about it is no error.)
sizes=$(git ls-files -z --cached --others --exclude-standard | xargs -0 stat -c %s -- 2>/dev/null || true)
checkout=$(awk '{s += $1} END {print s + 0}' <<< "$sizes")
mib() { echo "$(( ($1 + 1048575) / 1048576 )) MiB"; }
shipped() {
  local size; size=$(du -sb "$1" | cut -f1)
  echo "device-pack: $1 holds $(mib "$size"); with the checkout, $(mib $(( checkout + size ))) of the $(mib "$limit") a run may ship"
  [ $(( checkout + size )) -le "$limit" ] || echo "device-pack: $1 is too much for one run beside the checkout" >&2
}
if [ -n "${EXPERIMENT:-}" ]; then
  # A MiB left for what a transfer adds to the files' own sizes.
  room=$(( limit - checkout - 1048576 ))
  cap=$(( ${FRAMES_PART_KIB:-0} > 0 ? ${FRAMES_PART_KIB:-0} * 1024 : room ))
  [ "$cap" -le "$room" ] || cap=$room
  [ "$cap" -gt 0 ] || { echo "device-pack: the checkout alone ($(mib "$checkout")) leaves no room in a run of $(mib "$limit")" >&2; exit 1; }
  total=$(stat -c %s "$frames")
  first=$(( room - $(du -sb "$pack" | cut -f1) ))
  [ "$first" -le "$cap" ] || first=$cap
  [ "$first" -ge 0 ] || first=0
  parts=1
  slice() { dd if="$frames" of="$3" iflag=skip_bytes,count_bytes skip="$1" count="$2" bs=1M status=none; }
  slice 0 "$first" "$experiment/frames.part1"
  for (( offset = first; offset < total; offset += cap )); do
    parts=$(( parts + 1 ))
    mkdir -p "$root/device-frames-$parts"
    slice "$offset" "$cap" "$root/device-frames-$parts/frames.part$parts"
  done
  echo "$parts $(sha256sum < "$frames" | cut -d' ' -f1)" > "$experiment/frames.parts"
  rm -rf "$results"
fi
shipped "$pack"
for (( k = 2; k <= ${parts:-1}; k++ )); do shipped "$root/device-frames-$k"; done
if [ "${parts:-1}" -gt 1 ]; then
  later=$(for (( k = 2; k <= parts; k++ )); do printf ' %s' "$root/device-frames-$k"; done)
  echo "device-pack: $parts runs there while the machine is held: $pack with scripts/device-check.sh, then each of$later in a run of its own, the last with scripts/device-experiment.sh"
elif [ -n "${EXPERIMENT:-}" ]; then
  echo "device-pack: one run there: scripts/device-check.sh && scripts/device-experiment.sh, shipping $pack"
fi
