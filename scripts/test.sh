#!/usr/bin/env bash
# README command 2: install dependencies, build, and run every test (unit, integration, interop).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh
exec ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure --no-tests=error -j2 "$@"
