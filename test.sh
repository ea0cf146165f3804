#!/usr/bin/env bash
# Installs what the tests need, builds with warnings as errors, runs every test project,
# and ends with the line `tests: N passed, N failed[, N skipped]`. Exit is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
CONFIG=${CONFIG:-Release}
RESULTS=$ROOT/artifacts/test-results
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '== %s\n' "$*" >&2; }
fail_setup() { echo "setup failed: $*" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }

# 1. System packages (Debian). Each entry: a command that proves it is there, then the package.
need_pkgs=()
check() { command -v "$1" >/dev/null 2>&1 || need_pkgs+=("$2"); }
check fusermount3 fuse3
[ -f /usr/include/fuse3/fuse_lowlevel.h ] || need_pkgs+=(libfuse3-dev)
check pkg-config pkg-config
check cc gcc
check getfattr attr
check openssl openssl
# the MFS tool tests (tests/IpfsMount.Fuse.Tests/MfsWrite) run vim (or vim.tiny), git, rsync and sqlite3
command -v vim >/dev/null 2>&1 || check vim.tiny vim-tiny
check git git
check rsync rsync
check sqlite3 sqlite3
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null \
    || fail_setup "apt-get install ${need_pkgs[*]}"
fi

# 2. Node packages for the interop peers (pinned by tests/interop/package-lock.json, Node 22 included).
if [ -f tests/interop/package-lock.json ]; then
  stamp=tests/interop/node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s tests/interop/package-lock.json "$stamp"; then
    log "npm ci in tests/interop"
    (cd tests/interop && npm ci --no-audit --no-fund >/dev/null 2>&1) || fail_setup "npm ci in tests/interop"
    cp tests/interop/package-lock.json "$stamp"
  fi
fi

# 3. Native shims, if any.
if [ -x native/build.sh ]; then
  log "building native/"
  native/build.sh || fail_setup "native/build.sh"
fi

# 4. Build everything, warnings as errors (Directory.Build.props).
log "dotnet build ($CONFIG)"
if ! dotnet build IpfsMount.sln -c "$CONFIG" -warnaserror -nologo -v:q 2>&1 | tail -n 30; then
  fail_setup "dotnet build"
fi
if [ "${PIPESTATUS[0]:-0}" != 0 ]; then fail_setup "dotnet build"; fi

# 5. Run each test project; sum the counters of its TRX file.
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
passed=0; failed=0; skipped=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  log "dotnet test $name"
  timeout 1800 dotnet test "$proj" -c "$CONFIG" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$RESULTS" --blame-hang-timeout 10m 2>&1 | tail -n 40
  trx=$RESULTS/$name.trx
  if [ ! -f "$trx" ]; then
    echo "$name: no test results (crash or build problem)" >&2
    failed=$((failed + 1)); continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); n=$(get notExecuted)
  passed=$((passed + p)); failed=$((failed + f + e + t + a)); skipped=$((skipped + n))
done

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] || exit 1
