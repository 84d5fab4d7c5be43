#include "model/cuda/CudaBackend.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "model/cuda/CudaCheck.h"
#include "model/cuda/CudaKernels.h"

namespace archi::cuda {

namespace {

constexpr std::size_t kGemmWorkspace_bytes = 32u << 20;  // cuBLASLt's recommendation for Hopper

std::string gibText(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return text;
}

std::string uuidText(const cudaUUID_t& uuid) {
  // nvidia-smi's spelling: GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
  std::string text = "GPU-";
  for (int i = 0; i < 16; ++i) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(uuid.bytes[i]));
    text += hex;
    if (i == 3 || i == 5 || i == 7 || i == 9) text += '-';
  }
  return text;
}

// cudaGetDeviceCount's answer; a machine without the NVIDIA driver is told so in those words.
cudaError_t deviceCount(int& count) {
  const cudaError_t error = cudaGetDeviceCount(&count);
  if (error == cudaErrorInsufficientDriver)
    throw std::runtime_error(std::string("no usable NVIDIA driver on this machine (cudaGetDeviceCount: ") +
                             cudaGetErrorString(error) + "); install the NVIDIA driver that CUDA 13 needs");
  return error;
}

int checkedDevice(int device) {
  int count = 0;
  const cudaError_t error = deviceCount(count);
  if (error == cudaErrorNoDevice || (error == cudaSuccess && count == 0))
    throw std::runtime_error("no CUDA device on this machine (asked for device " + std::to_string(device) + ")");
  if (error != cudaSuccess) throwCudaError(error, "cudaGetDeviceCount", __FILE__, __LINE__);
  if (device < 0 || device >= count)
    throw std::runtime_error("CUDA device " + std::to_string(device) + " does not exist (this machine has " +
                             std::to_string(count) + ")");
  return device;
}

}  // namespace

std::vector<DeviceInfo> listDevices() {
  int count = 0;
  const cudaError_t error = deviceCount(count);
  if (error == cudaErrorNoDevice) return {};
  if (error != cudaSuccess) throwCudaError(error, "cudaGetDeviceCount", __FILE__, __LINE__);
  int previous = 0;
  ARCHI_CUDA_CHECK(cudaGetDevice(&previous));
  std::vector<DeviceInfo> devices;
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp props{};
    ARCHI_CUDA_CHECK(cudaGetDeviceProperties(&props, i));
    DeviceInfo info;
    info.index = i;
    info.uuid = uuidText(props.uuid);
    info.name = props.name;
    info.computeCapabilityMajor = props.major;
    info.computeCapabilityMinor = props.minor;
    ARCHI_CUDA_CHECK(cudaSetDevice(i));
    ARCHI_CUDA_CHECK(cudaMemGetInfo(&info.freeMemoryBytes, &info.totalMemoryBytes));
    devices.push_back(std::move(info));
  }
  ARCHI_CUDA_CHECK(cudaSetDevice(previous));
  return devices;
}

CudaBackend::CudaBackend(const BackendOptions& options)
    : device_(checkedDevice(options.device)), precision_(options.precision) {
  ARCHI_CUDA_CHECK(cudaSetDevice(device_));
  cudaDeviceProp props{};
  ARCHI_CUDA_CHECK(cudaGetDeviceProperties(&props, device_));
  deviceName_ = props.name;
  if (props.major < 8)
    throw std::runtime_error("CUDA device " + std::to_string(device_) + " (" + deviceName_ + ") has compute capability " +
                             std::to_string(props.major) + "." + std::to_string(props.minor) +
                             "; the CUDA backend is built for 8.0 (A100) and 9.0 (H100/H200) and needs bf16");
  ARCHI_CUDA_CHECK(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking));
  allocator_ = std::make_unique<CudaAllocator>(device_, "CUDA device " + std::to_string(device_) + " (" + deviceName_ + ")");
  gemmWorkspace_ = allocate(kGemmWorkspace_bytes);
  reduction_ = allocate(sizeof(double) * (kernels::kReductionBlocks + 1));
  ARCHI_CUDA_CHECK(cudaMallocHost(&hostResult_, sizeof(double)));
  matmul_ = std::make_unique<CudaMatmul>(stream_, gemmWorkspace_.as<void>(), kGemmWorkspace_bytes);
}

