// libFuzzer entry for the node agent's request parsers (AgentRequestsDriver.h).
#include <cstddef>
#include <cstdint>

#include "AgentRequestsDriver.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  agent_test::feedAgentRequests(data, size);
  return 0;
}
