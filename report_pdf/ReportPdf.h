#pragma once
// `archi report --pdf`: the report printed as a PDF, behind a Qt-free interface so that the
// command line (engine/cli) needs no Qt header. Works without a display: when no Qt
// application exists it starts one on the offscreen platform (unless QT_QPA_PLATFORM says
// otherwise).

#include <filesystem>

#include "report/RunReport.h"

namespace archi::report_pdf {

// Writes `report` to `file` (A4). Returns the number of pages; throws std::runtime_error
// naming the file and the reason when it cannot be written.
int writeReportPdf(const RunReport& report, const std::filesystem::path& file);

}  // namespace archi::report_pdf
