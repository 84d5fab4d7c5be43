// archi bench store: step-metric ingest into a fresh run store, batched as the metrics
// collector does it, against one-row-per-transaction ingest as the baseline.

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "core/WallClock.h"
#include "store/RunStore.h"

namespace archi::cli {
namespace {

struct BenchStoreOptions {
  int rows = 200'000;
  int batch = 1'000;
  int runs = 5;
  int baselineRows = 2'000;
  std::string directory;
};

std::vector<StepMetric> makeRows(std::int64_t runId, int count) {
  std::vector<StepMetric> rows;
  rows.reserve(static_cast<std::size_t>(count));
  constexpr int kWorkers = 16;
  for (int i = 0; i < count; ++i) {
    const int worker = i % kWorkers;
    const double step = i / kWorkers;
    rows.push_back({runId, "dc" + std::to_string(worker / 4) + "-w" + std::to_string(worker), i / kWorkers,
                    step * 0.25, 4096, 5.5 / (1.0 + step * 1e-3), 180.0 + worker, 12.0, 0.5, 3.0});
  }
  return rows;
}

// Inserts `rows` into a fresh store in batches of `batch`; returns rows per second.
double ingestRate(const std::filesystem::path& file, int rowCount, int batch) {
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  RunStore store(file);
  const std::int64_t runId = store.createRun({0, "bench", "bench", RunState::Running, "diloco", true, 0.0, {}, {}});
  const std::vector<StepMetric> rows = makeRows(runId, rowCount);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t offset = 0; offset < rows.size(); offset += static_cast<std::size_t>(batch)) {
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(batch), rows.size() - offset);
    store.insertStepMetrics(std::span(rows).subspan(offset, n));
  }
  const double seconds = secondsSince(start);
  if (store.countStepMetrics(runId) != rowCount) throw std::runtime_error("bench store: row count mismatch");
  return rowCount / seconds;
}

void runBenchStore(const BenchStoreOptions& options) {
  std::filesystem::path directory = options.directory;
  bool temporary = false;
  if (directory.empty()) {
    directory = std::filesystem::temp_directory_path() / ("archi-bench-store-" + std::to_string(::getpid()));
    temporary = true;
  }
  std::filesystem::create_directories(directory);
  const std::filesystem::path file = directory / "bench.db";

  std::vector<double> batched;
  std::vector<double> unbatched;
  for (int run = 0; run < options.runs; ++run) {
    batched.push_back(ingestRate(file, options.rows, options.batch));
    unbatched.push_back(ingestRate(file, options.baselineRows, 1));
    fmt::print("run {}: batched {:.0f} rows/s, one row per transaction {:.0f} rows/s\n", run + 1, batched.back(),
               unbatched.back());
  }
  const double batchedMedian = median(batched);
  const double unbatchedMedian = median(unbatched);
  fmt::print("step-metric ingest, {} rows in batches of {}, median of {} runs (fresh database each run, WAL)\n",
             options.rows, options.batch, options.runs);
  fmt::print("RESULT store_ingest_rows_per_s {:.0f} rows/s\n", batchedMedian);
  fmt::print("RESULT store_unbatched_rows_per_s {:.0f} rows/s\n", unbatchedMedian);
  fmt::print("RESULT store_batching_speedup {:.1f} x\n", batchedMedian / unbatchedMedian);
  if (temporary) std::filesystem::remove_all(directory);
}

}  // namespace

void registerBenchStore(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchStoreOptions>();
  auto* command = bench.add_subcommand("store", "Step-metric ingest rate of the SQLite run store");
  command->add_option("--rows", options->rows, "rows per run")->check(CLI::Range(1000, 100'000'000));
  command->add_option("--batch", options->batch, "rows per transaction")->check(CLI::Range(1, 1'000'000));
  command->add_option("--runs", options->runs, "repetitions (the median is reported)")->check(CLI::Range(1, 100));
  command->add_option("--dir", options->directory, "folder for the database (default: a temporary folder)");
  command->callback([&context, options] {
    try {
      runBenchStore(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench store: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
