#include "cli/BenchAllreduceNccl.h"

#include <fmt/core.h>

#include <chrono>
#include <exception>
#include <stdexcept>
#include <thread>

#include "cli/BenchStats.h"
#include "cuda/CudaPluginLoader.h"

namespace archi::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct RankResult {
  std::vector<std::vector<double>> seconds;  // by size, by run
  float checked = 0.0f;                      // the all-reduced value of the correctness check
  std::exception_ptr failure;                // a rank's error, rethrown on the calling thread
};

// One rank: its own collective on its own GPU, a device buffer of the largest size from the
// plugin's backend, every size timed in turn (an operation returns once its result is complete).
void runRank(const cuda::PluginApi& plugin, const NcclBenchOptions& options, const std::string& uniqueId, int rank,
             int ranks, RankResult& result) {
  try {
    cuda::NcclOptions nccl;
    nccl.device = rank;
    nccl.rank = rank;
    nccl.worldSize = ranks;
    nccl.uniqueId = uniqueId;
    nccl.operationTimeout = std::chrono::seconds(options.timeout_s);
    std::unique_ptr<comm::Collective> group = plugin.makeNcclCollective(nccl);
    std::unique_ptr<Backend> backend = plugin.makeBackend({rank, cuda::Precision::Fp32});
    const std::size_t largest = *std::max_element(options.sizes_mib.begin(), options.sizes_mib.end()) << 20;
    DeviceBuffer buffer = backend->allocate(largest);
    float* data = buffer.as<float>();
    // Correctness first: ones everywhere sum to the number of ranks, exactly.
    backend->fill(data, 1.0f, largest / sizeof(float));
    group->allReduceSum(data, largest / sizeof(float));
    backend->download(&result.checked, data + largest / sizeof(float) - 1, sizeof(float));
    backend->fill(data, 0.0f, largest / sizeof(float));  // zeros stay finite however often they are summed
    for (std::size_t mib : options.sizes_mib) {
      const std::size_t count = (mib << 20) / sizeof(float);
      std::vector<double> seconds;
      for (int run = 0; run < options.warmup + options.runs; ++run) {
        group->barrier();
        const auto start = Clock::now();
        group->allReduceSum(data, count);
        if (run >= options.warmup) seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
      }
      result.seconds.push_back(std::move(seconds));
    }
  } catch (...) {
    result.failure = std::current_exception();
  }
}

}  // namespace

void runNcclAllreduceBench(const NcclBenchOptions& options) {
  const cuda::PluginApi& plugin = cuda::cudaPlugin();  // throws: this build has no CUDA plugin
  std::vector<cuda::DeviceInfo> devices;
  try {
    devices = plugin.devices();
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("no usable GPU on this machine: {}", e.what()));
  }
  if (devices.empty()) throw std::runtime_error("no CUDA device on this machine: the NCCL benchmark needs at least one GPU");
  if (options.gpus > static_cast<int>(devices.size())) {
    throw std::runtime_error(fmt::format("--gpus {}: this machine has {} CUDA device(s)", options.gpus, devices.size()));
  }
  const int ranks = options.gpus > 0 ? options.gpus : static_cast<int>(devices.size());
  fmt::print("NCCL all-reduce (sum of fp32), {} rank(s), one per GPU ({}), median of {} runs after {} warm-up\n", ranks,
             devices.front().name, options.runs, options.warmup);
  const std::string uniqueId = plugin.makeNcclUniqueId();
  std::vector<RankResult> results(static_cast<std::size_t>(ranks));
  {
    // NCCL forms a group only when every rank joins at once: one thread per rank.
    std::vector<std::jthread> threads;
    for (int rank = 0; rank < ranks; ++rank) {
      threads.emplace_back(runRank, std::cref(plugin), std::cref(options), std::cref(uniqueId), rank, ranks,
                           std::ref(results[static_cast<std::size_t>(rank)]));
    }
  }
  for (const RankResult& result : results) {
    if (result.failure) std::rethrow_exception(result.failure);
  }
  for (int rank = 0; rank < ranks; ++rank) {
    const float got = results[static_cast<std::size_t>(rank)].checked;
    if (got != static_cast<float>(ranks)) {
      throw std::runtime_error(fmt::format("rank {}: all-reduce of ones gave {} instead of {}", rank, got, ranks));
    }
  }
  const double busFactor = 2.0 * (ranks - 1) / ranks;
  double headline = 0.0;
  for (std::size_t i = 0; i < options.sizes_mib.size(); ++i) {
    const double bytes = static_cast<double>(options.sizes_mib[i] << 20);
    const double seconds = median(results.front().seconds[i]);  // rank 0's view: done means every rank took part
    const double algorithmGbPerS = bytes / seconds / 1e9;
    headline = algorithmGbPerS * busFactor;
    fmt::print("{:>5} MiB: {:.3f} ms, algorithm {:.2f} GB/s, bus {:.2f} GB/s\n", options.sizes_mib[i], seconds * 1e3,
               algorithmGbPerS, headline);
    fmt::print("RESULT nccl_busbw_gbps_{}mib {:.2f} GB/s\n", options.sizes_mib[i], headline);
  }
  fmt::print("RESULT nccl_busbw_gbps {:.2f} GB/s\n", headline);
  if (ranks == 1) fmt::print("(one GPU: bus bandwidth is 0 by definition; the algorithm bandwidth is a device-local copy)\n");
}

}  // namespace archi::cli
