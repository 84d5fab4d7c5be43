#include "model/ParameterLayout.h"

namespace archi {

ParameterLayout::ParameterLayout(const ModelConfig& config) {
  const auto C = static_cast<std::size_t>(config.dim);
  wte_ = add("wte", static_cast<std::size_t>(config.vocab), C, true);
  wpe_ = add("wpe", static_cast<std::size_t>(config.context), C, false);
  for (int l = 0; l < config.layers; ++l) {
    const std::string p = "blocks." + std::to_string(l) + ".";
    BlockOffsets b{};
    b.ln1Weight = add(p + "ln1.weight", 1, C, false);
    b.ln1Bias = add(p + "ln1.bias", 1, C, false);
    b.qkvWeight = add(p + "attn.qkv.weight", 3 * C, C, true);
    b.qkvBias = add(p + "attn.qkv.bias", 1, 3 * C, false);
    b.projWeight = add(p + "attn.proj.weight", C, C, true);
    b.projBias = add(p + "attn.proj.bias", 1, C, false);
    b.ln2Weight = add(p + "ln2.weight", 1, C, false);
    b.ln2Bias = add(p + "ln2.bias", 1, C, false);
    b.fcWeight = add(p + "mlp.fc.weight", 4 * C, C, true);
    b.fcBias = add(p + "mlp.fc.bias", 1, 4 * C, false);
    b.fcProjWeight = add(p + "mlp.proj.weight", C, 4 * C, true);
    b.fcProjBias = add(p + "mlp.proj.bias", 1, C, false);
    blocks_.push_back(b);
  }
  lnfWeight_ = add("lnf.weight", 1, C, false);
  lnfBias_ = add("lnf.bias", 1, C, false);
}

std::size_t ParameterLayout::add(std::string name, std::size_t rows, std::size_t cols, bool decay) {
  const std::size_t offset = total_;
  tensors_.push_back({std::move(name), offset, rows, cols, decay});
  total_ += rows * cols;
  return offset;
}

const TensorView* ParameterLayout::find(const std::string& name) const {
  for (const TensorView& t : tensors_)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace archi
