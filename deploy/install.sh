#!/usr/bin/env bash
# Installs the Streetsense gateway on Raspberry Pi OS (Debian bookworm, arm64 or armhf).
#
#   sudo ./install.sh [--jar FILE] [--config FILE] [--root DIR] [--no-apt] [--no-systemctl]
#
# Idempotent: a second run changes nothing. It
#   - installs openjdk-17-jre-headless and mosquitto (unless --no-apt),
#   - creates the system user `streetsense` and adds it to gpio, i2c, spi and dialout
#     (creating the groups that do not exist),
#   - enables I2C and SPI (raspi-config when present, else dtparam lines in config.txt),
#   - installs the jar and its start script (bin/streetsense-launch) to /opt/streetsense/, the
#     `streetsense` command to /usr/local/bin/,
#     the systemd unit, udev rules,
#     config to /etc/streetsense/ (never overwriting installation.yaml or streetsense.env),
#     and the data directory /var/lib/streetsense/ (owned by streetsense, mode 0750),
#   - reloads systemd and enables mosquitto (unless --no-systemctl); it does not start the
#     gateway: edit /etc/streetsense/installation.yaml first, then
#     `systemctl enable --now streetsense`.
#
# Options:
#   --jar FILE       the gateway jar (default: streetsense.jar next to this script, else
#                    ../gateway/target/streetsense.jar)
#   --config FILE    an installation.yaml to install when none exists yet
#   --root DIR       install into DIR instead of / (also read from DESTDIR); users and groups
#                    are created with useradd/groupadd --root DIR
#   --no-apt         do not install packages (for chroots and offline images)
#   --no-systemctl   do not call systemctl (for chroots and images)
set -euo pipefail

readonly SERVICE_USER=streetsense
readonly HARDWARE_GROUPS=(gpio i2c spi dialout)
readonly PACKAGES=(openjdk-17-jre-headless mosquitto)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${DESTDIR:-}"
jar=""
config=""
use_apt=1
use_systemctl=1
changes=0

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "install.sh: $*" >&2; exit 2; }
changed() { changes=$((changes + 1)); echo "changed: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --root=*) root="${1#--root=}"; shift ;;
    --jar) jar="${2:?--jar needs a file}"; shift 2 ;;
    --jar=*) jar="${1#--jar=}"; shift ;;
    --config) config="${2:?--config needs a file}"; shift 2 ;;
    --config=*) config="${1#--config=}"; shift ;;
    --no-apt) use_apt=0; shift ;;
    --no-systemctl) use_systemctl=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

root="${root%/}"
if [ -n "$root" ]; then
  [ -d "$root" ] || die "--root $root is not a directory"
  root="$(cd "$root" && pwd)"
  [ "$root" = "/" ] && root=""
fi
[ "$(id -u)" -eq 0 ] || die "run as root (sudo ./install.sh)"

if [ -z "$jar" ]; then
  for candidate in "$here/streetsense.jar" "$here/../gateway/target/streetsense.jar"; do
    if [ -f "$candidate" ]; then jar="$candidate"; break; fi
  done
fi
[ -n "$jar" ] && [ -f "$jar" ] || die "gateway jar not found: build it (./mvnw -pl gateway -am package) or pass --jar FILE"
[ -z "$config" ] || [ -f "$config" ] || die "--config $config does not exist"

# ---------------------------------------------------------------- helpers

# Copies src to dst (inside root) with mode and owner, only when content or metadata differ.
put_file() {
  local src="$1" dst="$root$2" mode="$3" owner="$4"
  if [ ! -f "$dst" ] || ! cmp -s "$src" "$dst"; then
    install -D -m "$mode" "$src" "$dst"
    changed "$2"
  fi
  ensure_meta "$2" "$mode" "$owner"
}

# Creates a directory (inside root) and fixes its mode and owner when they differ.
put_dir() {
  local dir="$root$1" mode="$2" owner="$3"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    changed "$1/"
  fi
  ensure_meta "$1" "$mode" "$owner"
}

