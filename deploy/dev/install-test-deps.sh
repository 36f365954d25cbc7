#!/usr/bin/env bash
# Installs the Debian packages the test suite starts for real: MQTT broker, InfluxDB 1.x,
# VictoriaMetrics, socat (serial ptys), liblo-tools (OSC), Chromium (pages), gcc and g++ (firmware
# library and the sketch host test), iproute2 (network namespaces), systemd (systemd-analyze),
# debootstrap (install script test root), openssl (test certificates). Idempotent: installs only
# what is missing.
set -euo pipefail

packages=(mosquitto mosquitto-clients influxdb victoria-metrics socat liblo-tools
  chromium chromium-driver gcc g++ make iproute2 systemd debootstrap openssl)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "test dependencies: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
