#!/usr/bin/env bash
# Enrolls with micromdm's scepclient (Debian package scep).
# Usage: scepclient_test.sh GETCACERT_FORMAT GETCERT_FORMAT   enroll on a new endpoint with these formats
#        scepclient_test.sh demo                               enroll on the demo endpoint with its access code
#        scepclient_test.sh wrong-code                         a wrong access code must yield no certificate
#        scepclient_test.sh approval                           PENDING until `scepter request approve`, then
#                                                              the client's retry gets the certificate; revoked
#                                                              afterwards, its serial is on the served CRL
# Environment: SCEPTER_BIN, or INTEROP_SCEP_URL & co. for another server (see lib.sh), SCEPCLIENT_BIN.
source "$(dirname "$0")/lib.sh"

SCEPCLIENT_BIN=${SCEPCLIENT_BIN:-/usr/bin/scepclient}
require_binary "$SCEPCLIENT_BIN"

# scepclient writes csr.pem and self.pem next to the key; one directory per enrollment keeps them apart.
enroll() { # url challenge cn dir [seconds]
  local url=$1 challenge=$2 cn=$3 dir=$4 seconds=${5:-$WAIT_SECONDS}
  mkdir -p "$dir"
  (cd "$dir" && timeout "$seconds" "$SCEPCLIENT_BIN" -server-url "$url" -challenge "$challenge" \
    -private-key key.pem -certificate cert.pem -cn "$cn" -organization scepter-interop -keySize 2048 \
    >client.log 2>&1)
}

start_server
load_chain
case ${1:?usage: $0 GETCACERT_FORMAT GETCERT_FORMAT | demo | wrong-code} in
  demo)
    enroll "$DEMO_URL" "$DEMO_CODE" interop-demo "$WORK/demo" || fail "enrollment failed: $(tail -3 "$WORK/demo/client.log")"
    verify_issued "$WORK/demo/cert.pem" "$WORK/demo/key.pem" interop-demo
    # A second run with the same key repeats the transaction (scepclient derives its ID from the
    # key): it must get the same certificate back, not a second one.
    first_serial=$(openssl x509 -in "$WORK/demo/cert.pem" -noout -serial)
    enroll "$DEMO_URL" "$DEMO_CODE" interop-demo "$WORK/demo" || fail "repeated enrollment failed"
    [[ $(openssl x509 -in "$WORK/demo/cert.pem" -noout -serial) == "$first_serial" ]] ||
      fail "a repeated transaction got a different certificate"
    ;;
  approval)
    external_mode && fail "the approval run needs scepter (it creates a profile with the CLI)"
    scepter profile add --name held --cert-type device --requires-approval >/dev/null || fail "profile add failed"
    code=$(new_access_code)
    scepter account add --endpoint demo --name held --org "Demo Organization" \
      --department "Demo Department" --profile held --term 365 --access-code "$code" >/dev/null ||
      fail "account add failed"
    # scepclient sleeps 30 s after PENDING and then asks again: give it time for one retry.
    enroll "$DEMO_URL" "$code" interop-held "$WORK/held" $((WAIT_SECONDS + 40)) &
    client=$!
    deadline=$((SECONDS + WAIT_SECONDS))
    until tid=$(scepter request list --json | python3 -c \
      'import json, sys; r = json.load(sys.stdin); print(r[0]["transaction_id"]) if r else sys.exit(1)' 2>/dev/null); do
      ((SECONDS < deadline)) || fail "no pending request appeared"
      sleep 0.5
    done
    grep -q 'PENDING' "$WORK/held/client.log" || fail "the client was not told PENDING"
    scepter request approve --endpoint demo --transaction-id "$tid" >/dev/null || fail "approve failed"
    wait "$client" || fail "the client did not get its certificate after approval: $(tail -3 "$WORK/held/client.log")"
    verify_issued "$WORK/held/cert.pem" "$WORK/held/key.pem" interop-held
    serial=$(openssl x509 -in "$WORK/held/cert.pem" -noout -serial | cut -d= -f2)
    scepter cert revoke --serial "$serial" --reason keyCompromise >/dev/null || fail "revoke failed"
    crl_url=$(openssl x509 -in "$WORK/held/cert.pem" -noout -ext crlDistributionPoints | grep -o 'http://[^ ]*')
    curl -fsS --max-time 10 -o "$WORK/crl.der" "$crl_url" || fail "CRL not served at $crl_url"
    openssl crl -inform DER -in "$WORK/crl.der" -noout -text | grep -qi "Serial Number: $serial" ||
      fail "revoked serial $serial missing from the CRL"
    openssl crl -inform DER -in "$WORK/crl.der" -out "$WORK/crl.pem" || fail "the CRL does not parse"
    # verify exits non-zero for a revoked certificate, which is the point: read what it says.
    verdict=$(openssl verify -crl_check -CAfile "$ROOT_PEM" -untrusted "$CHAIN_PEM" \
      -CRLfile "$WORK/crl.pem" "$WORK/held/cert.pem" 2>&1 || true)
    [[ $verdict == *"certificate revoked"* ]] || fail "openssl does not see the certificate as revoked: $verdict"
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
