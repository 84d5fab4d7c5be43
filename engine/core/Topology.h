#pragma once
// The operator's drawing: datacenters holding nodes holding devices, and the WAN links between
// datacenters (docs/architecture.md#project-file). Plain values; validation lives in
// ProjectValidator.

#include <cstdint>
#include <string>
#include <vector>

#include "core/DatacenterLaunch.h"

namespace archi {

struct DeviceGroup {
  std::string type;       // a GpuCatalog type, e.g. "A100-80G"
  int count = 1;          // identical devices of this type on the node
  bool emulate = false;   // CPU compute paced to the catalog speed (docs/architecture.md#emulation)
  bool enabled = true;    // false: drawn and kept in the project, but left out of the run

  bool operator==(const DeviceGroup&) const = default;
};

struct Node {
  std::string id;
  std::string host = "127.0.0.1";
  int agent_port = 0;
  std::vector<DeviceGroup> devices;

  int deviceCount() const;
  bool operator==(const Node&) const = default;
};

struct CanvasPosition {
  double x = 0.0;
  double y = 0.0;
  bool operator==(const CanvasPosition&) const = default;
};

// The network inside one datacenter (NVLink/InfiniBand/Ethernet between its nodes).
struct Fabric {
  double gbit = 100.0;
  double latency_us = 5.0;
  bool operator==(const Fabric&) const = default;
};

struct Datacenter {
  std::string id;
  std::string name;
  std::string region;
  CanvasPosition position;
  std::vector<Node> nodes;
  Fabric fabric;
  DatacenterLaunch launch;  // node agents (default) or a Slurm job

  int deviceCount() const;
  bool operator==(const Datacenter&) const = default;
};

struct WanLink {
  std::string a;  // datacenter id
  std::string b;  // datacenter id
  double gbit = 0.0;
  double rtt_ms = 0.0;
  double loss_pct = 0.0;
  bool operator==(const WanLink&) const = default;
};

struct Topology {
  std::vector<Datacenter> datacenters;
  std::vector<WanLink> links;

  const Datacenter* findDatacenter(const std::string& id) const;
  int deviceCount() const;
  bool operator==(const Topology&) const = default;
};

}  // namespace archi
