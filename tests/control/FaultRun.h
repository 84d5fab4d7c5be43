#pragma once
// A run of `project` on this machine through RunLauncher with scheduled faults, for the fault
// tests: emulated devices paced to `paces`, everything under `dir`, at most `limit` of polling.
// Workers are processes of $ARCHI_BIN unless another `spawner` is given.

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <chrono>
#include <filesystem>
#include <thread>

#include "control/RunLauncher.h"
#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"

inline archi::RunSummary runLocallyWithFaults(const QTemporaryDir& dir, const archi::Project& project, std::int64_t tokens,
                                              const std::map<std::string, double>& paces,
                                              const std::vector<archi::Fault>& faults, std::chrono::milliseconds limit,
                                              std::chrono::milliseconds grace,
                                              std::unique_ptr<archi::WorkerSpawner> spawner = nullptr) {
  archi::Diagnostics problems;
  const archi::GpuCatalog catalog = archi::GpuCatalog::fromFile(
      std::filesystem::path(ARCHIPELAGO_SOURCE_DIR) / "resources" / "gpu-catalog.json", problems);
  archi::LaunchOptions launch;
  launch.archi_binary = qEnvironmentVariable("ARCHI_BIN").toStdString();
  launch.runs_directory = dir.filePath("runs").toStdString();
  launch.store_path = dir.filePath("runs.db").toStdString();
  launch.pki_directory = dir.filePath("pki").toStdString();
  launch.token_budget = tokens;
  launch.run_name = project.name;
  launch.emulation_paces = paces;
  launch.faults = faults;
  if (!spawner) spawner = std::make_unique<archi::LocalSpawner>(launch.archi_binary);
  archi::RunLauncher launcher(project, catalog, launch, std::move(spawner));
  launcher.start();
  QElapsedTimer timer;
  timer.start();
  while (launcher.poll() && timer.elapsed() < limit.count()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return launcher.finish(grace);
}
