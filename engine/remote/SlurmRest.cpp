#include "remote/SlurmRest.h"

#include <algorithm>
#include <thread>

#include "core/Resources.h"

namespace archi::remote {
namespace {

struct Answer {
  std::string body;
  bool tooLarge = false;
};

std::size_t appendBounded(char* data, std::size_t size, std::size_t count, void* out) {
  Answer& answer = *static_cast<Answer*>(out);
  if (answer.body.size() + size * count > kMaxSlurmAnswerBytes) {
    answer.tooLarge = true;
    return 0;  // libcurl stops the transfer (CURLE_WRITE_ERROR)
  }
  answer.body.append(data, size * count);
  return size * count;
}

// slurmrestd's own complaint, from the "errors" array every v0.0.38 answer may carry.
std::string errorsOf(const nlohmann::json& answer) {
  if (!answer.is_object() || !answer.contains("errors") || !answer["errors"].is_array()) return {};
  std::string out;
  for (const nlohmann::json& e : answer["errors"]) {
    std::string text;
    if (e.is_object()) {
      for (const char* key : {"error", "description"}) {
        if (e.contains(key) && e[key].is_string() && !e[key].get<std::string>().empty()) text = e[key].get<std::string>();
      }
      for (const char* key : {"errno", "error_number", "error_code"}) {
        if (e.contains(key) && e[key].is_number_integer()) text += " (error " + std::to_string(e[key].get<long long>()) + ")";
      }
    }
    if (!text.empty()) out += (out.empty() ? "" : "; ") + text;
    if (out.size() > 600) break;
  }
  return out;
}

const nlohmann::json& member(const nlohmann::json& object, const char* key, const std::string& pointer, const std::string& what) {
  if (!object.is_object()) throw SlurmError(what + ": " + (pointer.empty() ? "/" : pointer) + " is not an object");
  const auto it = object.find(key);
  if (it == object.end()) throw SlurmError(what + ": the answer has no " + pointer + "/" + key);
  return *it;
}

std::string stringAt(const nlohmann::json& object, const char* key, const std::string& pointer, const std::string& what) {
  const nlohmann::json& value = member(object, key, pointer, what);
  if (!value.is_string()) throw SlurmError(what + ": " + pointer + "/" + key + " is not a string (got " + value.type_name() + ")");
  return value.get<std::string>();
}

std::string optionalString(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t integerAt(const nlohmann::json& object, const char* key, const std::string& pointer, const std::string& what) {
  const nlohmann::json& value = member(object, key, pointer, what);
  if (!value.is_number_integer()) throw SlurmError(what + ": " + pointer + "/" + key + " is not an integer (got " + value.type_name() + ")");
  return value.get<std::int64_t>();
}

int optionalInt(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  return static_cast<int>(std::clamp<std::int64_t>(it->get<std::int64_t>(), -1'000'000'000, 1'000'000'000));
}

const nlohmann::json& arrayAt(const nlohmann::json& object, const char* key, const std::string& what) {
  const nlohmann::json& value = member(object, key, "", what);
  if (!value.is_array()) throw SlurmError(what + ": /" + std::string(key) + " is not an array (got " + value.type_name() + ")");
  return value;
}

}  // namespace

SlurmRestClient::SlurmRestClient(DatacenterLaunch launch, std::chrono::milliseconds requestLimit)
    : launch_(std::move(launch)), requestLimit_(requestLimit), handle_(makeEasyHandle()) {
  std::string error;
  const std::optional<SlurmUrl> url = parseSlurmUrl(launch_.url, error);
  if (!url) throw SlurmError("slurmrestd " + launch_.url + ": " + error);
  url_ = *url;
  if (!launch_.token_file.empty()) {
    if (const std::string problem = tokenFileProblem(launch_.token_file); !problem.empty()) throw SlurmError(describe() + ": " + problem);
    token_ = readTextFile(launch_.token_file);
    while (!token_.empty() && (token_.back() == '\n' || token_.back() == '\r' || token_.back() == ' ')) token_.pop_back();
    if (token_.empty()) throw SlurmError(describe() + ": the token file " + launch_.token_file + " is empty (scontrol token writes one)");
  } else if (url_.scheme != SlurmUrl::Scheme::Unix) {
    throw SlurmError(describe() + ": slurmrestd over TCP needs a JWT: give the datacenter's launch a token_file");
  }
}

std::string SlurmRestClient::describe() const { return "slurmrestd " + launch_.url; }

nlohmann::json SlurmRestClient::call(const char* method, const std::string& path, const std::string& body) {
  const std::string what = describe() + ": " + method + " " + path;
  CURL* h = handle_.get();
  curl_easy_reset(h);
  const std::string url = url_.base() + path;
  Answer answer;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(requestLimit_.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(std::min<std::int64_t>(requestLimit_.count(), 3000)));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, appendBounded);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // a proxy would see the token
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  if (url_.scheme == SlurmUrl::Scheme::Unix) curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, url_.socket_path.c_str());
  if (url_.scheme == SlurmUrl::Scheme::Https) curl_easy_setopt(h, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
  HeaderList headers;
  auto add = [&](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown == nullptr) throw SlurmError(what + ": out of memory for a header");
    headers.release();
    headers.reset(grown);
  };
  add("Accept: application/json");
  if (!token_.empty()) {
    add("X-SLURM-USER-NAME: " + launch_.user);
    add("X-SLURM-USER-TOKEN: " + token_);
  }
  if (!body.empty()) {
    add("Content-Type: application/json");
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(body.size()));
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  if (answer.tooLarge) throw SlurmError(what + ": the answer is larger than " + std::to_string(kMaxSlurmAnswerBytes >> 20) + " MiB; refused");
  if (code != CURLE_OK) throw SlurmError(what + ": " + (error[0] != '\0' ? error : curl_easy_strerror(code)));
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  nlohmann::json parsed;
  std::string parseError;
  try {
    parsed = nlohmann::json::parse(answer.body);
  } catch (const nlohmann::json::parse_error& e) {
    parseError = e.what();
  }
  if (status == 401 || status == 403) {
    const std::string reason = errorsOf(parsed);
    throw SlurmError(what + ": HTTP " + std::to_string(status) + ": slurmrestd refused the credentials of user '" + launch_.user + "'" +
                     (reason.empty() ? "" : " (" + reason + ")") +
                     (token_.empty() ? "" : "; is the token in " + launch_.token_file + " expired? `scontrol token username=" + launch_.user +
                                                "` makes a new one"));
  }
  if (status < 200 || status >= 300) {
    std::string reason = errorsOf(parsed);
    if (reason.empty()) reason = answer.body.substr(0, 200);
    throw SlurmError(what + ": HTTP " + std::to_string(status) + (reason.empty() ? "" : ": " + reason));
  }
  if (!parseError.empty()) {
    throw SlurmError(what + ": the answer is not JSON (" + parseError + "); first bytes: \"" + answer.body.substr(0, 80) + "\"");
  }
  if (!parsed.is_object()) throw SlurmError(what + ": the answer is a JSON " + parsed.type_name() + ", not an object");
  if (const std::string reason = errorsOf(parsed); !reason.empty()) throw SlurmError(what + ": " + reason);
  return parsed;
}

