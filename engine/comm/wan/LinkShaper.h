#pragma once
// The hook for WAN emulation (docs/architecture.md#emulation, labelled emulation wherever used):
// the transport asks a link's shaper how many bytes it may put on the wire to that peer now and
// sleeps until the next admission when none; every frame also waits in a delay queue for the link's
// one-way delay before it may be sent. TokenBucketShaper implements both: a bandwidth with a burst,
// and a fixed delay (RTT / 2).
//
// Packet loss cannot be applied to a TLS byte stream itself (a dropped byte would break the
// stream, where TCP would have resent it), so LossyLinkShaper emulates what loss does to TCP:
// each lost segment delays its frame by one round trip (detection by duplicate ACKs and the
// retransmission), and a loss rate p caps each stream's throughput at the Mathis et al.
// bound, 1.22 · MSS / (RTT · √p), the network model the planner uses (core/NetworkModel.h).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>

#include "comm/wan/WanSockets.h"
#include "core/NetworkModel.h"

namespace archi::wan {

class LinkShaper {
 public:
  virtual ~LinkShaper() = default;
  // Bytes that may be sent now; 0 means wait until nextAdmission().
  virtual std::size_t allowance(Clock::time_point now) = 0;
  virtual void consume(std::size_t bytes) = 0;
  virtual Clock::time_point nextAdmission(Clock::time_point now) const = 0;
  // How long a frame waits after it was queued before it may be sent.
  virtual Clock::duration oneWayDelay() const { return Clock::duration::zero(); }
  // The same for one frame of `bytes` (a lossy link delays some frames further).
  virtual Clock::duration frameDelay(std::size_t /*bytes*/) { return oneWayDelay(); }
};

// Rate limit with a burst: tokens refill at `bytes_per_s`, up to `burst_bytes`.
class TokenBucketShaper : public LinkShaper {
 public:
  TokenBucketShaper(double bytes_per_s, double burst_bytes,
                    Clock::duration one_way_delay = Clock::duration::zero())
      : rate_bytes_per_s_(bytes_per_s),
        burst_bytes_(burst_bytes),
        tokens_(burst_bytes),
        one_way_delay_(one_way_delay),
        last_(Clock::now()) {}

  // Grants come in quanta of one full TLS record (or the burst, if smaller): dribbling a
  // few bytes at a time would cost a record and a system call each.
  std::size_t allowance(Clock::time_point now) override {
    tokens_ =
        std::min(burst_bytes_,
                 tokens_ + rate_bytes_per_s_ * std::chrono::duration<double>(now - last_).count());
    last_ = now;
    return tokens_ >= quantum() ? static_cast<std::size_t>(tokens_) : 0;
  }
  void consume(std::size_t bytes) override { tokens_ -= static_cast<double>(bytes); }
  Clock::time_point nextAdmission(Clock::time_point now) const override {
    const double missing_bytes = std::max(0.0, quantum() - tokens_);
    return now + toSteadyDuration(missing_bytes / rate_bytes_per_s_);
  }
  Clock::duration oneWayDelay() const override { return one_way_delay_; }

 private:
  double quantum() const { return std::min(16384.0, burst_bytes_); }

  double rate_bytes_per_s_;
  double burst_bytes_;
  double tokens_;
  Clock::duration one_way_delay_;
  Clock::time_point last_;
};

// Loss on top of a token bucket (see the top of this file). `loss_fraction` in [0, 1);
// `streams` parallel TCP streams share the link, each capped at the Mathis bound.
class LossyLinkShaper : public TokenBucketShaper {
 public:
  static constexpr double kSegmentBytes = kTcpSegmentBytes;

  LossyLinkShaper(double bytes_per_s, double burst_bytes, Clock::duration one_way_delay, double loss_fraction,
                  int streams, std::uint64_t seed)
      : TokenBucketShaper(std::min(bytes_per_s, lossLimitedBytesPerSecond(one_way_delay, loss_fraction, streams)),
                          burst_bytes, one_way_delay),
        loss_fraction_(loss_fraction),
        round_trip_(2 * one_way_delay),
        random_(seed) {}

  // The Mathis et al. bound for `streams` streams; unbounded without loss or delay.
  static double lossLimitedBytesPerSecond(Clock::duration one_way_delay, double loss_fraction, int streams) {
    return archi::lossLimitedBytesPerSecond(2.0 * std::chrono::duration<double>(one_way_delay).count(), loss_fraction,
                                            streams);
  }

  Clock::duration frameDelay(std::size_t bytes) override {
    Clock::duration delay = oneWayDelay();
    if (loss_fraction_ <= 0.0) return delay;
    const auto segments = static_cast<std::uint64_t>(std::ceil(static_cast<double>(bytes) / kSegmentBytes));
    std::binomial_distribution<std::uint64_t> lost(segments, loss_fraction_);
    return delay + static_cast<Clock::rep>(lost(random_)) * round_trip_;
  }

 private:
  double loss_fraction_;
  Clock::duration round_trip_;
  std::mt19937_64 random_;
};

}  // namespace archi::wan
