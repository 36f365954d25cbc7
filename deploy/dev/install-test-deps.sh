#!/usr/bin/env bash
# Installs the Debian packages the test suite starts for real: MQTT broker, InfluxDB 1.x,
# VictoriaMetrics, socat (serial ptys), liblo-tools (OSC), Chromium (pages), gcc and g++ (firmware
# library and the sketch host test), iproute2 (network namespaces), systemd (systemd-analyze),
# debootstrap (install script test root), openssl (test certificates), fonts-dejavu-core (the
# printed sign), curl (the docs' HTTP examples), jq (the docs' config/set example), ola (olad,
# the DMX receiver the Art-Net and sACN tests read back from), libmosquitto-dev (the bench's QoS 0
# C publisher, the broker and subscriber ceiling row), nodejs and npm where npm is missing. Then
# axe-core, the accessibility checker the browser tests inject into each page
# (org.streetsense.harness.AxeCore), from the npm registry at the pinned version, into
# ${STREETSENSE_TEST_CACHE:-$HOME/.cache/streetsense-test}/axe-core-<version>/. Idempotent:
# installs only what is missing.
set -euo pipefail

# Keep in step with org.streetsense.harness.AxeCore.VERSION.
AXE_CORE_VERSION=4.11.0

packages=(mosquitto mosquitto-clients influxdb victoria-metrics socat liblo-tools
  chromium chromium-driver gcc g++ make iproute2 systemd debootstrap openssl fonts-dejavu-core curl jq ola
  libmosquitto-dev)
# Node's own packages bring npm; Debian's nodejs needs its npm package beside it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all packages installed"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
  fi
  echo "test dependencies: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

axe_dir="${STREETSENSE_TEST_CACHE:-$HOME/.cache/streetsense-test}/axe-core-$AXE_CORE_VERSION"
if [ -s "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  echo "test dependencies: axe-core $AXE_CORE_VERSION installed"
else
  echo "test dependencies: installing axe-core $AXE_CORE_VERSION into $axe_dir"
  mkdir -p "$axe_dir"
  # npm checks the tarball against the registry's integrity hash; no scripts are run.
  npm install --prefix "$axe_dir" --no-save --no-audit --no-fund --ignore-scripts \
    --loglevel=error "axe-core@$AXE_CORE_VERSION"
  test -s "$axe_dir/node_modules/axe-core/axe.min.js"
fi
