# shellcheck shell=bash disable=SC2034  # variables set here are read by the sourcing scripts
# Shared harness for the interop tests; sourced, not run.
#
# Two modes:
#   scepter mode (default): SCEPTER_BIN names the binary; each test gets a fresh data dir, its own
#     server on a loopback port of the kernel's choice (listening_port.sh), and its own endpoints
#     and accounts made with the CLI.
#   external mode: INTEROP_SCEP_URL (and INTEROP_CHALLENGE, INTEROP_ROOT_PEM, optionally
#     INTEROP_CHAIN_PEM) point the same client checks at any running SCEP server, e.g. micromdm's
#     scepserver; used to validate the harness itself. See tests/interop/README.md.
# Exit 77 means "skipped" (ctest SKIP_RETURN_CODE) and is used only when a client binary is missing.

set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/listening_port.sh"

readonly SKIP=77
readonly WAIT_SECONDS=${INTEROP_WAIT_SECONDS:-30}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scepter-interop.XXXXXX")
SERVER_PID=
CHILD_PIDS=()
CLEANUP_HOOKS=() # commands run after the child processes are stopped, e.g. to stop a database
DIAGNOSTIC_LOGS=("$WORK/server.log") # tails shown when a test fails

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
fail() {
  log "FAIL: $*"
  exit 1
}

