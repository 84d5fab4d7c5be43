#include "core/GpuCatalog.h"

#include <cstdlib>
#include <stdexcept>

#include "core/JsonFieldReader.h"
#include "core/JsonPointer.h"
#include "core/JsonSyntax.h"
#include "core/Resources.h"
#include "core/TextSimilarity.h"

namespace archi {
namespace {

inline constexpr int kCatalogFormat = 1;

GpuSpec readSpec(const nlohmann::json& value, const std::string& pointer, Diagnostics& diagnostics) {
  JsonObjectReader reader(value, pointer, diagnostics);
  GpuSpec spec;
  spec.type = reader.string("type", Presence::Required).value_or("");
  spec.vendor = reader.string("vendor", Presence::Required).value_or("");
  spec.bf16_tflops = reader.number("bf16_tflops", Presence::Required).value_or(0.0);
  spec.memory_gib = reader.number("memory_gib", Presence::Required).value_or(0.0);
  spec.memory_tbps = reader.number("memory_tbps", Presence::Optional).value_or(0.0);
  spec.interconnect = reader.string("interconnect", Presence::Optional).value_or("");
  spec.source = reader.string("source", Presence::Required).value_or("");
  spec.official = reader.boolean("official", Presence::Required).value_or(false);
  spec.note = reader.string("note", Presence::Optional).value_or("");
  spec.cuda_name = reader.string("cuda_name", Presence::Optional).value_or("");
  spec.compute_capability = reader.string("compute_capability", Presence::Optional).value_or("");
  reader.rejectUnknownKeys();
  if (reader.isObject()) {
    if (spec.bf16_tflops <= 0.0) diagnostics.error(pointerChild(pointer, "bf16_tflops"), "must be > 0");
    if (spec.memory_gib <= 0.0) diagnostics.error(pointerChild(pointer, "memory_gib"), "must be > 0");
    if (spec.memory_tbps < 0.0) diagnostics.error(pointerChild(pointer, "memory_tbps"), "must be >= 0");
    const auto& cc = spec.compute_capability;
    const bool ccWellFormed = cc.size() >= 3 && cc.find('.') != std::string::npos &&
                              cc.find_first_not_of("0123456789.") == std::string::npos && cc.front() != '.' && cc.back() != '.';
    if (!cc.empty() && !ccWellFormed) {
      diagnostics.error(pointerChild(pointer, "compute_capability"), "must look like \"9.0\" (major.minor)");
    }
  }
  return spec;
}

}  // namespace

GpuCatalog GpuCatalog::fromJsonText(const std::string& text, Diagnostics& diagnostics) {
  GpuCatalog catalog;
  const auto document = parseJsonDocument(text, diagnostics, kGpuCatalogJsonLimits);
  if (!document) return catalog;
  JsonObjectReader root(*document, "", diagnostics);
  const auto format = root.integer("format", Presence::Required);
  if (format && *format != kCatalogFormat) {
    diagnostics.error("/format", "catalog format " + std::to_string(*format) +
                                     " is not supported (this build reads format 1)");
  }
  if (const nlohmann::json* gpus = root.array("gpus", Presence::Required)) {
    const std::size_t count = readableCount(*gpus, kMaxCatalogGpus, "/gpus", "GPU types", diagnostics);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string pointer = pointerChild("/gpus", i);
      GpuSpec spec = readSpec((*gpus)[i], pointer, diagnostics);
      if (spec.type.empty()) continue;
      if (catalog.find(spec.type) != nullptr) {
        diagnostics.error(pointerChild(pointer, "type"), "duplicate GPU type \"" + spec.type + "\"");
        continue;
      }
      catalog.entries_.push_back(std::move(spec));
    }
  }
  root.rejectUnknownKeys();
  return catalog;
}

GpuCatalog GpuCatalog::fromFile(const std::filesystem::path& path, Diagnostics& diagnostics) {
  std::string text;
  try {
    text = readTextFile(path, kGpuCatalogJsonLimits.max_bytes);
  } catch (const std::exception& e) {
    diagnostics.error("", e.what());
    return {};
  }
  return fromJsonText(text, diagnostics);
}

GpuCatalog GpuCatalog::loadDefault(Diagnostics& diagnostics) {
  GpuCatalog catalog = fromFile(resourceDirectory() / "gpu-catalog.json", diagnostics);
  if (const char* userCatalog = std::getenv("ARCHIPELAGO_GPU_CATALOG");
      userCatalog != nullptr && *userCatalog != '\0') {
    catalog.extend(fromFile(userCatalog, diagnostics));
  }
  return catalog;
}

void GpuCatalog::extend(const GpuCatalog& other) {
  for (const GpuSpec& spec : other.entries_) {
    auto existing = std::find_if(entries_.begin(), entries_.end(),
                                 [&](const GpuSpec& e) { return e.type == spec.type; });
    if (existing != entries_.end()) {
      *existing = spec;
    } else {
      entries_.push_back(spec);
    }
  }
}

const GpuSpec* GpuCatalog::find(const std::string& type) const {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const GpuSpec& spec) { return spec.type == type; });
  return it == entries_.end() ? nullptr : &*it;
}

std::optional<std::string> GpuCatalog::suggest(const std::string& misspelled) const {
  return closestMatch(misspelled, types());
}

std::vector<std::string> GpuCatalog::types() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const GpuSpec& spec : entries_) out.push_back(spec.type);
  return out;
}

}  // namespace archi
