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
  # keys in PKCS#11 tokens: OpenSSL's engine, the PKCS#11 header; SoftHSM2 as the tests' token
  libengine-pkcs11-openssl libp11-kit-dev softhsm2
  # test tools and real SCEP clients for tests/interop
  sqlite3 openssl curl python3 scep certmonger dbus
  # PostgreSQL server for the store contract suite (tests/store), which starts its own
  postgresql
  # the console's end-to-end tests drive Debian's chromium with playwright-core (tests/e2e)
  chromium
)

bash "$(dirname "$0")/apt-install.sh" "${packages[@]}"

# playwright-core for tests/e2e, exactly as package-lock.json pins it (npm ci), with the
# machine's Node.js; nothing is fetched when the pinned version is already there.
e2e=$(cd "$(dirname "$0")/../tests/e2e" && pwd)
wanted=$(node -p "require('$e2e/package-lock.json').packages['node_modules/playwright-core'].version")
have=$(node -p "try { require('$e2e/node_modules/playwright-core/package.json').version } catch { '' }")
if [[ $have != "$wanted" ]]; then
  echo "npm: installing playwright-core $wanted in tests/e2e"
  npm ci --prefix "$e2e" --no-audit --no-fund
else
  echo "npm: playwright-core $have present"
fi
