#!/usr/bin/env bash
# README command 1: install dependencies, build, and serve the demo set-up on 127.0.0.1:8080.
# An empty ./scepter-data is initialized on first start; extra arguments go to `scepter serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh
exec "${BUILD_DIR:-build}/src/app/scepter" serve --data ./scepter-data "$@"
