#include "agent/AgentApi.h"

#include <fstream>

#include <archipelago/BuildInfo.h>

#include "agent/AgentRequests.h"
#include "agent/CheckpointFiles.h"
#include "agent/Inventory.h"
#include "agent/NodeRuns.h"
#include "control/FreePorts.h"
#include "core/AtomicFile.h"

namespace archi::agent {
namespace {

constexpr std::size_t kMaxResponseBytes = 4 * 1024 * 1024;

bool answerProblems(httplib::Response& response, const Diagnostics& problems) {
  if (!problems.hasErrors()) return false;
  AgentApi::answerJson(response, 400, problemsToJson(problems));
  return true;
}

}  // namespace

AgentApi::AgentApi(AgentLayout layout, NodeIdentity identity, std::string host, GpuCatalog catalog, NodeRuns& runs)
    : layout_(std::move(layout)), identity_(std::move(identity)), host_(std::move(host)), catalog_(std::move(catalog)), runs_(runs) {}

void AgentApi::answerJson(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(dumpAnswer(body), "application/json");
}

void AgentApi::answerError(httplib::Response& response, int status, const std::string& error, const std::string& where) {
  answerJson(response, status, {{"error", error}, {"where", where}});
}

Handler AgentApi::handlerFor(const std::string& path) {
  using Member = void (AgentApi::*)(const httplib::Request&, httplib::Response&);
  static const std::map<std::string, Member> members{
      {"/v1/health", &AgentApi::health},
      {"/v1/inventory", &AgentApi::inventory},
      {"/v1/ports", &AgentApi::ports},
      {"/v1/runs", &AgentApi::listRuns},
      {"/v1/runs/{run}/workers", &AgentApi::startWorker},
      {"/v1/runs/{run}", &AgentApi::runStatus},
      {"/v1/runs/{run}/signal", &AgentApi::signal},
      {"/v1/runs/{run}/stop", &AgentApi::stop},
      {"/v1/runs/{run}/wan-cuts", &AgentApi::wanCuts},
      {"/v1/runs/{run}/journal", &AgentApi::journal},
      {"/v1/runs/{run}/logs", &AgentApi::logs},
      {"/v1/runs/{run}/checkpoints", &AgentApi::listCheckpoints},
      {"/v1/runs/{run}/checkpoints/{name}", &AgentApi::checkpoint},
  };
  const auto it = members.find(path);
  if (it == members.end()) throw std::logic_error("no handler for the documented route " + path);
  return [this, member = it->second](const httplib::Request& request, httplib::Response& response) { (this->*member)(request, response); };
}

bool AgentApi::runOf(const httplib::Request& request, httplib::Response& response, std::string& run, bool mustExist) {
  run = request.matches.size() > 1 ? request.matches[1].str() : std::string();
  Diagnostics problems;
  if (!validatePlainName(run, "{run}", problems)) return !answerProblems(response, problems);
  if (mustExist && !runs_.knowsRun(run)) {
    answerError(response, 404, "no run '" + run + "' on this node", "{run}");
    return false;
  }
  return true;
}

void AgentApi::health(const httplib::Request&, httplib::Response& response) {
  answerJson(response, 200,
             {{"status", "ok"},
              {"api", 1},
              {"version", build::kVersion},
              {"node", identity_.node},
              {"datacenter", identity_.datacenter},
              {"uptime_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count()},
              {"runs_active", runs_.activeRuns()}});
}

void AgentApi::inventory(const httplib::Request&, httplib::Response& response) {
  answerJson(response, 200, inventoryToJson(measureInventory(layout_.root(), catalog_)));
}

void AgentApi::ports(const httplib::Request& request, httplib::Response& response) {
  Diagnostics problems;
  const auto parsed = parsePortsRequest(request.body, problems);
  if (answerProblems(response, problems)) return;
  // Peers must reach the ports at a real address: a wildcard listener answers with the address
  // this request came in on, when the HTTP library tells it.
  const bool wildcard = host_ == "0.0.0.0" || host_ == "::" || host_.empty();
  const std::string host = wildcard ? request.local_addr : host_;
  if (host.empty() || host == "0.0.0.0") {
    answerError(response, 500, "this agent listens on a wildcard address and cannot tell peers where to connect: start it with --listen <its address>:<port>", "/v1/ports");
    return;
  }
  answerJson(response, 200, {{"host", host}, {"ports", pickFreePorts(host, parsed->count)}});
}

void AgentApi::listRuns(const httplib::Request&, httplib::Response& response) {
  nlohmann::json list = nlohmann::json::array();
  for (const RunSummary& run : runs_.runs()) list.push_back({{"run", run.run}, {"workers", run.workers}, {"running", run.running}});
  answerJson(response, 200, {{"runs", std::move(list)}});
}

void AgentApi::startWorker(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, false)) return;
  Diagnostics problems;
  const auto parsed = parseStartWorkerRequest(request.body, problems);
  if (answerProblems(response, problems)) return;
  pid_t pid = -1;
  if (runs_.start(run, *parsed, pid) == NodeRuns::Started::AlreadyRunning) {
    answerError(response, 409, "worker '" + parsed->spec.worker_id + "' already runs (pid " + std::to_string(pid) + ")", "/spec/worker_id");
    return;
  }
  answerJson(response, 201, {{"worker", parsed->spec.worker_id}, {"pid", pid}, {"state", "running"}});
}

