#include "plan/Planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include "core/ModelMemory.h"
#include "plan/CostModel.h"
#include "plan/LoadBalancer.h"

namespace archi {
namespace {

std::string formatMs(double ms) {
  std::ostringstream out;
  out.precision(ms < 10 ? 2 : 0);
  out << std::fixed << ms << " ms";
  return out.str();
}

// Standalone speed of one device for this model, and where the figure comes from.
void assignSpeed(DevicePlan& d, const ModelConfig& model, const ProfileBook& profiles, double maxEmulatedTflops,
                 const PlanOptions& options) {
  if (const auto profile = profiles.find(d.device.type, d.device.emulated); profile && profile->tokens_per_s > 0.0) {
    d.tokens_per_s = profile->tokens_per_s;
    d.source = profile->source;
    return;
  }
  d.source = ProfileSource::Catalog;
  if (d.device.spec == nullptr) return;
  if (d.device.emulated) {
    d.tokens_per_s = options.emulated_reference_tokens_per_s * d.device.spec->bf16_tflops / maxEmulatedTflops;
  } else {
    d.tokens_per_s = catalogTokensPerSecond(d.device.spec->bf16_tflops, model, options.prior_mfu);
  }
}

// The catalog's memory for the type, or what the node's agent measured for a real device.
double memoryGib(const InventoryDevice& device, const PlanOptions& options) {
  if (!device.emulated) {
    if (const auto node = options.measured_memory_gib.find(device.node_id); node != options.measured_memory_gib.end()) {
      if (const auto type = node->second.find(device.type); type != node->second.end() && type->second > 0.0) return type->second;
    }
  }
  return device.spec->memory_gib;
}

int memoryCapSequences(const InventoryDevice& device, const ModelConfig& model, const PlanOptions& options) {
  if (device.spec == nullptr) return 0;
  const double free = memoryGib(device, options) * double(1LL << 30) - double(trainingStateBytes(model));
  if (free <= 0.0) return 0;
  const double sequences = std::floor(free / double(activationBytesPerSequence(model)));
  return static_cast<int>(std::min(sequences, double(1 << 20)));
}

void recommendOuterSettings(Plan& plan, double expectedRounds) {
  // docs/architecture.md#planning: lr 0.7 / momentum 0.9 were tuned for H ≈ 500 on long runs;
  // at H = 25 over a few hundred steps momentum 0.5 came within 0.8% of ddp while 0.9 ended 8%
  // above it.
  const bool longRounds = plan.inner_steps >= 250 && expectedRounds >= 50.0;
  plan.outer_lr = 0.7;
  plan.outer_momentum = longRounds ? 0.9 : 0.5;
}

}  // namespace

Plan makePlan(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles, const PlanOptions& options) {
  const ModelConfig& model = project.run.model;
  const TrainConfig& train = project.run.train;
  Plan plan;
  plan.model_key = modelKey(model);
  plan.parameters = parameterCount(model);
  plan.sync = train.sync;
  plan.compression = train.compression;
  plan.inner_steps = std::max(1, train.inner_steps);
  const int context = std::max(1, model.context);
  const int sequencesPerDc = std::max<int>(1, static_cast<int>(train.batch_tokens / context));

  // Devices grouped by datacenter, in project order.
  const std::vector<InventoryDevice> inventory = listDevices(project, catalog);
  double maxEmulatedTflops = 0.0;
  for (const InventoryDevice& d : inventory) {
    if (d.emulated && d.spec != nullptr) maxEmulatedTflops = std::max(maxEmulatedTflops, d.spec->bf16_tflops);
  }
  for (const Datacenter& dc : project.topology.datacenters) {
    DatacenterPlan dcPlan;
    dcPlan.id = dc.id;
    dcPlan.name = dc.name;
    for (const InventoryDevice& device : inventory) {
      if (device.datacenter_id != dc.id) continue;
      DevicePlan d;
      d.device = device;
      assignSpeed(d, model, profiles, maxEmulatedTflops, options);
      d.max_sequences = memoryCapSequences(device, model, options);
      d.excluded = d.max_sequences <= 0 || d.tokens_per_s <= 0.0;
      if (!d.excluded) dcPlan.standalone_tokens_per_s += d.tokens_per_s;
      plan.ideal_tokens_per_s += d.excluded ? 0.0 : d.tokens_per_s;
      dcPlan.devices.push_back(std::move(d));
    }
    plan.datacenters.push_back(std::move(dcPlan));
  }

  // Shares: per datacenter for DiLoCo, across the whole run for ddp (every device steps together).
  auto apportion = [&](std::vector<DevicePlan*> devices, int total, const std::string& where) {
    std::vector<ShareRequest> requests;
    for (const DevicePlan* d : devices) {
      requests.push_back({options.equal_split ? 1.0 : d->tokens_per_s, d->excluded ? 0 : d->max_sequences});
    }
    auto shares = apportionShares(requests, total);
    if (!shares) {
      long long capacity = 0;
      for (const ShareRequest& r : requests) capacity += std::max(0, r.max_sequences);
      plan.warnings.warning("/run/train/batch_tokens", where + " can hold only " + std::to_string(capacity) +
                                                           " sequences per step, fewer than the " + std::to_string(total) +
                                                           " asked for; the batch is reduced");
      shares = apportionShares(requests, static_cast<int>(capacity));
    }
    for (std::size_t i = 0; i < devices.size(); ++i) devices[i]->sequences_per_step = (*shares)[i];
  };
  if (train.sync == SyncMode::Ddp) {
    std::vector<DevicePlan*> all;
    for (DatacenterPlan& dc : plan.datacenters) {
      for (DevicePlan& d : dc.devices) all.push_back(&d);
    }
    apportion(all, sequencesPerDc * static_cast<int>(plan.datacenters.size()), "the run");
  } else {
    for (DatacenterPlan& dc : plan.datacenters) {
      std::vector<DevicePlan*> members;
      for (DevicePlan& d : dc.devices) members.push_back(&d);
      apportion(members, sequencesPerDc, "datacenter \"" + dc.id + "\"");
    }
  }

  // Per-datacenter step time: slowest device at its share, then the intra-DC all-reduce.
  const double parameterBytes = 4.0 * double(plan.parameters);
  double broadcastMs = 0.0;
  for (std::size_t di = 0; di < plan.datacenters.size(); ++di) {
    DatacenterPlan& dc = plan.datacenters[di];
    const Fabric& fabric = project.topology.datacenters[di].fabric;
    int active = 0;
    for (DevicePlan& d : dc.devices) {
      if (d.excluded) {
        plan.warnings.warning(d.device.pointer + "/type", d.device.type + " cannot hold one sequence of this model: it is left out");
        continue;
      }
      d.compute_ms = cost::computeMs(d.sequences_per_step, context, d.tokens_per_s);
      dc.sequences_per_step += d.sequences_per_step;
      dc.compute_ms = std::max(dc.compute_ms, d.compute_ms);
      ++active;
    }
    dc.intra_allreduce_ms = cost::ringAllReduceMs(parameterBytes, active, fabric.gbit, fabric.latency_us / 1e3);
    dc.step_ms = dc.compute_ms + dc.intra_allreduce_ms;
    if (active > 1) broadcastMs = std::max(broadcastMs, parameterBytes * 8.0 / (fabric.gbit * 1e9) * 1e3 + fabric.latency_us / 1e3);
  }

  // The WAN among datacenter leaders: ring through the slowest link, paying the longest RTT.
  WanPlan& wan = plan.wan;
  for (const DatacenterPlan& dc : plan.datacenters) wan.leaders += dc.sequences_per_step > 0 ? 1 : 0;
  std::size_t bottleneckLink = 0;
  wan.bottleneck_gbit = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < project.topology.links.size(); ++i) {
    const WanLink& link = project.topology.links[i];
    // A lossy link carries what its TCP streams get through the loss, not its nominal rate.
    const double usable_gbit =
        std::min(link.gbit, cost::lossLimitedGbit(link.rtt_ms, link.loss_pct, cost::streamsForLink(link.gbit, link.rtt_ms)));
    if (usable_gbit < wan.bottleneck_gbit) {
      wan.bottleneck_gbit = usable_gbit;
      bottleneckLink = i;
    }
    wan.max_rtt_ms = std::max(wan.max_rtt_ms, link.rtt_ms);
  }
  if (project.topology.links.empty()) wan.bottleneck_gbit = 0.0;
  wan.streams_per_link = wan.bottleneck_gbit > 0.0 ? cost::streamsForLink(wan.bottleneck_gbit, wan.max_rtt_ms) : 1;
  wan.bytes_per_round = double(plan.parameters) * cost::wireBytesPerElement(train.compression);
  wan.allreduce_ms = wan.leaders > 1 && wan.bottleneck_gbit > 0.0
                         ? cost::scatterGatherAllReduceMs(wan.bytes_per_round, wan.leaders, wan.bottleneck_gbit, wan.max_rtt_ms / 2.0)
                         : 0.0;
  // DiLoCo leaders also sum one float per leader and a stop vote every round: latency only.
  if (train.sync == SyncMode::DiLoCo && wan.leaders > 1 && wan.bottleneck_gbit > 0.0) {
    wan.exchange_ms = cost::scatterGatherAllReduceMs(4.0 * (wan.leaders + 1), wan.leaders, wan.bottleneck_gbit, wan.max_rtt_ms / 2.0);
  }
  wan.broadcast_ms = broadcastMs;

