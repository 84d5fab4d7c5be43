#pragma once
// What this machine has, measured, never invented (docs/agent-api.md, GET /v1/inventory):
// CPU from /proc/cpuinfo and sysconf, memory from sysconf, disk from statvfs of the state
// folder, GPUs from nvidia-smi when present, else /proc/driver/nvidia, else none.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/GpuCatalog.h"

namespace archi::agent {

struct GpuInventory {
  int index = 0;
  std::string name;  // as the driver reports it, "NVIDIA H20"
  std::string type;  // the catalog type the name maps to; empty when none does
  std::int64_t memory_bytes = 0;
  std::string driver;
};

struct Inventory {
  std::string hostname;
  std::string cpu_model;
  int cpu_cores = 0;
  std::int64_t memory_bytes = 0;
  std::filesystem::path disk_path;
  std::int64_t disk_total_bytes = 0;
  std::int64_t disk_available_bytes = 0;
  std::vector<GpuInventory> gpus;
  std::string gpu_source = "none";  // "nvidia-smi", "procfs" or "none"
};

Inventory measureInventory(const std::filesystem::path& diskPath, const GpuCatalog& catalog);
nlohmann::json inventoryToJson(const Inventory& inventory);

// Parsers of what the sources print, exposed for tests.
// `nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader,nounits`
std::vector<GpuInventory> parseNvidiaSmiCsv(const std::string& text);
// /proc/driver/nvidia/gpus/<bus>/information ("Model: ...", "Device Minor: N")
GpuInventory parseProcGpuInformation(const std::string& text);
// The longest catalog type found in `name` (case-insensitive); empty when none is.
std::string catalogTypeForName(const std::string& name, const GpuCatalog& catalog);

}  // namespace archi::agent
