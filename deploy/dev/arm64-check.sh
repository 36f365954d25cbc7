#!/usr/bin/env bash
# ARM check: does the gateway jar, with its native libraries (Pi4J gpiod, jSerialComm), load on
# the Raspberry Pi's architecture? Builds a Debian bookworm root for ARCH (default arm64; armhf
# works the same) with debootstrap, runs it under qemu-user emulation (Debian packages
# qemu-user-static and binfmt-support), installs the gateway there with deploy/install.sh
# (which installs the ARM openjdk-17-jre-headless and Mosquitto), then inside it:
#   1. java -version
#   2. NativeLoadProbe (deploy/dev/NativeLoadProbe.java): loads both native libraries
#   3. the gateway's demo for DEMO_SECONDS (default 20): `java -jar streetsense.jar $DEMO_ARGS`
#      must still run at the end or exit 0 (DEMO_ARGS default "demo").
#
#   sudo deploy/dev/arm64-check.sh [--jar FILE] [--fresh]
#
# Not part of the Maven test command: emulated debootstrap and apt take 10-20 minutes. Needs
# root, network access to deb.debian.org, and a kernel that lets binfmt_misc be registered.
# The root is cached as ~/.cache/streetsense/bookworm-minbase-$ARCH.tar (--fresh rebuilds it).
# Record the last result in docs/deploy.md ("ARM check").
set -euo pipefail

ARCH="${ARCH:-arm64}"
DEMO_ARGS="${DEMO_ARGS:-demo}"
DEMO_SECONDS="${DEMO_SECONDS:-20}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$repo/gateway/target/streetsense.jar"
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    *) echo "arm64-check: unknown option '$1'" >&2; exit 2 ;;
  esac
done
case "$ARCH" in
  arm64) qemu=qemu-aarch64 ;;
  armhf) qemu=qemu-arm ;;
  *) echo "arm64-check: ARCH must be arm64 or armhf" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "arm64-check: run as root" >&2; exit 2; }
[ -f "$jar" ] || { echo "arm64-check: $jar missing: ./mvnw -pl gateway -am package" >&2; exit 2; }

step() { echo "== $(date -u +%H:%M:%S) $*"; }

step "host packages"
need=()
for p in qemu-user-static binfmt-support debootstrap; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

step "binfmt_misc registration for $qemu"
if [ ! -f /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || {
    echo "arm64-check: cannot mount binfmt_misc here (container without the privilege?)" >&2
    exit 3
  }
fi
update-binfmts --enable "$qemu" >/dev/null 2>&1 || true
grep -qx enabled "/proc/sys/fs/binfmt_misc/$qemu" 2>/dev/null || {
  echo "arm64-check: $qemu is not registered with binfmt_misc; emulation unavailable" >&2
  exit 3
}

cache="${XDG_CACHE_HOME:-$HOME/.cache}/streetsense"
tarball="$cache/bookworm-minbase-$ARCH.tar"
mkdir -p "$cache"
if [ "$fresh" -eq 1 ] || [ ! -f "$tarball" ]; then
  step "debootstrap --arch=$ARCH bookworm (emulated second stage)"
  work="$(mktemp -d "$cache/debootstrap-$ARCH-XXXX")"
  debootstrap --variant=minbase --arch="$ARCH" bookworm "$work/root" "$MIRROR"
  tar -C "$work/root" -cpf "$work/root.tar" .
  mv "$work/root.tar" "$tarball"
  rm -rf --one-file-system "$work"
fi

root="$(mktemp -d /var/tmp/streetsense-$ARCH-XXXX)"
trap 'rm -rf --one-file-system "$root"' EXIT
step "unpack root into $root"
tar -C "$root" -xpf "$tarball"
mkdir -p "$root/boot/firmware" "$root/tmp/streetsense-install/deploy" "$root/tmp/streetsense-install/docs"
printf '#dtparam=i2c_arm=on\n#dtparam=spi=on\n' > "$root/boot/firmware/config.txt"
cp -r "$repo/deploy/." "$root/tmp/streetsense-install/deploy/"
cp "$jar" "$root/tmp/streetsense-install/deploy/streetsense.jar"
[ -f "$repo/docs/deploy.md" ] && cp "$repo/docs/deploy.md" "$root/tmp/streetsense-install/docs/"

step "compile NativeLoadProbe (host javac, --release 17)"
mkdir -p "$root/tmp/probe"
javac --release 17 -cp "$jar" -d "$root/tmp/probe" "$repo/deploy/dev/NativeLoadProbe.java"

in_root() {
  unshare --mount --fork sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$root" \
    env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

step "install.sh inside the $ARCH root"
in_root bash /tmp/streetsense-install/deploy/install.sh --no-systemctl
step "second install.sh run (must change nothing)"
in_root bash /tmp/streetsense-install/deploy/install.sh --no-systemctl | tee "$root/tmp/second-run.log"
grep -q "nothing changed" "$root/tmp/second-run.log"

step "java -version"
in_root uname -m
in_root java -version
step "native libraries"
in_root java -cp /opt/streetsense/streetsense.jar:/tmp/probe NativeLoadProbe

step "gateway: java -jar streetsense.jar $DEMO_ARGS (${DEMO_SECONDS}s)"
set +e
# shellcheck disable=SC2086
timeout --preserve-status -s TERM "$DEMO_SECONDS" unshare --mount --fork sh -c \
  'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$root" \
  java -Xmx64m -jar /opt/streetsense/streetsense.jar $DEMO_ARGS
status=$?
set -e
# 143 = still running when the timeout sent SIGTERM: the demo was up for the whole window.
if [ "$status" -eq 0 ] || [ "$status" -eq 143 ]; then
  step "ARM check ($ARCH): PASSED"
else
  step "ARM check ($ARCH): gateway demo exited with $status"
  exit 1
fi
