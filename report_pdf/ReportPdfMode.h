#pragma once
// The console binary's hidden `archipelago --report-pdf STORE RUN_ID FILE` mode: what
// `archi report --pdf` runs, so that archi itself needs no Qt (engine/cli/ConsoleBinary.h).

namespace archi::report_pdf {

// argv: STORE RUN_ID FILE after --report-pdf. Prints "FILE: PDF report, N page(s)" and returns
// 0, or prints the reason and returns 1.
int runReportPdfMode(int argc, char** argv);

}  // namespace archi::report_pdf
