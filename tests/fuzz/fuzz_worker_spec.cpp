// Fuzzes the worker spec reader (control/WorkerSpec.h): `archi worker --spec FILE` and a node
// agent's start request read this JSON from the launcher, which may be another machine. Any
// bytes come back as a spec and/or problems; a spec accepted without problems must be written
// and read again unchanged (the agent re-writes the spec it was sent).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "control/WorkerSpec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  archi::Diagnostics problems;
  const std::optional<archi::WorkerSpec> spec = archi::parseWorkerSpec(text, problems);
  if (!spec && !problems.hasErrors()) std::abort();  // refused without saying why
  if (!spec || problems.hasErrors()) return 0;
  archi::Diagnostics again;
  const auto reread = archi::parseWorkerSpec(archi::workerSpecToJson(*spec).dump(), again);
  if (!reread || again.hasErrors() || !(*reread == *spec)) std::abort();
  return 0;
}