  double slowestStepMs = 0.0;
  double fastestStepMs = std::numeric_limits<double>::infinity();
  for (const DatacenterPlan& dc : plan.datacenters) {
    if (dc.sequences_per_step == 0) continue;
    slowestStepMs = std::max(slowestStepMs, dc.step_ms);
    fastestStepMs = std::min(fastestStepMs, dc.step_ms);
  }
  if (!std::isfinite(fastestStepMs)) fastestStepMs = 0.0;

  // Validation on the first datacenter's leader: a forward pass over the fixed set, about a
  // third of a training step's work per token, at that device's speed; the others wait for it.
  const DatacenterPlan* validating = nullptr;
  for (const DatacenterPlan& dc : plan.datacenters) {
    if (dc.sequences_per_step > 0 && validating == nullptr) validating = &dc;
  }
  if (validating != nullptr) {
    for (const DevicePlan& d : validating->devices) {
      if (!d.excluded && d.sequences_per_step > 0) {
        plan.validation_ms = cost::computeMs(options.validation_sequences, context, 3.0 * d.tokens_per_s);
        break;
      }
    }
  }

  // Validation runs every validate_every_rounds rounds: each round carries its share of it.
  const double validationPerRoundMs = plan.validation_ms / std::max(1, train.validate_every_rounds);

