#include "plan/CostModel.h"


namespace archi::cost {

double wireBytesPerElement(Compression compression) {
  switch (compression) {
    case Compression::Fp32: return 4.0;
    case Compression::Bf16: return 2.0;
    case Compression::Int8: return 1.0 + 4.0 / kInt8BlockSize;
  }
  return 4.0;
}

double ringAllReduceMs(double bytes, int participants, double bottleneck_gbit, double one_way_latency_ms) {
  if (participants <= 1 || bytes <= 0.0) return 0.0;
  const double n = participants;
  const double bytesThroughBottleneck = 2.0 * (n - 1.0) / n * bytes;
  const double transferMs = bytesThroughBottleneck * 8.0 / (bottleneck_gbit * 1e9) * 1e3;
  return transferMs + 2.0 * (n - 1.0) * one_way_latency_ms;
}

double scatterGatherAllReduceMs(double bytes, int participants, double bottleneck_gbit, double one_way_latency_ms) {
  if (participants <= 1 || bytes < 0.0 || bottleneck_gbit <= 0.0) return 0.0;
  const double bytesPerLink = 2.0 * bytes / participants;
  return bytesPerLink * 8.0 / (bottleneck_gbit * 1e9) * 1e3 + 2.0 * one_way_latency_ms;
}

double computeMs(int sequences, int context, double tokens_per_s) {
  if (sequences <= 0 || tokens_per_s <= 0.0) return 0.0;
  return 1e3 * double(sequences) * context / tokens_per_s;
}

}  // namespace archi::cost
