#!/usr/bin/env bash
# Checks the HTTP side of scepter with curl and openssl: what every SCEP client relies on first.
# Usage: http_contract_test.sh getcacert    GetCACaps, sub-paths and the three GetCACert formats
#        http_contract_test.sh first-start  `serve` on an empty data dir sets up the demo and prints URL and code
source "$(dirname "$0")/lib.sh"

external_mode && fail "this test checks scepter itself; unset INTEROP_SCEP_URL"

status_of() { curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$1"; }

check_getcacert() {
  start_server
  load_chain
  local caps
  caps=$(curl -fsS --max-time 10 "$DEMO_URL?operation=GetCACaps")
  for cap in POSTPKIOperation SCEPStandard AES SHA-256; do
    grep -qx "$cap" <<<"${caps//$'\r'/}" || fail "GetCACaps lacks $cap: $caps"
  done
  for suffix in /pkiclient.exe /cgi-bin/pkiclient.exe; do
    [[ $(status_of "$DEMO_URL$suffix?operation=GetCACaps") == 200 ]] || fail "sub-path $suffix not accepted"
  done
  [[ $(status_of "$BASE_URL/no-such-endpoint?operation=GetCACaps") == 4* ]] || fail "unknown endpoint answered non-4xx"

  local format type body
  for format in single-pem single-der chain-cms; do
    add_endpoint_with_account "ca-$format" "$format" single >/dev/null
    body=$WORK/$format.body
    type=$(curl -fsS --max-time 10 -o "$body" -w '%{content_type}' "$BASE_URL/ca-$format?operation=GetCACert")
    case $format in
      single-pem)
        [[ $type == application/x-x509-ca-cert* ]] || fail "$format: Content-Type $type"
        [[ $(grep -c -- '-----BEGIN CERTIFICATE-----' "$body") == 1 ]] || fail "$format: not one PEM certificate"
        ;;
      single-der)
        [[ $type == application/x-x509-ca-cert* ]] || fail "$format: Content-Type $type"
        openssl x509 -inform DER -in "$body" -noout || fail "$format: body is not one DER certificate"
        ;;
      chain-cms)
        [[ $type == application/x-x509-ca-ra-cert* ]] || fail "$format: Content-Type $type"
        local count
        count=$(openssl pkcs7 -inform DER -in "$body" -print_certs | grep -c -- '-----BEGIN CERTIFICATE-----')
        ((count >= 2)) || fail "$format: $count certificate(s), expected the RA certificate and the issuing CA"
        ;;
    esac
    # Whatever the format, the RA certificate in it must chain to the root CA.
    fetch_ca_certs "$BASE_URL/ca-$format" "$WORK/$format.pem"
    openssl x509 -in "$WORK/$format.pem" -out "$WORK/$format.first.pem"
    openssl verify -CAfile "$ROOT_PEM" -untrusted "$CHAIN_PEM" "$WORK/$format.first.pem" >&2 ||
      fail "$format: first certificate does not verify to the root CA"
  done
  stop_server
}

serve_demo() { # starts `scepter serve` on the data dir and waits until its demo endpoint answers
  "$SCEPTER_BIN" serve --data "$WORK/data" --listen 127.0.0.1:0 --https-listen 127.0.0.1:0 >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  SERVE_PORT=$(listening_port "$WORK/server.log" http "$SERVER_PID") || fail "scepter serve reported no HTTP port"
  wait_for_caps "http://127.0.0.1:$SERVE_PORT/scep/demo"
}

check_first_start() {
  serve_demo
  # Without a configured public URL, URLs name the port the server bound, not the 0 it was given.
  grep -q "SCEP URL: *http://127.0.0.1:$SERVE_PORT/scep/demo" "$WORK/server.log" ||
    fail "serve printed no SCEP URL with its bound port on first start"
  grep -Eqi "access[ _-]?code" "$WORK/server.log" || fail "serve printed no access code on first start"
  stop_server
  # A second start reuses the data dir instead of initializing again, on a port of its own.
  serve_demo
  grep -q "public_url=http://127.0.0.1:$SERVE_PORT" "$WORK/server.log" ||
    fail "the second start did not derive its URL from its own port"
  grep -q "Initialized a demo" "$WORK/server.log" && fail "the second start initialized again"
  stop_server
}

[[ -n ${SCEPTER_BIN:-} && -x $SCEPTER_BIN ]] || fail "SCEPTER_BIN (${SCEPTER_BIN:-unset}) is not an executable"
case ${1:?usage: $0 getcacert | first-start} in
  getcacert) check_getcacert ;;
  first-start) check_first_start ;;
  *) fail "unknown mode $1" ;;
esac
log "PASS"
