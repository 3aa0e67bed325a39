#!/usr/bin/env bash
# ctest bench.smoke: the load generator enrolls 5 times at concurrency 2 against a fresh scepter
# and must see zero failures and zero duplicate serials. The URL is given twice, as the
# benchmark's multi-node runs give one per node, so that the round-robin path runs too. No timing
# is asserted here.
set -euo pipefail
source "$(dirname "$0")/../tests/interop/listening_port.sh"
SCEPTER_BIN=$1
BENCH_BIN=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scepter-bench-smoke.XXXXXX")
SERVER_PID=
cleanup() {
  local status=$?
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  ((status == 0)) || tail -n 30 "$WORK/server.log" >&2 || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

"$SCEPTER_BIN" init --data "$WORK/data" --demo --json --ca-key rsa2048 >"$WORK/init.json"
CODE=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["access_code"])' "$WORK/init.json")
"$SCEPTER_BIN" serve --data "$WORK/data" --listen 127.0.0.1:0 --https-listen "" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=$(listening_port "$WORK/server.log" http "$SERVER_PID")
URL="http://127.0.0.1:$PORT/scep/demo"
for _ in $(seq 100); do
  curl -fsS --max-time 1 "$URL?operation=GetCACaps" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" || { echo "scepter exited" >&2; exit 1; }
  sleep 0.1
done

"$BENCH_BIN" enroll --url "$URL" --url "$URL" --challenge "$CODE" -n 5 -c 2 --server-pid "$SERVER_PID" \
  --cache-dir "$WORK/keys" --json "$WORK/result.json"
python3 - "$WORK/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["succeeded"] == 5 and r["failed"] == 0 and r["duplicate_serials"] == 0, r
assert r["nodes"] == 2, r
assert r["server_cpu_seconds"] >= 0, r
PY
echo "bench smoke: 5 enrollments, 0 failures"
