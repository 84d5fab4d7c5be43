#include "plan/PlanJson.h"

namespace archi {
namespace {

const char* sourceName(ProfileSource source) { return source == ProfileSource::Measured ? "measured" : "catalog"; }

}  // namespace

nlohmann::ordered_json planToJson(const Plan& plan) {
  using nlohmann::ordered_json;
  ordered_json datacenters = ordered_json::array();
  for (const DatacenterPlan& dc : plan.datacenters) {
    ordered_json devices = ordered_json::array();
    for (const DevicePlan& d : dc.devices) {
      devices.push_back({{"id", d.device.id},
                         {"type", d.device.type},
                         {"emulated", d.device.emulated},
                         {"tokens_per_s", d.tokens_per_s},
                         {"speed_source", sourceName(d.source)},
                         {"max_sequences", d.max_sequences},
                         {"sequences_per_step", d.sequences_per_step},
                         {"compute_ms", d.compute_ms},
                         {"excluded", d.excluded}});
    }
    datacenters.push_back({{"id", dc.id},
                           {"name", dc.name},
                           {"sequences_per_step", dc.sequences_per_step},
                           {"compute_ms", dc.compute_ms},
                           {"intra_allreduce_ms", dc.intra_allreduce_ms},
                           {"step_ms", dc.step_ms},
                           {"standalone_tokens_per_s", dc.standalone_tokens_per_s},
                           {"tokens_per_s", dc.tokens_per_s},
                           {"inner_steps_per_round", dc.inner_steps_per_round},
                           {"devices", std::move(devices)}});
  }
  ordered_json warnings = ordered_json::array();
  for (const Diagnostic& w : plan.warnings.all()) warnings.push_back({{"pointer", w.pointer}, {"message", w.message}});
  return {{"model_key", plan.model_key},
          {"parameters", plan.parameters},
          {"sync", toString(plan.sync)},
          {"recommended_sync", toString(plan.recommended_sync)},
          {"compression", toString(plan.compression)},
          {"inner_steps", plan.inner_steps},
          {"recommended_inner_steps", plan.recommended_inner_steps},
          {"outer_lr", plan.outer_lr},
          {"outer_momentum", plan.outer_momentum},
          {"round_ms", plan.round_ms},
          {"validation_ms", plan.validation_ms},
          {"comm_share", plan.comm_share},
          {"ideal_tokens_per_s", plan.ideal_tokens_per_s},
          {"predicted_tokens_per_s", plan.predicted_tokens_per_s},
          {"efficiency", plan.efficiency},
          {"wan",
           {{"leaders", plan.wan.leaders},
            {"bottleneck_gbit", plan.wan.bottleneck_gbit},
            {"max_rtt_ms", plan.wan.max_rtt_ms},
            {"streams_per_link", plan.wan.streams_per_link},
            {"bytes_per_round", plan.wan.bytes_per_round},
            {"allreduce_ms", plan.wan.allreduce_ms},
            {"exchange_ms", plan.wan.exchange_ms},
            {"broadcast_ms", plan.wan.broadcast_ms}}},
          {"datacenters", std::move(datacenters)},
          {"dilation",
           {{"factor", plan.dilation}, {"bytes_factor", plan.dilation_bytes_factor}, {"derivation", plan.dilation_derivation}}},
          {"warnings", std::move(warnings)}};
}

}  // namespace archi
