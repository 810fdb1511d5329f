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
# by its own pipeline stages here, in two parts since both would not fit one 64 MiB transfer:
#   build/device/experiment/  test frames (xz), labels, the stage options, name and commit
#   build/device-train/       training frames (xz), for the second run
#   BIN=.build/release  where `make build` left the programs; XZ_PRESET=6  xz's effort (0-9);
#   PACK_ROOT=build  the folder that gets device/ and device-train/ (the scripts there read the same)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release}
preset=${XZ_PRESET:-6}
root=${PACK_ROOT:-build}
pack=$root/device
programs=(train reconstruct score evaluate augment-strides bench-model-step)
rm -rf "$pack" "$root/device-train"
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
  mkdir -p "$experiment" "$root/device-train"
  for stage in "${stages[@]}"; do cp "$work/$stage.opts" "$experiment/"; done
  # evaluate.opts: the labels, then evaluate's options. The labels travel under their own name.
  read -r labels _ < "$work/evaluate.opts"
  cp "$labels" "$experiment/$(basename "$labels")"
  echo "$EXPERIMENT" > "$experiment/name"
  git rev-parse --short HEAD > "$experiment/commit"
  # What run.json's command gives make again; DATA= too, or the command would look in data/.
  printf '%s\n' "${CPU:+CPU=$CPU}" "${QUICK:+QUICK=$QUICK}" "${DATA:+DATA=$DATA}" | sed '/^$/d' > "$experiment/configuration"
  xz -T0 "-$preset" -c "$work/test-frames.vt" > "$experiment/test-frames.vt.xz"
  xz -T0 "-$preset" -c "$work/train-frames.vt" > "$root/device-train/train-frames.vt.xz"
  rm -rf "$results"
fi
# Each device run ships the checkout beside the folder it names, 64 MiB in all.
tracked=$(git ls-files -z | xargs -0 du -cb | tail -1 | cut -f1)
for folder in "$pack" "$root/device-train"; do
  [ -d "$folder" ] || continue
  size=$(du -sb "$folder" | cut -f1)
  echo "device-pack: $folder holds $(( size / 1048576 )) MiB; with the checkout, $(( (tracked + size) / 1048576 )) of the 64 MiB a run may ship"
  [ $(( tracked + size )) -le $(( 64 * 1048576 )) ] || echo "device-pack: $folder is too much for one run beside the checkout" >&2
done
