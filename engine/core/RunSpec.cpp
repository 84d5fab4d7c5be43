#include "core/RunSpec.h"

namespace archi {

bool modelSizeIsBounded(const ModelConfig& model) {
  const auto within = [](int value, int limit) { return value >= -limit && value <= limit; };
  return within(model.layers, kMaxModelLayers) && within(model.heads, kMaxModelHeads) && within(model.dim, kMaxModelDim) &&
         within(model.context, kMaxModelContext) && within(model.vocab, kMaxModelVocab);
}

const char* toString(SyncMode mode) {
  switch (mode) {
    case SyncMode::DiLoCo: return "diloco";
    case SyncMode::Ddp: return "ddp";
  }
  return "diloco";
}

const char* toString(Compression compression) {
  switch (compression) {
    case Compression::Fp32: return "fp32";
    case Compression::Bf16: return "bf16";
    case Compression::Int8: return "int8";
  }
  return "int8";
}

}  // namespace archi
