#!/usr/bin/env bash
# The packages as an operator gets them: installs archipelago-node and archipelago into a pristine
# Debian 12 root (installer/fresh-root.sh) and runs tests/package/install-in-root.sh there:
# version, validate, the service user and unit, enrollment, the agent's health over mutual TLS,
# the console from its desktop entry (screenshot), remove and purge leaving nothing behind.
#   tests/package/test-packages.sh [PACKAGES_DIR] [OUT_DIR]
# PACKAGES_DIR defaults to build/package/packages (installer/archipelago.sh package); OUT_DIR
# (default build/package-test) gets install-test.log, the screenshot and the file lists.
# Needs root. The root clones the committed HEAD, so commit the scripts before running it.
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
packages="$(readlink -f "${1:-$project/build/package/packages}")"
out="${2:-$project/build/package-test}"
compgen -G "$packages/archipelago-node_*.deb" >/dev/null && compgen -G "$packages/archipelago_*.deb" >/dev/null \
  || { echo "test-packages: no archipelago-node_*.deb and archipelago_*.deb in $packages (installer/archipelago.sh package)" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
out="$(readlink -f "$out")"
set +e
"$project/installer/fresh-root.sh" --bind "$packages:/packages:ro" --bind "$out:/out" -- \
  tests/package/install-in-root.sh /packages /out 2>&1 | tee "$out/install-test.log"
status=${PIPESTATUS[0]}
set -e
echo "test-packages: exit $status; log and screenshot in $out"
exit "$status"
