#!/usr/bin/env bash
# Installs every Debian 12 package that Archipelago's build, tests and demo need.
# Idempotent: does nothing (not even `apt-get update`) when all of them are present.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # console (Qt 6: widgets, charts, svg, test, linguist tools)
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  # qt6-charts-dev needs Qt6OpenGL at configure time but does not depend on it
  libqt6opengl6-dev
  # engine and runtime libraries
  libcurl4-openssl-dev libsqlite3-dev sqlite3 libssl-dev libgloo-dev libopenblas-dev
  nlohmann-json3-dev libcpp-httplib-dev libcli11-dev libspdlog-dev libfmt-dev
  # tests and demo: virtual display, network namespaces, the demo corpus
  xvfb xauth iproute2 fortunes fortunes-min
  # fuzz targets (tests/fuzz): clang and its sanitizer + libFuzzer runtimes (libclang_rt.*.a),
  # which clang only recommends
  clang libclang-rt-dev
  # Debian packages (packaging/, tests/package): man pages from --help, PNG icons from the SVG,
  # dependencies and checks of the .debs, the systemd unit's verification and exposure score
  help2man librsvg2-bin dpkg-dev lintian desktop-file-utils systemd
  # A single-host Slurm cluster for the real-Slurm tests (tests/slurm/start-slurm.sh), which
  # asks slurmrestd with curl whether it is up
  slurmctld slurmd slurmrestd munge slurm-client curl
  # the daemons only recommend it, and the test cluster's JWT authentication needs it
  slurm-wlm-jwt-plugin
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
