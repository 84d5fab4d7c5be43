#pragma once
// The embedded default goes the remote way too (issue 12 item 7): `archi run --local` and the
// console's "Run on this machine" start one `archi agent` per node of the project on loopback,
// each on a fresh port with its own state folder, enrolled with the console's CA in-process
// (the node's key is made in its state folder and never leaves it), and launch through them.
// The agents run in their own process groups: a launcher that dies leaves them (and the run)
// going, so `archi run --attach` can pick the run up; idle agents exit by themselves.

#include <filesystem>
#include <vector>

#include "control/ChildProcess.h"
#include "core/Project.h"
#include "remote/AgentEndpoint.h"
#include "store/RunStore.h"

namespace archi::remote {

struct LocalAgentOptions {
  std::filesystem::path archi_binary;
  std::filesystem::path state_root;     // <state_root>/<node>/ per agent
  std::filesystem::path pki_directory;  // the console's CA; created when missing
  double exit_when_idle_s = 60.0;       // an agent with no run and no request for this long exits
};

class LocalAgents {
 public:
  // Starts the agents and waits until each has bound its port; throws std::runtime_error
  // naming the node and pointing at its log when one does not come up.
  LocalAgents(const Project& project, LocalAgentOptions options);
  ~LocalAgents();
  LocalAgents(const LocalAgents&) = delete;
  LocalAgents& operator=(const LocalAgents&) = delete;

  const std::vector<AgentEndpoint>& endpoints() const { return endpoints_; }
  std::vector<RunAgentRecord> records() const;
  const ConsoleCredentials& credentials() const { return credentials_; }
  // The agents' process ids, in the order of endpoints() (for benchmarks that read their memory).
  std::vector<pid_t> processIds() const;
  // Leaves the agents running when this object goes (the run continues without the launcher).
  void detach() { detached_ = true; }

 private:
  LocalAgentOptions options_;
  std::vector<AgentEndpoint> endpoints_;
  std::vector<ChildProcess> agents_;
  ConsoleCredentials credentials_;
  bool detached_ = false;
};

// Where `archi run --local` and the console keep a project's loopback agents:
// <data folder>/local-agents/<project>/ (beside the runs folder), one state folder per node.
std::filesystem::path localAgentsRoot(const std::filesystem::path& runsDirectory, const std::string& projectName);

// What the console presents to agents, from its PKI folder (console.crt is issued on first use).
ConsoleCredentials consoleCredentials(const std::filesystem::path& pkiDirectory);

}  // namespace archi::remote
