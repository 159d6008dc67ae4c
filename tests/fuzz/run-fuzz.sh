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

# Without the fuzzer runtime, meson would only fail much later.
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput (const char *d, unsigned long n) { return 0; }\n' > "$probe/probe.c"
if ! clang -fsanitize=fuzzer "$probe/probe.c" -o "$probe/probe" 2>/dev/null; then
  echo "run-fuzz.sh: clang cannot link a libFuzzer target;" \
       "install clang and its fuzzer runtime (Debian: libclang-rt-14-dev)" >&2
  rm -rf "$probe"
  exit 2
fi
rm -rf "$probe"

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
  fuzzer="$build/tests/fuzz/fuzz-$target"
  mkdir -p "$work"

  # Fuzzing itself runs without leak checks: GLib is built without frame
  # pointers, so a useful leak report needs the slow unwinder, which makes
  # every malloc ten times slower.
  echo "== fuzz-$target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$fuzzer" \
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
    continue
  fi

  # Then every input of the corpus once more, checking for leaks.
  echo "== fuzz-$target: leak check over the corpus"
  if ! ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1 \
       LSAN_OPTIONS=suppressions="$src/tests/fuzz/lsan.supp":print_suppressions=0 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$fuzzer" \
         -runs=0 \
         -max_len=65536 \
         -timeout=20 \
         -artifact_prefix="$build/tests/fuzz/leak-$target-" \
         "$work" "$src/tests/fuzz/corpus-$target"; then
    echo "fuzz-$target: LEAK (see $build/tests/fuzz/leak-$target-*)" >&2
    status=1
  fi
done

exit $status
