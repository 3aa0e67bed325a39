#!/usr/bin/env bash
# The CA and RA keys in a PKCS#11 token (SoftHSM2): `scepter init` generates them inside the
# token, `scepter serve` (module and PIN variable from its TOML config) issues a certificate to
# micromdm's scepclient and signs a CRL with them, and no private key file exists anywhere.
# SoftHSM2 and scepclient are requirements here, not options: missing, the test fails.
# Usage: hsm_test.sh   Environment: SCEPTER_BIN, SCEPCLIENT_BIN, SOFTHSM2_MODULE.
source "$(dirname "$0")/../interop/lib.sh"

external_mode && fail "this test checks scepter itself; unset INTEROP_SCEP_URL"
[[ -n ${SCEPTER_BIN:-} && -x $SCEPTER_BIN ]] || fail "SCEPTER_BIN (${SCEPTER_BIN:-unset}) is not an executable"
SCEPCLIENT_BIN=${SCEPCLIENT_BIN:-/usr/bin/scepclient}
MODULE=${SOFTHSM2_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
[[ -x $SCEPCLIENT_BIN ]] || fail "scepclient missing (bash scripts/install-deps.sh installs it)"
if [[ ! -f $MODULE ]] || ! command -v softhsm2-util >/dev/null; then
  fail "SoftHSM2 missing (bash scripts/install-deps.sh installs softhsm2)"
fi

readonly TOKEN=scepter-hsm PIN=8642-hsm-user
TOKEN_URI="pkcs11:token=$TOKEN"

mkdir -p "$WORK/softhsm/tokens"
cat >"$WORK/softhsm/softhsm2.conf" <<CONF
directories.tokendir = $WORK/softhsm/tokens
objectstore.backend = file
log.level = ERROR
CONF
export SOFTHSM2_CONF=$WORK/softhsm/softhsm2.conf
softhsm2-util --init-token --free --label "$TOKEN" --so-pin 0000-so --pin "$PIN" >/dev/null ||
  fail "softhsm2-util --init-token failed"

# The CLI reads the PIN from SCEPTER_PKCS11_PIN; the server from the variable its config names.
export SCEPTER_PKCS11_PIN=$PIN
# RSA CA: scepclient encrypts to every certificate of a chain GetCACert reply and panics on an EC
# one. EC keys in the token are covered by crypto's and ca's unit tests.
scepter init --demo --json --ca-key rsa3072 --ra-key rsa2048 \
  --pkcs11-token-uri "$TOKEN_URI" --pkcs11-module "$MODULE" >"$WORK/init.json" 2>"$WORK/init.err" ||
  fail "scepter init with a token failed: $(cat "$WORK/init.err")"
[[ $(json_field "$WORK/init.json" key_storage) == pkcs11 ]] || fail "init did not report token keys"
ROOT_PEM=$(realpath "$(json_field "$WORK/init.json" ca_certificate)")
DEMO_CODE=$(json_field "$WORK/init.json" access_code)

check_key_refs() {
  local refs
  refs=$(sqlite3 "$WORK/data/scepter.db" "SELECT key_ref FROM cas UNION ALL SELECT key_ref FROM ra_certificates")
  [[ -n $refs ]] || fail "no CA or RA key references stored"
  while read -r ref; do
    [[ $ref == "pkcs11:token=$TOKEN;id="*";type=private?module-path=$MODULE" ]] ||
      fail "key reference is not a token URI: $ref"
    [[ $ref != *"$PIN"* ]] || fail "a key reference holds the PIN"
  done <<<"$refs"
  log "$(wc -l <<<"$refs") CA/RA key references point into the token"
}
check_key_refs
if compgen -G "$WORK/data/keys/*.key.pem" >/dev/null; then
  fail "init wrote private key files: $(ls "$WORK/data/keys")"
fi

# A wrong PIN is refused with a clear error, without the PIN in it.
status=0
SCEPTER_PKCS11_PIN=0000-wrong scepter ra add --name wrong-pin >"$WORK/wrong-pin.out" 2>&1 || status=$?
((status != 0)) || fail "ra add succeeded with a wrong PIN"
grep -q "PKCS#11" "$WORK/wrong-pin.out" || fail "wrong-PIN error does not mention PKCS#11: $(cat "$WORK/wrong-pin.out")"
! grep -q "0000-wrong" "$WORK/wrong-pin.out" || fail "the wrong PIN was echoed"

cat >"$WORK/scepter.toml" <<TOML
[paths]
data_dir = "data"
[http]
listen = "127.0.0.1:0"
[https]
listen = ""
[pkcs11]
module = "$MODULE"
pin_env = "HSM_TEST_PIN"
[logging]
format = "json"
TOML
HSM_TEST_PIN=$PIN SCEPTER_PKCS11_PIN='' "$SCEPTER_BIN" serve --config "$WORK/scepter.toml" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
port=$(listening_port "$WORK/server.log" http "$SERVER_PID") || fail "scepter serve reported no HTTP port"
SERVER_ADDRESS=127.0.0.1:$port
BASE_URL="http://$SERVER_ADDRESS/scep"
DEMO_URL="$BASE_URL/demo"
wait_for_caps "$DEMO_URL"
! grep -q -- "$PIN" "$WORK/server.log" || fail "the server log holds the PIN"

load_chain
mkdir -p "$WORK/enroll"
(cd "$WORK/enroll" && timeout "$WAIT_SECONDS" "$SCEPCLIENT_BIN" -server-url "$DEMO_URL" \
  -challenge "$DEMO_CODE" -private-key key.pem -certificate cert.pem -cn hsm-device \
  -organization scepter-hsm -keySize 2048 >client.log 2>&1) ||
  fail "enrollment failed: $(tail -3 "$WORK/enroll/client.log")"
verify_issued "$WORK/enroll/cert.pem" "$WORK/enroll/key.pem" hsm-device
log "scepclient enrolled through token-held RA and CA keys"

serial=$(openssl x509 -in "$WORK/enroll/cert.pem" -noout -serial | cut -d= -f2)
scepter cert revoke --serial "$serial" --reason keyCompromise >/dev/null || fail "revoke failed"
crl_url=$(openssl x509 -in "$WORK/enroll/cert.pem" -noout -ext crlDistributionPoints | grep -o 'http://[^ ]*')
curl -fsS --max-time 10 -o "$WORK/crl.der" "$crl_url" || fail "CRL not served at $crl_url"
openssl crl -inform DER -in "$WORK/crl.der" -out "$WORK/crl.pem" || fail "the CRL does not parse"
openssl crl -in "$WORK/crl.pem" -noout -CAfile "$CHAIN_PEM" 2>&1 | grep -q "verify OK" ||
  fail "the CRL signature does not verify with the issuing CA"
grep -qi "Serial Number: $serial" <(openssl crl -in "$WORK/crl.pem" -noout -text) ||
  fail "revoked serial $serial missing from the CRL"
verdict=$(openssl verify -crl_check -CAfile "$ROOT_PEM" -untrusted "$CHAIN_PEM" \
  -CRLfile "$WORK/crl.pem" "$WORK/enroll/cert.pem" 2>&1 || true)
[[ $verdict == *"certificate revoked"* ]] || fail "openssl does not see the certificate as revoked: $verdict"
log "the token-signed CRL verifies and lists the revoked certificate"

stop_server
check_key_refs
log "PASS"
