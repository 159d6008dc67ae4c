#!/bin/sh
# Runs each libFuzzer target for SECONDS (default 30) in its own clang build
# directory. Exits non-zero when a target crashes; the crashing input is
# left next to the binaries as crash-TARGET-*.
#
# Usage: tests/fuzz/run-fuzz.sh [SECONDS]
#
# Needs clang and its fuzzer runtime (Debian: clang, libclang-rt-14-dev).
# ATTEST_FUZZ_BUILD names the build directory (default _build-fuzz).

set -u

seconds=${1:-30}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATTEST_FUZZ_BUILD:-$src/_build-fuzz}
targets="sidecar tagset"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ meson setup "$build" "$src" \
    -Dfuzzing=true -Dgui=false -Dbuildtype=debugoptimized -Db_lundef=false || exit 1
fi

for target in $targets; do
  ninja -C "$build" -j2 "tests/fuzz/fuzz-$target" || exit 1
done

status=0
for target in $targets; do
  # New inputs go to a corpus in the build directory; the seeds in the
  # source tree stay as they are.
  work="$build/tests/fuzz/corpus-$target"
  mkdir -p "$work"
  echo "== fuzz-$target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       G_DEBUG=fatal-criticals \
       "$build/tests/fuzz/fuzz-$target" \
         -max_total_time="$seconds" \
         -max_len=65536 \
         -timeout=20 \
         -rss_limit_mb=2560 \
         -print_final_stats=1 \
         -dict="$src/tests/fuzz/json.dict" \
         -artifact_prefix="$build/tests/fuzz/crash-$target-" \
         "$work" "$src/tests/fuzz/corpus-$target"; then
    echo "fuzz-$target: FAILED (see $build/tests/fuzz/crash-$target-*)" >&2
    status=1
  fi
done

exit $status
