#pragma once
// One untrusted input through the agent's request parsers (engine/agent/AgentRequests.h): the
// first byte picks the parser, the rest is its input. Shared by the libFuzzer target and the
// replay test so that both exercise exactly the same calls.

#include <cstddef>
#include <cstdint>

namespace agent_test {

void feedAgentRequests(const std::uint8_t* data, std::size_t size);

}  // namespace agent_test
