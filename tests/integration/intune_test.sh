#!/usr/bin/env bash
# An Intune SCEP endpoint end to end against the loopback fake of Entra ID, Graph and Intune
# (src/intune/fake/fake_intune.py, real TLS with its own CA): an Azure account and an Intune
# endpoint made with the CLI, the connection test, micromdm's scepclient enrolling with a one-time
# challenge the fake hands out (and failing with a used or unknown one), the success notification,
# and a revocation request from Intune that ends up in the CRL.
# Usage: intune_test.sh   Environment: SCEPTER_BIN, SCEPCLIENT_BIN, FAKE_INTUNE (the script).
source "$(dirname "$0")/../interop/lib.sh"

external_mode && fail "this test checks scepter itself; unset INTEROP_SCEP_URL"
[[ -n ${SCEPTER_BIN:-} && -x $SCEPTER_BIN ]] || fail "SCEPTER_BIN (${SCEPTER_BIN:-unset}) is not an executable"
SCEPCLIENT_BIN=${SCEPCLIENT_BIN:-/usr/bin/scepclient}
require_binary "$SCEPCLIENT_BIN"
FAKE_INTUNE=${FAKE_INTUNE:-$(dirname "$0")/../../src/intune/fake/fake_intune.py}

readonly TENANT=7d3f2a10-5b6c-4d8e-9f01-23456789abcd
readonly CLIENT_ID=0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5
readonly SECRET=fake-client-secret-value
DIAGNOSTIC_LOGS+=("$WORK/fake.log")

start_fake() {
  mkdir -p "$WORK/fake"
  python3 "$FAKE_INTUNE" "$WORK/fake" >"$WORK/fake.port" 2>"$WORK/fake.log" &
  CHILD_PIDS+=($!)
  local deadline=$((SECONDS + WAIT_SECONDS))
  until [[ -s $WORK/fake.port ]]; do
    ((SECONDS < deadline)) || fail "the fake Intune service did not start"
    sleep 0.1
  done
  FAKE=https://127.0.0.1:$(cat "$WORK/fake.port")
  FAKE_CA=$WORK/fake/cert.pem
  fake_post /_fake/config "{\"tenant\": \"$TENANT\", \"client_id\": \"$CLIENT_ID\", \"client_secret\": \"$SECRET\"}" >/dev/null
}
fake_post() { curl -fsS --max-time 10 --cacert "$FAKE_CA" -H 'Content-Type: application/json' -d "$2" "$FAKE$1"; }
fake_calls() { # action: how many such requests the fake saw
  curl -fsS --max-time 10 --cacert "$FAKE_CA" "$FAKE/_fake/log" |
    python3 -c 'import json, sys; print(sum(c["action"] == sys.argv[1] for c in json.load(sys.stdin)["log"]))' "$1"
}
new_challenge() { fake_post /_fake/challenge '{}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["challenge"])'; }

enroll() { # dir challenge cn: runs scepclient, returns its status
  mkdir -p "$WORK/$1"
  (cd "$WORK/$1" && timeout "$WAIT_SECONDS" "$SCEPCLIENT_BIN" -server-url "$HTTP/scep/intune" \
    -challenge "$2" -private-key key.pem -certificate cert.pem -cn "$3" -organization scepter-intune \
    -keySize 2048 >client.log 2>&1)
}

set_up_with_cli() {
  (cd "$WORK" && scepter init --demo --json >"$WORK/init.json") || fail "scepter init failed"
  printf '%s' "$SECRET" >"$WORK/secret"
  scepter azure-account add --name fake --environment custom --tenant "$TENANT" --client-id "$CLIENT_ID" \
    --client-secret-file "$WORK/secret" --authority-url "$FAKE" --graph-url "$FAKE/graph" \
    --intune-url https://api.manage.microsoft.com --trust-ca "$FAKE_CA" >"$WORK/azure.out" 2>&1 ||
    fail "azure-account add failed: $(cat "$WORK/azure.out")"
  scepter azure-account test --name fake >"$WORK/azure-test.out" 2>&1 ||
    fail "azure-account test failed: $(cat "$WORK/azure-test.out")"
  grep -q ScepRequestValidationFEService "$WORK/azure-test.out" || fail "connection test names no service: $(cat "$WORK/azure-test.out")"
  scepter endpoint add --name "Intune devices" --uri-extension intune --type intune --cert-type client \
    --getcacert-format single-der --org "Demo Organization" --department "Demo Department" \
    --profile client-default --term 365 --azure-account fake >"$WORK/endpoint.out" 2>&1 ||
    fail "endpoint add --type intune failed: $(cat "$WORK/endpoint.out")"
}

