// archi sample CHECKPOINT: generate text from a trained model; same seed, same text.

#include <fmt/core.h>

#include <cstdio>

#include "cli/CliContext.h"
#include "data/ByteTokenizer.h"
#include "model/Gpt.h"
#include "model/TextSampler.h"
#include "model/cpu/CpuBackend.h"
#include "train/Checkpoint.h"

namespace archi::cli {
namespace {

struct SampleCommandOptions {
  std::string checkpoint;
  std::string prompt = "\n";
  SampleOptions sampling;
  std::uint64_t seed = 1;
  int threads = 0;
};

int runSample(const SampleCommandOptions& options) {
  const CheckpointLoad load = loadCheckpoint(options.checkpoint);
  if (!load.state) {
    fmt::print(stderr, "archi sample: {}\n", load.error);
    return 1;
  }
  if (options.prompt.empty()) {
    fmt::print(stderr, "archi sample: --prompt must not be empty\n");
    return 2;
  }
  cpu::CpuBackend backend(options.threads);
  Gpt model(backend, load.state->model, 1);
  model.setParameters(load.state->params);
  Rng rng(options.seed);
  std::fwrite(options.prompt.data(), 1, options.prompt.size(), stdout);
  generateTokens(model, ByteTokenizer::encode(options.prompt), options.sampling, rng, [](std::int32_t token) {
    std::fputc(token, stdout);
    std::fflush(stdout);
  });
  std::fputc('\n', stdout);
  return 0;
}

}  // namespace

void registerSampleCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<SampleCommandOptions>();
  auto* command = app.add_subcommand("sample", "Generate text from a checkpoint");
  command->add_option("CHECKPOINT", options->checkpoint, "checkpoint file written by train-local")->required();
  command->add_option("--prompt", options->prompt, "text the generation continues");
  command->add_option("--tokens", options->sampling.tokens, "tokens (bytes) to generate")->check(CLI::Range(1, 1000000));
  command->add_option("--temperature", options->sampling.temperature, "softmax temperature; 0 = greedy")
      ->check(CLI::Range(0.0, 100.0));
  command->add_option("--top-k", options->sampling.topK, "sample among the k likeliest tokens; 0 = all")
      ->check(CLI::Range(0, 1000000));
  command->add_option("--seed", options->seed, "random seed");
  command->add_option("--threads", options->threads, "OpenMP threads (0 = all cores)")->check(CLI::Range(0, 256));
  command->callback([&context, options] {
    try {
      context.exitCode = runSample(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi sample: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
