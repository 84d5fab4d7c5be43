#pragma once
// What comparing runs needs from the store, read in one go on a worker thread: each run's
// summary (report/RunSummary.h), its curves (bridge/RunCurves.h) and the settings it was
// launched with (the project JSON stored with the run, and the plan's shares per datacenter).

#include <QList>
#include <QString>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bridge/RunCurves.h"
#include "core/Project.h"
#include "report/RunSummary.h"

struct RunLaunchSettings {
  std::optional<archi::Project> project;  // nullopt: no project stored, or it could not be parsed
  std::optional<double> parameters;       // the plan's model size
  struct Share {
    std::string datacenterId;
    std::string name;
    std::int64_t sequencesPerStep = 0;  // sum of its devices' sequences_per_step in the plan
  };
  std::vector<Share> shares;  // in the plan's order; empty when no plan was stored
};

struct ComparedRun {
  archi::RunSummary summary;
  run_curves::Curves curves;
  RunLaunchSettings settings;
};

struct RunComparisonData {
  QList<ComparedRun> runs;  // in the order asked for; runs no longer in the store are left out
  QString error;
};

// The settings from the stored JSON texts (either may be missing).
RunLaunchSettings parseLaunchSettings(const std::optional<std::string>& projectJson, const std::optional<std::string>& planJson);

// Reads the runs (blocking: call it off the GUI thread) with a read-only connection of its own.
RunComparisonData loadRunComparison(const std::filesystem::path& storePath, const QList<qint64>& runIds);
