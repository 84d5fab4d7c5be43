#pragma once
// archi bench allreduce --backend nccl: NCCL all-reduce among this machine's GPUs, one rank
// per GPU (threads of this process), through the CUDA plugin. Reports nccl-tests' bus
// bandwidth: algorithm bandwidth (bytes / time) × 2(n−1)/n, what each GPU's links carried in a
// ring (so 0 for a single GPU, by definition).

#include <cstddef>
#include <vector>

namespace archi::cli {

struct NcclBenchOptions {
  std::vector<std::size_t> sizes_mib{1, 4, 16, 64, 256};  // the last one is the headline
  int gpus = 0;       // 0: every GPU of the machine
  int runs = 20;      // timed repetitions per size (the median is reported)
  int warmup = 5;
  int timeout_s = 60; // each operation's deadline
};

// Throws std::runtime_error with a clear message when this build or machine has no GPU.
void runNcclAllreduceBench(const NcclBenchOptions& options);

}  // namespace archi::cli
