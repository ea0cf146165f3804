#!/usr/bin/env bash
# Builds the native probes used by the tests (needs gcc and libfuse3-dev); output in artifacts/native/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../artifacts/native
mkdir -p "$out"
cc -O2 -Wall -Werror $(pkg-config --cflags fuse3) -o "$out/fuse_layout_probe" "$here/fuse_layout_probe.c"
cc -O2 -Wall -Werror $(pkg-config --cflags fuse3) -o "$out/fuse_memfs" "$here/fuse_memfs.c" $(pkg-config --libs fuse3) -lpthread
