#!/usr/bin/env bash
# Configures and builds Kefu into ./build (ccache-accelerated). Usage: scripts/build.sh [targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/kefu-ccache}"
# Share cache hits between clones at different paths (CI builds in a fresh clone).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
BUILD_TYPE="${KEFU_BUILD_TYPE:-RelWithDebInfo}"
JOBS="${KEFU_JOBS:-$(nproc)}"
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
fi
ninja -C build -j "$JOBS" "$@"
