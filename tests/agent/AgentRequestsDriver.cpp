#include "AgentRequestsDriver.h"

#include <cstdlib>
#include <string>

#include "agent/AgentRequests.h"

namespace agent_test {
namespace {

// "a=1&b=2" as cpp-httplib would hand the query over (already decoded).
archi::agent::QueryParams splitQuery(const std::string& text) {
  archi::agent::QueryParams query;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('&', start), text.size());
    const std::string pair = text.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    query.emplace(pair.substr(0, equals), equals == std::string::npos ? std::string() : pair.substr(equals + 1));
    start = end + 1;
  }
  return query;
}

}  // namespace

void feedAgentRequests(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  archi::Diagnostics problems;
  bool parsed = false;
  switch (data[0] % 8) {
    case 0: parsed = archi::agent::parsePortsRequest(input, problems).has_value(); break;
    case 1: parsed = archi::agent::parseStartWorkerRequest(input, problems).has_value(); break;
    case 2: parsed = archi::agent::parseSignalRequest(input, problems).has_value(); break;
    case 3: parsed = archi::agent::parseStopRequest(input, problems).has_value(); break;
    case 4: parsed = archi::agent::parseSequenceQuery(splitQuery(input), problems).has_value(); break;
    case 5: parsed = archi::agent::validateWanCuts(input, problems); break;
    case 6: parsed = archi::agent::validatePlainName(input, "{name}", problems); break;
    default: parsed = !problems.hasErrors(); break;
  }
  // The contract: an input is either accepted or refused with at least one problem, never both.
  if (parsed == problems.hasErrors()) std::abort();
  if (problems.hasErrors()) (void)archi::agent::dumpAnswer(archi::agent::problemsToJson(problems));
}

}  // namespace agent_test
