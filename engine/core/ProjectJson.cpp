#include "core/ProjectJson.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "core/AtomicFile.h"
#include "core/JsonFieldReader.h"
#include "core/JsonPointer.h"
#include "core/JsonSyntax.h"
#include "core/ProjectLimits.h"
#include "core/ProjectValidator.h"
#include "core/Resources.h"

namespace archi {
namespace {

// Narrowing an int64 read from JSON into an int field: out-of-range values are errors, not
// silent wrap-arounds.
int toInt(std::optional<std::int64_t> value, int fallback, const std::string& pointer,
          Diagnostics& diagnostics) {
  if (!value) return fallback;
  if (*value < -2'000'000'000 || *value > 2'000'000'000) {
    diagnostics.error(pointer, "is out of range");
    return fallback;
  }
  return static_cast<int>(*value);
}

// Reading a project keeps a tally of what it expands to, so that no count in the file can
// make the console or the planner build more than ProjectLimits.h allows.
struct ProjectTally {
  Diagnostics& diagnostics;
  int devices = 0;
};

DeviceGroup readDevice(const nlohmann::json& value, const std::string& pointer, ProjectTally& tally) {
  Diagnostics& d = tally.diagnostics;
  JsonObjectReader reader(value, pointer, d);
  DeviceGroup device;
  device.type = reader.string("type", Presence::Required).value_or("");
  device.count = toInt(reader.integer("count", Presence::Required), 1, reader.childPointer("count"), d);
  if (device.count > kMaxDevicesPerGroup) {
    d.error(reader.childPointer("count"), "must be at most " + std::to_string(kMaxDevicesPerGroup) + " (got " +
                                              std::to_string(device.count) + ")");
    device.count = 1;
  }
  if (device.count > 0 && device.count > kMaxDevicesPerProject - tally.devices) {
    // Not read: a group past the project's limit would still be expanded by whoever shows it.
    d.error(reader.childPointer("count"), "the project would have more than " + std::to_string(kMaxDevicesPerProject) +
                                              " devices (the limit); this group is not read");
    device.count = 0;
  }
  if (device.count > 0) tally.devices += device.count;
  device.emulate = reader.boolean("emulate", Presence::Optional).value_or(false);
  device.enabled = reader.boolean("enabled", Presence::Optional).value_or(true);
  reader.rejectUnknownKeys();
  return device;
}

Node readNode(const nlohmann::json& value, const std::string& pointer, ProjectTally& tally) {
  Diagnostics& d = tally.diagnostics;
  JsonObjectReader reader(value, pointer, d);
  Node node;
  node.id = reader.string("id", Presence::Required).value_or("");
  node.host = reader.string("host", Presence::Required).value_or(node.host);
  node.agent_port = toInt(reader.integer("agent_port", Presence::Required), 7400,
                          reader.childPointer("agent_port"), d);
  if (const nlohmann::json* devices = reader.array("devices", Presence::Required)) {
    const std::string devicesPointer = reader.childPointer("devices");
    const std::size_t count = readableCount(*devices, kMaxDeviceGroupsPerNode, devicesPointer, "device groups", d);
    for (std::size_t i = 0; i < count; ++i) {
      node.devices.push_back(readDevice((*devices)[i], pointerChild(devicesPointer, i), tally));
    }
  }
  reader.rejectUnknownKeys();
  return node;
}

Datacenter readDatacenter(const nlohmann::json& value, const std::string& pointer, ProjectTally& tally) {
  Diagnostics& d = tally.diagnostics;
  JsonObjectReader reader(value, pointer, d);
  Datacenter dc;
  dc.id = reader.string("id", Presence::Required).value_or("");
  dc.name = reader.string("name", Presence::Required).value_or(dc.id);
  dc.region = reader.string("region", Presence::Optional).value_or("");
  if (const nlohmann::json* position = reader.object("position", Presence::Optional)) {
    JsonObjectReader positionReader(*position, reader.childPointer("position"), d);
    dc.position.x = positionReader.number("x", Presence::Required).value_or(0.0);
    dc.position.y = positionReader.number("y", Presence::Required).value_or(0.0);
    positionReader.rejectUnknownKeys();
  }
  if (const nlohmann::json* nodes = reader.array("nodes", Presence::Required)) {
    const std::string nodesPointer = reader.childPointer("nodes");
    const std::size_t count = readableCount(*nodes, kMaxNodesPerDatacenter, nodesPointer, "nodes", d);
    for (std::size_t i = 0; i < count; ++i) {
      dc.nodes.push_back(readNode((*nodes)[i], pointerChild(nodesPointer, i), tally));
    }
  }
  if (const nlohmann::json* fabric = reader.object("fabric", Presence::Optional)) {
    JsonObjectReader fabricReader(*fabric, reader.childPointer("fabric"), d);
    dc.fabric.gbit = fabricReader.number("gbit", Presence::Required).value_or(dc.fabric.gbit);
    dc.fabric.latency_us =
        fabricReader.number("latency_us", Presence::Required).value_or(dc.fabric.latency_us);
    fabricReader.rejectUnknownKeys();
  }
  dc.launch = readDatacenterLaunch(reader, d);
  reader.rejectUnknownKeys();
  return dc;
}

WanLink readLink(const nlohmann::json& value, const std::string& pointer, Diagnostics& d) {
  JsonObjectReader reader(value, pointer, d);
  WanLink link;
  link.a = reader.string("a", Presence::Required).value_or("");
  link.b = reader.string("b", Presence::Required).value_or("");
  // Neutral defaults for missing values: the missing key is already reported.
  link.gbit = reader.number("gbit", Presence::Required).value_or(1.0);
  link.rtt_ms = reader.number("rtt_ms", Presence::Required).value_or(1.0);
  link.loss_pct = reader.number("loss_pct", Presence::Optional).value_or(0.0);
  reader.rejectUnknownKeys();
  return link;
}

template <typename Enum>
Enum readEnum(JsonObjectReader& reader, std::string_view key,
              std::initializer_list<std::pair<const char*, Enum>> choices, Enum fallback,
              Diagnostics& d) {
  const auto text = reader.string(key, Presence::Optional);
  if (!text) return fallback;
  std::string allowed;
  for (const auto& [name, value] : choices) {
    if (*text == name) return value;
    allowed += allowed.empty() ? std::string("\"") + name + "\"" : std::string(", \"") + name + "\"";
  }
  d.error(reader.childPointer(key), "must be one of " + allowed + " (got \"" + *text + "\")");
  return fallback;
}

}  // namespace

RunSpec readRunSpec(const nlohmann::json& value, const std::string& pointer, Diagnostics& d) {
  JsonObjectReader reader(value, pointer, d);
  RunSpec run;
  if (const nlohmann::json* model = reader.object("model", Presence::Required)) {
    JsonObjectReader m(*model, reader.childPointer("model"), d);
    ModelConfig& c = run.model;
    c.layers = toInt(m.integer("layers", Presence::Required), c.layers, m.childPointer("layers"), d);
    c.heads = toInt(m.integer("heads", Presence::Required), c.heads, m.childPointer("heads"), d);
    c.dim = toInt(m.integer("dim", Presence::Required), c.dim, m.childPointer("dim"), d);
    c.context = toInt(m.integer("context", Presence::Required), c.context, m.childPointer("context"), d);
    c.vocab = toInt(m.integer("vocab", Presence::Optional), c.vocab, m.childPointer("vocab"), d);
    m.rejectUnknownKeys();
  }
  if (const nlohmann::json* data = reader.object("data", Presence::Optional)) {
    JsonObjectReader m(*data, reader.childPointer("data"), d);
    run.data.corpus = m.string("corpus", Presence::Optional).value_or(run.data.corpus);
    run.data.val_frac = m.number("val_frac", Presence::Optional).value_or(run.data.val_frac);
    m.rejectUnknownKeys();
  }
  if (const nlohmann::json* train = reader.object("train", Presence::Optional)) {
    JsonObjectReader m(*train, reader.childPointer("train"), d);
    TrainConfig& t = run.train;
    t.tokens = m.integer("tokens", Presence::Optional).value_or(t.tokens);
    t.lr = m.number("lr", Presence::Optional).value_or(t.lr);
    t.batch_tokens = m.integer("batch_tokens", Presence::Optional).value_or(t.batch_tokens);
    t.inner_steps = toInt(m.integer("inner_steps", Presence::Optional), t.inner_steps,
                          m.childPointer("inner_steps"), d);
    t.outer_lr = m.number("outer_lr", Presence::Optional).value_or(t.outer_lr);
    t.outer_momentum = m.number("outer_momentum", Presence::Optional).value_or(t.outer_momentum);
    t.validate_every_rounds = toInt(m.integer("validate_every_rounds", Presence::Optional), t.validate_every_rounds,
                                    m.childPointer("validate_every_rounds"), d);
    t.checkpoint_every_rounds = toInt(m.integer("checkpoint_every_rounds", Presence::Optional), t.checkpoint_every_rounds,
                                      m.childPointer("checkpoint_every_rounds"), d);
    t.compression = readEnum<Compression>(
        m, "compression",
        {{"fp32", Compression::Fp32}, {"bf16", Compression::Bf16}, {"int8", Compression::Int8}},
        t.compression, d);
    t.sync = readEnum<SyncMode>(m, "sync", {{"diloco", SyncMode::DiLoCo}, {"ddp", SyncMode::Ddp}},
                                t.sync, d);
    m.rejectUnknownKeys();
  }
  run.seed = reader.unsignedInteger("seed", Presence::Optional).value_or(run.seed);
  reader.rejectUnknownKeys();
  return run;
}


std::optional<Project> parseProject(const std::string& text, Diagnostics& diagnostics) {
  const auto document = parseJsonDocument(text, diagnostics, kProjectJsonLimits);
  if (!document) return std::nullopt;
  Project project;
  JsonObjectReader root(*document, "", diagnostics);
  if (const auto format = root.integer("format", Presence::Required)) {
    if (*format != kProjectFormat) {
      diagnostics.error("/format", "project format " + std::to_string(*format) +
                                       " is not supported: this build reads format " +
                                       std::to_string(kProjectFormat));
    }
  }
  project.name = root.string("name", Presence::Required).value_or("");
  ProjectTally tally{diagnostics};
  if (const nlohmann::json* datacenters = root.array("datacenters", Presence::Required)) {
    const std::size_t count = readableCount(*datacenters, kMaxDatacenters, "/datacenters", "datacenters", diagnostics);
    for (std::size_t i = 0; i < count; ++i) {
      project.topology.datacenters.push_back(
          readDatacenter((*datacenters)[i], pointerChild("/datacenters", i), tally));
    }
  }
  if (const nlohmann::json* links = root.array("links", Presence::Optional)) {
    const std::size_t count = readableCount(*links, kMaxLinks, "/links", "links", diagnostics);
    for (std::size_t i = 0; i < count; ++i) {
      project.topology.links.push_back(readLink((*links)[i], pointerChild("/links", i), diagnostics));
    }
  }
  if (const nlohmann::json* run = root.object("run", Presence::Required)) {
    project.run = readRunSpec(*run, "/run", diagnostics);
  }
  root.rejectUnknownKeys();
  return project;
}

nlohmann::ordered_json runSpecToJson(const RunSpec& run) {
  using nlohmann::ordered_json;
  return {
      {"model",
       {{"layers", run.model.layers}, {"heads", run.model.heads}, {"dim", run.model.dim},
        {"context", run.model.context}, {"vocab", run.model.vocab}}},
      {"data", {{"corpus", run.data.corpus}, {"val_frac", run.data.val_frac}}},
      {"train",
       {{"tokens", run.train.tokens}, {"lr", run.train.lr}, {"batch_tokens", run.train.batch_tokens},
        {"inner_steps", run.train.inner_steps}, {"outer_lr", run.train.outer_lr},
        {"outer_momentum", run.train.outer_momentum}, {"validate_every_rounds", run.train.validate_every_rounds},
        {"checkpoint_every_rounds", run.train.checkpoint_every_rounds},
        {"compression", toString(run.train.compression)}, {"sync", toString(run.train.sync)}}},
      {"seed", run.seed}};
}

nlohmann::ordered_json projectToJson(const Project& project) {
  using nlohmann::ordered_json;
  ordered_json datacenters = ordered_json::array();
  for (const Datacenter& dc : project.topology.datacenters) {
    ordered_json nodes = ordered_json::array();
    for (const Node& node : dc.nodes) {
      ordered_json devices = ordered_json::array();
      for (const DeviceGroup& device : node.devices) {
        ordered_json entry = {{"type", device.type}, {"count", device.count}};
        if (device.emulate) entry["emulate"] = true;
        if (!device.enabled) entry["enabled"] = false;  // the default stays implicit in files
        devices.push_back(std::move(entry));
      }
      nodes.push_back({{"id", node.id}, {"host", node.host}, {"agent_port", node.agent_port},
                       {"devices", std::move(devices)}});
    }
    datacenters.push_back({{"id", dc.id},
                           {"name", dc.name},
                           {"region", dc.region},
                           {"position", {{"x", dc.position.x}, {"y", dc.position.y}}},
                           {"nodes", std::move(nodes)},
                           {"fabric", {{"gbit", dc.fabric.gbit}, {"latency_us", dc.fabric.latency_us}}}});
    if (auto launch = datacenterLaunchToJson(dc.launch)) datacenters.back()["launch"] = std::move(*launch);
  }
  ordered_json links = ordered_json::array();
  for (const WanLink& link : project.topology.links) {
    links.push_back({{"a", link.a}, {"b", link.b}, {"gbit", link.gbit}, {"rtt_ms", link.rtt_ms},
                     {"loss_pct", link.loss_pct}});
  }
  ordered_json runJson = runSpecToJson(project.run);
  return {{"format", project.format},
          {"name", project.name},
          {"datacenters", std::move(datacenters)},
          {"links", std::move(links)},
          {"run", std::move(runJson)}};
}

std::string serializeProject(const Project& project) { return projectToJson(project).dump(2) + "\n"; }

ProjectLoad loadProjectText(const std::string& text, const GpuCatalog& catalog) {
  ProjectLoad load;
  Diagnostics structural;
  load.project = parseProject(text, structural);
  load.diagnostics = structural;
  if (!load.project) return load;
  // A field already reported as missing or mistyped (or inside such a field) is not
  // reported again by the semantic checks, which only see its neutral default.
  std::vector<std::string> flagged;
  for (const Diagnostic& d : structural.all()) flagged.push_back(d.pointer);
  const auto alreadyReported = [&flagged](const std::string& pointer) {
    return std::any_of(flagged.begin(), flagged.end(), [&pointer](const std::string& f) {
      return pointer == f || pointer.starts_with(f + "/");
    });
  };
  Diagnostics semantic;
  validateProject(*load.project, catalog, semantic);
  for (const Diagnostic& d : semantic.all()) {
    if (alreadyReported(d.pointer)) continue;
    if (d.severity == Severity::Error) {
      load.diagnostics.error(d.pointer, d.message);
    } else {
      load.diagnostics.warning(d.pointer, d.message);
    }
  }
  load.diagnostics.sortByPointer();
  return load;
}

ProjectLoad loadProjectFile(const std::filesystem::path& path, const GpuCatalog& catalog) {
  try {
    return loadProjectText(readTextFile(path, kMaxProjectFileBytes), catalog);
  } catch (const std::exception& e) {
    ProjectLoad failed;
    failed.diagnostics.error("", e.what());
    return failed;
  }
}

void saveProjectFile(const Project& project, const std::filesystem::path& path) {
  writeFileAtomically(path, serializeProject(project));
}

}  // namespace archi
