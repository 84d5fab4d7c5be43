#include "bridge/RunComparisonData.h"

#include <nlohmann/json.hpp>

#include <exception>

#include "core/Diagnostic.h"
#include "core/ProjectJson.h"
#include "store/RunStore.h"

RunLaunchSettings parseLaunchSettings(const std::optional<std::string>& projectJson, const std::optional<std::string>& planJson) {
  RunLaunchSettings settings;
  if (projectJson) {
    archi::Diagnostics diagnostics;
    settings.project = archi::parseProject(*projectJson, diagnostics);
  }
  if (!planJson) return settings;
  const nlohmann::json plan = nlohmann::json::parse(*planJson, nullptr, false);
  if (plan.is_discarded() || !plan.is_object()) return settings;
  if (const auto it = plan.find("parameters"); it != plan.end() && it->is_number()) settings.parameters = it->get<double>();
  const auto dcs = plan.find("datacenters");
  if (dcs == plan.end() || !dcs->is_array()) return settings;
  for (const nlohmann::json& dc : *dcs) {
    if (!dc.is_object() || !dc.contains("id") || !dc["id"].is_string()) continue;
    RunLaunchSettings::Share share;
    share.datacenterId = dc["id"].get<std::string>();
    share.name = dc.value("name", share.datacenterId);
    if (const auto devices = dc.find("devices"); devices != dc.end() && devices->is_array()) {
      for (const nlohmann::json& d : *devices) {
        if (!d.is_object() || d.value("excluded", false)) continue;
        if (const auto seq = d.find("sequences_per_step"); seq != d.end() && seq->is_number_integer()) share.sequencesPerStep += seq->get<std::int64_t>();
      }
    }
    settings.shares.push_back(std::move(share));
  }
  return settings;
}

RunComparisonData loadRunComparison(const std::filesystem::path& storePath, const QList<qint64>& runIds) {
  RunComparisonData data;
  // Errors stay on this thread and come back as a sentence.
  try {
    archi::RunStore store(storePath, archi::RunStore::Access::ReadOnly);
    for (const qint64 id : runIds) {
      if (!store.findRun(id)) continue;
      ComparedRun run;
      run.summary = archi::summarizeRun(store, id);
      run.curves = run_curves::readCurves(store, id);
      run.settings = parseLaunchSettings(store.topology(id), store.plan(id));
      data.runs.push_back(std::move(run));
    }
  } catch (const std::exception& e) {
    data.runs.clear();
    data.error = QString::fromStdString(e.what());
  }
  return data;
}