  // Which mode the links call for: ddp only when a per-step all-reduce is cheap next to a step.
  const double ddpCommShare = wan.allreduce_ms / std::max(1e-9, wan.allreduce_ms + slowestStepMs);
  plan.recommended_sync = ddpCommShare <= options.ddp_max_comm_share ? SyncMode::Ddp : SyncMode::DiLoCo;
  const double roundCommMs = wan.allreduce_ms + wan.exchange_ms + wan.broadcast_ms;
  const double share = options.max_comm_share;
  plan.recommended_inner_steps =
      fastestStepMs > 0.0 ? std::max(1, static_cast<int>(std::ceil(roundCommMs * (1.0 - share) / (share * fastestStepMs)))) : 1;

  double tokensPerRound = 0.0;
  if (train.sync == SyncMode::Ddp) {
    // The summed gradient goes back over the WAN and then to the datacenter's other workers.
    const double wanStepMs = wan.leaders > 1 ? wan.allreduce_ms + wan.broadcast_ms : 0.0;
    plan.round_ms = slowestStepMs + wanStepMs + validationPerRoundMs / plan.inner_steps;
    for (DatacenterPlan& dc : plan.datacenters) {
      dc.inner_steps_per_round = 1;
      tokensPerRound += double(dc.sequences_per_step) * context;
    }
    plan.comm_share = wanStepMs / std::max(1e-9, plan.round_ms);
    if (plan.recommended_sync == SyncMode::DiLoCo && wan.leaders > 1) {
      plan.warnings.warning("/links/" + std::to_string(bottleneckLink),
                            "too slow for ddp: the WAN all-reduce takes " + formatMs(wan.allreduce_ms) + " per step against " +
                                formatMs(slowestStepMs) + " of compute; sync \"diloco\" keeps the WAN off the critical path");
    }
  } else {
    // Time-boxed rounds: the fastest datacenter runs H steps; the others run what fits. A
    // leader starts another step while it would end before the time box give or take half a
    // step (DilocoWorker), so a datacenter runs the nearest whole number of steps, not the floor.
    const double roundComputeTargetMs = plan.inner_steps * fastestStepMs;
    double roundComputeMs = 0.0;
    for (DatacenterPlan& dc : plan.datacenters) {
      if (dc.sequences_per_step == 0) continue;
      dc.inner_steps_per_round = std::max(1, static_cast<int>(std::ceil(roundComputeTargetMs / dc.step_ms - 0.5 - 1e-9)));
      const double validationMs = &dc == validating ? validationPerRoundMs : 0.0;
      roundComputeMs = std::max(roundComputeMs, dc.inner_steps_per_round * dc.step_ms + validationMs);
      tokensPerRound += double(dc.inner_steps_per_round) * dc.sequences_per_step * context;
    }
    plan.round_ms = roundComputeMs + roundCommMs;
    plan.comm_share = roundCommMs / std::max(1e-9, plan.round_ms);
    if (wan.leaders > 1 && plan.inner_steps < plan.recommended_inner_steps) {
      plan.warnings.warning("/run/train/inner_steps",
                            std::to_string(plan.inner_steps) + " inner steps leave the WAN " +
                                std::to_string(static_cast<int>(std::round(plan.comm_share * 100))) + "% of each round; " +
                                std::to_string(plan.recommended_inner_steps) + " would keep it under " +
                                std::to_string(static_cast<int>(share * 100)) + "%");
    }
  }
  for (DatacenterPlan& dc : plan.datacenters) {
    const double dcTokensPerRound = double(dc.inner_steps_per_round) * dc.sequences_per_step * context;
    dc.tokens_per_s = plan.round_ms > 0.0 ? dcTokensPerRound / plan.round_ms * 1e3 : 0.0;
  }
  plan.predicted_tokens_per_s = plan.round_ms > 0.0 ? tokensPerRound / plan.round_ms * 1e3 : 0.0;
  plan.efficiency = plan.ideal_tokens_per_s > 0.0 ? plan.predicted_tokens_per_s / plan.ideal_tokens_per_s : 0.0;

  const double expectedRounds = tokensPerRound > 0.0 ? double(train.tokens) / tokensPerRound : 0.0;
  recommendOuterSettings(plan, expectedRounds);
  if (train.sync == SyncMode::DiLoCo && wan.leaders > 1 &&
      (std::fabs(train.outer_lr - plan.outer_lr) > 1e-9 || std::fabs(train.outer_momentum - plan.outer_momentum) > 1e-9)) {
    std::ostringstream message;
    message << "outer lr " << train.outer_lr << " / momentum " << train.outer_momentum << " differ from the plan's "
            << plan.outer_lr << " / " << plan.outer_momentum << " for H = " << plan.inner_steps << " over about "
            << static_cast<int>(std::round(expectedRounds)) << " rounds";
    plan.warnings.warning("/run/train/outer_momentum", message.str());
  }
  return plan;
}

}  // namespace archi
