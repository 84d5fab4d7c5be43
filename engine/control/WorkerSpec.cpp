#include "control/WorkerSpec.h"

#include <limits>

#include "core/AtomicFile.h"
#include "core/JsonFieldReader.h"
#include "core/JsonPointer.h"
#include "core/JsonSyntax.h"
#include "core/ProjectJson.h"
#include "core/ProjectValidator.h"

namespace archi {
namespace {

// An int field: a value beyond int is an error, never a silent wrap-around (4294967297 is not 1).
int readInt(JsonObjectReader& reader, std::string_view key, Presence presence, int fallback, Diagnostics& d) {
  const auto value = reader.integer(key, presence);
  if (!value) return fallback;
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
    d.error(reader.childPointer(key), "is out of range (" + std::to_string(*value) + ")");
    return fallback;
  }
  return static_cast<int>(*value);
}

Endpoint readEndpoint(const nlohmann::json& value, const std::string& pointer, Diagnostics& d) {
  JsonObjectReader reader(value, pointer, d);
  Endpoint endpoint;
  endpoint.host = reader.string("host", Presence::Required).value_or("");
  endpoint.port = readInt(reader, "port", Presence::Required, 0, d);
  reader.rejectUnknownKeys();
  if (reader.isObject()) {
    if (endpoint.host.empty()) d.error(pointer + "/host", "must not be empty");
    if (endpoint.port < 1 || endpoint.port > 65535) d.error(pointer + "/port", "must be in 1-65535");
  }
  return endpoint;
}

nlohmann::ordered_json endpointToJson(const Endpoint& e) { return {{"host", e.host}, {"port", e.port}}; }

}  // namespace

nlohmann::ordered_json workerSpecToJson(const WorkerSpec& s) {
  nlohmann::ordered_json leaders = nlohmann::ordered_json::array();
  for (const LeaderPeer& l : s.leaders) {
    leaders.push_back({{"datacenter_id", l.datacenter_id}, {"name", l.name}, {"endpoint", endpointToJson(l.endpoint)},
                       {"link_gbit", l.link_gbit}, {"link_rtt_ms", l.link_rtt_ms}, {"link_loss_pct", l.link_loss_pct}});
  }
  nlohmann::ordered_json paceChanges = nlohmann::ordered_json::array();
  for (const PaceChange& c : s.pace_changes) paceChanges.push_back({{"at_unix_s", c.at_unix_s}, {"factor", c.factor}});
  return {{"format", s.format},
          {"run_id", s.run_id},
          {"worker_id", s.worker_id},
          {"datacenter_id", s.datacenter_id},
          {"node_id", s.node_id},
          {"rank", s.rank},
          {"world_size", s.world_size},
          {"device_type", s.device_type},
          {"emulated", s.emulated},
          {"backend", s.backend},
          {"gpu", s.gpu},
          {"pace_tokens_per_s", s.pace_tokens_per_s},
          {"pace_changes", paceChanges},
          {"rebalance", s.rebalance},
          {"dc_shares", s.dc_shares},
          {"dc_worker_ids", s.dc_worker_ids},
          {"dc_share_caps", s.dc_share_caps},
          {"rendezvous", endpointToJson(s.rendezvous)},
          {"rendezvous_secret_file", s.rendezvous_secret_file},
          {"fabric_address", s.fabric_address},
          {"threads", s.threads},
          {"wan_rank", s.wan_rank},
          {"leaders", std::move(leaders)},
          {"wan_streams", s.wan_streams},
          {"wan_emulation",
           {{"enabled", s.wan_emulation.enabled}, {"gbit", s.wan_emulation.gbit}, {"rtt_ms", s.wan_emulation.rtt_ms},
            {"loss_pct", s.wan_emulation.loss_pct}}},
          {"wan_round_timeout_s", s.wan_round_timeout_s},
          {"wan_cuts_file", s.wan_cuts_file},
          {"tls", {{"ca", s.tls.ca}, {"certificate", s.tls.certificate}, {"key", s.tls.key}}},
          {"run", runSpecToJson(s.run)},
          {"round_target_s", s.round_target_s},
          {"journal", s.journal},
          {"checkpoint_dir", s.checkpoint_dir},
          {"resume", s.resume},
          {"outcome_file", s.outcome_file}};
}

