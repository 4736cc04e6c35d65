#!/usr/bin/env bash
# The second README command: install what is missing, build, and run every test:
# unit, storage and API tests (ctest), the OpenAPI check, the web console's type check,
# unit tests (Vitest) and end-to-end tests (playwright-core + Debian's chromium), and a
# short fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash scripts/install-deps.sh --test
echo "==> building"
bash scripts/build.sh
bash scripts/build-web.sh

echo "==> running tests"
(cd build && ctest --output-on-failure --timeout 600 -j "${KEFU_TEST_JOBS:-2}")

echo "==> web console: API types, type check, unit tests, end-to-end tests"
(
  cd web
  npm run --silent check:api
  npm run --silent typecheck
  npm test --silent
  npm run --silent e2e
)

if [ "${KEFU_SKIP_FUZZ:-0}" != "1" ]; then
  bash scripts/fuzz.sh "${KEFU_FUZZ_SECONDS:-30}"
fi
echo "==> all tests passed in $(( $(date +%s) - start )) s"
