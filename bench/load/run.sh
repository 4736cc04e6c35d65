#!/usr/bin/env bash
# Load benchmark for Kefu (not a test): seeds a throw-away data directory, starts
# `kefu serve` on 127.0.0.1, drives it with wrk and prints throughput, latency
# percentiles, server CPU time per request and idle memory. Builds nothing itself.
#
#   bench/load/run.sh [--kefu build/bin/kefu] [--tickets 1000000] [--duration 15]
#                     [--connections 64] [--threads 2] [--port 18080] [--keep-data]
#                     [--data DIR] [--only healthz,get_ticket,list_open,create_ticket]
#                     [--wait-quiet]
#
# --keep-data leaves the seeded directory behind; --data DIR reuses such a directory
# (no seeding, nothing deleted). Note that create_ticket adds tickets to it.
# --wait-quiet waits before each run until the machine is idle (>= 90% idle CPU over
# 2 s, at most 10 minutes), for shared build boxes.
# --only dashboard (not in the default set) measures GET /api/v1/stats/dashboard as the
# admin with 2 connections: the latency of one dashboard load, not a throughput test.
#
# Needs: wrk, curl, jq (Debian packages of the same names). See docs/performance.md.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"

kefu="${repo_root}/build/bin/kefu"
tickets=1000000
duration=15
connections=64
threads=2
port=18080
keep_data=0
reuse_dir=""
wait_quiet=0
only="healthz,get_ticket,list_open,create_ticket"
warmup=5

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --kefu) kefu="$2"; shift 2 ;;
    --tickets) tickets="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --keep-data) keep_data=1; shift ;;
    --data) reuse_dir="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --wait-quiet) wait_quiet=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage 2 ;;
  esac
done

for tool in wrk curl jq; do
  command -v "$tool" > /dev/null || { echo "run.sh needs $tool (apt-get install $tool)" >&2; exit 2; }
done
[[ -x "$kefu" ]] || { echo "no kefu binary at $kefu (build it, or pass --kefu PATH)" >&2; exit 2; }
[[ "$tickets" =~ ^[0-9]+$ && "$tickets" -gt 0 ]] || { echo "--tickets must be a positive number" >&2; exit 2; }

if [[ -n "$reuse_dir" ]]; then
  [[ -f "$reuse_dir/kefu.db" && -f "$reuse_dir/bench.password" ]] ||
    { echo "$reuse_dir was not seeded by run.sh --keep-data" >&2; exit 2; }
  data_dir="$(cd "$reuse_dir" && pwd)"
  keep_data=1
else
  data_dir="$(mktemp -d "${TMPDIR:-/tmp}/kefu-bench.XXXXXX")"
fi
server_pid=""
base_url="http://127.0.0.1:${port}"

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2> /dev/null; then
    kill -TERM "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  if [[ "$keep_data" -eq 1 ]]; then
    echo "data kept in $data_dir"
  else
    rm -rf "$data_dir"
  fi
}
trap cleanup EXIT

clk_tck="$(getconf CLK_TCK)"

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the
# command name in field 2 has no spaces for kefu).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

now() { date +%s.%N; }

# Percentage of idle CPU over the next 2 seconds, from /proc/stat.
idle_percent() {
  local a b
  a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( total > 0 ? 100 * (b[4] - a[4]) / total : 0 ))
}

wait_until_quiet() {
  [[ "$wait_quiet" -eq 1 ]] || return 0
  local waited=0
  while (( $(idle_percent) < 90 && waited < 300 )); do waited=$((waited + 1)); sleep 1; done
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== kefu load benchmark: $tickets tickets, ${duration}s per run, $connections connections, $threads wrk threads"
echo "binary:   $kefu"
echo "data dir: $data_dir"

seed_start="$(now)"
seed_end="$seed_start"
if [[ -n "$reuse_dir" ]]; then
  echo "-- reusing $data_dir (no seeding)"
  password="$(cat "$data_dir/bench.password")"
else
  echo "-- seeding"
  "$kefu" seed-demo --bench-tickets "$tickets" --data "$data_dir" > "$data_dir/seed.log" 2>&1 ||
    { cat "$data_dir/seed.log" >&2; exit 1; }
  seed_end="$(now)"
  grep -E "bench: .*(customers inserted|tickets/s|seeding took)" "$data_dir/seed.log" | tail -3 |
    sed 's/^/   /'
  echo "   seeding wall time: $(elapsed "$seed_start" "$seed_end") s"
  password="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-9z"
  printf '%s\n' "$password" |
    "$kefu" user create --email bench@kefu.local --name "Load Bench" --role admin --data "$data_dir" \
      > "$data_dir/user.log" 2>&1 || { cat "$data_dir/user.log" >&2; exit 1; }
  (umask 077 && printf '%s\n' "$password" > "$data_dir/bench.password")
fi

echo "-- starting the server on $base_url"
KEFU_SERVER_ACCESS_LOG=false KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0 KEFU_AUTH_ACCESS_TOKEN_TTL_S=3600 \
  "$kefu" serve --listen "127.0.0.1:${port}" --data "$data_dir" > "$data_dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -sf "$base_url/healthz" > /dev/null 2>&1 && break
  kill -0 "$server_pid" 2> /dev/null || { cat "$data_dir/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf "$base_url/healthz" > /dev/null || { echo "server did not come up" >&2; exit 1; }

login="$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench@kefu.local\",\"password\":\"$password\"}" "$base_url/api/v1/auth/login")"
token="$(jq -r .access_token <<< "$login")"
[[ -n "$token" && "$token" != "null" ]] || { echo "login failed: $login" >&2; exit 1; }
sleep 1
rss_start="$(rss_kb "$server_pid")"

categories="$(curl -sf -H "Authorization: Bearer $token" "$base_url/api/v1/categories" |
  jq -r '[.items // . | .[] | select(.parent_id != null) | .id] | join(",")')"
