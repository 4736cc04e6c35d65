#!/usr/bin/env bash
# Installs every Debian package Kefu needs to build, run and test, and only what is missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

BUILD_PKGS=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsodium-dev libsqlite3-dev sqlite3 libspdlog-dev libcli11-dev
  libtomlplusplus-dev zlib1g-dev libmagic-dev libmagic-mgc libxapian-dev
  libphonenumber8 libgeocoding8 libprotobuf-dev libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev curl
)
# The test command also needs python3 (OpenAPI check), clang + its runtime (libFuzzer),
# wrk (load benchmarks), and Debian's chromium for the console's end-to-end tests (with CJK
# fonts so its screenshots are legible). Playwright never downloads a browser of its own.
TEST_PKGS=(python3 clang libclang-rt-14-dev wrk jq chromium fonts-noto-cjk)

want=("${BUILD_PKGS[@]}")
# The web console is built with Node.js and npm: the machine's own if it has them (Node 20
# or newer), else Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then want+=(nodejs npm); fi
if [ "${1:-}" = "--test" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# libphonenumber-dev depends on Boost 1.74 dev packages, which conflict with Boost 1.81.
# We take only its headers: download the Debian package and unpack it into .cache/deps.
deps=.cache/deps
if [ ! -f "$deps/usr/include/phonenumbers/phonenumberutil.h" ]; then
  echo "==> unpacking libphonenumber-dev headers into $deps"
  mkdir -p .cache/debs "$deps"
  (cd .cache/debs && rm -f libphonenumber-dev_*.deb && apt-get download libphonenumber-dev >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && apt-get download libphonenumber-dev; })
  dpkg-deb -x .cache/debs/libphonenumber-dev_*.deb "$deps"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "warning: Node.js $(node -v) is older than 20; the web build and its tests expect 20 or newer" >&2
fi
echo "==> dependencies ready"
