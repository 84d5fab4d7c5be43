#pragma once
// The CUDA backend (docs/architecture.md#gpus): every op of model/Backend.h on one device and
// ONE stream. Matrix products go to cuBLASLt — in bf16 precision with bf16 inputs on tensor
// cores and fp32 accumulation, the fp32 operands converted on the fly — while parameters,
// gradients, optimizer state and activations stay fp32 (so checkpoints are the CPU backend's).
// Attention is a fused flash-style kernel; every reduction has a fixed order. Memory comes from
// a caching allocator; the host waits for the device only where an op returns a value
// (sum, sumOfSquares, download) or in synchronize().
//
// Built only into the CUDA plugin (libarchipelago-cuda.so); reach it through cuda::cudaPlugin().

#include <cuda_runtime.h>

#include <memory>
#include <string>

#include "cuda/CudaPlugin.h"
#include "model/Backend.h"
#include "model/cuda/CudaAllocator.h"
#include "model/cuda/CudaMatmul.h"

namespace archi::cuda {

class CudaBackend final : public BackendT<float> {
 public:
  // Throws std::runtime_error naming the device when it does not exist or cannot be used.
  explicit CudaBackend(const BackendOptions& options);
  ~CudaBackend() override;

  std::string name() const override;
  int threads() const override { return 1; }
  std::size_t peakMemoryBytes() const { return allocator_->peakHeldBytes(); }

  DeviceBuffer allocate(std::size_t bytes) override;
  void releaseBytes(void* data, std::size_t bytes) noexcept override;
  void upload(void* device, const void* host, std::size_t bytes) override;
  void download(void* host, const void* device, std::size_t bytes) override;
  void copy(float* dst, const float* src, std::size_t count) override;
  void fill(float* dst, float value, std::size_t count) override;
  void synchronize() override;

  void embeddingForward(float* out, const std::int32_t* tokens, const float* wte, const float* wpe, int B, int Tn,
                        int C) override;
  void embeddingBackward(float* dwte, float* dwpe, const float* dout, const std::int32_t* tokens, int B, int Tn,
                         int C) override;
  void layerNormForward(float* out, float* mean, float* rstd, const float* inp, const float* weight, const float* bias,
                        int N, int C) override;
  void layerNormBackward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp,
                         const float* weight, const float* mean, const float* rstd, int N, int C) override;
  void matmulForward(float* out, const float* inp, const float* weight, const float* bias, int N, int C, int OC,
                     bool accumulate) override;
  void matmulGeluForward(float* pre, float* out, const float* inp, const float* weight, const float* bias, int N,
                         int C, int OC) override;
  void matmulBackward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp,
                      const float* weight, int N, int C, int OC) override;
  void attentionForward(float* out, float* probs, const float* qkv, int B, int Tn, int C, int H) override;
  void attentionBackward(float* dqkv, float* dprobs, const float* dout, const float* out, const float* qkv,
                         const float* probs, int B, int Tn, int C, int H) override;
  std::size_t attentionStateCount(int B, int Tn, int H) const override;
  std::size_t attentionScratchCount(int B, int Tn, int H) const override;
  void geluForward(float* out, const float* inp, std::size_t count) override;
  void geluBackward(float* dinp, const float* inp, const float* dout, std::size_t count) override;
  void crossEntropy(float* logits, float* rowLoss, const std::int32_t* targets, int N, int V,
                    float gradScale) override;
  double sum(const float* x, std::size_t count) override;
  double sumOfSquares(const float* x, std::size_t count) override;
  void adamw(float* params, const float* grads, float* m, float* v, std::size_t count, const AdamWStep& step) override;
  void checkFits(std::int64_t bytesNeeded, const std::string& what) override;

 private:
  // Makes this backend's device current for the calling thread: a worker may build the backend
  // on one thread and train on another, and a kernel launched with another device current fails.
  void bind() const;
  // Scratch from the caching allocator for the length of one op (stream order makes reuse safe).
  DeviceBuffer scratch(std::size_t bytes) { return allocate(bytes); }
  // The operand as the GEMM reads it: itself in fp32 mode, a bf16 copy (in `holder`) otherwise.
  const void* gemmOperand(const float* x, std::size_t count, DeviceBuffer& holder);
  // Runs a product through cuBLASLt with A, B and D moved to 16-byte aligned scratch when they
  // are not (tensors inside the flat parameter buffer may sit at any float offset); false as
  // CudaMatmul::run when the epilogue cannot be fused.
  bool gemm(GemmCall call);
  double reduce(const float* x, std::size_t count, bool squares);
  // out = inp · weightᵀ (+ bias) with beta 0 or 1, and optionally a fused GELU into `geluOut`.
  void linear(float* out, const float* inp, const float* weight, const float* bias, int N, int C, int OC, float beta,
              float* geluOut);

  int device_;
  Precision precision_;
  std::string deviceName_;
  cudaStream_t stream_ = nullptr;
  std::unique_ptr<CudaAllocator> allocator_;
  DeviceBuffer gemmWorkspace_;
  DeviceBuffer reduction_;     // kReductionBlocks partial sums + the result, doubles
  double* hostResult_ = nullptr;  // pinned: the one value a reduction brings back
  std::unique_ptr<CudaMatmul> matmul_;
};

// What the plugin reports about the GPUs it sees.
std::vector<DeviceInfo> listDevices();

}  // namespace archi::cuda
