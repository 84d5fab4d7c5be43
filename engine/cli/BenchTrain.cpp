// archi bench train: milliseconds per training step (forward + backward + AdamW) of a GPT
// shape, median over the measured steps after warm-up; tokens/s; peak RSS. The baseline
// measured in the same process is the backend's own linear layer on the MLP shape: how close
// the whole step gets to the speed of its largest matrix product.
//
// --backend cuda runs the CUDA plugin's backend on one GPU, by default on the GPT-2 124M shape
// (12 layers, 12 heads, 768 wide, 1024 context) with the byte vocabulary (256 tokens, not
// GPT-2's 50257: the product's tokenizer is byte-level), and adds the model FLOPs utilisation
// against the device's dense bf16 peak from the GPU catalog and the device memory in use.

#include <fmt/core.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "core/GpuCatalog.h"
#include "core/Rng.h"
#include "core/WallClock.h"
#include "cuda/CudaPluginLoader.h"
#include "model/BackendFactory.h"
#include "model/ModelShape.h"
#include "train/Trainer.h"

namespace archi::cli {
namespace {

struct BenchTrainOptions {
  ModelConfig model;
  int batch = 8;
  int threads = 0;
  int steps = 10;
  int warmup = 2;
  std::string backend = "cpu";
  int device = 0;
  std::string precision = "bf16";
};

// The GPT-2 124M shape with the byte vocabulary, and a batch that fits an 80 GiB GPU.
void useGpuDefaults(BenchTrainOptions& options, const CLI::App& command) {
  auto unset = [&](const char* name) { return command.get_option(name)->count() == 0; };
  if (unset("--layers")) options.model.layers = 12;
  if (unset("--heads")) options.model.heads = 12;
  if (unset("--dim")) options.model.dim = 768;
  if (unset("--context")) options.model.context = 1024;
  if (unset("--batch")) options.batch = 32;
}

// The catalog entry of a CUDA device: the entry whose type's first word ("H200" of "H200",
// "A100" of "A100-80G") is a whole word of the device name ("NVIDIA H200", "NVIDIA A100-SXM4-80GB").
const GpuSpec* catalogEntryFor(const GpuCatalog& catalog, const std::string& deviceName) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : deviceName + " ") {
    if (c == ' ' || c == '-') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  for (const GpuSpec& spec : catalog.entries()) {
    const std::string first = spec.type.substr(0, spec.type.find('-'));
    if (std::find(words.begin(), words.end(), first) != words.end()) return &spec;
  }
  return nullptr;
}

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
double matmulGflops(Backend& backend, const ModelConfig& m, int batch) {
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
    backend.synchronize();
    seconds.push_back(secondsSince(start));
  }
  return 2.0 * N * C * 4.0 * C / median(seconds) / 1e9;
}

// The GPU figures: tokens/s, MFU against the catalog's dense bf16 peak, and the device memory in
// use after the run (the caching allocator keeps its peak, so this is the peak plus the CUDA
// context, as nvidia-smi would show it).
void reportGpu(const BenchTrainOptions& options, const cuda::DeviceInfo& before, double gflops, double tokensPerS) {
  const std::vector<cuda::DeviceInfo> after = cuda::cudaPlugin().devices();
  const cuda::DeviceInfo& now = after.at(static_cast<std::size_t>(options.device));
  const double used_gib = static_cast<double>(now.totalMemoryBytes - now.freeMemoryBytes) / (1024.0 * 1024.0 * 1024.0);
  fmt::print("device {} ({}, {}, compute capability {}.{}), precision {}\n", before.index, before.name, before.uuid,
             before.computeCapabilityMajor, before.computeCapabilityMinor, options.precision);
  fmt::print("RESULT gpu_train_tokens_per_s {:.0f} tok/s\n", tokensPerS);
  Diagnostics diagnostics;
  const GpuCatalog catalog = GpuCatalog::loadDefault(diagnostics);
  if (const GpuSpec* spec = catalogEntryFor(catalog, before.name); spec != nullptr && spec->bf16_tflops > 0) {
    fmt::print("peak: {} dense bf16 {:.1f} TFLOPS ({})\n", spec->type, spec->bf16_tflops, spec->source);
    fmt::print("RESULT gpu_mfu {:.3f} fraction\n", gflops / 1e3 / spec->bf16_tflops);
  } else {
    fmt::print("no GPU catalog entry matches \"{}\": no MFU (add the type to resources/gpu-catalog.json)\n",
               before.name);
  }
  fmt::print("RESULT gpu_peak_mem_gib {:.2f} GiB\n", used_gib);
}

void runBenchTrain(const BenchTrainOptions& options) {
  if (const std::string problem = validateModelConfig(options.model); !problem.empty())
    throw std::runtime_error("model: " + problem);
  const bool gpu = options.backend == "cuda";
  BackendChoice choice;
  choice.kind = gpu ? BackendChoice::Kind::Cuda : BackendChoice::Kind::Cpu;
  choice.threads = options.threads;
  choice.device = options.device;
  choice.precision = options.precision == "fp32" ? cuda::Precision::Fp32 : cuda::Precision::Bf16;
  cuda::DeviceInfo device;
  if (gpu) {
    const std::vector<cuda::DeviceInfo> devices = cuda::cudaPlugin().devices();
    if (devices.empty()) throw std::runtime_error("--backend cuda: no CUDA device on this machine");
    if (options.device >= static_cast<int>(devices.size()))
      throw std::runtime_error("--backend cuda: no CUDA device " + std::to_string(options.device) + " (this machine has " +
                               std::to_string(devices.size()) + ")");
    device = devices[static_cast<std::size_t>(options.device)];
  }
  const std::unique_ptr<Backend> backendOwner = makeBackend(choice);
  Backend& backend = *backendOwner;
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
  if (gpu) reportGpu(options, device, gflops, tokensPerS);
}

}  // namespace

void registerBenchTrain(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchTrainOptions>();
  auto* command = bench.add_subcommand("train", "Training step speed (forward + backward + AdamW) on the CPU or a GPU");
  command->add_option("--layers", options->model.layers, "transformer blocks")->check(CLI::Range(1, 256));
  command->add_option("--heads", options->model.heads, "attention heads")->check(CLI::Range(1, 256));
  command->add_option("--dim", options->model.dim, "model width C")->check(CLI::Range(1, 65536));
  command->add_option("--context", options->model.context, "sequence length T")->check(CLI::Range(1, 65536));
  command->add_option("--batch", options->batch, "sequences per step")->check(CLI::Range(1, 100000));
  command->add_option("--threads", options->threads, "OpenMP threads (0 = all cores)")->check(CLI::Range(0, 256));
  command->add_option("--steps", options->steps, "measured steps (median reported)")->check(CLI::Range(1, 100000));
  command->add_option("--warmup", options->warmup, "unmeasured steps first")->check(CLI::Range(0, 100000));
  command->add_option("--backend", options->backend, "cpu, or cuda (GPT-2 124M shape by default)")
      ->check(CLI::IsMember({"cpu", "cuda"}));
  command->add_option("--device", options->device, "CUDA device index")->check(CLI::Range(0, 1023));
  command->add_option("--precision", options->precision, "cuda: bf16 (bf16 matmuls, fp32 master weights) or fp32")
      ->check(CLI::IsMember({"bf16", "fp32"}));
  command->callback([&context, options, command] {
    try {
      if (options->backend == "cuda") useGpuDefaults(*options, *command);
      runBenchTrain(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench train: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