void AgentApi::runStatus(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, true)) return;
  nlohmann::json workers = nlohmann::json::array();
  int running = 0;
  for (const WorkerStatus& w : runs_.workers(run)) {
    if (w.state == "running" || w.state == "stopping") ++running;
    workers.push_back({{"id", w.id}, {"datacenter", w.datacenter}, {"pid", w.pid}, {"state", w.state}, {"success", w.success},
                       {"how", w.how}, {"restarts", w.restarts}});
  }
  answerJson(response, 200, {{"run", run}, {"running", running}, {"workers", std::move(workers)}});
}

void AgentApi::signal(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, false)) return;
  Diagnostics problems;
  const auto parsed = parseSignalRequest(request.body, problems);
  if (answerProblems(response, problems)) return;
  if (!runs_.signal(run, *parsed)) {
    answerError(response, 404, "no worker '" + parsed->worker + "' runs in run '" + run + "'", "/worker");
    return;
  }
  answerJson(response, 200, {{"delivered", true}});
}

void AgentApi::stop(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, false)) return;
  Diagnostics problems;
  const auto parsed = parseStopRequest(request.body, problems);
  if (answerProblems(response, problems)) return;
  const auto stopping = runs_.stop(run, parsed->grace_s);
  if (!stopping) {
    answerError(response, 404, "no run '" + run + "' on this node", "{run}");
    return;
  }
  answerJson(response, 202, {{"stopping", *stopping}});
}

void AgentApi::wanCuts(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, false)) return;
  Diagnostics problems;
  validateWanCuts(request.body, problems);
  if (answerProblems(response, problems)) return;
  layout_.prepareRun(run);
  writeFileAtomically(layout_.wanCutsFile(run), request.body);
  answerJson(response, 200, {{"written", true}});
}

SequencedLines& AgentApi::linesOf(const std::filesystem::path& path) {
  std::lock_guard lock(linesMutex_);
  auto& lines = lines_[path];
  if (!lines) lines = std::make_unique<SequencedLines>(path);
  return *lines;
}

void AgentApi::serveLines(const httplib::Request& request, httplib::Response& response, bool journalStream) {
  std::string run;
  if (!runOf(request, response, run, true)) return;
  Diagnostics problems;
  QueryParams query(request.params.begin(), request.params.end());
  const auto parsed = parseSequenceQuery(query, problems);
  if (answerProblems(response, problems)) return;
  const std::string stem = workerStem(parsed->stream);
  if (!isPlainName(stem) || (!journalStream && parsed->stream == "agent")) {
    answerError(response, 400, "not a worker id" + std::string(journalStream ? " or agent" : ""), "?stream");
    return;
  }
  const std::filesystem::path file = journalStream ? layout_.journalFile(run, stem) : layout_.workerLog(run, stem);
  const SequencedChunk chunk = linesOf(file).read(parsed->after, parsed->limit, kMaxResponseBytes);
  response.status = 200;
  response.set_header("X-Archi-Last-Seq", std::to_string(chunk.last_seq));
  response.set_content(chunk.text, "text/plain");
}

void AgentApi::journal(const httplib::Request& request, httplib::Response& response) { serveLines(request, response, true); }
void AgentApi::logs(const httplib::Request& request, httplib::Response& response) { serveLines(request, response, false); }

void AgentApi::listCheckpoints(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, true)) return;
  nlohmann::json list = nlohmann::json::array();
  for (const CheckpointEntry& entry : agent::listCheckpoints(layout_.checkpointsDirectory(run))) {
    list.push_back({{"name", entry.name}, {"bytes", entry.bytes}, {"modified_unix_s", entry.modified_unix_s}});
  }
  answerJson(response, 200, {{"checkpoints", std::move(list)}});
}

void AgentApi::checkpoint(const httplib::Request& request, httplib::Response& response) {
  std::string run;
  if (!runOf(request, response, run, false)) return;
  // The name is judged before the run: a traversal attempt is a 400 whether or not the run exists.
  const std::string name = request.matches.size() > 2 ? request.matches[2].str() : std::string();
  if (!isPlainName(name)) {
    answerError(response, 400, "not a plain file name ([A-Za-z0-9._-], no leading dot)", "{name}");
    return;
  }
  if (!runOf(request, response, run, true)) return;
  std::filesystem::path path;
  switch (findCheckpoint(layout_.checkpointsDirectory(run), name, path)) {
    case CheckpointLookup::BadName:
      answerError(response, 400, "not a plain file name ([A-Za-z0-9._-], no leading dot)", "{name}");
      return;
    case CheckpointLookup::Missing:
      answerError(response, 404, "no checkpoint '" + name + "' in run '" + run + "'", "{name}");
      return;
    case CheckpointLookup::Found:
      break;
  }
  // Streamed in 64 KiB pieces: a checkpoint may be far larger than memory should hold per request.
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  std::error_code error;
  const auto bytes = static_cast<std::size_t>(std::filesystem::file_size(path, error));
  response.status = 200;
  response.set_content_provider(bytes, "application/octet-stream", [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
    std::vector<char> buffer(std::min<std::size_t>(length, 64 * 1024));
    in->seekg(static_cast<std::streamoff>(offset));
    in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in->gcount());
    return got > 0 && sink.write(buffer.data(), got);
  });
}

}  // namespace archi::agent
