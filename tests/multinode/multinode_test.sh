#!/usr/bin/env bash
# Three `scepter serve` nodes sharing one PostgreSQL database and one SoftHSM2 token, behind no
# load balancer: the driver spreads GetCACert, PKCSReq and CertPoll of each enrollment over
# different nodes. Mid-run one node is killed with SIGKILL and the database is restarted once.
# Afterwards every SUCCESS is in the database exactly once, no serial is duplicated, no
# transaction is left pending, and the surviving nodes still enroll.
# Environment: SCEPTER_BIN, MULTINODE_DRIVER; PG_BIN (default /usr/lib/postgresql/15/bin).
source "$(dirname "$0")/../interop/lib.sh"

[[ -n ${SCEPTER_BIN:-} && -x $SCEPTER_BIN ]] || fail "SCEPTER_BIN (${SCEPTER_BIN:-unset}) is not an executable"
[[ -n ${MULTINODE_DRIVER:-} && -x $MULTINODE_DRIVER ]] || fail "MULTINODE_DRIVER is not an executable"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SOFTHSM_MODULE=${SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
# Missing server binaries are a failure, not a skip: scripts/install-deps.sh installs them.
[[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || fail "PostgreSQL server binaries missing in $PG_BIN"
[[ -r $SOFTHSM_MODULE ]] || fail "SoftHSM2 module missing: $SOFTHSM_MODULE"
command -v softhsm2-util >/dev/null || fail "softhsm2-util missing"
command -v psql >/dev/null || fail "psql missing"

COUNT=${MULTINODE_COUNT:-48}
CONCURRENCY=${MULTINODE_CONCURRENCY:-6}
PGDATA=$WORK/pg
DIAGNOSTIC_LOGS+=("$WORK/pg.log" "$WORK/node1.log" "$WORK/node2.log" "$WORK/node3.log" "$WORK/driver.log" "$WORK/approver.log")

# --- PostgreSQL on loopback, owned by this test -------------------------------------------------
pg_ctl_as() { # postgres refuses to run as root: use a dedicated user then
  if ((EUID == 0)); then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}
if ((EUID == 0)); then
  PG_USER=scepter-test-pg
  id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_USER"
fi
mkdir -p "$PGDATA"
((EUID == 0)) && chown "$PG_USER" "$PGDATA" "$WORK" && chmod 755 "$WORK"
pg_ctl_as "$PG_BIN/initdb" -D "$PGDATA" -U scepter --auth=trust >"$WORK/initdb.log" 2>&1 || fail "initdb failed"
pg_options() { # the server's options, for start and restart alike
  printf '%s' "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA -c max_connections=200"
}
# PostgreSQL cannot report a port it chose: it gets one found free, and another when a parallel
# test took that one first.
pg_start() {
  local attempt log_start
  for attempt in 1 2 3; do
    PGPORT=$(free_port)
    log_start=$(stat -c %s "$WORK/pg.log" 2>/dev/null || echo 0)
    pg_ctl_as "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -w -t 30 -o "$(pg_options)" start >/dev/null && return
    grep -Eq "could not bind|Address already in use" <(tail -c "+$((log_start + 1))" "$WORK/pg.log" 2>/dev/null) ||
      fail "PostgreSQL did not start"
    log "PostgreSQL port $PGPORT was taken (attempt $attempt of 3)"
  done
  fail "PostgreSQL found no free port in 3 attempts"
}
pg_stop() { pg_ctl_as "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true; }
pg_start
CLEANUP_HOOKS+=(pg_stop)
psql_q() { psql -X -q -t -A -h 127.0.0.1 -p "$PGPORT" -U scepter -d scepter -c "$1"; }
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U scepter -d postgres -c "CREATE DATABASE scepter" || fail "createdb failed"
export SCEPTER_DATABASE="postgresql://scepter@127.0.0.1:$PGPORT/scepter"

# --- One SoftHSM2 token for the CA and RA keys of every node --------------------------------------
mkdir -p "$WORK/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$WORK/tokens" >"$WORK/softhsm2.conf"
export SOFTHSM2_CONF=$WORK/softhsm2.conf
export SCEPTER_PKCS11_PIN=1234
softhsm2-util --init-token --free --label scepter --pin "$SCEPTER_PKCS11_PIN" --so-pin 4321 >/dev/null ||
  fail "SoftHSM token init failed"

# --- Schema, CA and demo tenant, made once for all nodes ------------------------------------------
scepter() { timeout "$WAIT_SECONDS" "$SCEPTER_BIN" "$@" --data "$WORK/data"; }
out=$(scepter migrate 2>&1) || fail "scepter migrate failed: $out"
log "migrate: $out"
scepter init --demo --json --pkcs11-token-uri "pkcs11:token=scepter" --pkcs11-module "$SOFTHSM_MODULE" \
  >"$WORK/init.json" || fail "scepter init with keys in SoftHSM failed"
[[ $(json_field "$WORK/init.json" key_storage) == pkcs11 ]] || fail "init did not put the keys in the token"
AUTO_CODE=$(json_field "$WORK/init.json" access_code)
scepter profile add --name held --cert-type device --requires-approval >/dev/null || fail "profile add failed"
HELD_CODE=$(new_access_code)
scepter account add --endpoint demo --name held --org "Demo Organization" --department "Demo Department" \
  --profile held --term 365 --access-code "$HELD_CODE" >/dev/null || fail "account add failed"

# --- Three nodes: same database, same token, same data dir (master key), own ports ---------------
cat >"$WORK/node.toml" <<TOML
[pkcs11]
module = "$SOFTHSM_MODULE"
[limits]
threads = 2
shutdown_grace_seconds = 2
TOML
NODE_PIDS=()
URLS=()
start_node() { # index
  "$SCEPTER_BIN" serve --config "$WORK/node.toml" --data "$WORK/data" --listen 127.0.0.1:0 \
    --https-listen "" >"$WORK/node$1.log" 2>&1 &
  NODE_PIDS[$1]=$!
  CHILD_PIDS+=($!)
  local port
  port=$(listening_port "$WORK/node$1.log" http "${NODE_PIDS[$1]}") || fail "node $1 reported no HTTP port"
  URLS[$1]="http://127.0.0.1:$port/scep/demo"
  SERVER_PID=${NODE_PIDS[$1]} wait_for_caps "${URLS[$1]}"
}
for i in 1 2 3; do start_node "$i"; done
log "nodes: ${URLS[*]}"

# --- An approver: what an administrator does on any node's CLI, retried through outages ----------
approver() {
  set +e # an outage fails single rounds; the next round tries again
  while :; do
    scepter request list --json 2>>"$WORK/approver.log" | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print(r["endpoint"], r["transaction_id"])' 2>>"$WORK/approver.log" |
      while read -r endpoint tid; do
        scepter request approve --endpoint "$endpoint" --transaction-id "$tid" >>"$WORK/approver.log" 2>&1 || true
      done
    sleep 0.5
  done
}
approver &
CHILD_PIDS+=($!)

# --- The load, with one node killed and the database restarted while it runs --------------------
"$MULTINODE_DRIVER" --url "${URLS[1]}" --url "${URLS[2]}" --url "${URLS[3]}" \
  --challenge "$AUTO_CODE" --challenge "$HELD_CODE" --count "$COUNT" --concurrency "$CONCURRENCY" \
  --key-cache "$WORK/keys" --deadline-seconds 150 --out "$WORK/results.jsonl" >"$WORK/driver.log" 2>&1 &
DRIVER=$!
CHILD_PIDS+=("$DRIVER")

wait_for_issued() { # count
  local deadline=$((SECONDS + 120))
  until (($(psql_q "SELECT COUNT(*) FROM certificates" 2>/dev/null || echo 0) >= $1)); do
    kill -0 "$DRIVER" 2>/dev/null || return 0
    ((SECONDS < deadline)) || fail "fewer than $1 certificates issued within 120 s"
    sleep 0.2
  done
}
wait_for_issued $((COUNT / 4))
kill -KILL "${NODE_PIDS[2]}"
log "node 2 killed with SIGKILL after $(psql_q 'SELECT COUNT(*) FROM certificates') issuances"
wait_for_issued $((COUNT / 2))
# The same port again: the nodes' database URL names it.
pg_ctl_as "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 restart -o "$(pg_options)" -l "$WORK/pg.log" >/dev/null ||
  fail "PostgreSQL restart failed"
log "PostgreSQL restarted after $(psql_q 'SELECT COUNT(*) FROM certificates') issuances"

wait "$DRIVER" || fail "not every enrollment succeeded: $(tail -1 "$WORK/driver.log"); $(grep -v '"success"' "$WORK/results.jsonl" | head -3)"
log "driver: $(tail -1 "$WORK/driver.log")"

# --- What the database must say ----------------------------------------------------------------
python3 - "$WORK/results.jsonl" >"$WORK/expected.txt" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
for row in rows:
    print(row["transaction_id"], row["serial"])
PY
[[ $(wc -l <"$WORK/expected.txt") -eq $COUNT ]] || fail "driver wrote $(wc -l <"$WORK/expected.txt") results, expected $COUNT"
while read -r tid serial; do
  found=$(psql_q "SELECT COUNT(*) FROM certificates WHERE serial = '$serial' AND transaction_id = '$tid'")
  [[ $found == 1 ]] || fail "SUCCESS serial $serial of transaction $tid is in the database $found times"
done <"$WORK/expected.txt"
dupes=$(psql_q "SELECT COUNT(*) FROM (SELECT serial FROM certificates GROUP BY serial HAVING COUNT(*) > 1) d")
[[ $dupes == 0 ]] || fail "$dupes serials are duplicated"
per_tx=$(psql_q "SELECT COUNT(*) FROM (SELECT transaction_id FROM certificates WHERE transaction_id <> '' GROUP BY transaction_id HAVING COUNT(*) > 1) d")
[[ $per_tx == 0 ]] || fail "$per_tx transactions got more than one certificate"
stuck=$(psql_q "SELECT COUNT(*) FROM transactions WHERE status = 'pending'")
[[ $stuck == 0 ]] || fail "$stuck transactions are stuck pending"
issued=$(psql_q "SELECT COUNT(*) FROM certificates")
[[ $issued == "$COUNT" ]] || fail "$issued certificates in the database for $COUNT enrollments"

# --- The survivors kept serving, and still do --------------------------------------------------
for i in 1 3; do
  kill -0 "${NODE_PIDS[$i]}" 2>/dev/null || fail "node $i died"
done
"$MULTINODE_DRIVER" --url "${URLS[1]}" --url "${URLS[3]}" --challenge "$AUTO_CODE" --count 4 --concurrency 2 \
  --key-cache "$WORK/keys" --deadline-seconds 60 --out "$WORK/after.jsonl" >>"$WORK/driver.log" 2>&1 ||
  fail "the surviving nodes did not enroll after the outage: $(tail -1 "$WORK/driver.log")"
log "PASS: $COUNT enrollments over 3 nodes (one killed, database restarted), $issued certificates, no duplicates"
