#!/usr/bin/env bash
# Builds the agent console (Vue) into web/dist, which `kefu serve` serves at /.
# Installs npm packages only when package-lock.json changed, and skips the Vite build
# when nothing it reads changed since the last one.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null; then
  echo "npm is missing: run scripts/install-deps.sh" >&2
  exit 1
fi
lock_stamp=node_modules/.kefu-lock
if [ ! -f "$lock_stamp" ] || ! cmp -s package-lock.json "$lock_stamp"; then
  echo "==> installing web packages"
  # `npm install` with the committed lock installs exactly its versions. (npm 11's `npm ci`
  # rejects this lock, asking for rollup's binaries for other platforms, which it omits.)
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$lock_stamp"
fi

inputs=$(find src public index.html vite.config.ts tsconfig.json package-lock.json scripts/compress.mjs \
  -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -f dist/.inputs ] && [ "$(cat dist/.inputs)" = "$inputs" ]; then
  echo "==> web console up to date"
  exit 0
fi
echo "==> building the web console"
npm run --silent build >/dev/null
echo "$inputs" > dist/.inputs
