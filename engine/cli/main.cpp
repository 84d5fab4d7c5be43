// archi: Archipelago's command line — validate and inspect projects, benchmarks, and (in
// later modules) the node agent, workers and headless runs.

#include <CLI/CLI.hpp>

#include "archipelago/BuildInfo.h"
#include "cli/CliContext.h"

int main(int argc, char** argv) {
  archi::cli::preferPassiveOpenMpWaiting(argv);
  CLI::App app{"archi: train one model across several datacenters with mixed GPUs"};
  app.set_version_flag("--version", std::string("archi ") + archi::build::kVersion);
  app.require_subcommand(1);
  archi::cli::CliContext context;
  app.add_option("--catalog", context.userCatalogPath, "GPU catalog file that extends the built-in one")
      ->check(CLI::ExistingFile);
  // Options from a file, one [section] per subcommand (the packaged agent reads
  // /etc/archipelago/agent.conf this way: `archi --config FILE agent`). A key that no option
  // takes is an error, so that a misspelt setting is not silently ignored.
  app.set_config("--config", "", "read options from this INI/TOML file: [agent] listen = \"ADDR:PORT\" ...");
  app.allow_config_extras(CLI::config_extras_mode::error);

  archi::cli::registerValidateCommand(app, context);
  archi::cli::registerInspectCommand(app, context);
  archi::cli::registerPlanCommand(app, context);
  archi::cli::registerRunCommand(app, context);
  archi::cli::registerSlurmCommand(app, context);
  archi::cli::registerReportCommand(app, context);
  archi::cli::registerWorkerCommand(app, context);
  archi::cli::registerAgentCommand(app, context);
  archi::cli::registerBenchCommand(app, context);
  archi::cli::registerTrainLocalCommand(app, context);
  archi::cli::registerSampleCommand(app, context);
  archi::cli::registerPkiCommand(app, context);
  archi::cli::registerWanPeerCommand(app, context);

  CLI11_PARSE(app, argc, argv);
  return context.exitCode;
}
