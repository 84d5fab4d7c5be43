// archi validate FILE: every problem of a project file, compiler style; exit 1 on errors.

#include <fmt/core.h>

#include "cli/CliContext.h"
#include "core/ProjectJson.h"

namespace archi::cli {

void registerValidateCommand(CLI::App& app, CliContext& context) {
  auto* command = app.add_subcommand("validate", "Check a project file and list every problem in it");
  auto file = std::make_shared<std::string>();
  command->add_option("FILE", *file, "project file (*.archipelago.json)")->required();
  command->callback([&context, file] {
    const auto loaded = context.loadProject(*file, stdout);
    if (!loaded) return;
    const ProjectLoad& load = loaded->load;
    const std::size_t errors = load.diagnostics.errorCount();
    const std::size_t warnings = load.diagnostics.warningCount();
    if (errors > 0) {
      fmt::print(stderr, "{}: {} error(s), {} warning(s)\n", *file, errors, warnings);
      context.exitCode = 1;
    } else {
      fmt::print("{}: valid ({} warning(s))\n", *file, warnings);
    }
  });
}

}  // namespace archi::cli
