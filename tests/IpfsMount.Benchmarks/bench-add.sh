#!/usr/bin/env bash
# Benchmark: `ipfsmount add` of a large file into a fresh repo vs `ipfsmount add -n` (hash only), and the
# repo's storage overhead (bytes on disk / bytes of input). SIZE_MB (default 1024) sets the input size.
# The baseline (add -n) comes from the same run, on the same machine; note the machine load when reporting.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SIZE_MB=${SIZE_MB:-1024}
CONFIG=${CONFIG:-Release}
DLL=$ROOT/src/IpfsMount.Cli/bin/$CONFIG/net10.0/ipfsmount.dll
[ -f "$DLL" ] || dotnet build "$ROOT/src/IpfsMount.Cli/IpfsMount.Cli.csproj" -c "$CONFIG" -nologo -v:q >/dev/null
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-add.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export IPFSMOUNT_PATH=$WORK/repo
ipfsmount() { dotnet "$DLL" "$@"; }
seconds() { date +%s.%N; }

echo "input: $SIZE_MB MiB of random bytes; load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom > "$WORK/input.bin"
bytes=$(stat -c %s "$WORK/input.bin")

ipfsmount init >/dev/null
empty=$(du -sb "$IPFSMOUNT_PATH" | cut -f1)

measure() { if [ -x /usr/bin/time ]; then /usr/bin/time -f %M -o "$1" dotnet "$DLL" "${@:2}"; else echo 0 > "$1"; dotnet "$DLL" "${@:2}"; fi; }
t0=$(seconds); cid_n=$(measure "$WORK/rss-n" add -n -Q "$WORK/input.bin"); t1=$(seconds)
cid=$(measure "$WORK/rss-add" add -Q "$WORK/input.bin"); t2=$(seconds)
[ "$cid" = "$cid_n" ] || { echo "CID mismatch: add -n $cid_n, add $cid" >&2; exit 1; }

stat_out=$(ipfsmount repo stat)
blocks=$(echo "$stat_out" | awk '/^NumObjects:/ {print $2}')
block_bytes=$(echo "$stat_out" | awk '/^RepoSize:/ {print $2}')
disk=$(( $(du -sb "$IPFSMOUNT_PATH" | cut -f1) - empty ))

awk -v b="$bytes" -v t0="$t0" -v t1="$t1" -v t2="$t2" \
    -v blocks="$blocks" -v bb="$block_bytes" -v disk="$disk" -v cid="$cid" \
    -v rn="$(cat "$WORK/rss-n")" -v ra="$(cat "$WORK/rss-add")" 'BEGIN {
  mib = b / 1048576; tn = t1 - t0; ta = t2 - t1
  printf "root: %s (%d blocks)\n", cid, blocks
  printf "add -n (hash only): %7.2f s  %8.1f MiB/s\n", tn, mib / tn
  printf "add (into repo):    %7.2f s  %8.1f MiB/s  (%.2fx the hash-only time)\n", ta, mib / ta, ta / tn
  printf "peak RSS: add -n %.0f MiB, add %.0f MiB (block cache bounded by the repo config)\n", rn / 1024, ra / 1024
  printf "block bytes / input bytes (DAG overhead): %.4f\n", bb / b
  printf "storage overhead ratio (repo bytes on disk / input bytes): %.4f\n", disk / b
}'
