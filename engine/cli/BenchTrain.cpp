// archi bench train: milliseconds per training step (forward + backward + AdamW) of a GPT
// shape on the CPU backend, median over the measured steps after warm-up; tokens/s; peak
// RSS. The baseline measured in the same process is the backend's own linear layer on the
// MLP shape: how close the whole step gets to the speed of its largest matrix product.

#include <fmt/core.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "core/Rng.h"
#include "core/WallClock.h"
#include "model/ModelShape.h"
#include "model/cpu/CpuBackend.h"
#include "train/Trainer.h"

namespace archi::cli {
namespace {

struct BenchTrainOptions {
  ModelConfig model;
  int batch = 8;
  int threads = 0;
  int steps = 10;
  int warmup = 2;
};

// CPU time of the whole process (all threads), user + system.
double processCpu_s() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

double peakRss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Matrix-product FLOPs of one step: forward, and twice that for the backward pass.
double flopsPerStep(const ModelConfig& m, int batch) {
  const double N = static_cast<double>(batch) * m.context;
  const double C = m.dim;
  const double perLayer = 24.0 * N * C * C + 2.0 * batch * static_cast<double>(m.context) * m.context * C;
  return 3.0 * (m.layers * perLayer + 2.0 * N * C * m.vocab);
}

// GFLOP/s of the backend's linear layer on the MLP shape [N, C] x [C, 4C].
double matmulGflops(cpu::CpuBackend& backend, const ModelConfig& m, int batch) {
  const int N = batch * m.context;
  const int C = m.dim;
  DeviceBuffer a = backend.allocate(sizeof(float) * static_cast<std::size_t>(N) * C);
  DeviceBuffer w = backend.allocate(sizeof(float) * static_cast<std::size_t>(4 * C) * C);
  DeviceBuffer out = backend.allocate(sizeof(float) * static_cast<std::size_t>(N) * 4 * C);
  backend.fill(a.as<float>(), 0.5f, static_cast<std::size_t>(N) * C);
  backend.fill(w.as<float>(), 0.25f, static_cast<std::size_t>(4 * C) * C);
  std::vector<double> seconds;
  for (int i = 0; i < 7; ++i) {
    const auto start = std::chrono::steady_clock::now();
    backend.matmulForward(out.as<float>(), a.as<float>(), w.as<float>(), nullptr, N, C, 4 * C, false);
    seconds.push_back(secondsSince(start));
  }
  return 2.0 * N * C * 4.0 * C / median(seconds) / 1e9;
}

void runBenchTrain(const BenchTrainOptions& options) {
  if (const std::string problem = validateModelConfig(options.model); !problem.empty())
    throw std::runtime_error("model: " + problem);
  cpu::CpuBackend backend(options.threads);
  OptimizerOptions optimizer;
  optimizer.schedule.peak = 1e-4;
  optimizer.schedule.totalSteps = options.warmup + options.steps;
  Trainer trainer(backend, options.model, optimizer, options.batch, 1234);

  Batch batch;
  batch.sequences = options.batch;
  batch.length = options.model.context;
  Rng rng(42);
  for (int i = 0; i < options.batch * options.model.context; ++i) {
    batch.inputs.push_back(static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(options.model.vocab))));
    batch.targets.push_back(static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(options.model.vocab))));
  }
  fmt::print("model {} ({} parameters), batch {} x {} tokens, backend {}\n", describeModelConfig(options.model),
             trainer.parameterCount(), options.batch, options.model.context, backend.name());
  // CPU time per step does not grow when other processes share the cores (wall time
  // does), so it shows the efficiency of the code on a busy machine.
  std::vector<double> ms;
  std::vector<double> cpuMs;
  for (int i = 0; i < options.warmup + options.steps; ++i) {
    const double cpuBefore_s = processCpu_s();
    const StepStats stats = trainer.step(batch);
    const double cpu_ms = (processCpu_s() - cpuBefore_s) * 1e3;
    const bool measured = i >= options.warmup;
    if (measured) {
      ms.push_back(stats.stepTime_s * 1e3);
      cpuMs.push_back(cpu_ms);
    }
    fmt::print("step {:3d}{}: {:8.1f} ms  (cpu {:8.1f} ms)  loss {:.4f}\n", i + 1, measured ? "" : " (warm-up)",
               stats.stepTime_s * 1e3, cpu_ms, stats.loss);
  }
  const double peak_mib = peakRss_mib();  // before the baseline allocates its own matrices
  const double msMedian = median(ms);
  const double tokensPerS = static_cast<double>(batch.tokens()) / (msMedian / 1e3);
  const double gflops = flopsPerStep(options.model, options.batch) / (msMedian / 1e3) / 1e9;
  const double matmul = matmulGflops(backend, options.model, options.batch);
  fmt::print("median of {} steps: {:.1f} ms/step, {:.0f} tokens/s, {:.1f} GFLOP/s in matrix products "
             "(linear-layer baseline {:.1f} GFLOP/s, {:.0f}%)\n",
             options.steps, msMedian, tokensPerS, gflops, matmul, 100.0 * gflops / matmul);
  fmt::print("RESULT train_tokens_per_s {:.0f} tok/s\n", tokensPerS);
  fmt::print("RESULT train_ms_per_step {:.1f} ms\n", msMedian);
  fmt::print("RESULT train_peak_rss_mib {:.0f} MiB\n", peak_mib);
  fmt::print("RESULT train_fraction_of_matmul_speed {:.2f} x\n", gflops / matmul);
  fmt::print("RESULT train_cpu_ms_per_step {:.1f} ms\n", median(cpuMs));
}

}  // namespace

void registerBenchTrain(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchTrainOptions>();
  auto* command = bench.add_subcommand("train", "Training step speed (forward + backward + AdamW) on the CPU");
  command->add_option("--layers", options->model.layers, "transformer blocks")->check(CLI::Range(1, 256));
  command->add_option("--heads", options->model.heads, "attention heads")->check(CLI::Range(1, 256));
  command->add_option("--dim", options->model.dim, "model width C")->check(CLI::Range(1, 65536));
  command->add_option("--context", options->model.context, "sequence length T")->check(CLI::Range(1, 65536));
  command->add_option("--batch", options->batch, "sequences per step")->check(CLI::Range(1, 100000));
  command->add_option("--threads", options->threads, "OpenMP threads (0 = all cores)")->check(CLI::Range(0, 256));
  command->add_option("--steps", options->steps, "measured steps (median reported)")->check(CLI::Range(1, 100000));
  command->add_option("--warmup", options->warmup, "unmeasured steps first")->check(CLI::Range(0, 100000));
  command->callback([&context, options] {
    try {
      runBenchTrain(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench train: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
