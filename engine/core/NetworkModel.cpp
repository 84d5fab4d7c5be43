#include "core/NetworkModel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace archi {

int streamsForLink(double gbit, double rtt_ms, double window_bytes) {
  const double bdpBytes = gbit * 1e9 / 8.0 * rtt_ms / 1e3;
  if (!std::isfinite(bdpBytes) || bdpBytes <= 0.0) return 2;
  return std::clamp(static_cast<int>(std::ceil(bdpBytes / window_bytes)), 2, 16);
}

double lossLimitedBytesPerSecond(double rtt_s, double loss, int streams) {
  if (loss <= 0.0 || rtt_s <= 0.0) return std::numeric_limits<double>::infinity();
  return std::max(1, streams) * 1.22 * kTcpSegmentBytes / (rtt_s * std::sqrt(loss));
}

double lossLimitedGbit(double rtt_ms, double loss_pct, int streams) {
  return lossLimitedBytesPerSecond(rtt_ms / 1e3, loss_pct / 100.0, streams) * 8.0 / 1e9;
}

}  // namespace archi
