#!/usr/bin/env bash
# Enrolls with certmonger (its scep-submit helper does the SCEP work).
# Usage: certmonger_test.sh GETCACERT_FORMAT GETCERT_FORMAT | demo | wrong-code   (as scepclient_test.sh)
#
# A private certmonger daemon runs per test: no D-Bus (-L: private socket only, which getcert finds
# through CERTMONGER_PVT_ADDRESS), state in the work dir (CERTMONGER_*_DIR), no fork (-n) so the
# harness owns its pid. The system's certmonger, if any, is never touched.
source "$(dirname "$0")/lib.sh"

CERTMONGER_BIN=${CERTMONGER_BIN:-/usr/sbin/certmonger}
GETCERT_BIN=${GETCERT_BIN:-/usr/bin/getcert}
require_binary "$CERTMONGER_BIN"
require_binary "$GETCERT_BIN"
require_binary /usr/lib/certmonger/scep-submit

getcert() { timeout "$WAIT_SECONDS" "$GETCERT_BIN" "$@"; }

start_certmonger() {
  local state=$WORK/certmonger
  mkdir -p "$state"/{requests,cas,tmp,local}
  export CERTMONGER_REQUESTS_DIR=$state/requests CERTMONGER_CAS_DIR=$state/cas
  export CERTMONGER_TMPDIR=$state/tmp CERTMONGER_LOCAL_CA_DIR=$state/local
  export CERTMONGER_PVT_ADDRESS=unix:path=$state/socket
  "$CERTMONGER_BIN" -n -L -P "$state/socket" -d "${CERTMONGER_DEBUG:-2}" >"$state/daemon.log" 2>&1 &
  CHILD_PIDS+=($!)
  DIAGNOSTIC_LOGS+=("$state/daemon.log")
  local deadline=$((SECONDS + WAIT_SECONDS))
  until getcert list-cas >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "certmonger did not come up: $(tail -5 "$state/daemon.log")"
    sleep 0.2
  done
}

# Adds a SCEP CA and waits until certmonger has fetched its certificates (GetCACaps + GetCACert).
add_scep_ca() { # name url
  getcert add-scep-ca -c "$1" -u "$2" -N "$ROOT_PEM" -I "$CHAIN_PEM" >&2 || fail "add-scep-ca $1 failed"
  local deadline=$((SECONDS + WAIT_SECONDS))
  until getcert list-cas -c "$1" | grep -q 'SCEP CA certificate thumbprint'; do
    ((SECONDS < deadline)) || fail "certmonger fetched no CA certificate from $2: $(getcert list-cas -c "$1")"
    sleep 0.2
  done
}

# Requests a certificate into DIR and prints the request's final status (MONITORING when issued).
request() { # ca-name challenge cn dir
  local ca=$1 challenge=$2 cn=$3 dir=$4 id=req-$3
  mkdir -p "$dir"
  getcert request -c "$ca" -I "$id" -f "$dir/cert.pem" -k "$dir/key.pem" -N "CN=$cn" -L "$challenge" \
    -w --wait-timeout="$WAIT_SECONDS" >"$dir/request.log" 2>&1 || true
  getcert list -i "$id" >"$dir/list.txt"
  awk '$1 == "status:" { print $2 }' "$dir/list.txt"
}

expect_issued() { # ca-name challenge cn dir
  local status
  status=$(request "$@")
  [[ $status == MONITORING ]] ||
    fail "request $3 ended in '$status': $(grep -E 'status|ca-error' "$4/list.txt" | tr '\n' ' ')"
  verify_issued "$4/cert.pem" "$4/key.pem" "$3"
}

start_server
load_chain
start_certmonger
case ${1:?usage: $0 GETCACERT_FORMAT GETCERT_FORMAT | demo | wrong-code} in
  demo)
    add_scep_ca demo "$DEMO_URL"
    expect_issued demo "$DEMO_CODE" cm-demo "$WORK/demo"
    ;;
  wrong-code)
    add_scep_ca demo "$DEMO_URL"
    status=$(request demo "not-the-$DEMO_CODE" cm-wrong "$WORK/wrong")
    [[ $status == CA_REJECTED ]] || fail "wrong access code ended in '$status', expected CA_REJECTED"
    [[ ! -e $WORK/wrong/cert.pem ]] || fail "a certificate was written despite the wrong access code"
    expect_issued demo "$DEMO_CODE" cm-right "$WORK/right"
    ;;
  *)
    external_mode && fail "format runs need scepter (they create endpoints with the CLI)"
    cacert_format=$1 cert_format=${2:?GetCert format missing}
    ext="cm-$cacert_format-$cert_format"
    code=$(add_endpoint_with_account "$ext" "$cacert_format" "$cert_format")
    add_scep_ca "$ext" "$BASE_URL/$ext/pkiclient.exe"
    expect_issued "$ext" "$code" "interop-$ext" "$WORK/$ext"
    ;;
esac
stop_server
log "PASS"
