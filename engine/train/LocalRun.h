#pragma once
// `archi train-local`: one process, one CPU device, the whole loop — corpus, split,
// sharded sampler (world of one), trainer, periodic validation and checkpoints, resume,
// and a sample at the end. Reports through callbacks; the CLI draws them.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/RunSpec.h"
#include "train/Trainer.h"

namespace archi {

struct LocalRunOptions {
  RunSpec spec;                 // model, corpus, token budget, peak lr, seed
  int batchSequences = 8;       // sequences of spec.model.context tokens per step
  int threads = 0;              // 0: all cores
  std::int64_t warmupSteps = -1;  // -1: 5% of the steps, at most 200
  double weightDecay = 0.1;
  double gradClip = 1.0;
  int validateEvery = 100;      // steps; 0 = only at the end
  int validationBatches = 8;
  int checkpointEvery = 0;      // steps; 0 = only at the end (when a path is set)
  std::filesystem::path checkpointPath;  // empty: no checkpoints
  std::filesystem::path resumeFrom;      // empty: fresh start
  std::int64_t maxSteps = -1;   // stop early after this many steps in total (-1: the whole budget)
  int sampleTokens = 200;
  std::string samplePrompt = "\n";
  double sampleTemperature = 0.8;
  int sampleTopK = 40;
};

struct LocalRunCallbacks {
  std::function<void(const std::string&)> info;
  std::function<void(const StepStats&, std::int64_t totalSteps)> step;
  std::function<void(std::int64_t step, double validationLoss)> validation;
  std::function<void(std::int64_t step, const std::filesystem::path&)> checkpoint;
  std::function<void(const std::string&)> sample;
};

struct LocalRunResult {
  std::int64_t steps = 0;
  double firstValidationLoss = 0;  // of this process (after a resume: at the resumed step)
  double lastValidationLoss = 0;
  std::string sample;
};

// Throws std::runtime_error with a readable message when the corpus, config or checkpoint
// cannot be used.
LocalRunResult runLocalTraining(const LocalRunOptions& options, const LocalRunCallbacks& callbacks);

}  // namespace archi