CudaBackend::~CudaBackend() {
  // Queued work may still use our buffers: finish it before they go back.
  if (stream_ != nullptr) (void)cudaStreamSynchronize(stream_);
  matmul_.reset();
  gemmWorkspace_ = DeviceBuffer();
  reduction_ = DeviceBuffer();
  if (hostResult_ != nullptr) (void)cudaFreeHost(hostResult_);
  allocator_.reset();
  if (stream_ != nullptr) (void)cudaStreamDestroy(stream_);
}

std::string CudaBackend::name() const {
  return "cuda (" + deviceName_ + ", device " + std::to_string(device_) + ", " +
         (precision_ == Precision::Bf16 ? "bf16 matmuls, fp32 master weights" : "fp32") + ")";
}

void CudaBackend::bind() const { ARCHI_CUDA_CHECK(cudaSetDevice(device_)); }

DeviceBuffer CudaBackend::allocate(std::size_t bytes) { return DeviceBuffer(this, allocator_->allocate(bytes), bytes); }

void CudaBackend::releaseBytes(void* data, std::size_t bytes) noexcept { allocator_->release(data, bytes); }

void CudaBackend::upload(void* device, const void* host, std::size_t bytes) {
  bind();
  // From pageable memory the runtime stages the bytes before returning, so `host` may change after.
  ARCHI_CUDA_CHECK(cudaMemcpyAsync(device, host, bytes, cudaMemcpyHostToDevice, stream_));
}

void CudaBackend::download(void* host, const void* device, std::size_t bytes) {
  bind();
  ARCHI_CUDA_CHECK(cudaMemcpyAsync(host, device, bytes, cudaMemcpyDeviceToHost, stream_));
  ARCHI_CUDA_CHECK(cudaStreamSynchronize(stream_));
}

void CudaBackend::copy(float* dst, const float* src, std::size_t count) {
  bind();
  ARCHI_CUDA_CHECK(cudaMemcpyAsync(dst, src, count * sizeof(float), cudaMemcpyDeviceToDevice, stream_));
}

void CudaBackend::fill(float* dst, float value, std::size_t count) {
  bind();
  if (value == 0.0f && !std::signbit(value)) {
    ARCHI_CUDA_CHECK(cudaMemsetAsync(dst, 0, count * sizeof(float), stream_));
  } else {
    kernels::fill(stream_, dst, value, count);
  }
}

void CudaBackend::synchronize() { ARCHI_CUDA_CHECK(cudaStreamSynchronize(stream_)); }

void CudaBackend::embeddingForward(float* out, const std::int32_t* tokens, const float* wte, const float* wpe, int B,
                                   int Tn, int C) {
  bind();
  kernels::embeddingForward(stream_, out, tokens, wte, wpe, B, Tn, C);
}

void CudaBackend::embeddingBackward(float* dwte, float* dwpe, const float* dout, const std::int32_t* tokens, int B,
                                    int Tn, int C) {
  bind();
  kernels::embeddingBackward(stream_, dwte, dwpe, dout, tokens, B, Tn, C);
}

void CudaBackend::layerNormForward(float* out, float* mean, float* rstd, const float* inp, const float* weight,
                                   const float* bias, int N, int C) {
  bind();
  kernels::layerNormForward(stream_, out, mean, rstd, inp, weight, bias, N, C);
}

void CudaBackend::layerNormBackward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp,
                                    const float* weight, const float* mean, const float* rstd, int N, int C) {
  bind();
  kernels::layerNormBackward(stream_, dinp, dweight, dbias, dout, inp, weight, mean, rstd, N, C);
}

const void* CudaBackend::gemmOperand(const float* x, std::size_t count, DeviceBuffer& holder) {
  if (precision_ == Precision::Fp32) return x;
  holder = scratch(count * sizeof(__nv_bfloat16));
  kernels::toBf16(stream_, holder.as<__nv_bfloat16>(), x, count);
  return holder.as<void>();
}

