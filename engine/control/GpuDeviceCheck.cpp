#include "control/GpuDeviceCheck.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace archi {
namespace {

// "NVIDIA A100-SXM4-80GB" → {NVIDIA, A100, SXM4, 80GB}: names are compared as whole words, so
// that an "H20" is not taken for an "H200".
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.back() += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!out.back().empty()) {
      out.emplace_back();
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

bool containsWords(const std::string& name, const std::string& wanted) {
  const std::vector<std::string> haystack = words(name);
  const std::vector<std::string> needle = words(wanted);
  return !needle.empty() && std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

std::string listDevices(const std::vector<cuda::DeviceInfo>& devices) {
  if (devices.empty()) return "no CUDA device";
  std::string list;
  for (const cuda::DeviceInfo& d : devices) list += fmt::format("{}{}: {} ({})", list.empty() ? "" : ", ", d.index, d.name, d.uuid);
  return list;
}

}  // namespace

std::vector<GpuMismatch> checkGpuAgainstCatalog(const cuda::DeviceInfo& device, const GpuSpec& planned) {
  std::vector<GpuMismatch> mismatches;
  if (!planned.cuda_name.empty() && !containsWords(device.name, planned.cuda_name)) {
    mismatches.push_back({"name", fmt::format("{} ({})", planned.cuda_name, planned.type), device.name});
  }
  const double gotGib = static_cast<double>(device.totalMemoryBytes) / (1024.0 * 1024.0 * 1024.0);
  if (planned.memory_gib > 0.0 && std::abs(gotGib - planned.memory_gib) > kGpuMemoryTolerance * planned.memory_gib) {
    mismatches.push_back({"memory", fmt::format("{:g} GiB", planned.memory_gib), fmt::format("{:.1f} GiB", gotGib)});
  }
  const std::string capability = fmt::format("{}.{}", device.computeCapabilityMajor, device.computeCapabilityMinor);
  if (!planned.compute_capability.empty() && planned.compute_capability != capability) {
    mismatches.push_back({"compute_capability", planned.compute_capability, capability});
  }
  return mismatches;
}

std::string describeGpuMismatches(const std::vector<GpuMismatch>& mismatches) {
  std::string text;
  for (const GpuMismatch& m : mismatches) {
    text += fmt::format("{}{} is {}, the plan assumed {}", text.empty() ? "" : "; ", m.field, m.got, m.expected);
  }
  return text;
}

int resolveGpu(const std::vector<cuda::DeviceInfo>& devices, const std::string& selector) {
  if (selector.rfind("GPU-", 0) == 0) {
    for (const cuda::DeviceInfo& d : devices) {
      if (d.uuid == selector) return d.index;
    }
    throw std::runtime_error(fmt::format("gpu '{}': no CUDA device has this UUID (present: {})", selector, listDevices(devices)));
  }
  const bool digits = !selector.empty() && selector.size() <= 4 &&
                      std::all_of(selector.begin(), selector.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!digits) {
    throw std::runtime_error(fmt::format("gpu '{}': expected a device index (\"0\") or a UUID (\"GPU-…\")", selector));
  }
  const int index = std::stoi(selector);
  for (const cuda::DeviceInfo& d : devices) {
    if (d.index == index) return index;
  }
  throw std::runtime_error(fmt::format("gpu '{}': no CUDA device with this index (present: {})", selector, listDevices(devices)));
}

}  // namespace archi