ensure_meta() {
  local path="$root$1" mode="$2" owner="$3" uid gid
  uid="$(id_of passwd "${owner%%:*}")"
  gid="$(id_of group "${owner#*:}")"
  if [ "$(stat -c '%a' "$path")" != "${mode#0}" ]; then
    chmod "$mode" "$path"
    changed "mode $mode $1"
  fi
  if [ "$(stat -c '%u:%g' "$path")" != "$uid:$gid" ]; then
    chown "$uid:$gid" "$path"
    changed "owner $owner $1"
  fi
}

# Numeric id of a user or group as the target root knows it (not the host's).
id_of() {
  local db="$1" name="$2" id
  id="$(awk -F: -v n="$name" '$1 == n { print $3 }' "$root/etc/$db")"
  [ -n "$id" ] || die "no $db entry for '$name' in $root/etc/$db"
  echo "$id"
}

has_entry() { grep -q "^$2:" "$root/etc/$1"; }

members_of() { awk -F: -v g="$1" '$1 == g { print $4 }' "$root/etc/group"; }

root_args() { if [ -n "$root" ]; then echo "--root" "$root"; fi; }

# ---------------------------------------------------------------- packages

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' "$p" 2>/dev/null \
        | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$use_apt" -eq 0 ]; then
    echo "note: --no-apt: not installing ${missing[*]}"
    return 0
  fi
  [ -z "$root" ] || die "apt cannot install into --root $root: run this script inside it (chroot) or pass --no-apt"
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  changed "packages ${missing[*]}"
}

# ---------------------------------------------------------------- user and groups

