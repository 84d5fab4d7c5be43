#pragma once
// Where every tensor of the GPT lives inside the ONE flat parameter buffer. Gradients and
// AdamW moments use the same layout, so a collective or a checkpoint moves a single buffer
// and a named view is just an offset.

#include <cstddef>
#include <string>
#include <vector>

#include "core/RunSpec.h"

namespace archi {

struct TensorView {
  std::string name;     // "blocks.2.attn.qkv.weight"
  std::size_t offset;   // in elements from the start of the flat buffer
  std::size_t rows;     // 1 for vectors
  std::size_t cols;
  bool weightDecay;     // matrices decay; biases, LayerNorm gains and position embeddings do not
  std::size_t count() const { return rows * cols; }
};

// Offsets (in elements) of one transformer block's tensors.
struct BlockOffsets {
  std::size_t ln1Weight, ln1Bias;
  std::size_t qkvWeight, qkvBias;      // [3C, C], [3C]
  std::size_t projWeight, projBias;    // [C, C], [C]
  std::size_t ln2Weight, ln2Bias;
  std::size_t fcWeight, fcBias;        // [4C, C], [4C]
  std::size_t fcProjWeight, fcProjBias;  // [C, 4C], [C]
};

class ParameterLayout {
 public:
  explicit ParameterLayout(const ModelConfig& config);

  std::size_t totalCount() const { return total_; }
  const std::vector<TensorView>& tensors() const { return tensors_; }
  const TensorView* find(const std::string& name) const;

  std::size_t tokenEmbedding() const { return wte_; }     // [V, C], also the output projection
  std::size_t positionEmbedding() const { return wpe_; }  // [T, C]
  const BlockOffsets& block(int layer) const { return blocks_[static_cast<std::size_t>(layer)]; }
  std::size_t finalNormWeight() const { return lnfWeight_; }
  std::size_t finalNormBias() const { return lnfBias_; }

 private:
  std::size_t add(std::string name, std::size_t rows, std::size_t cols, bool decay);

  std::vector<TensorView> tensors_;
  std::vector<BlockOffsets> blocks_;
  std::size_t total_ = 0;
  std::size_t wte_ = 0, wpe_ = 0, lnfWeight_ = 0, lnfBias_ = 0;
};

}  // namespace archi
