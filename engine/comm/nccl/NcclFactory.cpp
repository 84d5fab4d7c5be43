#include "comm/nccl/NcclFactory.h"

#include <nccl.h>

#include "comm/nccl/NcclCheck.h"
#include "comm/nccl/NcclCollective.h"

namespace archi::cuda::nccl {

std::unique_ptr<comm::Collective> makeCollective(const NcclOptions& options) {
  return std::make_unique<NcclCollective>(options);
}

std::string makeUniqueId() {
  ncclUniqueId id;
  checkNccl(ncclGetUniqueId(&id), "making a unique id (ncclGetUniqueId)", comm::CollectiveError::Kind::Rendezvous);
  return std::string(id.internal, sizeof id.internal);
}

}  // namespace archi::cuda::nccl
