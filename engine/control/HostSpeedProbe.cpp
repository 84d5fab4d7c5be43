#include "control/HostSpeedProbe.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/WallClock.h"
#include "data/TokenDataset.h"
#include "model/cpu/CpuBackend.h"
#include "train/Trainer.h"

namespace archi {

double measureHostTokensPerSecond(const ModelConfig& model, int steps) {
  cpu::CpuBackend backend(1);
  OptimizerOptions options;
  Trainer trainer(backend, model, options, 1, 1);
  Batch batch;
  batch.sequences = 1;
  batch.length = model.context;
  batch.inputs.resize(static_cast<std::size_t>(model.context));
  batch.targets.resize(static_cast<std::size_t>(model.context));
  for (int t = 0; t < model.context; ++t) {
    batch.inputs[static_cast<std::size_t>(t)] = (t * 31 + 7) % model.vocab;
    batch.targets[static_cast<std::size_t>(t)] = (t * 31 + 38) % model.vocab;
  }
  trainer.step(batch);  // warm-up: first-touch of every buffer
  std::vector<double> rates;
  for (int i = 0; i < steps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    trainer.step(batch);
    const double seconds = secondsSince(start);
    rates.push_back(model.context / std::max(1e-9, seconds));
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace archi
