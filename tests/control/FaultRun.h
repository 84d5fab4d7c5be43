#pragma once
// A run of `project` on this machine through RunLauncher with scheduled faults, for the fault
// tests: emulated devices paced to `paces`, everything under `dir`, at most `limit` of polling.
// Workers are processes of $ARCHI_BIN unless another `spawner` is given.

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "common/TestDataFolder.h"
#include "control/RunLauncher.h"
#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "store/RunStore.h"

inline archi::RunSummary runLocallyWithFaults(const QTemporaryDir& dir, const archi::Project& project, std::int64_t tokens,
                                              const std::map<std::string, double>& paces,
                                              const std::vector<archi::Fault>& faults, std::chrono::milliseconds limit,
                                              std::chrono::milliseconds grace,
                                              std::unique_ptr<archi::WorkerSpawner> spawner = nullptr,
                                              const std::function<void(archi::LaunchOptions&)>& adjust = {}) {
  archi::Diagnostics problems;
  const archi::GpuCatalog catalog = archi::GpuCatalog::fromFile(
      std::filesystem::path(ARCHIPELAGO_SOURCE_DIR) / "resources" / "gpu-catalog.json", problems);
  archi::LaunchOptions launch;
  launch.archi_binary = qEnvironmentVariable("ARCHI_BIN").toStdString();
  const archi::DataLayout data = dataLayoutIn(dir);
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.token_budget = tokens;
  launch.run_name = project.name;
  launch.emulation_paces = paces;
  launch.faults = faults;
  if (adjust) adjust(launch);
  if (!spawner) spawner = std::make_unique<archi::LocalSpawner>(launch.archi_binary);
  archi::RunLauncher launcher(project, catalog, launch, std::move(spawner));
  launcher.start();
  QElapsedTimer timer;
  timer.start();
  while (launcher.poll() && timer.elapsed() < limit.count()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return launcher.finish(grace);
}

// A run's stored events as data (kind and fields), each printed for the record with its source.
inline std::vector<archi::RunEvent> storedEvents(archi::RunStore& store, std::int64_t runId) {
  std::vector<archi::RunEvent> events;
  for (const archi::EventRecord& record : store.events(runId)) {
    if (record.level != "debug") {
      qInfo("event %s [%s] %s: %s", record.kind.c_str(), record.level.c_str(), record.source.c_str(), record.fields.c_str());
    }
    events.push_back(record.event());
  }
  return events;
}

// The first event of `kind` that `matches`, or nullptr.
template <typename Match>
const archi::RunEvent* findEvent(const std::vector<archi::RunEvent>& events, archi::EventKind kind, Match matches) {
  for (const archi::RunEvent& e : events) {
    if (e.kind == kind && matches(e)) return &e;
  }
  return nullptr;
}
inline const archi::RunEvent* findEvent(const std::vector<archi::RunEvent>& events, archi::EventKind kind) {
  return findEvent(events, kind, [](const archi::RunEvent&) { return true; });
}
