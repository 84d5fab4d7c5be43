#pragma once
// How a datacenter's workers are started (docs/architecture.md#slurm): through its node agents
// (the default), or as one Slurm job submitted to the datacenter's slurmrestd. Plain values,
// the URL form both the validator and the REST client read, and the checks of the token file.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"

namespace archi {

class JsonObjectReader;

enum class LaunchVia { Agents, Slurm };

struct DatacenterLaunch {
  LaunchVia via = LaunchVia::Agents;
  // slurmrestd: https://host[:port], http://127.0.0.1[:port] (loopback only: plain HTTP
  // carries the token in clear), or unix:///run/slurmrestd.sock (local mode, no token).
  std::string url;
  std::string partition;
  std::string account;     // optional: the partition's default account when empty
  std::string user;        // X-SLURM-USER-NAME; also the user the job runs as
  std::string token_file;  // absolute path of a 0600 file holding the JWT; never the token itself

  bool operator==(const DatacenterLaunch&) const = default;
};

// A slurmrestd address taken apart.
struct SlurmUrl {
  enum class Scheme { Https, Http, Unix } scheme = Scheme::Https;
  std::string host;         // Https/Http
  int port = 0;             // 0: the scheme's default
  std::string socket_path;  // Unix
  // What libcurl is given: "https://host:port" or, for a socket, "http://localhost".
  std::string base() const;
  bool loopback() const;    // a unix socket, or a host that is this machine
};

// nullopt with `error` set when `text` is none of the forms above, or is plain HTTP to a host
// that is not loopback (the token would cross the network in clear).
std::optional<SlurmUrl> parseSlurmUrl(const std::string& text, std::string& error);

// Why `path` cannot hold a token: missing, not a regular file, or readable by others than its
// owner (the fix is in the message); empty when it can.
std::string tokenFileProblem(const std::string& path);

// Reads the "launch" object of a datacenter (its reader: `reader`) into a value; structural
// errors go to `diagnostics` with their pointers.
DatacenterLaunch readDatacenterLaunch(JsonObjectReader& datacenterReader, Diagnostics& diagnostics);
// The "launch" object as a project file spells it; nullopt for the default (agents).
std::optional<nlohmann::ordered_json> datacenterLaunchToJson(const DatacenterLaunch& launch);
// Semantic checks of one datacenter's launch at `pointer` (".../launch"): the URL, the
// required fields of Slurm, the token file (it must exist, 0600) when the URL needs one.
void validateDatacenterLaunch(const DatacenterLaunch& launch, const std::string& pointer, Diagnostics& diagnostics);

}  // namespace archi
