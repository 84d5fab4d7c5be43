#include "core/ProjectValidator.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/JsonPointer.h"
#include "core/ModelMemory.h"
#include "core/ProjectLimits.h"
#include "core/TextSimilarity.h"

namespace archi {
namespace {

std::string formatGiB(double bytes) {
  std::ostringstream out;
  out.precision(bytes < 10.0 * (1 << 30) ? 2 : 0);
  out << std::fixed << bytes / double(1 << 30) << " GiB";
  return out.str();
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

void requirePositive(double value, const std::string& pointer, Diagnostics& d) {
  if (!std::isfinite(value) || value <= 0.0) d.error(pointer, "must be > 0");
}

// Ids are referenced from links, worker specs and certificates: keep them to a safe alphabet.
void checkId(const std::string& id, const std::string& pointer, Diagnostics& d) {
  if (id.empty()) {
    d.error(pointer, "must not be empty");
    return;
  }
  if (id.size() > kMaxIdBytes) {
    d.error(pointer, "must be at most " + std::to_string(kMaxIdBytes) + " characters (got " + std::to_string(id.size()) + ")");
    return;
  }
  for (char c : id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    if (!safe) {
      d.error(pointer, "may contain only letters, digits, '-', '_' and '.' (got " + quoted(id) + ")");
      return;
    }
  }
}

void checkDevices(const Project& project, const GpuCatalog& catalog, Diagnostics& d) {
  // A model beyond the limits is reported by validateRunSpec; whether it fits is moot.
  const bool modelSized = modelSizeIsBounded(project.run.model);
  const std::int64_t needBytes = trainingBytesPerDevice(project.run.model);
  bool anyDeviceFits = false;
  bool anyKnownDevice = false;
  bool anyDevice = false;
  bool anyEnabled = false;
  double largestGiB = 0.0;
  std::string largestType;
  std::set<std::pair<std::string, int>> endpoints;  // (host, port): two agents cannot share one
  std::map<std::string, std::string> nodeIds;      // node id -> pointer where first seen

  for (std::size_t di = 0; di < project.topology.datacenters.size(); ++di) {
    const Datacenter& dc = project.topology.datacenters[di];
    const std::string dcPointer = pointerChild("/datacenters", di);
    if (dc.nodes.empty()) d.error(pointerChild(dcPointer, "nodes"), "a datacenter needs at least one node");
    requirePositive(dc.fabric.gbit, dcPointer + "/fabric/gbit", d);
    if (!std::isfinite(dc.fabric.latency_us) || dc.fabric.latency_us < 0.0) {
      d.error(dcPointer + "/fabric/latency_us", "must be >= 0");
    }
    validateDatacenterLaunch(dc.launch, dcPointer + "/launch", d);
    for (std::size_t ni = 0; ni < dc.nodes.size(); ++ni) {
      const Node& node = dc.nodes[ni];
      const std::string nodePointer = pointerChild(pointerChild(dcPointer, "nodes"), ni);
      checkId(node.id, nodePointer + "/id", d);
      if (!node.id.empty()) {
        auto [it, inserted] = nodeIds.emplace(node.id, nodePointer + "/id");
        if (!inserted) d.error(nodePointer + "/id", "duplicate node id " + quoted(node.id) + " (first used at " + it->second + ")");
      }
      if (node.host.empty()) d.error(nodePointer + "/host", "must not be empty");
      if (node.agent_port < kMinPort || node.agent_port > kMaxPort) {
        d.error(nodePointer + "/agent_port", "port " + std::to_string(node.agent_port) + " is out of range (1-65535)");
      } else if (!endpoints.emplace(node.host, node.agent_port).second) {
        d.error(nodePointer + "/agent_port", "another node already uses " + node.host + ":" + std::to_string(node.agent_port));
      }
      if (node.devices.empty()) d.error(nodePointer + "/devices", "a node needs at least one device");
      for (std::size_t gi = 0; gi < node.devices.size(); ++gi) {
        const DeviceGroup& group = node.devices[gi];
        const std::string groupPointer = pointerChild(nodePointer + "/devices", gi);
        if (group.count <= 0) d.error(groupPointer + "/count", "must be > 0");
        anyDevice = true;
        anyEnabled = anyEnabled || group.enabled;
        const GpuSpec* spec = catalog.find(group.type);
        if (spec == nullptr) {
          std::string message = "unknown GPU type " + quoted(group.type);
          const auto suggestion = wantsHint(d) ? catalog.suggest(group.type) : std::nullopt;
          if (suggestion) message += " (did you mean " + quoted(*suggestion) + "?)";
          d.error(groupPointer + "/type", message);
          continue;
        }
        anyKnownDevice = true;
        const double haveBytes = spec->memory_gib * double(1 << 30);
        if (!modelSized || haveBytes >= double(needBytes)) {
          anyDeviceFits = true;
        } else {
          d.warning(groupPointer + "/type", spec->type + " has " + formatGiB(haveBytes) +
                                                 ", the model needs " + formatGiB(double(needBytes)) +
                                                 " per device: it cannot take part");
        }
        if (spec->memory_gib > largestGiB) {
          largestGiB = spec->memory_gib;
          largestType = spec->type;
        }
      }
    }
  }
  if (anyDevice && !anyEnabled) {
    d.error("/datacenters", "every device is disabled: enable at least one for the run");
  }
  if (anyKnownDevice && !anyDeviceFits) {
    d.error("/run/model", "the model needs " + formatGiB(double(needBytes)) +
                              " of training state per device; the largest device (" + largestType +
                              ", " + formatGiB(largestGiB * double(1 << 30)) + ") cannot hold it");
  }
}

void checkDatacentersAndLinks(const Project& project, Diagnostics& d) {
  const Topology& topology = project.topology;
  if (topology.datacenters.empty()) d.error("/datacenters", "a project needs at least one datacenter");
  std::map<std::string, std::string> dcIds;
  for (std::size_t i = 0; i < topology.datacenters.size(); ++i) {
    const Datacenter& dc = topology.datacenters[i];
    const std::string pointer = pointerChild("/datacenters", i);
    checkId(dc.id, pointer + "/id", d);
    if (dc.id.empty()) continue;
    auto [it, inserted] = dcIds.emplace(dc.id, pointer + "/id");
    if (!inserted) d.error(pointer + "/id", "duplicate datacenter id " + quoted(dc.id) + " (first used at " + it->second + ")");
  }
  std::vector<std::string> knownIds;
  for (const auto& [id, where] : dcIds) knownIds.push_back(id);

  std::set<std::pair<std::string, std::string>> linkedPairs;
  for (std::size_t i = 0; i < topology.links.size(); ++i) {
    const WanLink& link = topology.links[i];
    const std::string pointer = pointerChild("/links", i);
    bool endpointsKnown = true;
    for (const auto& [end, key] : {std::pair{link.a, "a"}, std::pair{link.b, "b"}}) {
      if (dcIds.contains(end)) continue;
      endpointsKnown = false;
      std::string message = "unknown datacenter " + quoted(end);
      const auto suggestion = wantsHint(d) ? closestMatch(end, knownIds) : std::nullopt;
      if (suggestion) message += " (did you mean " + quoted(*suggestion) + "?)";
      d.error(pointerChild(pointer, key), message);
    }
    if (endpointsKnown && link.a == link.b) {
      d.error(pointer + "/b", "links datacenter " + quoted(link.a) + " to itself");
    } else if (endpointsKnown) {
      const auto key = link.a < link.b ? std::pair{link.a, link.b} : std::pair{link.b, link.a};
      if (!linkedPairs.insert(key).second) {
        d.error(pointer, "a second link between " + quoted(link.a) + " and " + quoted(link.b));
      }
    }
    requirePositive(link.gbit, pointer + "/gbit", d);
    requirePositive(link.rtt_ms, pointer + "/rtt_ms", d);
    if (!std::isfinite(link.loss_pct) || link.loss_pct < 0.0 || link.loss_pct >= 100.0) {
      d.error(pointer + "/loss_pct", "must be in [0, 100)");
    }
  }
  // Every datacenter must reach every other one, or its pseudo-gradients never arrive.
  if (topology.datacenters.size() > 1 && dcIds.size() == topology.datacenters.size()) {
    std::map<std::string, std::string> parent;
    for (const auto& [id, where] : dcIds) parent[id] = id;
    auto root = [&](std::string id) {
      while (parent[id] != id) id = parent[id];
      return id;
    };
    for (const WanLink& link : topology.links) {
      if (dcIds.contains(link.a) && dcIds.contains(link.b)) parent[root(link.a)] = root(link.b);
    }
    const std::string first = root(topology.datacenters.front().id);
    for (std::size_t i = 0; i < topology.datacenters.size(); ++i) {
      if (root(topology.datacenters[i].id) != first) {
        d.error(pointerChild("/datacenters", i), "datacenter " + quoted(topology.datacenters[i].id) +
                                                      " is not connected to " + quoted(topology.datacenters.front().id) + " by any WAN link");
      }
    }
  }
}

}  // namespace

void validateRunSpec(const RunSpec& run, const std::string& pointer, Diagnostics& d) {
  const ModelConfig& m = run.model;
  for (const auto& [value, key, limit] :
       {std::tuple{m.layers, "layers", kMaxModelLayers}, std::tuple{m.heads, "heads", kMaxModelHeads},
        std::tuple{m.dim, "dim", kMaxModelDim}, std::tuple{m.context, "context", kMaxModelContext}}) {
    if (value <= 0) {
      d.error(pointer + "/model/" + key, "must be > 0");
    } else if (value > limit) {
      d.error(pointer + "/model/" + key, "must be at most " + std::to_string(limit) + " (the largest model this build trains)");
    }
  }
  if (m.heads > 0 && m.dim > 0 && m.dim % m.heads != 0) {
    d.error(pointer + "/model/dim", "dim " + std::to_string(m.dim) + " is not divisible by heads " + std::to_string(m.heads));
  }
  if (m.vocab < 256) {
    d.error(pointer + "/model/vocab", "must be >= 256 (the byte-level tokenizer has 256 symbols)");
  } else if (m.vocab > kMaxModelVocab) {
    d.error(pointer + "/model/vocab", "must be at most " + std::to_string(kMaxModelVocab) + " (the largest model this build trains)");
  }
  if (run.data.corpus.empty()) d.error(pointer + "/data/corpus", "must name a text file or a directory");
  if (!(run.data.val_frac > 0.0 && run.data.val_frac < 1.0)) d.error(pointer + "/data/val_frac", "must be in (0, 1)");
  const TrainConfig& t = run.train;
  if (t.tokens <= 0) {
    d.error(pointer + "/train/tokens", "must be > 0");
  } else if (t.tokens > kMaxTrainTokens) {
    d.error(pointer + "/train/tokens", "must be at most " + std::to_string(kMaxTrainTokens));
  }
  requirePositive(t.lr, pointer + "/train/lr", d);
  if (t.batch_tokens <= 0) {
    d.error(pointer + "/train/batch_tokens", "must be > 0");
  } else if (t.batch_tokens > kMaxBatchTokens) {
    d.error(pointer + "/train/batch_tokens", "must be at most " + std::to_string(kMaxBatchTokens));
  } else if (m.context > 0 && t.batch_tokens < m.context) {
    d.error(pointer + "/train/batch_tokens", "must hold at least one sequence of " + std::to_string(m.context) + " tokens");
  }
  if (t.inner_steps <= 0 || t.inner_steps > kMaxInnerSteps) {
    d.error(pointer + "/train/inner_steps", "must be in 1.." + std::to_string(kMaxInnerSteps));
  }
  requirePositive(t.outer_lr, pointer + "/train/outer_lr", d);
  if (!(t.outer_momentum >= 0.0 && t.outer_momentum < 1.0)) d.error(pointer + "/train/outer_momentum", "must be in [0, 1)");
  if (t.validate_every_rounds <= 0) d.error(pointer + "/train/validate_every_rounds", "must be > 0");
  if (t.checkpoint_every_rounds < 0) d.error(pointer + "/train/checkpoint_every_rounds", "must be ≥ 0 (0: only at the end)");
}


void validateProject(const Project& project, const GpuCatalog& catalog, Diagnostics& diagnostics) {
  if (project.name.empty()) diagnostics.error("/name", "must not be empty");
  checkDatacentersAndLinks(project, diagnostics);
  checkDevices(project, catalog, diagnostics);
  validateRunSpec(project.run, "/run", diagnostics);
}

}  // namespace archi
