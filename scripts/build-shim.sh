#!/usr/bin/env bash
# Builds libvadtorch.so, the C shim over libtorch, into OUT (default build/lib).
#   LIBTORCH=/path   a libtorch tree with include/ and lib/ (an official zip, or a Python
#                    package's torch/ folder); unset means Debian's libtorch-dev.
# The C++ ABI flag must match libtorch's; it is found by trying both and keeping the one
# that links with no undefined symbol.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$here/build/lib}
src=$here/Sources/CTorch/vadtorch.cpp
mkdir -p "$out"

if [ -n "${LIBTORCH:-}" ]; then
  [ -d "$LIBTORCH/include" ] && [ -d "$LIBTORCH/lib" ] || { echo "build-shim: LIBTORCH=$LIBTORCH has no include/ and lib/" >&2; exit 1; }
  inc=(-I"$LIBTORCH/include" -I"$LIBTORCH/include/torch/csrc/api/include")
  libdir=$LIBTORCH/lib
  libs=(-L"$libdir" -Wl,-rpath,"$libdir")
else
  [ -f /usr/include/ATen/ATen.h ] || { echo "build-shim: libtorch headers not found; run 'make setup' or set LIBTORCH" >&2; exit 1; }
  inc=(-I/usr/include/torch/csrc/api/include)
  libdir=$(dirname "$(ldconfig -p | awk '/libtorch_cpu\.so /{print $NF; exit}')")
  libs=()
fi
# CUDA builds keep their kernels in libtorch_cuda; link it even though no symbol is named from it,
# or the CUDA backend is never registered.
extra=()
for l in torch_cuda c10_cuda; do [ -e "$libdir/lib$l.so" ] && extra+=(-l$l); done

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for abi in 1 0; do
  if g++ -std=c++17 -O2 -fPIC -shared -D_GLIBCXX_USE_CXX11_ABI=$abi "${inc[@]}" "$src" -o "$tmp/libvadtorch.so" \
      "${libs[@]}" -Wl,--no-as-needed -ltorch -ltorch_cpu -lc10 "${extra[@]}" -Wl,--as-needed -Wl,--no-undefined \
      2>"$tmp/err$abi"; then
    mv "$tmp/libvadtorch.so" "$out/libvadtorch.so"
    exit 0
  fi
done
echo "build-shim: could not build libvadtorch.so; compiler said:" >&2
cat "$tmp/err1" >&2
exit 1
