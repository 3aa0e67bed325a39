#!/usr/bin/env bash
# The whole scepter benchmark in one command (see bench/README.md):
#
#   bench/run.sh            full run (~25 min on 2 cores, the first run also generates keys)
#   bench/run.sh --quick    smaller N everywhere (a few minutes)
#
# It builds scepter and scepter-bench (Release), measures the cryptographic floor, enrolls against
# scepter and micromdm's scepserver at concurrency 1, 8 and 64, compares GetCACaps/GetCACert with
# nginx serving the same bytes (wrk, 64 connections), enrolls against a database pre-filled with
# 1,000,000 certificates and 100,000 accounts (and times start-up on it), runs a long enrollment
# run sampling the server's memory, prints a table and rewrites bench/RESULTS.md.
#
# Knobs (environment): BENCH_BUILD_DIR, BENCH_N (enrollments per concurrency level),
# BENCH_LONG_N, BENCH_KEY_POOL (distinct client keys, cached in bench/.cache/keys),
# BENCH_FILL_CERTIFICATES, BENCH_FILL_ACCOUNTS, BENCH_WRK_SECONDS, BENCH_FLOOR_ITERATIONS.
# Needs bench/install-deps.sh (wrk, nginx, scep) once.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=full
[[ ${1:-} == --quick ]] && MODE=quick
if [[ $MODE == quick ]]; then
  N=${BENCH_N:-200}; LONG_N=${BENCH_LONG_N:-10000}; KEY_POOL=${BENCH_KEY_POOL:-500}
  FILL_CERTIFICATES=${BENCH_FILL_CERTIFICATES:-1000000}; FILL_ACCOUNTS=${BENCH_FILL_ACCOUNTS:-100000}
  WRK_SECONDS=${BENCH_WRK_SECONDS:-5}; FLOOR_ITERATIONS=${BENCH_FLOOR_ITERATIONS:-300}
else
  N=${BENCH_N:-1000}; LONG_N=${BENCH_LONG_N:-100000}; KEY_POOL=${BENCH_KEY_POOL:-2000}
  FILL_CERTIFICATES=${BENCH_FILL_CERTIFICATES:-1000000}; FILL_ACCOUNTS=${BENCH_FILL_ACCOUNTS:-100000}
  WRK_SECONDS=${BENCH_WRK_SECONDS:-10}; FLOOR_ITERATIONS=${BENCH_FLOOR_ITERATIONS:-1000}
fi
CONCURRENCIES=(1 8 64)
BUILD=${BENCH_BUILD_DIR:-$ROOT/build-bench}
CACHE=$ROOT/bench/.cache
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scepter-bench.XXXXXX")
OUT=$WORK/results
mkdir -p "$OUT" "$CACHE/keys"
PIDS=()

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
stop() { # pid
  kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  [[ ${BENCH_KEEP_WORK:-} == 1 ]] && log "work dir kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
# Seconds from now until URL answers HTTP 200 (polled every 5 ms), or failure after 60 s.
wait_ready() { # url start_ns
  python3 - "$1" "$2" <<'PY'
import sys, time, urllib.request
url, start = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            if r.status == 200:
                print(f"{(time.time_ns() - start) / 1e9:.3f}")
                sys.exit(0)
    except Exception:
        time.sleep(0.005)
sys.exit(1)
PY
}

log "building (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target scepter scepter-bench -j"$(nproc)" >/dev/null
SCEPTER=$BUILD/src/app/scepter
BENCH=$BUILD/bench/scepter-bench
for tool in wrk nginx scepserver; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null ||
    { log "$tool missing: run bench/install-deps.sh"; exit 1; }
done
NGINX=$(PATH=$PATH:/usr/sbin command -v nginx)

# --- machine and the cryptographic floor ---------------------------------------------------
python3 - "$OUT/machine.json" "$MODE" <<'PY'
import json, os, platform, subprocess, sys
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
ssl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
json.dump({"nproc": os.cpu_count(), "cpu": model, "memory": mem, "kernel": platform.release(),
           "openssl": ssl, "mode": sys.argv[2]}, open(sys.argv[1], "w"))
PY
log "cryptographic floor ($FLOOR_ITERATIONS iterations per operation)"
"$BENCH" floor --iterations "$FLOOR_ITERATIONS" --cache-dir "$CACHE/keys" --json "$OUT/floor.json"

# --- scepter -------------------------------------------------------------------------------
start_scepter() { # data_dir port -> SERVER_PID, STARTUP_SECONDS
  local start
  start=$(date +%s%N)
  "$SCEPTER" serve --data "$1" --listen "127.0.0.1:$2" >>"$WORK/scepter-$2.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  STARTUP_SECONDS=$(wait_ready "http://127.0.0.1:$2/scep/demo?operation=GetCACaps" "$start") ||
    { log "scepter did not start"; tail -20 "$WORK/scepter-$2.log" >&2; exit 1; }
}
enroll() { # name url challenge pid count concurrency [extra...]
  local name=$1 url=$2 challenge=$3 pid=$4 count=$5 concurrency=$6
  shift 6
  log "$name: $count enrollments at concurrency $concurrency"
  "$BENCH" enroll --url "$url" --challenge "$challenge" -n "$count" -c "$concurrency" \
    --server-pid "$pid" --cache-dir "$CACHE/keys" --key-pool "$KEY_POOL" \
    --json "$OUT/$name.json" "$@" || log "$name: failures reported (see above)"
}

DATA=$WORK/scepter-data
"$SCEPTER" init --data "$DATA" --demo --json --ca-key rsa2048 >"$WORK/init.json"
CODE=$(json_field "$WORK/init.json" access_code)
PORT=$(free_port)
start_scepter "$DATA" "$PORT"
echo "{\"startup_seconds\": $STARTUP_SECONDS}" >"$OUT/startup-empty.json"
SCEPTER_URL="http://127.0.0.1:$PORT/scep/demo"
for c in "${CONCURRENCIES[@]}"; do
  enroll "scepter-c$c" "$SCEPTER_URL" "$CODE" "$SERVER_PID" "$N" "$c"
done

# --- read paths: scepter vs nginx with the same bytes ------------------------------------------
NGINX_DIR=$WORK/nginx
mkdir -p "$NGINX_DIR/html" "$NGINX_DIR/logs"
curl -fsS "$SCEPTER_URL?operation=GetCACaps" -o "$NGINX_DIR/html/caps"
curl -fsS "$SCEPTER_URL?operation=GetCACert" -o "$NGINX_DIR/html/cacert"
NGINX_PORT=$(free_port)
# Run as root, nginx would hand its workers to "nobody", who cannot read the private temp dir.
NGINX_USER=
((EUID == 0)) && NGINX_USER="user root;"
cat >"$NGINX_DIR/nginx.conf" <<CONF
$NGINX_USER
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log;
events { worker_connections 1024; }
http {
  access_log $NGINX_DIR/logs/access.log;
  client_body_temp_path $NGINX_DIR/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $NGINX_DIR/html;
    location = /caps { default_type text/plain; }
    location = /cacert { default_type application/x-x509-ca-cert; }
  }
}
CONF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_ready "http://127.0.0.1:$NGINX_PORT/caps" "$(date +%s%N)" >/dev/null ||
  { log "nginx did not serve the files"; tail -5 "$NGINX_DIR/logs/error.log" >&2; exit 1; }
