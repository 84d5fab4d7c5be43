#pragma once
// The hook for WAN emulation (DESIGN.md §6): the transport asks a link's shaper how many
// bytes it may put on the wire to that peer now, and sleeps until the next admission when
// none. TokenBucketShaper shapes to a bandwidth; a delay queue can implement the same hook.

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
};

// Rate limit with a burst: tokens refill at `bytes_per_s`, up to `burst_bytes`.
class TokenBucketShaper : public LinkShaper {
 public:
  TokenBucketShaper(double bytes_per_s, double burst_bytes)
      : rate_bytes_per_s_(bytes_per_s), burst_bytes_(burst_bytes), tokens_(burst_bytes), last_(Clock::now()) {}

  std::size_t allowance(Clock::time_point now) override {
    tokens_ = std::min(burst_bytes_, tokens_ + rate_bytes_per_s_ * std::chrono::duration<double>(now - last_).count());
    last_ = now;
    return tokens_ >= 1.0 ? static_cast<std::size_t>(tokens_) : 0;
  }
  void consume(std::size_t bytes) override { tokens_ -= static_cast<double>(bytes); }
  Clock::time_point nextAdmission(Clock::time_point now) const override {
    const double missing_bytes = std::max(0.0, 1024.0 - tokens_);  // wake for at least 1 KiB, not 1 byte
    return now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(missing_bytes / rate_bytes_per_s_));
  }

 private:
  double rate_bytes_per_s_;
  double burst_bytes_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace archi::wan
