# shellcheck shell=bash
# Sourced, not run (by lib.sh and bench/smoke_test.sh). Tests start `scepter serve` on port 0 and
# learn the port the kernel gave it from its log: a port found free beforehand can be taken by a
# test running in parallel before the server binds it, and the test would then talk to that
# test's server. src/http/server.cpp logs one line per listener, in the text or the JSON format:
#   2026-11-29T09:15:35.418Z info http listening scheme=http address=127.0.0.1 port=40123 threads=2
#   {"time":"...","level":"info","msg":"http listening","scheme":"http","address":"127.0.0.1","port":"40123",...}

# Prints the port of the server's SCHEME (http or https) listener once LOG holds its line, reading
# LOG from byte FROM_BYTE on (default 0; a log that earlier runs appended to passes its size taken
# before the start). Returns 1 with the reason on stderr when PID exits first or no such line
# appears within WAIT_SECONDS (default 30). Run it as `port=$(listening_port ...) || fail ...`.
listening_port() { # log scheme pid [from-byte]
  local log_file=$1 scheme=$2 pid=$3 from=${4:-0} port
  local deadline=$((SECONDS + ${WAIT_SECONDS:-30}))
  # Whole lines only: a line still being written must not yield a cut-off port.
  local text="^.* http listening scheme=$scheme address=[^ ]+ port=([0-9]+) .*$"
  local json="^\{.*\"msg\":\"http listening\",\"scheme\":\"$scheme\",\"address\":\"[^\"]*\",\"port\":\"([0-9]+)\".*$"
  while :; do
    port=$(tail -c "+$((from + 1))" "$log_file" 2>/dev/null |
      sed -nE -e "/$text/{s//\1/p;q}" -e "/$json/{s//\1/p;q}") || true
    if [[ -n $port ]]; then
      printf '%s\n' "$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      printf '%s: scepter serve (pid %s) exited before its %s listener was up\n' "$log_file" "$pid" "$scheme" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      printf '%s: no "http listening scheme=%s" line within %ss (log level above info?)\n' \
        "$log_file" "$scheme" "${WAIT_SECONDS:-30}" >&2
      return 1
    fi
    sleep 0.1
  done
}
