#pragma once
// Closed-form time and byte estimates that the planner combines: compute per step, ring
// all-reduce inside a datacenter and across the WAN, bytes per element on the wire.

#include <cstdint>

#include "core/NetworkModel.h"
#include "core/RunSpec.h"

namespace archi::cost {

// Bytes per parameter on the wire: fp32 4, bf16 2, int8 1 plus one fp32 scale per block.
double wireBytesPerElement(Compression compression);
inline constexpr int kInt8BlockSize = 256;

// Ring all-reduce of `bytes` among `participants`: each sends 2(n-1)/n of the data through the
// slowest hop, and the 2(n-1) steps each pay one one-way latency.
double ringAllReduceMs(double bytes, int participants, double bottleneck_gbit, double one_way_latency_ms);

// The WAN group's all-reduce (comm/wan/WanGroup: reduce-scatter then all-gather, each leader
// owning 1/n of the buffer): every link carries 1/n of the data each way for the scatter and
// again for the gather, and a value crosses two links (to its owner, back from it).
double scatterGatherAllReduceMs(double bytes, int participants, double bottleneck_gbit, double one_way_latency_ms);

// Milliseconds to compute `sequences` sequences of `context` tokens at `tokens_per_s`.
double computeMs(int sequences, int context, double tokens_per_s);

// Streams per link and the loss-limited throughput come from the network model that the
// WAN emulation applies too (core/NetworkModel.h).
using archi::lossLimitedGbit;
using archi::streamsForLink;

}  // namespace archi::cost