serve() {
  cat >"$WORK/scepter.toml" <<TOML
[paths]
data_dir = "data"
[http]
listen = "127.0.0.1:0"
[https]
listen = "127.0.0.1:0"
[intune]
timeout_seconds = 5
revocation_interval_seconds = 5
TOML
  "$SCEPTER_BIN" serve --config "$WORK/scepter.toml" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local port
  port=$(listening_port "$WORK/server.log" http "$SERVER_PID") || fail "scepter serve reported no HTTP port"
  SERVER_ADDRESS=127.0.0.1:$port
  HTTP=http://$SERVER_ADDRESS
  wait_for_caps "$HTTP/scep/intune"
}

check_enrollment() {
  local challenge
  challenge=$(new_challenge)
  enroll device-1 "$challenge" intune-device-1 || fail "scepclient with a fresh challenge failed: $(tail -3 "$WORK/device-1/client.log")"
  openssl x509 -in "$WORK/device-1/cert.pem" -noout -checkend 0 >/dev/null || fail "no valid certificate issued"
  openssl x509 -in "$WORK/device-1/cert.pem" -noout -subject -nameopt RFC2253 | grep -q 'CN=intune-device-1' ||
    fail "issued certificate lacks the requested CN"
  [[ $(fake_calls validateRequest) == 1 ]] || fail "Intune was not asked exactly once"
  [[ $(fake_calls successNotification) == 1 ]] || fail "Intune was not told of the issuance"

  if enroll reused "$challenge" intune-reused; then fail "a used challenge enrolled again"; fi
  if enroll unknown not-an-intune-challenge intune-unknown; then fail "an unknown challenge enrolled"; fi
  [[ $(fake_calls successNotification) == 1 ]] || fail "a refused request was reported as issued"
  local issued
  issued=$(scepter cert list --endpoint intune --json 2>/dev/null | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d if isinstance(d, list) else d.get("items", [])))') || issued=unknown
  [[ $issued == 1 ]] || log "NOTE: cert list reports $issued certificates on the endpoint"
}

check_revocation() {
  local serial crl_url
  serial=$(openssl x509 -in "$WORK/device-1/cert.pem" -noout -serial | cut -d= -f2)
  fake_post /_fake/config "{\"revocation_requests\": [{\"requestContext\": \"ctx-1\", \"serialNumber\": \"$serial\"}]}" >/dev/null
  local deadline=$((SECONDS + WAIT_SECONDS))
  until [[ $(fake_calls uploadRevocationResults) -ge 1 ]]; do
    ((SECONDS < deadline)) || fail "the revocation request was not processed within ${WAIT_SECONDS}s"
    sleep 0.5
  done
  crl_url=$(openssl x509 -in "$WORK/device-1/cert.pem" -noout -ext crlDistributionPoints | grep -o 'URI:.*' | cut -c5-)
  [[ -n $crl_url ]] || fail "the certificate names no CRL"
  curl -fsS --max-time 10 -o "$WORK/ca.crl" "$crl_url" || fail "CRL download from $crl_url failed"
  openssl crl -inform DER -in "$WORK/ca.crl" -noout -text | grep -qi "Serial Number: *$serial" ||
    fail "serial $serial is not on the CRL after Intune asked to revoke it"
}

start_fake
set_up_with_cli
serve
log "scepter serving on $HTTP, fake Intune at $FAKE"
check_enrollment
check_revocation
stop_server
log "PASS"
