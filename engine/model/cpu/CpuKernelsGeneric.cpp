// The CPU kernels compiled for the baseline x86-64 instruction set (float and double).

#include <cblas.h>
#include <omp.h>

#include "model/cpu/CpuKernels.h"

namespace archi::cpu {
namespace {
#include "model/cpu/CpuKernelsImpl.inc"
}  // namespace

template <>
CpuKernels<float> genericKernels<float>() {
  return makeKernels<float>("generic");
}
template <>
CpuKernels<double> genericKernels<double>() {
  return makeKernels<double>("generic");
}

bool cpuSupportsAvx2Fma() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

template <>
CpuKernels<float> bestKernels<float>() {
  return cpuSupportsAvx2Fma() ? avx2Kernels() : genericKernels<float>();
}
template <>
CpuKernels<double> bestKernels<double>() {
  return genericKernels<double>();
}

}  // namespace archi::cpu
