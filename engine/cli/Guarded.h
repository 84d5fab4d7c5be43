#pragma once
// A command's body run so that an error reaches the operator as one line,
// "archi <command>: <why>", and exit status 1.

#include <fmt/core.h>

#include <exception>
#include <string_view>

#include "cli/CliContext.h"

namespace archi::cli {

template <typename Body>
void runGuarded(CliContext& context, std::string_view command, Body body) {
  try {
    body();
  } catch (const std::exception& e) {
    fmt::print(stderr, "archi {}: {}\n", command, e.what());
    context.exitCode = 1;
  }
}

}  // namespace archi::cli