stop_pid() { # pid: TERM, wait up to 10 s, then KILL
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  for pid in "${CHILD_PIDS[@]}" $SERVER_PID; do
    stop_pid "$pid"
  done
  for hook in "${CLEANUP_HOOKS[@]}"; do
    $hook || true
  done
  if ((status != 0 && status != SKIP)); then
    for file in "${DIAGNOSTIC_LOGS[@]}"; do
      [[ -f $file ]] || continue
      log "${file#"$WORK"/} (last 40 lines):"
      tail -n 40 "$file" >&2 || true
    done
  fi
  if [[ ${INTEROP_KEEP_WORK:-} == 1 ]]; then
    log "work dir kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

require_binary() { # path: skip the test when a client binary is absent
  if [[ ! -x $1 ]]; then
    log "SKIP: $1 not installed (bash scripts/install-deps.sh installs it)"
    exit "$SKIP"
  fi
}

external_mode() { [[ -n ${INTEROP_SCEP_URL:-} ]]; }

# For servers that cannot report the port they bound (PostgreSQL): scepter is started on port 0
# and asked with listening_port, since another test may take a port between this pick and the bind.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Random access code from the PrintableString alphabet (letters and digits are always safe).
new_access_code() {
  python3 -c 'import secrets, string; print("".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(24)))'
}

json_field() { # file key
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

wait_for_caps() { # url
  local deadline=$((SECONDS + WAIT_SECONDS))
  until curl -fsS --max-time 2 "$1?operation=GetCACaps" >/dev/null 2>&1; do
    if [[ -n $SERVER_PID ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
      fail "server exited before answering GetCACaps"
    fi
    ((SECONDS < deadline)) || fail "no GetCACaps answer from $1 within ${WAIT_SECONDS}s"
    sleep 0.2
  done
}

scepter() { timeout "$WAIT_SECONDS" "$SCEPTER_BIN" "$@" --data "$WORK/data"; }

# Starts the server (scepter mode) and sets SERVER_ADDRESS, BASE_URL, ROOT_PEM, DEMO_URL, DEMO_CODE.
start_server() {
  if external_mode; then
    DEMO_URL=$INTEROP_SCEP_URL
    DEMO_CODE=${INTEROP_CHALLENGE:?INTEROP_CHALLENGE must be set with INTEROP_SCEP_URL}
    ROOT_PEM=$(realpath "${INTEROP_ROOT_PEM:?INTEROP_ROOT_PEM must be set with INTEROP_SCEP_URL}")
    wait_for_caps "$DEMO_URL"
    return
  fi
  [[ -n ${SCEPTER_BIN:-} && -x $SCEPTER_BIN ]] || fail "SCEPTER_BIN (${SCEPTER_BIN:-unset}) is not an executable"
  scepter init --demo --json >"$WORK/init.json" || fail "scepter init failed"
  ROOT_PEM=$(realpath "$(json_field "$WORK/init.json" ca_certificate)")
  DEMO_CODE=$(json_field "$WORK/init.json" access_code)
  [[ -s $ROOT_PEM ]] || fail "init --json named no readable root CA ($ROOT_PEM)"

  "$SCEPTER_BIN" serve --data "$WORK/data" --listen 127.0.0.1:0 --https-listen 127.0.0.1:0 \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local port
  port=$(listening_port "$WORK/server.log" http "$SERVER_PID") || fail "scepter serve reported no HTTP port"
  SERVER_ADDRESS=127.0.0.1:$port
  BASE_URL="http://$SERVER_ADDRESS/scep"
  DEMO_URL="$BASE_URL/demo"
  wait_for_caps "$DEMO_URL"
  log "scepter serving on $SERVER_ADDRESS"
}

# Sends SIGTERM and requires the documented clean exit (status 0) within the wait limit.
stop_server() {
  external_mode && return 0
  local pid=$SERVER_PID status=0
  SERVER_PID=
  kill -TERM "$pid"
  local deadline=$((SECONDS + WAIT_SECONDS))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || { kill -KILL "$pid"; fail "server ignored SIGTERM for ${WAIT_SECONDS}s"; }
    sleep 0.1
  done
  wait "$pid" || status=$?
  ((status == 0)) || fail "server exited with status $status after SIGTERM"
}

# Creates endpoint EXT with the given formats and one account on it; prints the account's access code.
# Organization, department and profile are the demo set-up's (admin/init.cpp).
add_endpoint_with_account() { # ext getcacert-format getcert-format
  local ext=$1 cacert_format=$2 cert_format=$3 code
  code=$(new_access_code)
  scepter endpoint add --name "interop $ext" --uri-extension "$ext" --type scep --cert-type client \
    --getcacert-format "$cacert_format" --getcert-format "$cert_format" >"$WORK/endpoint-$ext.out" ||
    fail "endpoint add $ext failed: $(cat "$WORK/endpoint-$ext.out")"
  scepter account add --endpoint "$ext" --name "interop-$ext" \
    --org "Demo Organization" --department "Demo Department" \
    --profile client-default --term 365 --access-code "$code" >"$WORK/account-$ext.out" ||
    fail "account add on $ext failed: $(cat "$WORK/account-$ext.out")"
  printf '%s\n' "$code"
}

# Writes the certificates of a GetCACert reply to a PEM file, whatever its format.
fetch_ca_certs() { # url out.pem
  local url=$1 out=$2 body=$WORK/getcacert.body type
  type=$(curl -fsS --max-time 10 -o "$body" -w '%{content_type}' "$url?operation=GetCACert") ||
    fail "GetCACert failed at $url"
  case $type in
    application/x-x509-ca-ra-cert*) openssl pkcs7 -inform DER -in "$body" -print_certs -out "$out" ;;
    application/x-x509-ca-cert*)
      if grep -q -- '-----BEGIN CERTIFICATE-----' "$body"; then
        cp "$body" "$out"
      else
        openssl x509 -inform DER -in "$body" -out "$out"
      fi
      ;;
    *) fail "GetCACert at $url answered unexpected Content-Type '$type'" ;;
  esac
}

# Sets CHAIN_PEM: the certificates between an issued certificate and the root (RA included, harmless).
load_chain() {
  if external_mode; then
    CHAIN_PEM=$(realpath "${INTEROP_CHAIN_PEM:-$ROOT_PEM}")
    return
  fi
  add_endpoint_with_account chain chain-cms single >/dev/null
  CHAIN_PEM=$WORK/chain.pem
  fetch_ca_certs "$BASE_URL/chain" "$CHAIN_PEM"
}

# Checks that cert chains to the root and holds the public key of key.
verify_issued() { # cert.pem key.pem expected-cn
  local cert=$1 key=$2 cn=$3
  [[ -s $cert ]] || fail "no certificate at $cert"
  openssl verify -CAfile "$ROOT_PEM" -untrusted "$CHAIN_PEM" "$cert" >&2 || fail "$cert does not verify to the root CA"
  [[ $(openssl x509 -in "$cert" -noout -pubkey) == $(openssl pkey -in "$key" -pubout) ]] ||
    fail "$cert does not hold the public key of $key"
  openssl x509 -in "$cert" -noout -subject -nameopt RFC2253 | grep -q "CN=$cn\(,\|$\)" ||
    fail "$cert subject lacks CN=$cn: $(openssl x509 -in "$cert" -noout -subject)"
}
