#pragma once
// The report's charts as ChartSpecs, in datacenter colours (ReportPalette.h), not yet thinned.

#include "report/ChartSpec.h"
#include "report/RunReport.h"

namespace archi::report {

ChartSpec throughputChart(const RunReport& report);      // planned against measured, per datacenter
ChartSpec trainingLossChart(const RunReport& report);    // per datacenter over time
ChartSpec validationLossChart(const RunReport& report);  // per datacenter over time
ChartSpec breakdownChart(const RunReport& report);       // compute / intra / WAN / idle, stacked per datacenter
ChartSpec wanBytesChart(const RunReport& report);        // bytes on the wire per datacenter (outer rounds)
ChartSpec linkThroughputChart(const RunReport& report);  // Mbit/s per link direction (link samples)

// Lines thinned to at most this many points per series for drawing.
inline constexpr std::size_t kMaxDrawnPoints = 1500;

}  // namespace archi::report