std::vector<std::string> slurmApiVersionsOf(const nlohmann::json& openapi, const std::string& what) {
  const nlohmann::json& paths = member(openapi, "paths", "", what);
  if (!paths.is_object()) throw SlurmError(what + ": /paths is not an object");
  std::vector<std::string> versions;
  for (const auto& [path, item] : paths.items()) {
    const std::string prefix = "/slurm/";
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string version = path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size());
    if (std::find(versions.begin(), versions.end(), version) == versions.end()) versions.push_back(version);
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

SlurmServerInfo SlurmRestClient::checkServer() {
  const std::vector<std::string> versions = slurmApiVersionsOf(call("GET", "/openapi/v3"), describe() + ": GET /openapi/v3");
  if (std::find(versions.begin(), versions.end(), kSlurmApiVersion) == versions.end()) {
    std::string offered;
    for (const std::string& v : versions) offered += (offered.empty() ? "" : ", ") + v;
    throw SlurmError(describe() + ": the server offers the Slurm REST API " + (offered.empty() ? std::string("in no version") : offered) +
                     ", not " + kSlurmApiVersion + " (Slurm 22.05, as Debian 12 ships it), the one Archipelago speaks; "
                     "start slurmrestd with its openapi/" + kSlurmApiVersion + " plugin");
  }
  const std::string what = describe() + ": GET " + versioned("/ping");
  const nlohmann::json ping = call("GET", versioned("/ping"));
  SlurmServerInfo info;
  const nlohmann::json& meta = member(ping, "meta", "", what);
  const nlohmann::json& plugin = member(meta, "plugin", "/meta", what);
  const std::string type = stringAt(plugin, "type", "/meta/plugin", what);
  if (type != std::string("openapi/") + kSlurmApiVersion) {
    throw SlurmError(what + ": the server's plugin is " + type + ", not openapi/" + kSlurmApiVersion);
  }
  info.api_version = kSlurmApiVersion;
  if (meta.contains("Slurm") && meta["Slurm"].is_object()) info.slurm_release = optionalString(meta["Slurm"], "release");
  bool up = false;
  for (const nlohmann::json& p : arrayAt(ping, "pings", what)) up = up || (p.is_object() && optionalString(p, "ping") == "UP");
  if (!up) throw SlurmError(what + ": slurmctld does not answer slurmrestd (no ping is UP)");
  return info;
}

nlohmann::json slurmJobSubmission(const SlurmJobRequest& request) {
  nlohmann::json environment = nlohmann::json::object();
  for (const auto& [key, value] : request.environment) environment[key] = value;
  nlohmann::json job = {{"name", request.name},
                        {"partition", request.partition},
                        {"tasks", request.tasks},
                        {"cpus_per_task", request.cpus_per_task},
                        {"current_working_directory", request.working_directory},
                        {"standard_output", request.standard_output},
                        {"standard_error", request.standard_output},
                        {"environment", environment},
                        {"requeue", false}};
  if (!request.account.empty()) job["account"] = request.account;
  if (request.gpus_per_task > 0) job["gpus_per_task"] = std::to_string(request.gpus_per_task);
  if (request.time_limit_min > 0) job["time_limit"] = request.time_limit_min;
  return {{"job", job}, {"script", request.script}};
}

std::int64_t SlurmRestClient::submit(const SlurmJobRequest& request) {
  const std::string path = versioned("/job/submit");
  const nlohmann::json answer = call("POST", path, slurmJobSubmission(request).dump());
  const std::int64_t id = integerAt(answer, "job_id", "", describe() + ": POST " + path);
  if (id <= 0) throw SlurmError(describe() + ": POST " + path + ": /job_id is " + std::to_string(id) + ", not a job");
  return id;
}

SlurmJob parseSlurmJob(const nlohmann::json& answer, std::int64_t jobId, const std::string& what) {
  for (const nlohmann::json& entry : arrayAt(answer, "jobs", what)) {
    if (!entry.is_object() || !entry.contains("job_id") || !entry["job_id"].is_number_integer() || entry["job_id"].get<std::int64_t>() != jobId) continue;
    SlurmJob job;
    job.job_id = jobId;
    job.state = stringAt(entry, "job_state", "/jobs/N", what);
    job.name = optionalString(entry, "name");
    job.reason = optionalString(entry, "state_reason");
    job.nodes = optionalString(entry, "nodes");
    job.partition = optionalString(entry, "partition");
    job.exit_code = optionalInt(entry, "exit_code");
    if (job.state.empty()) throw SlurmError(what + ": job " + std::to_string(jobId) + " has an empty job_state");
    return job;
  }
  throw SlurmError(what + ": the answer does not list job " + std::to_string(jobId));
}

SlurmJob SlurmRestClient::job(std::int64_t jobId) {
  const std::string path = versioned("/job/" + std::to_string(jobId));
  return parseSlurmJob(call("GET", path), jobId, describe() + ": GET " + path);
}

void SlurmRestClient::cancel(std::int64_t jobId, const char* signal) {
  const std::string path = versioned("/job/" + std::to_string(jobId)) + "?signal=" + signal;
  try {
    call("DELETE", path);
  } catch (const SlurmError& e) {
    // A job that already ended cannot be cancelled, and need not be.
    const std::string text = e.what();
    if (text.find("already completed") != std::string::npos || text.find("Job/step already") != std::string::npos) return;
    throw;
  }
}

int slurmGresGpus(const std::string& gres) {
  int gpus = 0;
  std::size_t start = 0;
  while (start < gres.size()) {
    std::size_t end = gres.find(',', start);
    if (end == std::string::npos) end = gres.size();
    std::string item = gres.substr(start, end - start);
    item = item.substr(0, item.find('('));  // "(IDX:0-1)", "(S:0)"
    if (item.rfind("gpu", 0) == 0) {
      const std::size_t colon = item.rfind(':');
      if (colon != std::string::npos) {
        int count = 0;
        bool digits = colon + 1 < item.size();
        for (std::size_t i = colon + 1; i < item.size() && digits; ++i) {
          digits = item[i] >= '0' && item[i] <= '9' && count < 1'000'000;
          count = count * 10 + (item[i] - '0');
        }
        if (digits) gpus += count;
      }
    }
    start = end + 1;
  }
  return gpus;
}

std::vector<SlurmNode> parseSlurmNodes(const nlohmann::json& answer, const std::string& what) {
  std::vector<SlurmNode> nodes;
  for (const nlohmann::json& entry : arrayAt(answer, "nodes", what)) {
    SlurmNode node;
    node.name = stringAt(entry, "name", "/nodes/N", what);
    node.state = optionalString(entry, "state");
    node.cpus = optionalInt(entry, "cpus");
    node.alloc_cpus = optionalInt(entry, "alloc_cpus");
    node.gpus = slurmGresGpus(optionalString(entry, "gres"));
    node.alloc_gpus = slurmGresGpus(optionalString(entry, "gres_used"));
    if (entry.contains("partitions") && entry["partitions"].is_array()) {
      for (const nlohmann::json& p : entry["partitions"]) {
        if (p.is_string()) node.partitions.push_back(p.get<std::string>());
      }
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

std::vector<SlurmNode> SlurmRestClient::nodes() {
  const std::string path = versioned("/nodes");
  return parseSlurmNodes(call("GET", path), describe() + ": GET " + path);
}

std::vector<SlurmPartition> parseSlurmPartitions(const nlohmann::json& answer, const std::vector<SlurmNode>& nodes, const std::string& what) {
  std::vector<SlurmPartition> partitions;
  for (const nlohmann::json& entry : arrayAt(answer, "partitions", what)) {
    SlurmPartition partition;
    partition.name = stringAt(entry, "name", "/partitions/N", what);
    partition.state = optionalString(entry, "state");
    partition.total_nodes = optionalInt(entry, "total_nodes");
    partition.total_cpus = optionalInt(entry, "total_cpus");
    for (const SlurmNode& node : nodes) {
      if (std::find(node.partitions.begin(), node.partitions.end(), partition.name) == node.partitions.end()) continue;
      const bool usable = node.state == "idle" || node.state == "mixed" || node.state == "allocated";
      if (!usable) continue;
      partition.idle_nodes += node.state == "idle" ? 1 : 0;
      partition.free_cpus += std::max(0, node.cpus - node.alloc_cpus);
      partition.free_gpus += std::max(0, node.gpus - node.alloc_gpus);
    }
    partitions.push_back(std::move(partition));
  }
  return partitions;
}

std::vector<SlurmPartition> SlurmRestClient::partitions() {
  const std::vector<SlurmNode> all = nodes();
  const std::string path = versioned("/partitions");
  return parseSlurmPartitions(call("GET", path), all, describe() + ": GET " + path);
}

SlurmJob SlurmRestClient::waitUntilStarted(std::int64_t jobId, std::chrono::milliseconds limit, std::chrono::milliseconds interval) {
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    const SlurmJob state = job(jobId);
    if (!state.pending()) return state;
    const auto waited = std::chrono::steady_clock::now() - started;
    if (waited >= limit) {
      throw SlurmError(describe() + ": job " + std::to_string(jobId) + " is still " + state.state + " after " +
                       std::to_string(std::chrono::duration_cast<std::chrono::seconds>(waited).count()) + " s (reason: " +
                       (state.reason.empty() ? std::string("none given") : state.reason) + ")");
    }
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace archi::remote
