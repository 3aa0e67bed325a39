#!/usr/bin/env bash
# The whole scepter benchmark in one command (see bench/README.md):
#
#   bench/run.sh            full run (~30 min on 2 cores, the first run also generates keys)
#   bench/run.sh --quick    smaller N everywhere (a few minutes)
#
# It builds scepter and scepter-bench (Release), measures the cryptographic floor, enrolls against
# scepter and micromdm's scepserver at concurrency 1, 8 and 64, compares GetCACaps/GetCACert with
# nginx serving the same bytes (wrk, 64 connections), enrolls against a database pre-filled with
# 1,000,000 certificates and 100,000 accounts (and times start-up on it), runs a long enrollment
# run sampling the server's memory, enrolls against one, two and three `scepter serve` nodes
# sharing one PostgreSQL database, prints a table and rewrites bench/RESULTS.md.
#
# Knobs (environment): BENCH_BUILD_DIR, BENCH_N (enrollments per concurrency level),
# BENCH_LONG_N, BENCH_KEY_POOL (distinct client keys, cached in bench/.cache/keys),
# BENCH_FILL_CERTIFICATES, BENCH_FILL_ACCOUNTS, BENCH_WRK_SECONDS, BENCH_FLOOR_ITERATIONS,
# BENCH_WARM_UP_N, BENCH_PG_CONCURRENCY, PG_BIN (PostgreSQL server binaries), BENCH_SECTIONS (comma-separated
# subset of floor,enroll,read,long,filled,micromdm,postgres: a subset prints its table but leaves
# RESULTS.md alone, which always holds one whole run), BENCH_KEEP_WORK=1.
# Needs bench/install-deps.sh (wrk, nginx, scep, postgresql) once.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=full
[[ ${1:-} == --quick ]] && MODE=quick
if [[ $MODE == quick ]]; then
  N=${BENCH_N:-200}; LONG_N=${BENCH_LONG_N:-10000}; KEY_POOL=${BENCH_KEY_POOL:-500}
  FILL_CERTIFICATES=${BENCH_FILL_CERTIFICATES:-1000000}; FILL_ACCOUNTS=${BENCH_FILL_ACCOUNTS:-100000}
  WRK_SECONDS=${BENCH_WRK_SECONDS:-5}; FLOOR_ITERATIONS=${BENCH_FLOOR_ITERATIONS:-300}
  WARM_UP_N=${BENCH_WARM_UP_N:-20}
else
  N=${BENCH_N:-3000}; LONG_N=${BENCH_LONG_N:-100000}; KEY_POOL=${BENCH_KEY_POOL:-2000}
  FILL_CERTIFICATES=${BENCH_FILL_CERTIFICATES:-1000000}; FILL_ACCOUNTS=${BENCH_FILL_ACCOUNTS:-100000}
  WRK_SECONDS=${BENCH_WRK_SECONDS:-10}; FLOOR_ITERATIONS=${BENCH_FLOOR_ITERATIONS:-1000}
  WARM_UP_N=${BENCH_WARM_UP_N:-200}
fi
CONCURRENCIES=(1 8 64)
PG_CONCURRENCY=${BENCH_PG_CONCURRENCY:-64}
PG_NODE_COUNTS=(1 2 3)
ALL_SECTIONS=floor,enroll,read,long,filled,micromdm,postgres
SECTIONS=${BENCH_SECTIONS:-$ALL_SECTIONS}
for section in ${SECTIONS//,/ }; do
  [[ ,$ALL_SECTIONS, == *,$section,* ]] || { echo "BENCH_SECTIONS: unknown section $section" >&2; exit 2; }
done
wanted() { [[ ,$SECTIONS, == *,$1,* ]]; }
BUILD=${BENCH_BUILD_DIR:-$ROOT/build-bench}
CACHE=$ROOT/bench/.cache
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scepter-bench.XXXXXX")
OUT=$WORK/results
mkdir -p "$OUT" "$CACHE/keys"
PIDS=()
CLEANUP_HOOKS=()

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
stop() { # pid
  kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  for hook in "${CLEANUP_HOOKS[@]}"; do "$hook"; done
  [[ ${BENCH_KEEP_WORK:-} == 1 ]] && log "work dir kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
# Launches a server and prints "PID SECONDS": its pid and the seconds from its launch to the first
# HTTP 200 from URL (polled every millisecond), or fails after 60 s. The poller runs before the
# server is launched so that its own start-up is not counted: on a loaded machine, starting
# Python alone takes longer than scepter's whole start-up.
launch_ready() { # log url command...
  python3 - "$@" <<'PY'
import http.client, subprocess, sys, time, urllib.parse
log, url, command = sys.argv[1], sys.argv[2], sys.argv[3:]
parts = urllib.parse.urlsplit(url)
target = parts.path + ("?" + parts.query if parts.query else "")
with open(log, "ab") as out:
    started = time.monotonic()
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
while time.monotonic() < started + 60 and server.poll() is None:
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=1)
    try:
        connection.request("GET", target)
        if connection.getresponse().status == 200:
            print(server.pid, f"{time.monotonic() - started:.3f}")
            sys.exit(0)
    except OSError:
        time.sleep(0.001)
    finally:
        connection.close()
server.kill()
sys.exit(1)
PY
}
# Polls URL every 5 ms until it answers HTTP 200, or fails after 60 s.
wait_ready() { # url
  python3 - "$1" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=1) as r:
            if r.status == 200:
                sys.exit(0)
    except Exception:
        time.sleep(0.005)
sys.exit(1)
PY
}

