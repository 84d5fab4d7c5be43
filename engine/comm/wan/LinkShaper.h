#pragma once
// The hook for WAN emulation (DESIGN.md §6, labelled emulation wherever used): the transport
// asks a link's shaper how many bytes it may put on the wire to that peer now and sleeps
// until the next admission when none; every frame also waits in a delay queue for the
// link's one-way delay before it may be sent. TokenBucketShaper implements both: a
// bandwidth with a burst, and a fixed delay (RTT / 2).

#include <algorithm>
#include <cstddef>
#include <limits>

#include "comm/wan/TcpSocket.h"

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
    return now + std::chrono::duration_cast<Clock::duration>(
                     std::chrono::duration<double>(missing_bytes / rate_bytes_per_s_));
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

}  // namespace archi::wan