max_customer="$(curl -sf -H "Authorization: Bearer $token" "$base_url/api/v1/customers?limit=1" |
  jq -r '.items[0].id // 300')"

export KEFU_BENCH_LUA_DIR="$script_dir"
export KEFU_BENCH_TOKEN="$token"
max_ticket="$(curl -sf -H "Authorization: Bearer $token" "$base_url/api/v1/tickets?sort=-created_at&limit=1" |
  jq -r '.items[0].id')"
export KEFU_BENCH_MAX_TICKET_ID="$max_ticket"
export KEFU_BENCH_MAX_CUSTOMER_ID="$max_customer"
export KEFU_BENCH_CATEGORY_IDS="$categories"

results=()

# run NAME SCRIPT PATH [CONNECTIONS]
run() {
  local name="$1" script="$2" path="$3" conns="${4:-$connections}"
  local out="$data_dir/wrk-$name.txt"
  local before after
  wait_until_quiet
  before="$(cpu_ticks "$server_pid")"
  wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -s "$script_dir/$script" \
    "$base_url$path" > "$out" 2>&1 || { cat "$out" >&2; exit 1; }
  after="$(cpu_ticks "$server_pid")"
  local line
  line="$(grep '^KEFU_RESULT' "$out")" || { cat "$out" >&2; exit 1; }
  results+=("$(awk -v name="$name" -v conns="$conns" -v cpu="$((after - before))" -v hz="$clk_tck" \
    -v line="$line" 'BEGIN {
      n = split(line, kv, " ");
      for (i = 2; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
      rps = v["requests"] / (v["duration_us"] / 1e6);
      cpu_us = (cpu / hz) * 1e6 / (v["requests"] > 0 ? v["requests"] : 1);
      printf "%-14s %5d %10.0f %9.2f %9.2f %9.2f %11.1f %8d %8d",
        name, conns, rps, v["p50_us"] / 1000, v["p90_us"] / 1000, v["p99_us"] / 1000, cpu_us,
        v["errors_status"], v["errors_socket"]
    }')")
  echo "   ${results[-1]}"
}

echo "-- warm-up (${warmup}s of ticket reads, not reported)"
wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script_dir/get_ticket.lua" \
  "$base_url/api/v1/tickets/1" > /dev/null 2>&1 || true

echo "-- runs (load average before: $(cut -d' ' -f1-3 /proc/loadavg); other busy processes skew results)"
printf "   %-14s %5s %10s %9s %9s %9s %11s %8s %8s\n" \
  run conns "req/s" "p50 ms" "p90 ms" "p99 ms" "cpu us/req" non2xx sockerr
wanted() { [[ ",$only," == *",$1,"* ]]; }
wanted healthz && run healthz plain.lua "/healthz"
wanted get_ticket && run get_ticket get_ticket.lua "/api/v1/tickets/1"
wanted list_open && run list_open plain.lua "/api/v1/tickets?status=open&limit=50"
wanted create_ticket && run create_ticket create_ticket.lua "/api/v1/tickets"
wanted dashboard && run dashboard plain.lua "/api/v1/stats/dashboard" 2

sleep 2
rss_end="$(rss_kb "$server_pid")"
# The server trims every 10 s and closes read connections idle for 30 s: measure again
# once it has been quiet that long.
sleep 35
rss_idle="$(rss_kb "$server_pid")"

echo "== summary (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
printf "   %-14s %5s %10s %9s %9s %9s %11s %8s %8s\n" \
  run conns "req/s" "p50 ms" "p90 ms" "p99 ms" "cpu us/req" non2xx sockerr
for r in "${results[@]}"; do echo "   $r"; done
echo "   idle RSS after start-up: $((rss_start / 1024)) MB ($rss_start kB); right after the runs: $((rss_end / 1024)) MB ($rss_end kB); 35 s later: $((rss_idle / 1024)) MB ($rss_idle kB)"
[[ -n "$reuse_dir" ]] || echo "   seeding $tickets tickets: $(elapsed "$seed_start" "$seed_end") s"