log "building (Release) in $BUILD"
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${LAUNCHER[@]}" >/dev/null
cmake --build "$BUILD" --target scepter scepter-bench -j"$(nproc)" >/dev/null
SCEPTER=$BUILD/src/app/scepter
BENCH=$BUILD/bench/scepter-bench
needed_tools=()
wanted read && needed_tools+=(wrk nginx)
wanted micromdm && needed_tools+=(scepserver)
wanted postgres && needed_tools+=(psql)
for tool in "${needed_tools[@]}"; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null ||
    { log "$tool missing: run bench/install-deps.sh"; exit 1; }
done
NGINX=$(PATH=$PATH:/usr/sbin command -v nginx || true)
PG_BIN=${PG_BIN:-$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)}
if wanted postgres && [[ ! -x $PG_BIN/initdb || ! -x $PG_BIN/pg_ctl ]]; then
  log "PostgreSQL server binaries missing (PG_BIN=$PG_BIN): run bench/install-deps.sh"
  exit 1
fi

# --- machine and the cryptographic floor ---------------------------------------------------
python3 - "$OUT/machine.json" "$MODE" <<'PY'
import json, os, platform, subprocess, sys
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
ssl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
load = open("/proc/loadavg").read().split()[0]
json.dump({"nproc": os.cpu_count(), "cpu": model, "memory": mem, "kernel": platform.release(),
           "openssl": ssl, "mode": sys.argv[2], "load_at_start": load}, open(sys.argv[1], "w"))
PY
if wanted floor; then
  log "cryptographic floor ($FLOOR_ITERATIONS iterations per operation)"
  "$BENCH" floor --iterations "$FLOOR_ITERATIONS" --cache-dir "$CACHE/keys" --json "$OUT/floor.json"
fi

# --- scepter -------------------------------------------------------------------------------
start_scepter() { # port serve-arguments... -> SERVER_PID, STARTUP_SECONDS (plain HTTP only)
  local port=$1 launched
  shift
  launched=$(launch_ready "$WORK/scepter-$port.log" "http://127.0.0.1:$port/scep/demo?operation=GetCACaps" \
    "$SCEPTER" serve --listen "127.0.0.1:$port" --https-listen "" "$@") ||
    { log "scepter did not start"; tail -20 "$WORK/scepter-$port.log" >&2; exit 1; }
  read -r SERVER_PID STARTUP_SECONDS <<<"$launched"
  PIDS+=("$SERVER_PID")
}
# The arguments after the first four go to scepter-bench: --url and --server-pid, once per node.
enroll() { # name challenge count concurrency scepter-bench-arguments...
  local name=$1 challenge=$2 count=$3 concurrency=$4
  shift 4
  log "$name: $count enrollments at concurrency $concurrency"
  "$BENCH" enroll --challenge "$challenge" -n "$count" -c "$concurrency" \
    --cache-dir "$CACHE/keys" --key-pool "$KEY_POOL" \
    --json "$OUT/$name.json" "$@" || log "$name: failures reported (see above)"
}

# The same unmeasured warm-up for every server compared (scepter empty and filled, micromdm):
# the first requests pay one-time work, such as loading the endpoint's keys or a database's
# first pages, that a level of 3,000 enrollments should not carry for one server and not the other.
warm_up() { # challenge url
  log "warm-up: $WARM_UP_N enrollments at concurrency 4 against $2"
  "$BENCH" enroll --challenge "$1" -n "$WARM_UP_N" -c 4 --cache-dir "$CACHE/keys" \
    --key-pool "$KEY_POOL" --url "$2" >/dev/null || log "warm-up of $2: failures reported"
}

