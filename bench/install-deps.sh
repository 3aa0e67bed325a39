#!/usr/bin/env bash
# Installs the Debian 12 packages that the benchmark needs (bench/run.sh): wrk for the read
# paths, nginx as their static-file baseline, micromdm's scepserver for the side-by-side run and
# the PostgreSQL server for the multi-node runs. Only the last is also a test-suite package
# (scripts/install-deps.sh). bench/run.sh starts its own nginx and PostgreSQL on loopback; the
# system services are not started.
set -euo pipefail

exec bash "$(dirname "$0")/../scripts/apt-install.sh" wrk nginx-light scep postgresql python3 curl
