// The CPU kernels compiled with AVX2+FMA (see CMakeLists.txt); selected at run time only on
// CPUs that have them.

#include <cblas.h>
#include <omp.h>

#include "model/cpu/CpuKernels.h"

namespace archi::cpu {
namespace {
#include "model/cpu/CpuKernelsImpl.inc"
}  // namespace

CpuKernels<float> avx2Kernels() { return makeKernels<float>("avx2+fma"); }

}  // namespace archi::cpu
