#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing scepter needs.
# Idempotent: when everything is present it touches nothing and needs no network.
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

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

as_root=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