if wanted enroll || wanted read || wanted long; then
  DATA=$WORK/scepter-data
  "$SCEPTER" init --data "$DATA" --demo --json --ca-key rsa2048 >"$WORK/init.json"
  CODE=$(json_field "$WORK/init.json" access_code)
  PORT=$(free_port)
  start_scepter "$PORT" --data "$DATA"
  echo "{\"startup_seconds\": $STARTUP_SECONDS}" >"$OUT/startup-empty.json"
  SCEPTER_URL="http://127.0.0.1:$PORT/scep/demo"
  EMPTY_PID=$SERVER_PID
  warm_up "$CODE" "$SCEPTER_URL"
fi
# --- data scaling: the same runs on a pre-filled database ------------------------------------
# Each level runs on the empty database and then at once on the filled one: the host's speed
# drifts over minutes, and the ratio of the two must not depend on when each was measured.
if wanted filled; then
  FILLED=$WORK/scepter-filled
  "$SCEPTER" init --data "$FILLED" --demo --json --ca-key rsa2048 >"$WORK/init-filled.json"
  FILLED_CODE=$(json_field "$WORK/init-filled.json" access_code)
  log "filling a database with $FILL_CERTIFICATES certificates and $FILL_ACCOUNTS accounts"
  python3 "$ROOT/bench/fill_db.py" "$FILLED" --certificates "$FILL_CERTIFICATES" --accounts "$FILL_ACCOUNTS"
  sync
  FILLED_PORT=$(free_port)
  start_scepter "$FILLED_PORT" --data "$FILLED"
  FILLED_PID=$SERVER_PID
  warm_up "$FILLED_CODE" "http://127.0.0.1:$FILLED_PORT/scep/demo"
  echo "{\"startup_seconds\": $STARTUP_SECONDS, \"certificates\": $FILL_CERTIFICATES, \"accounts\": $FILL_ACCOUNTS}" >"$OUT/startup-filled.json"
fi
for c in "${CONCURRENCIES[@]}"; do
  if wanted enroll; then
    # The floor again, seconds before and after the level it is compared with: the host's
    # speed drifts (report.py takes the lower reading).
    if wanted floor; then
      "$BENCH" floor --iterations "$FLOOR_ITERATIONS" --cache-dir "$CACHE/keys" \
        --json "$OUT/floor-c$c.json" >/dev/null
    fi
    enroll "scepter-c$c" "$CODE" "$N" "$c" --url "$SCEPTER_URL" --server-pid "$EMPTY_PID"
    if wanted floor; then
      "$BENCH" floor --iterations "$FLOOR_ITERATIONS" --cache-dir "$CACHE/keys" \
        --json "$OUT/floor-c$c-after.json" >/dev/null
    fi
  fi
  if wanted filled; then
    enroll "filled-c$c" "$FILLED_CODE" "$N" "$c" --url "http://127.0.0.1:$FILLED_PORT/scep/demo" \
      --server-pid "$FILLED_PID"
  fi
done
if wanted filled; then
  stop "$FILLED_PID"
  rm -rf "$FILLED"
fi

# --- read paths: scepter vs nginx with the same bytes ------------------------------------------
if wanted read; then
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
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  wait_ready "http://127.0.0.1:$NGINX_PORT/caps" ||
    { log "nginx did not serve the files"; tail -5 "$NGINX_DIR/logs/error.log" >&2; exit 1; }
  wrk_run() { # name url
    log "wrk $1 (64 connections, ${WRK_SECONDS}s)"
    wrk -t2 -c64 -d"${WRK_SECONDS}s" "$2" >"$OUT/wrk-$1.txt"
  }
  wrk_run scepter-caps "$SCEPTER_URL?operation=GetCACaps"
  wrk_run nginx-caps "http://127.0.0.1:$NGINX_PORT/caps"
  wrk_run scepter-cacert "$SCEPTER_URL?operation=GetCACert"
  wrk_run nginx-cacert "http://127.0.0.1:$NGINX_PORT/cacert"
  stop "$NGINX_PID"
fi

# --- long run: memory at the half and at the end ---------------------------------------------
if wanted long; then
  enroll "scepter-long" "$CODE" "$LONG_N" 64 --url "$SCEPTER_URL" --server-pid "$EMPTY_PID" \
    --memory-at "$((LONG_N / 2)),$LONG_N"
fi
[[ -n ${EMPTY_PID:-} ]] && stop "$EMPTY_PID"

# --- micromdm scepserver, same generator, same key sizes ---------------------------------------
if wanted micromdm; then
  DEPOT=$WORK/depot
  (cd "$WORK" && scepserver ca -init -depot "$DEPOT" -keySize 2048 >/dev/null 2>&1)
  MICRO_PORT=$(free_port)
  scepserver -depot "$DEPOT" -port "$MICRO_PORT" -challenge bench-secret -allowrenew 0 >"$WORK/scepserver.log" 2>&1 &
  MICRO_PID=$!
  PIDS+=("$MICRO_PID")
  wait_ready "http://127.0.0.1:$MICRO_PORT/scep?operation=GetCACaps" ||
    { log "scepserver did not start"; tail -5 "$WORK/scepserver.log" >&2; exit 1; }
  warm_up bench-secret "http://127.0.0.1:$MICRO_PORT/scep"
  for c in "${CONCURRENCIES[@]}"; do
    enroll "micromdm-c$c" bench-secret "$N" "$c" --url "http://127.0.0.1:$MICRO_PORT/scep" --server-pid "$MICRO_PID"
  done
  stop "$MICRO_PID"
