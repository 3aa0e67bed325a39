#!/usr/bin/env bash
# `scepter serve` with a TOML config, plain HTTP and HTTPS side by side, checked with curl
# (--cacert root.pem) and with micromdm's scepclient enrolling over HTTPS.
# Usage: https_test.sh   Environment: SCEPTER_BIN, SCEPCLIENT_BIN (the enrollment is skipped
# with a note, not the whole test, when scepclient is missing).
source "$(dirname "$0")/../interop/lib.sh"

external_mode && fail "this test checks scepter itself; unset INTEROP_SCEP_URL"
[[ -n ${SCEPTER_BIN:-} && -x $SCEPTER_BIN ]] || fail "SCEPTER_BIN (${SCEPTER_BIN:-unset}) is not an executable"
SCEPCLIENT_BIN=${SCEPCLIENT_BIN:-/usr/bin/scepclient}

CONFIG=$WORK/scepter.toml

write_config() { # admin_on_plain_loopback
  cat >"$CONFIG" <<TOML
[paths]
data_dir = "data"            # relative to this file
[http]
listen = "127.0.0.1:0"
[https]
listen = "127.0.0.1:0"
admin_on_plain_loopback = $1
[limits]
threads = 2
shutdown_grace_seconds = 5
[logging]
format = "json"
TOML
}

serve() { # sets HTTP, HTTPS_PORT and HTTPS to where this start listens
  local log_start
  log_start=$(stat -c %s "$WORK/server.log" 2>/dev/null || echo 0) # an earlier start logged before
  "$SCEPTER_BIN" serve --config "$CONFIG" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local http_port
  http_port=$(listening_port "$WORK/server.log" http "$SERVER_PID" "$log_start") ||
    fail "scepter serve reported no HTTP port"
  HTTPS_PORT=$(listening_port "$WORK/server.log" https "$SERVER_PID" "$log_start") ||
    fail "scepter serve reported no HTTPS port"
  HTTP=http://127.0.0.1:$http_port
  HTTPS=https://127.0.0.1:$HTTPS_PORT
  local deadline=$((SECONDS + WAIT_SECONDS))
  until curl -fsS --max-time 2 --cacert "$ROOT_PEM" "$HTTPS/healthz" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited before answering over HTTPS"
    ((SECONDS < deadline)) || fail "no HTTPS answer within ${WAIT_SECONDS}s"
    sleep 0.2
  done
}

tls_curl() { curl -sS --max-time 10 --cacert "$ROOT_PEM" "$@"; }
status_of() { curl -sS --max-time 10 --cacert "$ROOT_PEM" -o /dev/null -w '%{http_code}' "$@"; }
metric() { # name-and-labels: prints the value, or 0 when the series does not exist yet
  tls_curl "$HTTPS/metrics" | awk -v series="$1" '$1 == series { print $2; found = 1 } END { if (!found) print 0 }'
}
fingerprint() { openssl x509 -in "$WORK/data/tls/server.pem" -noout -fingerprint -sha256; }

check_config_errors() {
  local out status=0
  printf '[limits]\nmax_body = 5\n' >"$WORK/bad.toml"
  out=$("$SCEPTER_BIN" serve --config "$WORK/bad.toml" 2>&1) || status=$?
  ((status == 1)) || fail "unknown config key: exit $status, expected 1"
  [[ $out == "error: config $WORK/bad.toml: key limits.max_body: unknown key" ]] || fail "unknown key message: $out"
  printf '[logging]\nlevel = "loud"\n' >"$WORK/bad.toml"
  out=$("$SCEPTER_BIN" serve --config "$WORK/bad.toml" 2>&1) || status=$?
  grep -q "key logging.level: 'loud' is not one of" <<<"$out" || fail "bad value message: $out"
}

check_transport() {
  local caps
  caps=$(tls_curl -f "$HTTPS/scep/demo/pkiclient.exe?operation=GetCACaps") || fail "GetCACaps over HTTPS failed"
  grep -qx POSTPKIOperation <<<"${caps//$'\r'/}" || fail "GetCACaps over HTTPS lacks POSTPKIOperation: $caps"
  curl -fsS --max-time 10 "$HTTP/scep/demo?operation=GetCACaps" >/dev/null || fail "GetCACaps over plain HTTP failed"
  # The generated certificate names localhost too, and chains to the root of `init`.
  tls_curl -f "https://localhost:$HTTPS_PORT/healthz" >/dev/null || fail "certificate does not name localhost"
  [[ $(tls_curl "$HTTPS/healthz") == ok ]] || fail "/healthz over HTTPS is not ok"
  [[ $(curl -sS "$HTTP/healthz") == ok ]] || fail "/healthz over HTTP is not ok"
  [[ $(tls_curl "$HTTPS/readyz") == ready ]] || fail "/readyz is not ready: $(tls_curl "$HTTPS/readyz")"
  # Without the root as trust anchor the certificate must not verify.
  if curl -sS --max-time 10 "$HTTPS/healthz" >/dev/null 2>&1; then fail "HTTPS verified without our root"; fi
  if tls_curl --tlsv1.0 --tls-max 1.1 "$HTTPS/healthz" >/dev/null 2>&1; then fail "TLS 1.1 was accepted"; fi
  tls_curl -f --tlsv1.2 --tls-max 1.2 "$HTTPS/healthz" >/dev/null || fail "TLS 1.2 was refused"
  tls_curl -f --tlsv1.3 "$HTTPS/healthz" >/dev/null || fail "TLS 1.3 was refused"

  # Administration only over TLS; plain HTTP gets 403 even from loopback unless configured.
  [[ $(status_of "$HTTP/api/v1/endpoints") == 403 ]] || fail "/api over plain HTTP was not refused"
  local refusal
  refusal=$(curl -sS -o "$WORK/refusal.json" -w '%{content_type}' "$HTTP/api/v1/endpoints")
  [[ $refusal == application/problem+json ]] || fail "/api refusal is $refusal, not problem details"
  python3 -c 'import json, sys; p = json.load(open(sys.argv[1])); sys.exit(not (p["status"] == 403 and p["code"] == "forbidden" and p["detail"] == "HTTPS required"))' \
    "$WORK/refusal.json" || fail "/api refusal does not say why: $(cat "$WORK/refusal.json")"
  [[ $(curl -sS "$HTTP/console/") == "HTTPS required" ]] || fail "/console refusal is no longer plain text"
  [[ $(status_of "$HTTPS/api/v1/endpoints") != 403 ]] || fail "/api over HTTPS was refused"
}