std::optional<WorkerSpec> parseWorkerSpec(const std::string& text, Diagnostics& d) {
  const auto document = parseJsonDocument(text, d, kWorkerSpecJsonLimits);
  if (!document) return std::nullopt;
  WorkerSpec s;
  JsonObjectReader r(*document, "", d);
  if (const auto format = r.integer("format", Presence::Required); format && *format != kWorkerSpecFormat) {
    d.error("/format", "worker spec format " + std::to_string(*format) + " is not supported (this build reads " +
                           std::to_string(kWorkerSpecFormat) + ")");
  }
  s.run_id = r.string("run_id", Presence::Required).value_or("");
  s.worker_id = r.string("worker_id", Presence::Required).value_or("");
  s.datacenter_id = r.string("datacenter_id", Presence::Required).value_or("");
  s.rank = readInt(r, "rank", Presence::Required, 0, d);
  s.world_size = readInt(r, "world_size", Presence::Required, 1, d);
  s.device_type = r.string("device_type", Presence::Required).value_or("");
  s.emulated = r.boolean("emulated", Presence::Optional).value_or(false);
  s.backend = r.string("backend", Presence::Optional).value_or("cpu");
  s.gpu = r.string("gpu", Presence::Optional).value_or("");
  s.pace_tokens_per_s = r.number("pace_tokens_per_s", Presence::Optional).value_or(0.0);
  if (const nlohmann::json* shares = r.array("dc_shares", Presence::Required)) {
    const std::size_t count = readableCount(*shares, std::size_t(kMaxWorldSize), "/dc_shares", "shares", d);
    for (std::size_t i = 0; i < count; ++i) {
      const nlohmann::json& share = (*shares)[i];
      if (!share.is_number_integer() || share.get<std::int64_t>() < 0 || share.get<std::int64_t>() > 1'000'000) {
        d.error(pointerChild("/dc_shares", i), "must be an integer in [0, 1000000]");
        s.dc_shares.push_back(0);
      } else {
        s.dc_shares.push_back(share.get<int>());
      }
    }
  }
  s.rebalance = r.boolean("rebalance", Presence::Optional).value_or(true);
  if (const nlohmann::json* changes = r.array("pace_changes", Presence::Optional)) {
    const std::size_t count = readableCount(*changes, kMaxPaceChanges, "/pace_changes", "pace changes", d);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string pointer = pointerChild("/pace_changes", i);
      const nlohmann::json& change = (*changes)[i];
      const bool valid = change.is_object() && change.size() == 2 && change.contains("at_unix_s") && change.contains("factor") &&
                         change["at_unix_s"].is_number() && change["factor"].is_number() &&
                         change["factor"].get<double>() > 0.0 && change["factor"].get<double>() <= 100.0;
      if (!valid) {
        d.error(pointer, "must be {\"at_unix_s\": number, \"factor\": number in (0, 100]}");
      } else {
        s.pace_changes.push_back({change["at_unix_s"].get<double>(), change["factor"].get<double>()});
      }
    }
  }
  if (const nlohmann::json* ids = r.array("dc_worker_ids", Presence::Optional)) {
    const std::size_t count = readableCount(*ids, std::size_t(kMaxWorldSize), "/dc_worker_ids", "worker ids", d);
    for (std::size_t i = 0; i < count; ++i) {
      if (!(*ids)[i].is_string()) {
        d.error(pointerChild("/dc_worker_ids", i), "must be a string");
      } else {
        s.dc_worker_ids.push_back((*ids)[i].get<std::string>());
      }
    }
  }
  if (const nlohmann::json* caps = r.array("dc_share_caps", Presence::Optional)) {
    const std::size_t count = readableCount(*caps, std::size_t(kMaxWorldSize), "/dc_share_caps", "caps", d);
    for (std::size_t i = 0; i < count; ++i) {
      const nlohmann::json& cap = (*caps)[i];
      if (!cap.is_number_integer() || cap.get<std::int64_t>() < 0 || cap.get<std::int64_t>() > 1'000'000) {
        d.error(pointerChild("/dc_share_caps", i), "must be an integer in [0, 1000000]");
        s.dc_share_caps.push_back(0);
      } else {
        s.dc_share_caps.push_back(cap.get<int>());
      }
    }
  }
  if (const nlohmann::json* rendezvous = r.object("rendezvous", Presence::Required)) {
    s.rendezvous = readEndpoint(*rendezvous, "/rendezvous", d);
  }
  s.rendezvous_secret_file = r.string("rendezvous_secret_file", Presence::Optional).value_or("");
  s.fabric_address = r.string("fabric_address", Presence::Optional).value_or(s.fabric_address);
  s.threads = readInt(r, "threads", Presence::Optional, 0, d);
  s.wan_rank = readInt(r, "wan_rank", Presence::Optional, 0, d);
  if (const nlohmann::json* leaders = r.array("leaders", Presence::Optional)) {
    const std::size_t count = readableCount(*leaders, kMaxLeaders, "/leaders", "leaders", d);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string pointer = pointerChild("/leaders", i);
      JsonObjectReader lr((*leaders)[i], pointer, d);
      LeaderPeer peer;
      peer.datacenter_id = lr.string("datacenter_id", Presence::Required).value_or("");
      peer.name = lr.string("name", Presence::Required).value_or("");
      if (const nlohmann::json* endpoint = lr.object("endpoint", Presence::Required)) {
        peer.endpoint = readEndpoint(*endpoint, pointer + "/endpoint", d);
      }
      peer.link_gbit = lr.number("link_gbit", Presence::Optional).value_or(0.0);
      peer.link_rtt_ms = lr.number("link_rtt_ms", Presence::Optional).value_or(0.0);
      if (peer.link_gbit < 0.0) d.error(pointer + "/link_gbit", "must be >= 0");
      if (peer.link_rtt_ms < 0.0) d.error(pointer + "/link_rtt_ms", "must be >= 0");
      peer.link_loss_pct = lr.number("link_loss_pct", Presence::Optional).value_or(0.0);
      if (peer.link_loss_pct < 0.0 || peer.link_loss_pct >= 100.0) d.error(pointer + "/link_loss_pct", "must be in [0, 100)");
      lr.rejectUnknownKeys();
      s.leaders.push_back(std::move(peer));
    }
  }
  s.wan_streams = readInt(r, "wan_streams", Presence::Optional, 0, d);
  if (const nlohmann::json* emulation = r.object("wan_emulation", Presence::Optional)) {
    JsonObjectReader er(*emulation, "/wan_emulation", d);
    s.wan_emulation.enabled = er.boolean("enabled", Presence::Required).value_or(false);
    s.wan_emulation.gbit = er.number("gbit", Presence::Required).value_or(0.0);
    s.wan_emulation.rtt_ms = er.number("rtt_ms", Presence::Required).value_or(0.0);
    s.wan_emulation.loss_pct = er.number("loss_pct", Presence::Optional).value_or(0.0);
    er.rejectUnknownKeys();
    if (s.wan_emulation.enabled && s.wan_emulation.gbit <= 0.0) d.error("/wan_emulation/gbit", "must be > 0");
    if (s.wan_emulation.rtt_ms < 0.0) d.error("/wan_emulation/rtt_ms", "must be >= 0");
  }
  s.wan_round_timeout_s = r.number("wan_round_timeout_s", Presence::Optional).value_or(0.0);
  s.wan_cuts_file = r.string("wan_cuts_file", Presence::Optional).value_or("");
  if (s.wan_round_timeout_s < 0.0) d.error("/wan_round_timeout_s", "must be >= 0");
  if (const nlohmann::json* tls = r.object("tls", Presence::Required)) {
    JsonObjectReader tr(*tls, "/tls", d);
    s.tls.ca = tr.string("ca", Presence::Required).value_or("");
    s.tls.certificate = tr.string("certificate", Presence::Required).value_or("");
    s.tls.key = tr.string("key", Presence::Required).value_or("");
    tr.rejectUnknownKeys();
  }
  if (const nlohmann::json* run = r.object("run", Presence::Required)) {
    s.run = readRunSpec(*run, "/run", d);
    validateRunSpec(s.run, "/run", d);
  }
  s.round_target_s = r.number("round_target_s", Presence::Optional).value_or(0.0);
  s.node_id = r.string("node_id", Presence::Optional).value_or("");
  s.journal = r.string("journal", Presence::Required).value_or("");
  s.checkpoint_dir = r.string("checkpoint_dir", Presence::Required).value_or("");
  s.resume = r.boolean("resume", Presence::Optional).value_or(false);
  s.outcome_file = r.string("outcome_file", Presence::Optional).value_or("");
  r.rejectUnknownKeys();

  if (s.world_size < 1 || s.world_size > kMaxWorldSize) d.error("/world_size", "must be in 1.." + std::to_string(kMaxWorldSize));
  if (s.rank < 0 || s.rank >= s.world_size) d.error("/rank", "must be in [0, world_size)");
  if (s.world_size > 1 && s.rendezvous_secret_file.empty()) {
    d.error("/rendezvous_secret_file", "must name the datacenter's rendezvous secret file when world_size > 1");
  }
  if (static_cast<int>(s.dc_shares.size()) != s.world_size) d.error("/dc_shares", "must hold one share per worker (world_size)");
  if (!s.dc_worker_ids.empty() && static_cast<int>(s.dc_worker_ids.size()) != s.world_size) {
    d.error("/dc_worker_ids", "must hold one id per worker (world_size) when given");
  }
  if (!s.dc_share_caps.empty() && static_cast<int>(s.dc_share_caps.size()) != s.world_size) {
    d.error("/dc_share_caps", "must hold one cap per worker (world_size) when given");
  }
  if (s.backend != "cpu" && s.backend != "cuda") {
    d.error("/backend", "must be \"cpu\" or \"cuda\", not \"" + s.backend + "\"");
  } else if (s.backend == "cuda" && s.emulated) {
    d.error("/backend", "an emulated device computes on the CPU: backend must be \"cpu\"");
  }
  if (s.backend != "cuda" && !s.gpu.empty()) d.error("/gpu", "names a GPU, which only the cuda backend uses");
  if (!s.gpu.empty() && s.gpu.rfind("GPU-", 0) != 0 &&
      (s.gpu.size() > 4 || s.gpu.find_first_not_of("0123456789") != std::string::npos)) {
    d.error("/gpu", "must be a device index (\"0\") or a UUID (\"GPU-…\")");
  }
  if (s.pace_tokens_per_s < 0.0) d.error("/pace_tokens_per_s", "must be >= 0");
  if (s.round_target_s < 0.0) d.error("/round_target_s", "must be >= 0");
  if (s.wan_streams < 0 || s.wan_streams > 64) d.error("/wan_streams", "must be in [0, 64]");
  if (!s.leaders.empty() && (s.wan_rank < 0 || s.wan_rank >= static_cast<int>(s.leaders.size()))) {
    d.error("/wan_rank", "must index the leaders list");
  }
  if (s.threads < 0 || s.threads > 1024) d.error("/threads", "must be in [0, 1024]");
  if (s.fabric_address.empty()) d.error("/fabric_address", "must not be empty");
  if (s.journal.empty()) d.error("/journal", "must not be empty");
  return s;
}

void writeWorkerSpec(const WorkerSpec& spec, const std::filesystem::path& path) {
  // Atomic like project files: a worker can never read half a spec.
  const std::string text = workerSpecToJson(spec).dump(2) + "\n";
  writeFileAtomically(path, text);
}

}  // namespace archi