bool CudaBackend::gemm(GemmCall call) {
  constexpr std::uintptr_t kAlign = 16;
  auto aligned = [](const void* p) { return reinterpret_cast<std::uintptr_t>(p) % kAlign == 0; };
  const std::size_t element = call.bf16 ? sizeof(__nv_bfloat16) : sizeof(float);
  DeviceBuffer a, b, d;
  auto moved = [&](const void* p, std::size_t bytes, DeviceBuffer& holder) {
    holder = scratch(bytes);
    ARCHI_CUDA_CHECK(cudaMemcpyAsync(holder.as<void>(), p, bytes, cudaMemcpyDeviceToDevice, stream_));
    return holder.as<void>();
  };
  if (!aligned(call.A))
    call.A = moved(call.A, element * static_cast<std::size_t>(call.lda) * (call.transA ? call.m : call.k), a);
  if (!aligned(call.B))
    call.B = moved(call.B, element * static_cast<std::size_t>(call.ldb) * (call.transB ? call.k : call.n), b);
  float* target = call.D;
  const std::size_t dBytes = sizeof(float) * static_cast<std::size_t>(call.ldd) * call.n;
  if (!aligned(target)) call.D = static_cast<float*>(moved(target, dBytes, d));  // beta may read it
  if (!matmul_->run(call)) return false;
  if (call.D != target) ARCHI_CUDA_CHECK(cudaMemcpyAsync(target, call.D, dBytes, cudaMemcpyDeviceToDevice, stream_));
  return true;
}

void CudaBackend::linear(float* out, const float* inp, const float* weight, const float* bias, int N, int C, int OC,
                         float beta, float* geluOut) {
  DeviceBuffer inpHolder, weightHolder;
  GemmCall call;
  call.transA = true;  // weight [OC, C] row-major is C×OC column-major: op(A) = Wᵀ… in cuBLAS's view, W
  call.m = OC;
  call.n = N;
  call.k = C;
  call.A = gemmOperand(weight, static_cast<std::size_t>(OC) * C, weightHolder);
  call.lda = C;
  call.B = gemmOperand(inp, static_cast<std::size_t>(N) * C, inpHolder);
  call.ldb = C;
  call.ldd = OC;
  call.beta = beta;
  call.bias = bias;
  call.bf16 = precision_ == Precision::Bf16;
  // The GELU epilogue only in bf16: fp32 is the parity mode, where the GELU must be the very
  // formula of the CPU backend (cuBLASLt's may be computed differently).
  const bool fuseGelu = geluOut != nullptr && precision_ == Precision::Bf16;
  call.D = fuseGelu ? geluOut : out;
  call.geluPre = fuseGelu ? out : nullptr;
  if (gemm(call)) {
    if (geluOut != nullptr && !fuseGelu) kernels::geluForward(stream_, geluOut, out, static_cast<std::size_t>(N) * OC);
    return;
  }
  // No fused epilogue for this shape or alignment: the plain product, then bias and GELU.
  call.D = out;
  call.bias = nullptr;
  call.geluPre = nullptr;
  gemm(call);
  if (bias != nullptr) kernels::addBias(stream_, out, bias, N, OC);
  if (geluOut != nullptr) kernels::geluForward(stream_, geluOut, out, static_cast<std::size_t>(N) * OC);
}

void CudaBackend::matmulForward(float* out, const float* inp, const float* weight, const float* bias, int N, int C,
                                int OC, bool accumulate) {
  bind();
  linear(out, inp, weight, bias, N, C, OC, accumulate ? 1.0f : 0.0f, nullptr);
}

void CudaBackend::matmulGeluForward(float* pre, float* out, const float* inp, const float* weight, const float* bias,
                                    int N, int C, int OC) {
  bind();
  linear(pre, inp, weight, bias, N, C, OC, 0.0f, out);
}

void CudaBackend::matmulBackward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp,
                                 const float* weight, int N, int C, int OC) {
  bind();
  DeviceBuffer doutHolder, inpHolder, weightHolder;
  const void* doutOperand = gemmOperand(dout, static_cast<std::size_t>(N) * OC, doutHolder);
  const bool bf16 = precision_ == Precision::Bf16;
  // dinp [N, C] = dout [N, OC] · W [OC, C]: column-major C×N = (C×OC) · (OC×N).
  GemmCall input;
  input.m = C;
  input.n = N;
  input.k = OC;
  input.A = gemmOperand(weight, static_cast<std::size_t>(OC) * C, weightHolder);
  input.lda = C;
  input.B = doutOperand;
  input.ldb = OC;
  input.D = dinp;
  input.ldd = C;
  input.bf16 = bf16;
  gemm(input);
  // dweight [OC, C] += doutᵀ · inp: column-major C×OC = (C×N) · (N×OC).
  GemmCall weightGrad;
  weightGrad.transB = true;
  weightGrad.m = C;
  weightGrad.n = OC;
  weightGrad.k = N;
  weightGrad.A = gemmOperand(inp, static_cast<std::size_t>(N) * C, inpHolder);
  weightGrad.lda = C;
  weightGrad.B = doutOperand;
  weightGrad.ldb = OC;
  weightGrad.D = dweight;
  weightGrad.ldd = C;
  weightGrad.beta = 1.0f;
  weightGrad.bf16 = bf16;
  gemm(weightGrad);
  if (dbias != nullptr) kernels::biasBackward(stream_, dbias, dout, N, OC);
}