install_user() {
  local g
  for g in "${HARDWARE_GROUPS[@]}"; do
    if ! has_entry group "$g"; then
      # shellcheck disable=SC2046
      groupadd --system $(root_args) "$g"
      changed "group $g"
    fi
  done
  if ! has_entry passwd "$SERVICE_USER"; then
    # shellcheck disable=SC2046
    useradd --system $(root_args) --user-group --home-dir /var/lib/streetsense --no-create-home \
      --shell /usr/sbin/nologin --comment "Streetsense gateway" "$SERVICE_USER"
    changed "user $SERVICE_USER"
  fi
  local wanted=()
  for g in "${HARDWARE_GROUPS[@]}"; do
    if ! members_of "$g" | tr ',' '\n' | grep -qx "$SERVICE_USER"; then
      wanted+=("$g")
    fi
  done
  if [ ${#wanted[@]} -gt 0 ]; then
    local joined
    joined="$(IFS=,; echo "${wanted[*]}")"
    # shellcheck disable=SC2046
    usermod $(root_args) --append --groups "$joined" "$SERVICE_USER"
    changed "groups of $SERVICE_USER += $joined"
  fi
}

# ---------------------------------------------------------------- I2C and SPI

# Sets `key=value` in a config.txt: uncomments or rewrites an existing line, else appends.
set_dtparam() {
  local file="$1" key="$2" value="$3"
  if grep -qx "dtparam=$key=$value" "$file"; then
    return 0
  fi
  if grep -Eq "^#?[[:space:]]*dtparam=$key(=.*)?$" "$file"; then
    sed -i -E "0,/^#?[[:space:]]*dtparam=$key(=.*)?$/s//dtparam=$key=$value/" "$file"
  else
    printf 'dtparam=%s=%s\n' "$key" "$value" >> "$file"
  fi
  changed "${file#"$root"}: dtparam=$key=$value"
}

enable_buses() {
  if [ -z "$root" ] && command -v raspi-config >/dev/null 2>&1; then
    # raspi-config reports 0 = enabled; only act when not yet enabled.
    if [ "$(raspi-config nonint get_i2c)" != "0" ]; then
      raspi-config nonint do_i2c 0
      changed "I2C enabled (raspi-config)"
    fi
    if [ "$(raspi-config nonint get_spi)" != "0" ]; then
      raspi-config nonint do_spi 0
      changed "SPI enabled (raspi-config)"
    fi
    return 0
  fi
  local boot=""
  for candidate in "$root/boot/firmware/config.txt" "$root/boot/config.txt"; do
    if [ -f "$candidate" ]; then boot="$candidate"; break; fi
  done
  if [ -z "$boot" ]; then
    echo "note: no /boot/firmware/config.txt: not a Raspberry Pi boot partition, I2C/SPI left as they are"
    return 0
  fi
  set_dtparam "$boot" i2c_arm on
  set_dtparam "$boot" spi on
  local modules="$root/etc/modules"
  if [ ! -f "$modules" ] || ! grep -qx "i2c-dev" "$modules"; then
    echo "i2c-dev" >> "$modules"
    changed "/etc/modules: i2c-dev"
  fi
}

# ---------------------------------------------------------------- files

install_files() {
  put_dir /opt/streetsense 0755 root:root
  put_file "$jar" /opt/streetsense/streetsense.jar 0644 root:root
  if [ -f "$here/../docs/deploy.md" ]; then
    put_dir /opt/streetsense/docs 0755 root:root
    put_file "$here/../docs/deploy.md" /opt/streetsense/docs/deploy.md 0644 root:root
  fi
  put_file "$here/bin/streetsense" /usr/local/bin/streetsense 0755 root:root
  put_dir /opt/streetsense/bin 0755 root:root
  put_file "$here/bin/streetsense-launch" /opt/streetsense/bin/streetsense-launch 0755 root:root
  put_file "$here/systemd/streetsense.service" /etc/systemd/system/streetsense.service 0644 root:root
  put_file "$here/udev/60-streetsense.rules" /etc/udev/rules.d/60-streetsense.rules 0644 root:root

  put_dir /etc/streetsense 0750 root:$SERVICE_USER
  if [ -f "$root/etc/streetsense/installation.yaml" ]; then
    if [ -n "$config" ] && ! cmp -s "$config" "$root/etc/streetsense/installation.yaml"; then
      echo "note: kept the existing /etc/streetsense/installation.yaml (not overwritten by $config)"
    fi
  elif [ -n "$config" ]; then
    put_file "$config" /etc/streetsense/installation.yaml 0640 root:$SERVICE_USER
  else
    echo "note: no /etc/streetsense/installation.yaml yet: write one (see docs/deploy.md) or pass --config"
  fi
  if [ ! -f "$root/etc/streetsense/streetsense.env" ]; then
    put_file "$here/streetsense.env" /etc/streetsense/streetsense.env 0640 root:$SERVICE_USER
  fi
  put_file "$here/mosquitto/pi-local.conf" /etc/streetsense/mosquitto-bridge.conf.example 0644 root:root

  put_dir /var/lib/streetsense 0750 $SERVICE_USER:$SERVICE_USER
}

# ---------------------------------------------------------------- systemd

reload_systemd() {
  if [ "$use_systemctl" -eq 0 ]; then
    return 0
  fi
  if ! command -v systemctl >/dev/null 2>&1; then
    echo "note: systemctl not found: not reloading units"
    return 0
  fi
  if [ -z "$root" ]; then
    systemctl daemon-reload
    if [ "$(systemctl is-enabled mosquitto.service 2>/dev/null)" != "enabled" ]; then
      systemctl enable --now mosquitto.service
      changed "mosquitto.service enabled"
    fi
  elif [ "$(systemctl --root="$root" is-enabled mosquitto.service 2>/dev/null)" != "enabled" ] \
      && [ -f "$root/lib/systemd/system/mosquitto.service" ]; then
    systemctl --root="$root" enable mosquitto.service
    changed "mosquitto.service enabled"
  fi
}

install_packages
install_user
enable_buses
install_files
reload_systemd

if [ "$changes" -eq 0 ]; then
  echo "streetsense: already installed, nothing changed"
else
  echo "streetsense: $changes change(s). Next: edit /etc/streetsense/installation.yaml, run" \
    "'streetsense validate /etc/streetsense/installation.yaml'," \
    "then 'systemctl enable --now streetsense'"
fi
