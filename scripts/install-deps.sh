#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing scepter needs.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-format
  # libraries (DESIGN.md, "Dependencies")
  libssl-dev libboost1.81-dev libsqlite3-dev libpq-dev libcurl4-openssl-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # test tools and real SCEP clients for tests/interop
  sqlite3 openssl curl python3 scep certmonger dbus
)

exec bash "$(dirname "$0")/apt-install.sh" "${packages[@]}"
