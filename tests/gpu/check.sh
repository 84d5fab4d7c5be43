#!/usr/bin/env bash
# The GPU check of issue 14 (docs/architecture.md#gpus): ONE script for a machine with an NVIDIA
# GPU and the CUDA toolkit under /usr/local/cuda. It configures with -DARCHIPELAGO_CUDA=ON (no
# console: -DARCHIPELAGO_GUI=OFF), builds only what the checks need, runs the tests labelled
# `gpu` and the GPU benchmarks, and writes a summary. Meant to finish in under 8 minutes on one
# H200-class GPU.
#
#   tests/gpu/check.sh [BUILD_DIR]        (default build/gpu-check; summary in BUILD_DIR/gpu-summary.txt)
#
# Sections: each helper owns its own and appends it below; a failing section is recorded and the
# next one still runs; the exit status is non-zero when any section failed.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${1:-$ROOT/build/gpu-check}"
SUMMARY="$BUILD/gpu-summary.txt"
JOBS="$(nproc)"
mkdir -p "$BUILD"
: > "$SUMMARY"
FAILED=()
START_S=$SECONDS

say() { echo "$*" | tee -a "$SUMMARY"; }
section() { say ""; say "== $* ($(( SECONDS - START_S )) s)"; }
fail() { FAILED+=("$1"); say "FAILED: $1"; }

# ---------------------------------------------------------------- machine
section "machine"
say "$(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! nvidia-smi -L >>"$SUMMARY" 2>&1; then fail "nvidia-smi (no NVIDIA driver or GPU)"; fi
nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv >>"$SUMMARY" 2>&1 || true
/usr/local/cuda/bin/nvcc --version | tail -1 >>"$SUMMARY" 2>&1 || fail "nvcc not found under /usr/local/cuda"

# ---------------------------------------------------------------- build (cuda-backend)
section "build"
export CCACHE_BASEDIR="$ROOT"
LAUNCHER=()
if command -v ccache >/dev/null; then
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CUDA_COMPILER_LAUNCHER=ccache)
fi
if cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHIPELAGO_GUI=OFF -DARCHIPELAGO_TESTS=ON \
     -DARCHIPELAGO_CUDA=ON "${LAUNCHER[@]}" >"$BUILD/configure.log" 2>&1; then
  grep -E "Archipelago: CUDA" "$BUILD/configure.log" | tee -a "$SUMMARY"
else
  tail -30 "$BUILD/configure.log"; fail "configure"
fi
# Only the targets the checks need (helpers add theirs to GPU_TARGETS).
GPU_TARGETS=(archi archipelago_cuda tst_cudaops tst_cudatraining tst_backendfactory tst_nccl_collective tst_gpu_worker)
GPU_TARGETS+=(${EXTRA_GPU_TARGETS:-})
if cmake --build "$BUILD" --parallel "$JOBS" --target "${GPU_TARGETS[@]}" >"$BUILD/build.log" 2>&1; then
  grep -E "archipelago-cuda|\.cu\.o" "$BUILD/build.log" | head -8 | tee -a "$SUMMARY"
  say "plugin: $(ls -l "$BUILD"/engine/cuda/libarchipelago-cuda.so 2>/dev/null | awk '{print $5, $9}')"
  say "nvcc code generation: $(grep -o -- '--generate-code=arch=compute_[0-9]*,code=\[[a-z_0-9,]*\]' "$BUILD/build.ninja" | sort -u | tr '\n' ' ')"
else
  tail -40 "$BUILD/build.log"; fail "build"
fi

# ---------------------------------------------------------------- tests (cuda-backend: ops, step, training, checkpoints)
section "gpu tests"
for t in tst_cudaops tst_cudatraining; do
  if (cd "$BUILD" && ctest -R "^$t\$" --output-on-failure --timeout 400) >"$BUILD/$t.log" 2>&1 \
     && ! grep -q "Skipped" "$BUILD/$t.log"; then
    say "PASS $t ($(grep -Eo 'Totals: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$BUILD/Testing/Temporary/LastTest.log" | tail -1))"
  else
    grep -E "FAIL!|SKIPPED|Loc:|Skipped" "$BUILD/$t.log" "$BUILD/Testing/Temporary/LastTest.log" | head -40 | tee -a "$SUMMARY"
    fail "$t"
  fi
  grep -E "200 steps on fortunes" "$BUILD/Testing/Temporary/LastTest.log" | tee -a "$SUMMARY" || true
done

# ---------------------------------------------------------------- benchmark: training (cuda-backend)
section "bench train --backend cuda (GPT-2 124M shape, byte vocabulary)"
for precision in bf16 fp32; do
  if "$BUILD/engine/cli/archi" bench train --backend cuda --precision "$precision" --steps 20 --warmup 3 \
       >"$BUILD/bench-train-$precision.log" 2>&1; then
    say "precision $precision:"
    grep -E "^model|^device|^peak|^median|RESULT" "$BUILD/bench-train-$precision.log" | tee -a "$SUMMARY"
  else
    tail -20 "$BUILD/bench-train-$precision.log" | tee -a "$SUMMARY"; fail "bench train $precision"
  fi
done

# ---------------------------------------------------------------- NCCL (tests/gpu/check-nccl.sh: collective tests, bus bandwidth)
section "nccl"
"$ROOT/tests/gpu/check-nccl.sh" "$BUILD" "$SUMMARY" || fail "nccl"

# ---------------------------------------------------------------- summary
section "done"
if [ ${#FAILED[@]} -eq 0 ]; then say "ALL GPU CHECKS PASSED"; else say "FAILED SECTIONS: ${FAILED[*]}"; fi
say "summary: $SUMMARY"
[ ${#FAILED[@]} -eq 0 ]