std::size_t CudaBackend::attentionStateCount(int B, int Tn, int H) const {
  return static_cast<std::size_t>(B) * H * Tn;  // log-sum-exp per query row
}

std::size_t CudaBackend::attentionScratchCount(int B, int Tn, int H) const {
  return static_cast<std::size_t>(B) * H * Tn;  // dout·out per query row
}

void CudaBackend::attentionForward(float* out, float* probs, const float* qkv, int B, int Tn, int C, int H) {
  bind();
  kernels::attentionForward(stream_, out, probs, qkv, B, Tn, C, H);
}

void CudaBackend::attentionBackward(float* dqkv, float* dprobs, const float* dout, const float* out, const float* qkv,
                                    const float* probs, int B, int Tn, int C, int H) {
  bind();
  kernels::attentionBackward(stream_, dqkv, dprobs, dout, out, qkv, probs, B, Tn, C, H);
}

void CudaBackend::geluForward(float* out, const float* inp, std::size_t count) {
  bind();
  kernels::geluForward(stream_, out, inp, count);
}

void CudaBackend::geluBackward(float* dinp, const float* inp, const float* dout, std::size_t count) {
  bind();
  kernels::geluBackward(stream_, dinp, inp, dout, count);
}

void CudaBackend::crossEntropy(float* logits, float* rowLoss, const std::int32_t* targets, int N, int V,
                               float gradScale) {
  bind();
  kernels::crossEntropy(stream_, logits, rowLoss, targets, N, V, gradScale);
}

double CudaBackend::reduce(const float* x, std::size_t count, bool squares) {
  bind();
  double* partials = reduction_.as<double>();
  double* result = partials + kernels::kReductionBlocks;
  kernels::sum(stream_, result, x, count, squares, partials);
  ARCHI_CUDA_CHECK(cudaMemcpyAsync(hostResult_, result, sizeof(double), cudaMemcpyDeviceToHost, stream_));
  ARCHI_CUDA_CHECK(cudaStreamSynchronize(stream_));  // the interface returns the value: the one wait of a step
  return *hostResult_;
}

double CudaBackend::sum(const float* x, std::size_t count) { return reduce(x, count, false); }

double CudaBackend::sumOfSquares(const float* x, std::size_t count) { return reduce(x, count, true); }

void CudaBackend::adamw(float* params, const float* grads, float* m, float* v, std::size_t count,
                        const AdamWStep& step) {
  bind();
  // Bias corrections in double on the host, as the CPU backend computes them.
  const double t = static_cast<double>(step.step);
  const float c1 = static_cast<float>(1.0 / (1.0 - std::pow(step.beta1, t)));
  const float c2 = static_cast<float>(1.0 / (1.0 - std::pow(step.beta2, t)));
  kernels::adamw(stream_, params, grads, m, v, count, static_cast<float>(step.learningRate),
                 static_cast<float>(step.beta1), static_cast<float>(step.beta2), static_cast<float>(step.epsilon),
                 static_cast<float>(step.weightDecay), static_cast<float>(step.gradScale), c1, c2);
}

void CudaBackend::checkFits(std::int64_t bytesNeeded, const std::string& what) {
  std::size_t free = 0, total = 0;
  ARCHI_CUDA_CHECK(cudaSetDevice(device_));
  ARCHI_CUDA_CHECK(cudaMemGetInfo(&free, &total));
  if (bytesNeeded > 0 && static_cast<std::size_t>(bytesNeeded) > free)
    throw std::runtime_error("out of memory on CUDA device " + std::to_string(device_) + " (" + deviceName_ + "): " +
                             what + " needs " + gibText(static_cast<double>(bytesNeeded)) +
                             " by the planner's memory model (core/ModelMemory), but only " +
                             gibText(static_cast<double>(free)) + " of " + gibText(static_cast<double>(total)) +
                             " are free; use fewer sequences per step or a smaller model");
}

}  // namespace archi::cuda
