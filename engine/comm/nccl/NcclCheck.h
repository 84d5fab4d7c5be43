#pragma once
// Checks of every CUDA runtime and NCCL call of the NCCL collective: a failure throws
// CollectiveError naming the call, what it was for and where in our source it was made
// (like llm.c's cudaCheck/ncclCheck, with std::source_location instead of a macro).

#include <cuda_runtime_api.h>
#include <nccl.h>

#include <source_location>
#include <string_view>

#include "comm/collective/CollectiveError.h"

namespace archi::cuda::nccl {

// `kind` says how callers should read a failure: a broken peer, a bad argument, …
void checkCuda(cudaError_t status, std::string_view what,
               comm::CollectiveError::Kind kind = comm::CollectiveError::Kind::PeerFailure,
               std::source_location where = std::source_location::current());
void checkNccl(ncclResult_t status, std::string_view what,
               comm::CollectiveError::Kind kind = comm::CollectiveError::Kind::PeerFailure,
               std::source_location where = std::source_location::current());

}  // namespace archi::cuda::nccl
