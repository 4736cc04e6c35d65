#!/usr/bin/env bash
# The first README command: install what is missing, build, and start Kefu on SQLite in
# ./data with demo data, printing the URL and the admin login.
# Environment: KEFU_LISTEN (default 127.0.0.1:8080), KEFU_DATA (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTEN="${KEFU_LISTEN:-127.0.0.1:8080}"
DATA="${KEFU_DATA:-./data}"

bash scripts/install-deps.sh
echo "==> building (first build takes a few minutes)"
bash scripts/build.sh kefu >/dev/null
bash scripts/build-web.sh
KEFU=./build/bin/kefu

mkdir -p "$DATA"
LOGIN_FILE="$DATA/admin-login.txt"
if [ ! -f "$LOGIN_FILE" ]; then
  echo "==> creating demo data"
  out=$("$KEFU" seed-demo --data "$DATA")
  echo "$out" | grep -v '^admin login' || true
  echo "$out" | grep '^admin login' | sed 's/^admin login: //' > "$LOGIN_FILE"
  chmod 600 "$LOGIN_FILE"
fi
read -r email _ password < "$LOGIN_FILE"
cat <<MSG

  Kefu is starting on http://$LISTEN   (agent console; sign in below)
  API:    http://$LISTEN/api/v1   (OpenAPI: http://$LISTEN/api/v1/openapi.json)
  Admin:  $email
  Password: $password
  Data:   $DATA   (stop with Ctrl-C)

MSG
exec "$KEFU" serve --listen "$LISTEN" --data "$DATA" --web web/dist