check_metrics_count() {
  local series='scepter_scep_requests_total{operation="GetCACaps",message_type="",endpoint="demo",http_status="200",pki_status=""}'
  local before after
  tls_curl -sf "$HTTPS/metrics" -o "$WORK/metrics.txt" -w '%{content_type}' | grep -q '^text/plain; version=0.0.4' ||
    fail "/metrics Content-Type is not the Prometheus text format"
  grep -q '^# TYPE scepter_scep_enrollment_duration_seconds histogram$' "$WORK/metrics.txt" || fail "no enrollment histogram"
  grep -q '^scepter_pending_requests 0$' "$WORK/metrics.txt" || fail "no pending gauge"
  before=$(metric "$series")
  tls_curl -f "$HTTPS/scep/demo?operation=GetCACaps" >/dev/null
  curl -fsS "$HTTP/scep/demo?operation=GetCACaps" >/dev/null
  after=$(metric "$series")
  ((after == before + 2)) || fail "GetCACaps counted $before -> $after, expected +2"
}

check_scepclient_over_https() {
  if [[ ! -x $SCEPCLIENT_BIN ]]; then
    log "NOTE: $SCEPCLIENT_BIN not installed; enrollment over HTTPS not checked"
    return
  fi
  BASE_URL=$HTTP/scep
  load_chain
  mkdir -p "$WORK/https-enroll"
  # scepclient is Go: SSL_CERT_FILE replaces the system trust store with our root.
  (cd "$WORK/https-enroll" && SSL_CERT_FILE=$ROOT_PEM timeout "$WAIT_SECONDS" "$SCEPCLIENT_BIN" \
    -server-url "$HTTPS/scep/demo" -challenge "$DEMO_CODE" -private-key key.pem -certificate cert.pem \
    -cn interop-https -organization scepter-interop -keySize 2048 >client.log 2>&1) ||
    fail "scepclient over HTTPS failed: $(tail -3 "$WORK/https-enroll/client.log")"
  verify_issued "$WORK/https-enroll/cert.pem" "$WORK/https-enroll/key.pem" interop-https
  local issued
  issued=$(metric 'scepter_certificates_issued_total{endpoint="demo"}')
  ((issued == 1)) || fail "certificates issued metric is $issued after one enrollment"
  [[ $(metric scepter_scep_enrollment_duration_seconds_count) == 1 ]] || fail "enrollment latency not observed"
  # The same client without our root must refuse the server.
  mkdir -p "$WORK/untrusted"
  if (cd "$WORK/untrusted" && SSL_CERT_FILE=/dev/null timeout "$WAIT_SECONDS" "$SCEPCLIENT_BIN" \
    -server-url "$HTTPS/scep/demo" -challenge "$DEMO_CODE" -private-key key.pem -certificate cert.pem \
    -cn untrusted >client.log 2>&1); then
    fail "scepclient enrolled over HTTPS without trusting the root"
  fi
}

check_restart_reuses_certificate() {
  local first
  first=$(fingerprint)
  stop_server
  write_config true
  serve
  [[ $(fingerprint) == "$first" ]] || fail "the TLS server certificate was not reused on restart"
  [[ $(status_of "$HTTP/api/v1/endpoints") != 403 ]] || fail "admin_on_plain_loopback did not open /api to loopback"
  stop_server
}

check_config_errors
(cd "$WORK" && scepter init --demo --json >"$WORK/init.json") || fail "scepter init failed"
ROOT_PEM=$(realpath "$(json_field "$WORK/init.json" ca_certificate)")
DEMO_CODE=$(json_field "$WORK/init.json" access_code)
write_config false
serve
log "scepter serving on $HTTP and $HTTPS"
[[ -s $WORK/data/tls/server.pem && -s $WORK/data/tls/server.key-ref ]] || fail "no generated TLS certificate in the data dir"
check_transport
check_metrics_count
check_scepclient_over_https
check_restart_reuses_certificate
log "PASS"
