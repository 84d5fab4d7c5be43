#include "comm/nccl/NcclCheck.h"

#include <fmt/core.h>

#include <filesystem>

namespace archi::cuda::nccl {
namespace {

std::string place(const std::source_location& where) {
  return fmt::format("{}:{}", std::filesystem::path(where.file_name()).filename().string(), where.line());
}

}  // namespace

void checkCuda(cudaError_t status, std::string_view what, comm::CollectiveError::Kind kind, std::source_location where) {
  if (status == cudaSuccess) return;
  throw comm::CollectiveError(kind, fmt::format("nccl: {} failed: CUDA error {} ({}) at {}", what, cudaGetErrorName(status),
                                                cudaGetErrorString(status), place(where)));
}

void checkNccl(ncclResult_t status, std::string_view what, comm::CollectiveError::Kind kind, std::source_location where) {
  // ncclInProgress is success for a non-blocking communicator: completion is polled later.
  if (status == ncclSuccess || status == ncclInProgress) return;
  throw comm::CollectiveError(kind, fmt::format("nccl: {} failed: {} at {} (NCCL_DEBUG=WARN says more)", what,
                                                ncclGetErrorString(status), place(where)));
}

}  // namespace archi::cuda::nccl
