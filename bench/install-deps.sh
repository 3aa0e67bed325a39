#!/usr/bin/env bash
# Installs the Debian 12 packages that only the benchmark needs (bench/run.sh): wrk for the read
# paths, nginx as their static-file baseline and micromdm's scepserver for the side-by-side run.
# The test suite does not need them (scripts/install-deps.sh). bench/run.sh starts its own nginx
# on loopback; the system service is not started.
set -euo pipefail

exec bash "$(dirname "$0")/../scripts/apt-install.sh" wrk nginx-light scep python3 curl
