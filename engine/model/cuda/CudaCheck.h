#pragma once
// One error check per CUDA library (STYLE.md#errors): every runtime and cuBLAS call goes through
// these macros, which turn a failure into a std::runtime_error naming the call, file:line and
// the device, so an error in a worker's log says where it happened and on which GPU.

#include <cublasLt.h>
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

namespace archi::cuda {

// "CUDA device 0" — the current device, read back only on the error path.
inline std::string currentDeviceLabel() {
  int device = -1;
  if (cudaGetDevice(&device) != cudaSuccess) return "an unknown CUDA device";
  return "CUDA device " + std::to_string(device);
}

[[noreturn]] inline void throwCudaError(cudaError_t error, const char* call, const char* file, int line) {
  throw std::runtime_error(std::string(call) + " failed at " + file + ":" + std::to_string(line) + " on " +
                           currentDeviceLabel() + ": " + cudaGetErrorName(error) + " (" + cudaGetErrorString(error) +
                           ")");
}

[[noreturn]] inline void throwCublasError(cublasStatus_t status, const char* call, const char* file, int line) {
  throw std::runtime_error(std::string(call) + " failed at " + file + ":" + std::to_string(line) + " on " +
                           currentDeviceLabel() + ": cuBLAS status " + std::to_string(static_cast<int>(status)) +
                           " (" + cublasLtGetStatusString(status) + ")");
}

}  // namespace archi::cuda

#define ARCHI_CUDA_CHECK(call)                                                              \
  do {                                                                                      \
    const cudaError_t archiCudaError_ = (call);                                             \
    if (archiCudaError_ != cudaSuccess)                                                     \
      ::archi::cuda::throwCudaError(archiCudaError_, #call, __FILE__, __LINE__);            \
  } while (false)

#define ARCHI_CUBLAS_CHECK(call)                                                            \
  do {                                                                                      \
    const cublasStatus_t archiCublasStatus_ = (call);                                       \
    if (archiCublasStatus_ != CUBLAS_STATUS_SUCCESS)                                        \
      ::archi::cuda::throwCublasError(archiCublasStatus_, #call, __FILE__, __LINE__);       \
  } while (false)

// After a kernel launch: launch-configuration errors surface here, at the launching line.
#define ARCHI_CUDA_CHECK_LAUNCH() ARCHI_CUDA_CHECK(cudaGetLastError())
