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

struct DataConfig {
  std::string corpus = "/usr/share/games/fortunes";  // a text file or a directory of them
  double val_frac = 0.05;
  bool operator==(const DataConfig&) const = default;
};

enum class SyncMode { DiLoCo, Ddp };
enum class Compression { Fp32, Bf16, Int8 };

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
