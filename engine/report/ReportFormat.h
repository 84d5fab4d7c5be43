#pragma once
// Numbers as the report writes them: the console's formats (gui/app/VisualStyle formatRate,
// formatDuration, formatBytes, formatBandwidth) in English, so that the report and the console
// show the same text for the same figure. Thousands separated by commas.

#include <cstdint>
#include <optional>
#include <string>

namespace archi::report {

std::string formatCount(std::int64_t n);                   // "1,234,567"
std::string formatFixed(double value, int decimals);       // "1,234.5"
std::string formatRate(double tokens_per_s);               // "950 tok/s", "312k tok/s", "1.2M tok/s"
std::string formatDuration(double ms);                     // "850 ms", "4.2 s", "3 min 20 s", "1 h 12 min"
std::string formatBytes(double bytes);                     // "512 B", "1.2 MiB", "3.40 GiB"
std::string formatBandwidth(double gbit);                  // "100 Mbit/s", "2.5 Gbit/s"
std::string formatPercent(double fraction);                // 0.4 -> "40.0%"
std::string formatSignedPercent(double fraction);          // -0.2 -> "-20.0%", 0.05 -> "+5.0%"

// The text for a figure that may be unknown: `unknown` (e.g. "unknown", "no plan") when absent.
template <typename Format>
std::string orUnknown(const std::optional<double>& value, Format format, const char* unknown = "unknown") {
  return value ? format(*value) : std::string(unknown);
}

}  // namespace archi::report
