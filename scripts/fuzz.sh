#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (own build dir) and runs each for N seconds.
# Usage: scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-30}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/kefu-ccache}"
# Share cache hits between clones at different paths (CI builds in a fresh clone).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
if [ ! -f build-fuzz/build.ninja ]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DKEFU_BUILD_FUZZ=ON -DKEFU_BUILD_TESTS=OFF \
    -DKEFU_BUILD_BENCH=OFF >/dev/null
fi
echo "==> building fuzz targets"
TARGETS=(src/kefu/net/http_request_fuzz)
ninja -C build-fuzz -j "${KEFU_JOBS:-$(nproc)}" "${TARGETS[@]##*/}"
for target in "${TARGETS[@]}"; do
  name=$(basename "$target")
  corpus=".cache/fuzz-corpus/$name"
  seeds="$(dirname "$target")/fuzz/corpus"
  mkdir -p "$corpus"
  echo "==> fuzzing $name for ${SECONDS_PER_TARGET}s"
  args=("$corpus")
  [ -d "$seeds" ] && args+=("$seeds")
  # A crash makes libFuzzer exit non-zero, which fails this script (set -e, pipefail).
  "build-fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
    -rss_limit_mb=2048 "${args[@]}" > ".cache/fuzz-$name.log" 2>&1 \
    || { tail -n 40 ".cache/fuzz-$name.log"; exit 1; }
  tail -n 6 ".cache/fuzz-$name.log"
done
