#pragma once
// The one model of a WAN link that the planner predicts with (plan/CostModel) and the WAN
// emulation applies (comm/wan/LinkShaper, WanGroup's stream count), so that the two cannot
// drift apart: how many parallel TCP streams fill a link, and what packet loss leaves of it.

namespace archi {

// TCP payload of a 1500-byte MTU segment.
inline constexpr double kTcpSegmentBytes = 1448.0;
// What one TCP stream's window reliably keeps in flight.
inline constexpr double kStreamWindowBytes = 2.0 * 1024 * 1024;

// Parallel TCP streams that keep a link of this bandwidth-delay product full: one per
// `window_bytes` of it, between 2 and 16 (2 when the product is not a positive number).
int streamsForLink(double gbit, double rtt_ms, double window_bytes = kStreamWindowBytes);

// What `streams` TCP streams get through a link losing the fraction `loss` of its packets
// (Mathis et al.: 1.22 · MSS / (RTT · √p) per stream), in bytes per second; infinite without
// loss or without delay.
double lossLimitedBytesPerSecond(double rtt_s, double loss, int streams);

// The same in Gbit/s, from the units of a link description (milliseconds, percent).
double lossLimitedGbit(double rtt_ms, double loss_pct, int streams);

}  // namespace archi
