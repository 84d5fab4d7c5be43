#include "agent/Inventory.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace archi::agent {
namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return text;
}

std::string readWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0 || line.rfind("Model", 0) == 0) {
      if (const auto colon = line.find(':'); colon != std::string::npos) return trim(line.substr(colon + 1));
    }
  }
  return {};
}

bool isExecutable(const std::filesystem::path& path) { return ::access(path.c_str(), X_OK) == 0; }

std::filesystem::path findNvidiaSmi() {
  for (const char* folder : {"/usr/bin", "/usr/local/bin", "/bin", "/usr/local/nvidia/bin"}) {
    const std::filesystem::path candidate = std::filesystem::path(folder) / "nvidia-smi";
    if (isExecutable(candidate)) return candidate;
  }
  return {};
}

// Runs nvidia-smi (a fixed command line, no user input); empty when it fails.
std::string runNvidiaSmi(const std::filesystem::path& program) {
  const std::string command = program.string() +
                              " --query-gpu=index,name,memory.total,driver_version --format=csv,noheader,nounits 2>/dev/null";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string output;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  return ::pclose(pipe) == 0 ? output : std::string();
}

}  // namespace

std::vector<GpuInventory> parseNvidiaSmiCsv(const std::string& text) {
  std::vector<GpuInventory> gpus;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream columns(line);
    for (std::string field; std::getline(columns, field, ',');) fields.push_back(trim(field));
    if (fields.size() != 4) continue;
    try {
      GpuInventory gpu;
      gpu.index = std::stoi(fields[0]);
      gpu.name = fields[1];
      gpu.memory_bytes = std::stoll(fields[2]) * 1024 * 1024;  // MiB with nounits
      gpu.driver = fields[3];
      gpus.push_back(gpu);
    } catch (const std::exception&) {
      continue;  // a line we cannot read is left out, never guessed
    }
  }
  return gpus;
}

GpuInventory parseProcGpuInformation(const std::string& text) {
  GpuInventory gpu;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = trim(line.substr(0, colon));
    const std::string value = trim(line.substr(colon + 1));
    if (key == "Model") gpu.name = value;
    if (key == "Device Minor") gpu.index = std::atoi(value.c_str());
  }
  return gpu;
}

std::string catalogTypeForName(const std::string& name, const GpuCatalog& catalog) {
  const std::string haystack = lower(name);
  std::string best;
  for (const GpuSpec& spec : catalog.entries()) {
    if (spec.type.size() > best.size() && haystack.find(lower(spec.type)) != std::string::npos) best = spec.type;
  }
  return best;
}

Inventory measureInventory(const std::filesystem::path& diskPath, const GpuCatalog& catalog) {
  Inventory inventory;
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) == 0) inventory.hostname = host.data();
  inventory.cpu_model = cpuModel();
  inventory.cpu_cores = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));
  inventory.memory_bytes = static_cast<std::int64_t>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGE_SIZE);
  inventory.disk_path = diskPath;
  struct statvfs disk {};
  if (::statvfs(diskPath.c_str(), &disk) == 0) {
    inventory.disk_total_bytes = static_cast<std::int64_t>(disk.f_blocks) * static_cast<std::int64_t>(disk.f_frsize);
    inventory.disk_available_bytes = static_cast<std::int64_t>(disk.f_bavail) * static_cast<std::int64_t>(disk.f_frsize);
  }
  if (const auto smi = findNvidiaSmi(); !smi.empty()) {
    inventory.gpus = parseNvidiaSmiCsv(runNvidiaSmi(smi));
    if (!inventory.gpus.empty()) inventory.gpu_source = "nvidia-smi";
  }
  const std::filesystem::path procGpus = "/proc/driver/nvidia/gpus";
  std::error_code error;
  if (inventory.gpus.empty() && std::filesystem::is_directory(procGpus, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(procGpus, error)) {
      GpuInventory gpu = parseProcGpuInformation(readWholeFile(entry.path() / "information"));
      if (!gpu.name.empty()) inventory.gpus.push_back(gpu);
    }
    std::sort(inventory.gpus.begin(), inventory.gpus.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
    if (!inventory.gpus.empty()) inventory.gpu_source = "procfs";
  }
  for (GpuInventory& gpu : inventory.gpus) gpu.type = catalogTypeForName(gpu.name, catalog);
  return inventory;
}

nlohmann::json inventoryToJson(const Inventory& inventory) {
  nlohmann::json gpus = nlohmann::json::array();
  for (const GpuInventory& gpu : inventory.gpus) {
    gpus.push_back({{"index", gpu.index}, {"name", gpu.name}, {"type", gpu.type}, {"memory_bytes", gpu.memory_bytes},
                    {"driver", gpu.driver}});
  }
  return {{"hostname", inventory.hostname},
          {"cpu", {{"model", inventory.cpu_model}, {"cores", inventory.cpu_cores}}},
          {"memory_bytes", inventory.memory_bytes},
          {"disk",
           {{"path", inventory.disk_path.string()},
            {"total_bytes", inventory.disk_total_bytes},
            {"available_bytes", inventory.disk_available_bytes}}},
          {"gpus", std::move(gpus)},
          {"gpu_source", inventory.gpu_source}};
}

}  // namespace archi::agent
