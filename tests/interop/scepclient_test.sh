#!/usr/bin/env bash
# Enrolls with micromdm's scepclient (Debian package scep).
# Usage: scepclient_test.sh GETCACERT_FORMAT GETCERT_FORMAT   enroll on a new endpoint with these formats
#        scepclient_test.sh demo                               enroll on the demo endpoint with its access code
#        scepclient_test.sh wrong-code                         a wrong access code must yield no certificate
# Environment: SCEPTER_BIN, or INTEROP_SCEP_URL & co. for another server (see lib.sh), SCEPCLIENT_BIN.
source "$(dirname "$0")/lib.sh"

SCEPCLIENT_BIN=${SCEPCLIENT_BIN:-/usr/bin/scepclient}
require_binary "$SCEPCLIENT_BIN"

# scepclient writes csr.pem and self.pem next to the key; one directory per enrollment keeps them apart.
enroll() { # url challenge cn dir
  local url=$1 challenge=$2 cn=$3 dir=$4
  mkdir -p "$dir"
  (cd "$dir" && timeout "$WAIT_SECONDS" "$SCEPCLIENT_BIN" -server-url "$url" -challenge "$challenge" \
    -private-key key.pem -certificate cert.pem -cn "$cn" -organization scepter-interop -keySize 2048 \
    >client.log 2>&1)
}

start_server
load_chain
case ${1:?usage: $0 GETCACERT_FORMAT GETCERT_FORMAT | demo | wrong-code} in
  demo)
    enroll "$DEMO_URL" "$DEMO_CODE" interop-demo "$WORK/demo" || fail "enrollment failed: $(tail -3 "$WORK/demo/client.log")"
    verify_issued "$WORK/demo/cert.pem" "$WORK/demo/key.pem" interop-demo
    ;;
  wrong-code)
    if enroll "$DEMO_URL" "not-the-$DEMO_CODE" interop-wrong "$WORK/wrong"; then
      fail "scepclient succeeded with a wrong access code"
    fi
    [[ ! -e $WORK/wrong/cert.pem ]] || fail "a certificate was written despite the wrong access code"
    grep -q 'failInfo' "$WORK/wrong/client.log" || fail "no signed CertRep FAILURE: $(tail -3 "$WORK/wrong/client.log")"
    # The server must still serve a correct request afterwards.
    enroll "$DEMO_URL" "$DEMO_CODE" interop-right "$WORK/right" || fail "enrollment after a rejection failed"
    verify_issued "$WORK/right/cert.pem" "$WORK/right/key.pem" interop-right
    ;;
  *)
    external_mode && fail "format runs need scepter (they create endpoints with the CLI)"
    cacert_format=$1 cert_format=${2:?GetCert format missing}
    ext="sc-$cacert_format-$cert_format"
    code=$(add_endpoint_with_account "$ext" "$cacert_format" "$cert_format")
    enroll "$BASE_URL/$ext/pkiclient.exe" "$code" "interop-$ext" "$WORK/$ext" ||
      fail "enrollment failed: $(tail -3 "$WORK/$ext/client.log")"
    verify_issued "$WORK/$ext/cert.pem" "$WORK/$ext/key.pem" "interop-$ext"
    ;;
esac
stop_server
log "PASS"