wrk_run() { # name url
  log "wrk $1 (64 connections, ${WRK_SECONDS}s)"
  wrk -t2 -c64 -d"${WRK_SECONDS}s" "$2" >"$OUT/wrk-$1.txt"
}
wrk_run scepter-caps "$SCEPTER_URL?operation=GetCACaps"
wrk_run nginx-caps "http://127.0.0.1:$NGINX_PORT/caps"
wrk_run scepter-cacert "$SCEPTER_URL?operation=GetCACert"
wrk_run nginx-cacert "http://127.0.0.1:$NGINX_PORT/cacert"
stop "${PIDS[-1]}"

# --- long run: memory at the half and at the end ---------------------------------------------
enroll "scepter-long" "$SCEPTER_URL" "$CODE" "$SERVER_PID" "$LONG_N" 64 \
  --memory-at "$((LONG_N / 2)),$LONG_N"
stop "$SERVER_PID"

# --- data scaling: the same run on a pre-filled database --------------------------------------
FILLED=$WORK/scepter-filled
"$SCEPTER" init --data "$FILLED" --demo --json --ca-key rsa2048 >"$WORK/init-filled.json"
FILLED_CODE=$(json_field "$WORK/init-filled.json" access_code)
log "filling a database with $FILL_CERTIFICATES certificates and $FILL_ACCOUNTS accounts"
python3 "$ROOT/bench/fill_db.py" "$FILLED" --certificates "$FILL_CERTIFICATES" --accounts "$FILL_ACCOUNTS"
sync
PORT=$(free_port)
start_scepter "$FILLED" "$PORT"
echo "{\"startup_seconds\": $STARTUP_SECONDS, \"certificates\": $FILL_CERTIFICATES, \"accounts\": $FILL_ACCOUNTS}" >"$OUT/startup-filled.json"
for c in "${CONCURRENCIES[@]}"; do
  enroll "filled-c$c" "http://127.0.0.1:$PORT/scep/demo" "$FILLED_CODE" "$SERVER_PID" "$N" "$c"
done
stop "$SERVER_PID"
rm -rf "$FILLED"

# --- micromdm scepserver, same generator, same key sizes ---------------------------------------
DEPOT=$WORK/depot
(cd "$WORK" && scepserver ca -init -depot "$DEPOT" -keySize 2048 >/dev/null 2>&1)
MICRO_PORT=$(free_port)
scepserver -depot "$DEPOT" -port "$MICRO_PORT" -challenge bench-secret -allowrenew 0 >"$WORK/scepserver.log" 2>&1 &
MICRO_PID=$!
PIDS+=("$MICRO_PID")
wait_ready "http://127.0.0.1:$MICRO_PORT/scep?operation=GetCACaps" "$(date +%s%N)" >/dev/null ||
  { log "scepserver did not start"; tail -5 "$WORK/scepserver.log" >&2; exit 1; }
for c in "${CONCURRENCIES[@]}"; do
  enroll "micromdm-c$c" "http://127.0.0.1:$MICRO_PORT/scep" bench-secret "$MICRO_PID" "$N" "$c"
done
stop "$MICRO_PID"

# --- the table and RESULTS.md -------------------------------------------------------------------
python3 "$ROOT/bench/report.py" "$OUT" "$ROOT/bench/RESULTS.md" \
  "bench/run.sh${1:+ $1} (N=$N per level, long run $LONG_N at concurrency 64, key pool $KEY_POOL, wrk ${WRK_SECONDS}s)"
