#include "model/cpu/CpuBackend.h"

#include <cblas.h>
#include <omp.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace archi::cpu {

namespace {
constexpr std::size_t kAlignment_bytes = 64;  // one cache line, and a full AVX-512 register
}

template <typename T>
CpuBackendT<T>::CpuBackendT(int threads)
    : threads_(threads > 0 ? (threads < 256 ? threads : 256) : omp_get_num_procs()), kernels_(bestKernels<T>()) {
  openblas_set_num_threads(1);
}

template <typename T>
std::string CpuBackendT<T>::name() const {
  return std::string("cpu (") + kernels_.isa + ", " + std::to_string(threads_) + " threads, OpenBLAS " +
         openblas_get_corename() + ")";
}

template <typename T>
DeviceBuffer CpuBackendT<T>::allocate(std::size_t bytes) {
  const std::size_t rounded = (bytes + kAlignment_bytes - 1) / kAlignment_bytes * kAlignment_bytes;
  void* data = std::aligned_alloc(kAlignment_bytes, rounded == 0 ? kAlignment_bytes : rounded);
  if (data == nullptr) throw std::bad_alloc();
  std::memset(data, 0, rounded == 0 ? kAlignment_bytes : rounded);
  return DeviceBuffer(this, data, bytes);
}

template <typename T>
void CpuBackendT<T>::releaseBytes(void* data, std::size_t) noexcept {
  std::free(data);
}

template <typename T>
void CpuBackendT<T>::upload(void* device, const void* host, std::size_t bytes) {
  std::memcpy(device, host, bytes);
}

template <typename T>
void CpuBackendT<T>::download(void* host, const void* device, std::size_t bytes) {
  std::memcpy(host, device, bytes);
}

template <typename T>
void CpuBackendT<T>::copy(T* dst, const T* src, std::size_t count) {
  kernels_.copy(threads_, dst, src, count);
}

template <typename T>
void CpuBackendT<T>::fill(T* dst, T value, std::size_t count) {
  kernels_.fill(threads_, dst, value, count);
}

template <typename T>
void CpuBackendT<T>::embeddingForward(T* out, const std::int32_t* tokens, const T* wte, const T* wpe, int B, int Tn,
                                      int C) {
  kernels_.embeddingForward(threads_, out, tokens, wte, wpe, B, Tn, C);
}

template <typename T>
void CpuBackendT<T>::embeddingBackward(T* dwte, T* dwpe, const T* dout, const std::int32_t* tokens, int B, int Tn,
                                       int C) {
  kernels_.embeddingBackward(threads_, dwte, dwpe, dout, tokens, B, Tn, C);
}

template <typename T>
void CpuBackendT<T>::layerNormForward(T* out, T* mean, T* rstd, const T* inp, const T* weight, const T* bias, int N,
                                      int C) {
  kernels_.layerNormForward(threads_, out, mean, rstd, inp, weight, bias, N, C);
}

template <typename T>
void CpuBackendT<T>::layerNormBackward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight,
                                       const T* mean, const T* rstd, int N, int C) {
  kernels_.layerNormBackward(threads_, dinp, dweight, dbias, dout, inp, weight, mean, rstd, N, C);
}

template <typename T>
void CpuBackendT<T>::matmulForward(T* out, const T* inp, const T* weight, const T* bias, int N, int C, int OC,
                                   bool accumulate) {
  kernels_.matmulForward(threads_, out, inp, weight, bias, N, C, OC, accumulate);
}

template <typename T>
void CpuBackendT<T>::matmulBackward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, int N,
                                    int C, int OC) {
  kernels_.matmulBackward(threads_, dinp, dweight, dbias, dout, inp, weight, N, C, OC);
}

template <typename T>
void CpuBackendT<T>::attentionForward(T* out, T* probs, const T* qkv, int B, int Tn, int C, int H) {
  kernels_.attentionForward(threads_, out, probs, qkv, B, Tn, C, H);
}

template <typename T>
void CpuBackendT<T>::attentionBackward(T* dqkv, T* dprobs, const T* dout, const T*, const T* qkv, const T* probs,
                                       int B, int Tn, int C, int H) {
  kernels_.attentionBackward(threads_, dqkv, dprobs, dout, qkv, probs, B, Tn, C, H);
}

template <typename T>
void CpuBackendT<T>::geluForward(T* out, const T* inp, std::size_t count) {
  kernels_.geluForward(threads_, out, inp, count);
}

template <typename T>
void CpuBackendT<T>::geluBackward(T* dinp, const T* inp, const T* dout, std::size_t count) {
  kernels_.geluBackward(threads_, dinp, inp, dout, count);
}

template <typename T>
void CpuBackendT<T>::crossEntropy(T* logits, T* rowLoss, const std::int32_t* targets, int N, int V, T gradScale) {
  kernels_.crossEntropy(threads_, logits, rowLoss, targets, N, V, gradScale);
}

template <typename T>
double CpuBackendT<T>::sum(const T* x, std::size_t count) {
  return kernels_.sum(threads_, x, count);
}

template <typename T>
double CpuBackendT<T>::sumOfSquares(const T* x, std::size_t count) {
  return kernels_.sumOfSquares(threads_, x, count);
}

template <typename T>
void CpuBackendT<T>::adamw(T* params, const T* grads, T* m, T* v, std::size_t count, const AdamWStep& step) {
  kernels_.adamw(threads_, params, grads, m, v, count, step);
}

template class CpuBackendT<float>;
template class CpuBackendT<double>;

}  // namespace archi::cpu