fi

# --- several nodes sharing one PostgreSQL database (issue 7) ------------------------------------
# The database server is started the way tests/multinode/multinode_test.sh starts it: initdb with
# trust authentication, loopback only, its socket in its own data directory, stopped at exit.
# Its durability settings are PostgreSQL's defaults (fsync, synchronous_commit on).
if wanted postgres; then
  PG_DIR=$WORK/postgres
  PG_PORT=$(free_port)
  mkdir -p "$PG_DIR"
  as_postgres() { "$@"; }
  if ((EUID == 0)); then # postgres refuses to run as root: use a dedicated user then
    PG_USER=scepter-bench-pg
    id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_USER"
    chown "$PG_USER" "$PG_DIR"
    chmod 711 "$WORK"
    as_postgres() { (cd / && runuser -u "$PG_USER" -- "$@"); }
  fi
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U scepter --auth=trust >"$WORK/initdb.log" 2>&1 ||
    { log "initdb failed"; tail -5 "$WORK/initdb.log" >&2; exit 1; }
  pg_stop() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true; }
  CLEANUP_HOOKS+=(pg_stop)
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR/data -c max_connections=200" start >/dev/null ||
    { log "PostgreSQL did not start"; tail -5 "$PG_DIR/postgres.log" >&2; exit 1; }
  psql_q() { psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U scepter -d "$1" -c "$2"; }
  psql_q postgres "CREATE DATABASE scepter" >/dev/null
  PG_DATABASE="postgresql://scepter@127.0.0.1:$PG_PORT/scepter"
  # What the nodes share besides the database: the data directory with the master key and the
  # CA and RA key files (in production a mounted secret or an HSM).
  PG_NODE_DATA=$WORK/postgres-nodes
  "$SCEPTER" migrate --data "$PG_NODE_DATA" --database "$PG_DATABASE" >/dev/null
  "$SCEPTER" init --data "$PG_NODE_DATA" --database "$PG_DATABASE" --demo --json --ca-key rsa2048 \
    >"$WORK/init-postgres.json"
  PG_CODE=$(json_field "$WORK/init-postgres.json" access_code)
  NODE_URLS=()
  NODE_PIDS=()
  for node in 1 2 3; do
    port=$(free_port)
    start_scepter "$port" --data "$PG_NODE_DATA" --database "$PG_DATABASE"
    NODE_URLS+=("http://127.0.0.1:$port/scep/demo")
    NODE_PIDS+=("$SERVER_PID")
    ((node > 1)) || echo "{\"startup_seconds\": $STARTUP_SECONDS}" >"$OUT/startup-postgres.json"
  done
  for nodes in "${PG_NODE_COUNTS[@]}"; do
    targets=()
    for ((i = 0; i < nodes; i++)); do targets+=(--url "${NODE_URLS[i]}" --server-pid "${NODE_PIDS[i]}"); done
    enroll "postgres-n$nodes" "$PG_CODE" "$N" "$PG_CONCURRENCY" "${targets[@]}"
  done
  for pid in "${NODE_PIDS[@]}"; do stop "$pid"; done
  issued=$(psql_q scepter "SELECT COUNT(*) FROM certificates")
  duplicated=$(psql_q scepter "SELECT COUNT(*) FROM (SELECT serial FROM certificates GROUP BY serial HAVING COUNT(*) > 1) d")
  echo "{\"certificates\": $issued, \"duplicated_serials\": $duplicated}" >"$OUT/postgres-database.json"
fi

# --- the table and RESULTS.md -------------------------------------------------------------------
RESULTS_MD=$ROOT/bench/RESULTS.md
for section in ${ALL_SECTIONS//,/ }; do
  wanted "$section" && continue
  RESULTS_MD=-
  log "BENCH_SECTIONS=$SECTIONS: printing the table only; RESULTS.md keeps the last whole run"
  break
done
python3 "$ROOT/bench/report.py" "$OUT" "$RESULTS_MD" \
  "bench/run.sh${1:+ $1} (N=$N per level, long run $LONG_N at concurrency 64, key pool $KEY_POOL, wrk ${WRK_SECONDS}s, PostgreSQL nodes at concurrency $PG_CONCURRENCY)"
