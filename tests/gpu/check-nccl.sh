#!/usr/bin/env bash
# The NCCL section of tests/gpu/check.sh (issue 14 item 7), kept in a file of its own so that
# check.sh calls it after its build:
#
#   tests/gpu/check-nccl.sh BUILD_DIR SUMMARY_FILE
#
# On a machine with NVIDIA GPUs and a CUDA build in BUILD_DIR: runs the NCCL collective's GPU
# tests (exact integer sums and bounded float sums with one GPU and with all of them, host
# staging, an idle rank's garbage, dead-peer deadlines) and `archi bench allreduce --backend
# nccl` (bus bandwidth up to 256 MiB), and appends what it found to SUMMARY_FILE. Takes about a
# minute on one H200-class GPU. Exits non-zero when a test failed or was skipped, or the
# benchmark failed: on a GPU machine nothing here may be skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: $0 BUILD_DIR SUMMARY_FILE}
summary=${2:?usage: $0 BUILD_DIR SUMMARY_FILE}
log_dir=$(mktemp -d)
status=0

{
  echo "== NCCL (tests/gpu/check-nccl.sh)"
  nvidia-smi -L 2>&1 | sed 's/^/   /'
} >>"$summary"

SECONDS=0
ctest --test-dir "$build" -R '^tst_nccl_collective$' --output-on-failure -V >"$log_dir/ctest.log" 2>&1
ctest_status=$?
tests_s=$SECONDS
{
  # Qt Test's own lines: one per test function (and data row), PASS / FAIL / SKIP with the reason.
  grep -E '^[0-9]+: (PASS|FAIL!|SKIP|Totals|QINFO|QWARN)' "$log_dir/ctest.log" | sed 's/^[0-9]*: /   /'
  grep -E 'tests passed|Skipped|\*\*\*' "$log_dir/ctest.log" | tail -n 3 | sed 's/^/   /'
  echo "   tst_nccl_collective: ctest exit $ctest_status, ${tests_s} s"
} >>"$summary"
if [[ $ctest_status != 0 ]] || grep -qE '^[0-9]+: SKIP   : [A-Za-z]+::initTestCase' "$log_dir/ctest.log"; then
  echo "   FAILED or SKIPPED on a GPU machine: see $log_dir/ctest.log" >>"$summary"
  status=1
fi

SECONDS=0
"$build/engine/cli/archi" bench allreduce --backend nccl --sizes-mib 1 4 16 64 256 --runs 20 --warmup 5 \
  >"$log_dir/bench.log" 2>&1
bench_status=$?
{
  sed 's/^/   /' "$log_dir/bench.log"
  echo "   archi bench allreduce --backend nccl: exit $bench_status, ${SECONDS} s"
} >>"$summary"
[[ $bench_status == 0 ]] || status=1

echo "   logs: $log_dir" >>"$summary"
exit $status
