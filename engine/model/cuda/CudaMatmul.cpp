#include "model/cuda/CudaMatmul.h"

#include <memory>

#include "model/cuda/CudaCheck.h"

namespace archi::cuda {

namespace {

// The largest power of two (≤ 256) dividing the address: cuBLASLt's heuristic assumes 256-byte
// alignment unless told, and our pointers point into flat parameter buffers at any float offset.
unsigned alignmentOf(const void* p) {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  unsigned alignment = 256;
  while (alignment > 1 && address % alignment != 0) alignment /= 2;
  return alignment;
}

// RAII owners of the cuBLASLt descriptors, so an exception in the middle leaks nothing.
struct DescDeleter {
  void operator()(cublasLtMatmulDescOpaque_t* d) const { cublasLtMatmulDescDestroy(d); }
  void operator()(cublasLtMatrixLayoutOpaque_t* l) const { cublasLtMatrixLayoutDestroy(l); }
  void operator()(cublasLtMatmulPreferenceOpaque_t* p) const { cublasLtMatmulPreferenceDestroy(p); }
};
using MatmulDesc = std::unique_ptr<cublasLtMatmulDescOpaque_t, DescDeleter>;
using Layout = std::unique_ptr<cublasLtMatrixLayoutOpaque_t, DescDeleter>;
using Preference = std::unique_ptr<cublasLtMatmulPreferenceOpaque_t, DescDeleter>;

Layout makeLayout(cudaDataType_t type, int rows, int cols, int ld) {
  cublasLtMatrixLayout_t layout = nullptr;
  ARCHI_CUBLAS_CHECK(cublasLtMatrixLayoutCreate(&layout, type, static_cast<std::uint64_t>(rows),
                                                static_cast<std::uint64_t>(cols), ld));
  return Layout(layout);
}

}  // namespace

CudaMatmul::CudaMatmul(cudaStream_t stream, void* workspace, std::size_t workspaceBytes)
    : stream_(stream), workspace_(workspace), workspaceBytes_(workspaceBytes) {
  ARCHI_CUBLAS_CHECK(cublasLtCreate(&handle_));
}

CudaMatmul::~CudaMatmul() {
  if (handle_ != nullptr) cublasLtDestroy(handle_);
}

bool CudaMatmul::run(const GemmCall& c) {
  const cudaDataType_t inputType = c.bf16 ? CUDA_R_16BF : CUDA_R_32F;
  // fp32 mode is fp32 arithmetic throughout (no TF32), so that parity tests compare like with like.
  cublasLtMatmulDesc_t rawDesc = nullptr;
  ARCHI_CUBLAS_CHECK(cublasLtMatmulDescCreate(&rawDesc, CUBLAS_COMPUTE_32F, CUDA_R_32F));
  MatmulDesc desc(rawDesc);
  const cublasOperation_t opA = c.transA ? CUBLAS_OP_T : CUBLAS_OP_N;
  const cublasOperation_t opB = c.transB ? CUBLAS_OP_T : CUBLAS_OP_N;
  ARCHI_CUBLAS_CHECK(cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_TRANSA, &opA, sizeof opA));
  ARCHI_CUBLAS_CHECK(cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_TRANSB, &opB, sizeof opB));
  cublasLtEpilogue_t epilogue = CUBLASLT_EPILOGUE_DEFAULT;
  if (c.geluPre != nullptr) epilogue = c.bias != nullptr ? CUBLASLT_EPILOGUE_GELU_AUX_BIAS : CUBLASLT_EPILOGUE_GELU_AUX;
  else if (c.bias != nullptr) epilogue = CUBLASLT_EPILOGUE_BIAS;
  ARCHI_CUBLAS_CHECK(
      cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_EPILOGUE, &epilogue, sizeof epilogue));
  if (c.bias != nullptr) {
    ARCHI_CUBLAS_CHECK(
        cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_BIAS_POINTER, &c.bias, sizeof c.bias));
    const cudaDataType_t biasType = CUDA_R_32F;
    ARCHI_CUBLAS_CHECK(
        cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE, &biasType, sizeof biasType));
  }
  if (c.geluPre != nullptr) {
    const std::int64_t auxLd = c.ldd;
    ARCHI_CUBLAS_CHECK(cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER,
                                                      &c.geluPre, sizeof c.geluPre));
    ARCHI_CUBLAS_CHECK(
        cublasLtMatmulDescSetAttribute(desc.get(), CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, &auxLd, sizeof auxLd));
  }
  const Layout a = makeLayout(inputType, c.transA ? c.k : c.m, c.transA ? c.m : c.k, c.lda);
  const Layout b = makeLayout(inputType, c.transB ? c.n : c.k, c.transB ? c.k : c.n, c.ldb);
  const Layout d = makeLayout(CUDA_R_32F, c.m, c.n, c.ldd);

  const unsigned alignA = alignmentOf(c.A), alignB = alignmentOf(c.B), alignD = alignmentOf(c.D);
  const unsigned alignExtra = alignmentOf(c.geluPre != nullptr ? static_cast<const void*>(c.geluPre) : c.bias);
  const Key key{c.transA, c.transB, c.m, c.n, c.k, c.lda, c.ldb, c.ldd, c.bf16, static_cast<int>(epilogue),
                alignA,   alignB,   alignD, alignExtra};
  auto it = chosen_.find(key);
  if (it == chosen_.end()) {
    cublasLtMatmulPreference_t rawPreference = nullptr;
    ARCHI_CUBLAS_CHECK(cublasLtMatmulPreferenceCreate(&rawPreference));
    Preference preference(rawPreference);
    ARCHI_CUBLAS_CHECK(cublasLtMatmulPreferenceSetAttribute(
        preference.get(), CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &workspaceBytes_, sizeof workspaceBytes_));
    const std::uint32_t alignments[4] = {alignA, alignB, alignD, alignD};
    const cublasLtMatmulPreferenceAttributes_t alignmentAttributes[4] = {
        CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES, CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES,
        CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES, CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES};
    for (int i = 0; i < 4; ++i)
      ARCHI_CUBLAS_CHECK(cublasLtMatmulPreferenceSetAttribute(preference.get(), alignmentAttributes[i], &alignments[i],
                                                              sizeof alignments[i]));
    cublasLtMatmulHeuristicResult_t result{};
    int found = 0;
    const cublasStatus_t status = cublasLtMatmulAlgoGetHeuristic(handle_, desc.get(), a.get(), b.get(), d.get(),
                                                                 d.get(), preference.get(), 1, &result, &found);
    Choice choice;
    // NOT_SUPPORTED is "no algorithm for this combination": the caller falls back.
    if (status != CUBLAS_STATUS_NOT_SUPPORTED) ARCHI_CUBLAS_CHECK(status);
    choice.found = status == CUBLAS_STATUS_SUCCESS && found > 0;
    if (choice.found) choice.algo = result.algo;
    it = chosen_.emplace(key, choice).first;
  }
  if (!it->second.found) {
    if (epilogue == CUBLASLT_EPILOGUE_DEFAULT)
      throw std::runtime_error("cuBLASLt has no algorithm for a plain " + std::to_string(c.m) + "x" +
                               std::to_string(c.n) + "x" + std::to_string(c.k) + " product on " +
                               currentDeviceLabel());
    return false;
  }
  const float alpha = 1.0f;
  ARCHI_CUBLAS_CHECK(cublasLtMatmul(handle_, desc.get(), &alpha, c.A, a.get(), c.B, b.get(), &c.beta, c.D, d.get(),
                                    c.D, d.get(), &it->second.algo, workspace_, workspaceBytes_, stream_));
  return true;
}

}  // namespace archi::cuda
