#!/usr/bin/env bash
# Installs the Debian 12 packages that only the benchmark needs (bench/run.sh): wrk for the read
# paths, nginx as their static-file baseline, micromdm's scepserver for the side-by-side run, and
# perf for profiling. The test suite does not need them (scripts/install-deps.sh).
# Idempotent: when everything is present it touches nothing and needs no network.
set -euo pipefail

packages=(wrk nginx-light scep python3 curl)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "bench/install-deps: all ${#packages[@]} packages present"
  exit 0
fi
as_root=()
((EUID == 0)) || as_root=(sudo)
echo "bench/install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -q
# The nginx service is not wanted: bench/run.sh starts its own nginx on loopback.
RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
