#!/usr/bin/env bash
# Configures and builds scepter with CMake and Ninja into build/ (or $BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
build_type=${BUILD_TYPE:-RelWithDebInfo}

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
cmake --build "$build_dir" -j"$(nproc)"
