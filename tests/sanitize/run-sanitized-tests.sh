#!/usr/bin/env bash
# Builds the engine and its test suite with the address and undefined-behaviour sanitizers
# (CMake preset `sanitize`: no GUI, -O1, into build/sanitize) and runs the suite. Any sanitizer
# report fails its test: undefined behaviour aborts like an address error (-fno-sanitize-recover),
# and leaks are reported at exit. Prints one summary line; exits non-zero when a test fails.
# CI runs it after the fuzz targets (installer/archipelago.sh test).
#
#   tests/sanitize/run-sanitized-tests.sh                  # the CI subset (below)
#   tests/sanitize/run-sanitized-tests.sh --all            # every engine test
#   tests/sanitize/run-sanitized-tests.sh -R tst_trainer   # extra arguments go to ctest
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# Left out of the CI run by default (--all runs them): the network-namespace runs, which repeat
# the whole demo's process tree under `ip netns` and whose engine paths the local runs already
# cover. Keep this list short and say why in the README.
excluded='^tst_netns_'
if [[ ${1:-} == --all ]]; then
  excluded=''
  shift
fi

build_dir="$root/build/sanitize"
mkdir -p "$build_dir"
log="$build_dir/sanitize-build.log"
SECONDS=0
if ! { cmake --preset sanitize && cmake --build --preset sanitize --parallel "$(nproc)"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "sanitize: build failed; log: $log" >&2
  exit 1
fi
build_s=$SECONDS

# Stack traces for undefined behaviour; ASan's defaults (leak check at exit) otherwise.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# A failed test runs once more, as in the plain suite (installer/archipelago.sh): the fault tests
# race real timeouts on a shared machine. A sanitizer report fails both times.
ctest_log="$build_dir/sanitize-ctest.log"
status=0
ctest --preset sanitize --parallel 2 --repeat until-pass:2 ${excluded:+-E "$excluded"} "$@" 2>&1 | tee "$ctest_log" \
  || status=${PIPESTATUS[0]}
tests_s=$((SECONDS - build_s))

# ctest's own count: "97% tests passed, 1 tests failed out of 40".
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$ctest_log" | tail -n 1)
total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")
reports=$(grep -cE '^(SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer)|.*runtime error:)' "$ctest_log" || true)
if [[ -z $summary ]]; then
  echo "sanitize: ctest printed no summary (status $status); log: $ctest_log" >&2
  exit 1
fi
echo "sanitize: $((total - failed))/$total tests passed, sanitizer reports=$reports," \
  "build_s=$build_s tests_s=$tests_s${excluded:+ (left out: $excluded)} log=$ctest_log"
[[ $status == 0 && $failed == 0 ]]
