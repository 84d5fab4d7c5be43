// archi report RUN: a stored run at a glance (summarizeRun's figures, as the console shows
// them), its report as a self-contained HTML file (--html) or a PDF (--pdf, printed by the
// console's binary in its hidden `--report-pdf` mode, since archi links no Qt), and every stored
// row as CSV files (--csv).

#include <fmt/core.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "cli/CliContext.h"
#include "cli/ConsoleBinary.h"
#include "core/DataLayout.h"
#include "report/HtmlReport.h"
#include "report/ReportFormat.h"
#include "report/RunReport.h"
#include "report/RunSummary.h"
#include "store/RunCsvExport.h"
#include "store/RunStore.h"

namespace archi::cli {
namespace {

struct ReportOptions {
  std::string run;        // name, or numeric id
  std::string storePath;  // empty: the data folder's store
  std::string csvDirectory;
  std::string htmlFile;
  std::string pdfFile;
};

// A run by name first; a name that is all digits and matches no run is taken as an id.
std::optional<RunRecord> findRun(RunStore& store, const std::string& nameOrId) {
  if (std::optional<RunRecord> byName = store.findRunByName(nameOrId)) return byName;
  std::int64_t id = 0;
  const char* end = nameOrId.data() + nameOrId.size();
  const auto [last, error] = std::from_chars(nameOrId.data(), end, id);
  if (error != std::errc() || last != end || nameOrId.empty()) return std::nullopt;
  return store.findRun(id);
}

void printSummary(const RunSummary& s) {
  using namespace archi::report;
  fmt::print("run {} (id {}): {}\n", s.run.name, s.run.id, toString(s.run.state));
  fmt::print("duration: {}\n", s.duration_s ? formatDuration(*s.duration_s * 1000.0) : std::string("unknown"));
  fmt::print("tokens: {}\n", formatCount(s.tokens));
  fmt::print("throughput: {} (planned {}, ideal {})\n", orUnknown(s.tokens_per_s, formatRate),
             orUnknown(s.predicted_tokens_per_s, formatRate, "no plan"), orUnknown(s.ideal_tokens_per_s, formatRate, "no plan"));
  fmt::print("efficiency against the ideal: {}; planner error: {}\n", orUnknown(s.efficiency, formatPercent),
             orUnknown(s.planner_error, formatSignedPercent));
  if (s.dilated()) {
    // The same figures in the time the emulated run stands for (plan/Dilation.h).
    const auto real = [&](std::optional<double> rate) { return rate ? std::optional<double>(*rate * s.dilation) : std::nullopt; };
    fmt::print("dilated rehearsal ×{:.4g} (devices emulated): {}\n", s.dilation, s.dilation_derivation);
    fmt::print("real-time equivalent (dilated ×{:.4g}): duration {}, throughput {} (planned {})\n", s.dilation,
               s.duration_s ? formatDuration(*s.duration_s / s.dilation * 1000.0) : std::string("unknown"),
               orUnknown(real(s.tokens_per_s), formatRate), orUnknown(real(s.predicted_tokens_per_s), formatRate, "no plan"));
  }
  if (s.final_loss) {
    fmt::print("final loss: {:.4f} ({})\n", *s.final_loss, s.final_loss_is_validation ? "validation" : "training");
  } else {
    fmt::print("final loss: none stored\n");
  }
}

void writeHtml(const RunReport& content, const std::string& file) {
  const archi::report::HtmlReport html = archi::report::renderHtmlReport(content, archi::report::ChartMode::InlineSvg);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << html.html;
  out.close();
  if (!out) throw std::runtime_error("cannot write the HTML report to " + file + " (is the folder there and writable?)");
  fmt::print("{}: HTML report, {} bytes\n", file, html.html.size());
}

int runReport(const ReportOptions& options) {
  const std::filesystem::path storePath =
      options.storePath.empty() ? DataLayout::fromEnvironment().storePath() : std::filesystem::path(options.storePath);
  if (!std::filesystem::exists(storePath)) {
    fmt::print(stderr, "archi report: no run store at {} (pass --store FILE)\n", storePath.string());
    return 1;
  }
  RunStore store(storePath, RunStore::Access::ReadOnly);
  const std::optional<RunRecord> run = findRun(store, options.run);
  if (!run) {
    fmt::print(stderr, "archi report: the store {} has no run named or numbered {}\n", storePath.string(), options.run);
    return 1;
  }
  // Refuse before writing anything, so that a script does not get half of what it asked for.
  std::filesystem::path console;
  if (!options.pdfFile.empty()) {
    console = findConsoleBinary();
    if (console.empty()) {
      fmt::print(stderr, "archi report: --pdf is printed by the console's binary `archipelago` (Qt), which is not next "
                         "to archi, in the build tree or on PATH: install the archipelago package, or use --html\n");
      return 1;
    }
  }
  if (options.htmlFile.empty() && options.pdfFile.empty()) {
    printSummary(summarizeRun(store, run->id));
  } else {
    const RunReport content = buildRunReport(store, run->id);
    printSummary(content.summary);
    if (!options.htmlFile.empty()) writeHtml(content, options.htmlFile);
  }
  if (!options.csvDirectory.empty()) {
    for (const CsvFileRows& file : exportRunCsv(store, run->id, options.csvDirectory)) {
      fmt::print("{}: {} rows\n", file.file, file.rows);
    }
  }
  if (options.pdfFile.empty()) return 0;
  // Last, because the console's binary takes over this process.
  return execConsole(console, {"--report-pdf", storePath.string(), std::to_string(run->id), options.pdfFile},
                     "archi report");
}

}  // namespace

void registerReportCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand("report", "Summarise a stored run; write its report as HTML or PDF, or its rows as CSV files");
  command->add_option("RUN", options->run, "run name (or numeric run id)")->required();
  command->add_option("--store", options->storePath, "run store (default: ~/.local/share/archipelago/runs.db)");
  command->add_option("--csv", options->csvDirectory,
                      "write steps.csv, rounds.csv, validation.csv, events.csv, workers.csv, links.csv and samples.csv into this folder");
  command->add_option("--html", options->htmlFile, "write the report as one self-contained HTML file (charts as inline SVG)");
  command->add_option("--pdf", options->pdfFile, "write the report as a PDF (A4; printed by the console's binary, `archipelago`, which must be installed)");
  command->callback([&context, options] {
    try {
      context.exitCode = runReport(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi report: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
