#pragma once
// Matrix products through cuBLASLt, with the bias (and GELU) fused into the epilogue.
// Column-major, as cuBLAS sees our row-major matrices: D[m, n] = op(A) · op(B) + beta·D + bias[m].
// The algorithm for each shape and pointer alignment is chosen once by cuBLASLt's heuristic
// and cached.

#include <cublasLt.h>
#include <cuda_runtime.h>

#include <cstdint>
#include <map>
#include <tuple>

namespace archi::cuda {

struct GemmCall {
  bool transA = false, transB = false;
  int m = 0, n = 0, k = 0;
  const void* A = nullptr;
  int lda = 0;
  const void* B = nullptr;
  int ldb = 0;
  float* D = nullptr;       // fp32 output, also the beta input
  int ldd = 0;
  float beta = 0;
  const float* bias = nullptr;  // [m], may be null
  float* geluPre = nullptr;     // non-null: D = gelu(AB + bias), geluPre = AB + bias (ld = ldd)
  bool bf16 = false;            // A and B are bf16 (tensor cores, fp32 accumulate); else fp32 throughout
};

class CudaMatmul {
 public:
  CudaMatmul(cudaStream_t stream, void* workspace, std::size_t workspaceBytes);
  ~CudaMatmul();
  CudaMatmul(const CudaMatmul&) = delete;
  CudaMatmul& operator=(const CudaMatmul&) = delete;

  // Queues the product; false (nothing queued) when cuBLASLt has no algorithm for this
  // epilogue, so the caller can do the epilogue itself. Throws on any cuBLAS error.
  bool run(const GemmCall& call);

 private:
  using Key = std::tuple<bool, bool, int, int, int, int, int, int, bool, int, unsigned, unsigned, unsigned, unsigned>;
  struct Choice {
    bool found = false;
    cublasLtMatmulAlgo_t algo{};
  };

  cudaStream_t stream_;
  void* workspace_;
  std::size_t workspaceBytes_;
  cublasLtHandle_t handle_ = nullptr;
  std::map<Key, Choice> chosen_;
};

}  // namespace archi::cuda
