// archi report RUN: a stored run at a glance, or (--csv DIR) every stored row as CSV files.

#include <fmt/core.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "cli/CliContext.h"
#include "core/DataLayout.h"
#include "store/RunCsvExport.h"
#include "store/RunStore.h"

namespace archi::cli {
namespace {

struct ReportOptions {
  std::string run;        // name, or numeric id
  std::string storePath;  // empty: the data folder's store
  std::string csvDirectory;
};

// A run by name first; a name that is all digits and matches no run is taken as an id.
std::optional<RunRecord> findRun(RunStore& store, const std::string& nameOrId) {
  if (std::optional<RunRecord> byName = store.findRunByName(nameOrId)) return byName;
  std::int64_t id = 0;
  const char* end = nameOrId.data() + nameOrId.size();
  const auto [last, error] = std::from_chars(nameOrId.data(), end, id);
  if (error != std::errc() || last != end || nameOrId.empty()) return std::nullopt;
  return store.findRun(id);
}

void printSummary(RunStore& store, const RunRecord& run) {
  fmt::print("run {} (id {}): {}\n", run.name, run.id, toString(run.state));
  if (run.started_at_s && run.ended_at_s) fmt::print("duration: {:.1f} s\n", *run.ended_at_s - *run.started_at_s);
  std::int64_t tokens = 0;
  for (const StepMetric& m : store.stepMetrics(run.id)) tokens += m.tokens;
  fmt::print("tokens: {}\n", tokens);
  const std::vector<ValidationRecord> validation = store.validation(run.id);
  if (validation.empty()) {
    fmt::print("final validation loss: none stored\n");
  } else {
    fmt::print("final validation loss: {:.4f} (step {})\n", validation.back().loss, validation.back().step);
  }
}

int runReport(const ReportOptions& options) {
  const std::filesystem::path storePath =
      options.storePath.empty() ? DataLayout::fromEnvironment().storePath() : std::filesystem::path(options.storePath);
  if (!std::filesystem::exists(storePath)) {
    fmt::print(stderr, "archi report: no run store at {} (pass --store FILE)\n", storePath.string());
    return 1;
  }
  RunStore store(storePath, RunStore::Access::ReadOnly);
  const std::optional<RunRecord> run = findRun(store, options.run);
  if (!run) {
    fmt::print(stderr, "archi report: the store {} has no run named or numbered {}\n", storePath.string(), options.run);
    return 1;
  }
  if (options.csvDirectory.empty()) {
    printSummary(store, *run);
    return 0;
  }
  for (const CsvFileRows& file : exportRunCsv(store, run->id, options.csvDirectory)) {
    fmt::print("{}: {} rows\n", file.file, file.rows);
  }
  return 0;
}

}  // namespace

void registerReportCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand("report", "Summarise a stored run, or export its rows as CSV files");
  command->add_option("RUN", options->run, "run name (or numeric run id)")->required();
  command->add_option("--store", options->storePath, "run store (default: ~/.local/share/archipelago/runs.db)");
  command->add_option("--csv", options->csvDirectory,
                      "write steps.csv, rounds.csv, validation.csv, events.csv, workers.csv, links.csv and samples.csv into this folder");
  command->callback([&context, options] {
    try {
      context.exitCode = runReport(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi report: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
