#pragma once
// What every subcommand shares: the exit status it sets and the GPU catalog it validates
// against. Commands register themselves on the CLI11 app; main() only wires them up.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "core/GpuCatalog.h"
#include "core/ProjectJson.h"

namespace archi::cli {

struct CliContext {
  int exitCode = 0;
  std::string userCatalogPath;  // --catalog: extends the built-in catalog

  // Built-in catalog plus --catalog; catalog problems are printed and make the command fail.
  std::optional<GpuCatalog> loadCatalog();
  // Catalog, then the project validated against it; every diagnostic is printed to `out`,
  // compiler style. nullopt (and exit status 2) when the catalog itself is broken.
  struct LoadedProject {
    GpuCatalog catalog;
    ProjectLoad load;
  };
  std::optional<LoadedProject> loadProject(const std::string& file, std::FILE* out);
};

// Re-executes archi with OMP_WAIT_POLICY=PASSIVE unless a policy is set (OpenMpPolicy.cpp).
void preferPassiveOpenMpWaiting(char** argv);

void registerValidateCommand(CLI::App& app, CliContext& context);
void registerInspectCommand(CLI::App& app, CliContext& context);
void registerPlanCommand(CLI::App& app, CliContext& context);
void registerTrainLocalCommand(CLI::App& app, CliContext& context);
void registerSampleCommand(CLI::App& app, CliContext& context);
void registerPkiCommand(CLI::App& app, CliContext& context);
void registerWanPeerCommand(CLI::App& app, CliContext& context);
void registerWorkerCommand(CLI::App& app, CliContext& context);
void registerRunCommand(CLI::App& app, CliContext& context);
void registerSlurmCommand(CLI::App& app, CliContext& context);
void registerReportCommand(CLI::App& app, CliContext& context);
void registerBenchCommand(CLI::App& app, CliContext& context);
void registerAgentCommand(CLI::App& app, CliContext& context);
// `archi agent enroll` / `archi agent install-cert`, under the agent subcommand (AgentEnrollCommand.cpp).
void registerAgentEnrollCommands(CLI::App& agent, CliContext& context);

// `archi pki approve|revoke|nodes`, under the pki subcommand; `directory` is its --dir.
void registerPkiNodeCommands(CLI::App& pki, CliContext& context,
                             std::shared_ptr<const std::string> directory);
// `archi agent enroll|install-cert`, under the agent subcommand (the node side of enrollment).
void registerAgentEnrollCommands(CLI::App& agent, CliContext& context);

// `archi bench <name>` scenarios, registered under the bench subcommand.
void registerBenchStore(CLI::App& bench, CliContext& context);
void registerBenchTrain(CLI::App& bench, CliContext& context);
void registerBenchWan(CLI::App& bench, CliContext& context);
void registerBenchAllreduce(CLI::App& bench, CliContext& context);
void registerBenchMultidc(CLI::App& bench, CliContext& context);
void registerBenchChaos(CLI::App& bench, CliContext& context);
void registerBenchHetero(CLI::App& bench, CliContext& context);
void registerBenchAgent(CLI::App& bench, CliContext& context);
void registerBenchConsole(CLI::App& bench, CliContext& context);

}  // namespace archi::cli
