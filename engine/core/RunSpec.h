#pragma once
// What to train and how: model shape, data, optimisation and synchronisation settings.

#include <cstdint>
#include <string>

namespace archi {

struct ModelConfig {
  int layers = 4;
  int heads = 4;
  int dim = 256;
  int context = 256;
  int vocab = 256;  // byte-level tokenizer
  bool operator==(const ModelConfig&) const = default;
};

// The largest model this engine builds (docs/architecture.md#limits-on-outside-input). Within
// them every size computed from a ModelConfig (parameters, bytes of training state and of
// activations) fits an int64 with room to spare; project files, worker specs, checkpoints and
// the model itself are checked against these same numbers.
inline constexpr int kMaxModelLayers = 256;
inline constexpr int kMaxModelHeads = 256;
inline constexpr int kMaxModelDim = 65536;
inline constexpr int kMaxModelContext = 65536;
inline constexpr int kMaxModelVocab = 1'000'000;

// Every dimension at most its limit above (and not below its negative): sizes computed from
// such a config cannot overflow, whether or not it is a valid model.
bool modelSizeIsBounded(const ModelConfig& model);

struct DataConfig {
  std::string corpus = "/usr/share/games/fortunes";  // a text file or a directory of them
  double val_frac = 0.05;
  bool operator==(const DataConfig&) const = default;
};

enum class SyncMode { DiLoCo, Ddp };
enum class Compression { Fp32, Bf16, Int8 };

// Bounds on the run's counts, so that sequences per step and step counts fit an int.
inline constexpr std::int64_t kMaxTrainTokens = 1'000'000'000'000'000;  // 10^15: far beyond any run today
inline constexpr std::int64_t kMaxBatchTokens = std::int64_t{1} << 30;
inline constexpr int kMaxInnerSteps = 1'000'000;

struct TrainConfig {
  std::int64_t tokens = 2'000'000;      // total token budget of the run
  double lr = 1e-3;                     // inner AdamW peak learning rate
  std::int64_t batch_tokens = 16'384;   // tokens per inner step, summed over a datacenter
  int inner_steps = 25;                 // H: inner steps per outer round (fastest datacenter)
  double outer_lr = 0.7;
  double outer_momentum = 0.9;
  int validate_every_rounds = 1;        // validation loss every N outer rounds (ddp: N × inner_steps steps), and at the end
  int checkpoint_every_rounds = 1;      // resumable checkpoint sets every N outer rounds and at the end; 0: only at the end
  Compression compression = Compression::Int8;
  SyncMode sync = SyncMode::DiLoCo;
  bool operator==(const TrainConfig&) const = default;
};

struct RunSpec {
  ModelConfig model;
  DataConfig data;
  TrainConfig train;
  std::uint64_t seed = 1234;
  bool operator==(const RunSpec&) const = default;
};

const char* toString(SyncMode mode);
const char* toString(Compression compression);

}  // namespace archi
