// archi bench <scenario>: benchmarks that print medians and RESULT lines.

#include "cli/CliContext.h"

namespace archi::cli {

void registerBenchCommand(CLI::App& app, CliContext& context) {
  auto* bench = app.add_subcommand("bench", "Benchmarks; headline figures are printed as RESULT lines");
  bench->require_subcommand(1);
  registerBenchStore(*bench, context);
  registerBenchTrain(*bench, context);
  registerBenchWan(*bench, context);
  registerBenchAllreduce(*bench, context);
  registerBenchMultidc(*bench, context);
  registerBenchChaos(*bench, context);
  registerBenchHetero(*bench, context);
  registerBenchAgent(*bench, context);
  registerBenchConsole(*bench, context);
}

}  // namespace archi::cli
