#include "ReportPdfMode.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "ReportPdf.h"
#include "report/RunReport.h"
#include "store/RunStore.h"

namespace archi::report_pdf {

int runReportPdfMode(int argc, char** argv) {
  // The three words after --report-pdf, wherever it stands (Qt may have taken its own options).
  int at = 1;
  while (at < argc && std::strcmp(argv[at], "--report-pdf") != 0) ++at;
  if (at + 3 >= argc) {
    std::fprintf(stderr, "archipelago --report-pdf: usage: archipelago --report-pdf STORE RUN_ID FILE\n");
    return 1;
  }
  const std::string store = argv[at + 1];
  const std::string runText = argv[at + 2];
  const std::string file = argv[at + 3];
  std::int64_t runId = 0;
  const char* end = runText.data() + runText.size();
  if (const auto [last, error] = std::from_chars(runText.data(), end, runId); error != std::errc() || last != end) {
    std::fprintf(stderr, "archipelago --report-pdf: the run id %s is not a number\n", runText.c_str());
    return 1;
  }
  try {
    RunStore runs(store, RunStore::Access::ReadOnly);
    const int pages = writeReportPdf(buildRunReport(runs, runId), file);
    std::printf("%s: PDF report, %d page(s)\n", file.c_str(), pages);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "archipelago --report-pdf: %s\n", error.what());
    return 1;
  }
}

}  // namespace archi::report_pdf
