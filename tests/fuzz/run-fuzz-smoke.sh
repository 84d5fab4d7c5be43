#!/usr/bin/env bash
# Builds the libFuzzer targets on their own (CMake preset `fuzz`: clang, address + undefined
# sanitizers, into build/fuzz) and runs each for a bounded time. Prints one line per target with
# its number of runs and crashes; exits non-zero on any crash, leak, timeout or out-of-memory.
# CI runs it after ctest (installer/archipelago.sh test).
#
#   tests/fuzz/run-fuzz-smoke.sh                          # every target, 20 s each
#   tests/fuzz/run-fuzz-smoke.sh --seconds 3600 fuzz_agent_requests   # a longer campaign
#
# New inputs go to build/fuzz/corpus/<target> (kept, so the next run resumes from them); the
# seeds in the source tree are only read. A failing input is saved under
# build/fuzz/artifacts/<target>/ (crash-, leak-, timeout-, oom-…) and the run's log under
# build/fuzz/logs/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

seconds_per_target=20
if [[ ${1:-} == --seconds ]]; then
  [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [--seconds N] [TARGET...]" >&2; exit 2; }
  seconds_per_target=$2
  shift 2
fi
wanted=("$@")

build_dir="$root/build/fuzz"
mkdir -p "$build_dir/logs"
SECONDS=0
if ! { cmake --preset fuzz && cmake --build --preset fuzz --parallel "$(nproc)"; } >"$build_dir/logs/build.log" 2>&1; then
  tail -n 30 "$build_dir/logs/build.log" >&2
  echo "fuzz: build failed (clang and libclang-rt-dev installed? installer/setup-deps.sh); log: $build_dir/logs/build.log" >&2
  exit 1
fi
echo "fuzz: built in ${SECONDS} s; ${seconds_per_target} s per target"

# Why the fuzzer stopped: its sanitizer's or libFuzzer's SUMMARY line, less the source location.
failure_kind() {
  local kind
  kind=$(sed -n 's/^SUMMARY: \([^/]*[^ /]\).*/\1/p' "$1" | head -n 1)
  echo "${kind:-exit status $2}"
}

failed=0
listed=0
while IFS=$'\t' read -r name binary seeds; do
  if [[ ${#wanted[@]} -gt 0 && ! " ${wanted[*]} " == *" $name "* ]]; then continue; fi
  listed=$((listed + 1))
  work="$build_dir/corpus/$name"
  artifacts="$build_dir/artifacts/$name"
  log="$build_dir/logs/$name.log"
  mkdir -p "$work" "$artifacts"
  corpora=("$work")
  [[ -n $seeds ]] && corpora+=("$seeds")
  # -timeout: one input running 10 s is a hang; the outer timeout stops a fuzzer that never ends.
  status=0
  started_s=$SECONDS
  (cd "$build_dir" && timeout --kill-after=10 $((seconds_per_target + 120)) "$binary" \
    -max_total_time="$seconds_per_target" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${corpora[@]}") >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  inputs=$(find "$work" -type f | wc -l)
  fields="time_s=$((SECONDS - started_s)) corpus_inputs=$inputs"
  # libFuzzer stops at its first crash, leak, timeout or out-of-memory: 0 or 1 per run.
  if [[ $status == 0 ]]; then
    echo "fuzz: $name runs=${runs:-?} crashes=0 $fields"
  else
    failed=$((failed + 1))
    tail -n 40 "$log" >&2
    artifact=$(ls -t "$artifacts" | head -n 1)
    echo "fuzz: $name runs=${runs:-?} crashes=1 FAILED ($(failure_kind "$log" "$status")) $fields log=$log${artifact:+ input=$artifacts/$artifact}" >&2
  fi
done <"$build_dir/fuzz-targets.tsv"

[[ $listed -gt 0 ]] || { echo "fuzz: no target named ${wanted[*]} (see $build_dir/fuzz-targets.tsv)" >&2; exit 2; }
echo "fuzz: $listed targets, $failed failed, ${SECONDS} s in all"
[[ $failed == 0 ]]
