#!/usr/bin/env bash
# MFS write benchmark (issue 6): `cp` of a 1 GiB file into <mnt>/mfs plus fsync against `cp` plus fsync to a local
# directory on the same disk (target >= 0.4x), and a small-file workload (untar of ~5,000 small files plus a sync of
# the directory, which commits a version) against the same untar locally. Ratios are against baselines from this run.
#   tests/IpfsMount.Benchmarks/bench-mfs.sh [SIZE_MIB] [FILES]      (builds Release first; root drops caches)
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MIB=${1:-1024}
FILES=${2:-5000}
dotnet build src/IpfsMount.Cli/IpfsMount.Cli.csproj -c Release -nologo -v:q >/dev/null
BIN=$PWD/src/IpfsMount.Cli/bin/Release/net10.0/ipfsmount
WORK=$(mktemp -d /tmp/ipfsmount-bench-mfs-XXXXXX)
REPO=$WORK/repo; MNT=$WORK/mnt; FILE=$WORK/data.bin; TREE=$WORK/small; TAR=$WORK/small.tar; LOCAL=$WORK/local
cleanup() {
  "$BIN" unmount "$MNT" >/dev/null 2>&1 || fusermount3 -u "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
drop() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
head -c $((SIZE_MIB * 1048576)) /dev/urandom > "$FILE"
BYTES=$(stat -c %s "$FILE")
# ~FILES small text files (100 B - 8 KiB) in directories of 100, like a source tree
mkdir -p "$TREE"
seq 0 $(( (FILES - 1) / 100 )) | sed "s|^|$TREE/dir|" | xargs mkdir -p
awk -v n="$FILES" -v root="$TREE" 'BEGIN {
  srand(42)
  for (i = 0; i < n; i++) {
    f = sprintf("%s/dir%d/file%05d.c", root, int(i / 100), i); size = 100 + int(rand() * 8000); line = ""
    while (length(line) < size) line = line sprintf("int value_%d = %d; /* line of file %d */\n", length(line), int(rand() * 1e6), i)
    printf "%s", substr(line, 1, size) > f; close(f)
  }
}'
tar -C "$WORK" -cf "$TAR" small
TARBYTES=$(du -sb "$TREE" | cut -f1)
mkdir -p "$LOCAL"

"$BIN" --repo-dir "$REPO" init >/dev/null
"$BIN" --repo-dir "$REPO" mount "$MNT" --background --no-root-links --offline >/dev/null
cat "$FILE" > /dev/null  # the source is read from the page cache in both runs
MOUNT_PID=$(pgrep -f -- "--repo-dir $REPO mount" | head -1)
cpu_ms() { awk '{ printf "%d", ($14 + $15) * 10 }' "/proc/$MOUNT_PID/stat"; }  # user+sys of the mount (100 Hz ticks)

# 1. one big file: cp + fsync (coreutils `sync FILE` fsyncs it; in mfs that commits a version)
drop; cat "$FILE" > /dev/null
t0=$(now); cp "$FILE" "$LOCAL/data.bin"; sync "$LOCAL/data.bin"; t1=$(now); LOCAL_BIG=$(secs "$t0" "$t1")
drop; cat "$FILE" > /dev/null
c0=$(cpu_ms); t0=$(now); cp "$FILE" "$MNT/mfs/data.bin"; sync "$MNT/mfs/data.bin"; t1=$(now); MFS_BIG=$(secs "$t0" "$t1"); c1=$(cpu_ms)
MFS_CPU=$((c1 - c0)); MFS_RSS=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$MOUNT_PID/status")
drop
cmp "$FILE" "$MNT/mfs/data.bin" && echo "${SIZE_MIB} MiB file read back from mfs: identical"

# 2. many small files: untar + sync of the directory (fsyncdir; in mfs a commit)
drop
t0=$(now); tar -xf "$TAR" -C "$LOCAL"; sync "$LOCAL/small"; t1=$(now); LOCAL_SMALL=$(secs "$t0" "$t1")
mkdir "$MNT/mfs/untar"
drop
t0=$(now); tar -xf "$TAR" -C "$MNT/mfs/untar"; sync "$MNT/mfs/untar/small"; t1=$(now); MFS_SMALL=$(secs "$t0" "$t1")
diff -r "$TREE" "$MNT/mfs/untar/small" && echo "$FILES small files read back from mfs: identical"

echo
echo "cp ${SIZE_MIB} MiB + fsync, local:     $(mbps "$BYTES" "$LOCAL_BIG") MiB/s ($LOCAL_BIG s)"
echo "cp ${SIZE_MIB} MiB + fsync, mfs:       $(mbps "$BYTES" "$MFS_BIG") MiB/s ($MFS_BIG s)   = $(ratio "$LOCAL_BIG" "$MFS_BIG") x local   target >= 0.4"
echo "  mount process during that cp + fsync: CPU $MFS_CPU ms (user+sys), peak RSS so far $MFS_RSS MiB"
echo "untar $FILES files + sync, local: $(awk -v n="$FILES" -v s="$LOCAL_SMALL" 'BEGIN{printf "%.0f", n/s}') files/s, $(mbps "$TARBYTES" "$LOCAL_SMALL") MiB/s ($LOCAL_SMALL s)"
echo "untar $FILES files + sync, mfs:   $(awk -v n="$FILES" -v s="$MFS_SMALL" 'BEGIN{printf "%.0f", n/s}') files/s, $(mbps "$TARBYTES" "$MFS_SMALL") MiB/s ($MFS_SMALL s)   = $(ratio "$LOCAL_SMALL" "$MFS_SMALL") x local"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; figures under load are rough)"
