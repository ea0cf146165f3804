#!/usr/bin/env bash
# The README's first command: installs fuse3 if missing, builds Release, creates the repo on first use and
# mounts IPFS at a default directory (~/ipfs, or $1) in the background, then prints where.
#   ./mount-scripts/ipfsmount-mount.sh [DIR] [--foreground] [extra `ipfsmount mount` options]
set -euo pipefail
cd "$(dirname "$0")/.."
MNT=$HOME/ipfs
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then MNT=$1; shift; fi
MODE=--background
args=()
for a in "$@"; do
  if [ "$a" = --foreground ]; then MODE=""; else args+=("$a"); fi
done

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v fusermount3 >/dev/null 2>&1; then
  echo "installing fuse3 …" >&2
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fuse3 >/dev/null
fi
[ -e /dev/fuse ] || { echo "error: /dev/fuse is missing (load the fuse module: modprobe fuse)" >&2; exit 1; }

echo "building ipfsmount (Release) …" >&2
dotnet build src/IpfsMount.Cli/IpfsMount.Cli.csproj -c Release -nologo -v:q >/dev/null
BIN=$PWD/src/IpfsMount.Cli/bin/Release/net10.0/ipfsmount

if grep -qs " $(realpath -m "$MNT") fuse" /proc/self/mounts; then
  echo "already mounted at $MNT (unmount with: $BIN unmount $MNT)"
  exit 0
fi
exec "$BIN" mount "$MNT" $MODE "${args[@]}"
