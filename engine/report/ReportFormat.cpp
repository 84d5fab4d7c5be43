#include "report/ReportFormat.h"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>

namespace archi::report {
namespace {

// Inserts a comma every three digits of the integer part of a plain decimal ("-1234.5").
std::string groupThousands(std::string text) {
  const std::size_t sign = (!text.empty() && text[0] == '-') ? 1 : 0;
  std::size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (std::size_t at = end; at > sign + 3; at -= 3) text.insert(at - 3, 1, ',');
  return text;
}

}  // namespace

std::string formatCount(std::int64_t n) { return groupThousands(fmt::format("{}", n)); }

std::string formatFixed(double value, int decimals) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  return groupThousands(fmt::format("{:.{}f}", value, decimals));
}

std::string formatRate(double tokens_per_s) {
  if (tokens_per_s >= 1e6) return fmt::format("{:.3g}M tok/s", tokens_per_s / 1e6);
  if (tokens_per_s >= 1e4) return formatFixed(tokens_per_s / 1e3, 0) + "k tok/s";
  if (tokens_per_s >= 1e3) return formatFixed(tokens_per_s / 1e3, 1) + "k tok/s";
  return formatFixed(tokens_per_s, 0) + " tok/s";
}

std::string formatDuration(double ms) {
  if (ms < 1000.0) return formatFixed(ms, ms < 10 ? 1 : 0) + " ms";
  const double s = ms / 1000.0;
  if (s < 60.0) return formatFixed(s, s < 10 ? 2 : 1) + " s";
  const std::int64_t total = std::llround(s);
  if (total < 3600) return fmt::format("{} min {} s", total / 60, total % 60);
  return fmt::format("{} h {} min", total / 3600, (total % 3600) / 60);
}

std::string formatBytes(double bytes) {
  constexpr double kKiB = 1024.0;
  if (bytes < kKiB) return formatFixed(bytes, 0) + " B";
  if (bytes < kKiB * kKiB) return formatFixed(bytes / kKiB, 1) + " KiB";
  if (bytes < kKiB * kKiB * kKiB) return formatFixed(bytes / (kKiB * kKiB), 1) + " MiB";
  return formatFixed(bytes / (kKiB * kKiB * kKiB), 2) + " GiB";
}

std::string formatBandwidth(double gbit) {
  if (gbit < 1.0) {
    const double mbit = gbit * 1000.0;
    return fmt::format("{:.{}g} Mbit/s", mbit, mbit < 10 ? 2 : 4);
  }
  return fmt::format("{:.4g} Gbit/s", gbit);
}

std::string formatPercent(double fraction) { return formatFixed(100.0 * fraction, 1) + "%"; }

std::string formatSignedPercent(double fraction) {
  return (fraction > 0.0 ? "+" : "") + formatPercent(fraction);
}

}  // namespace archi::report
