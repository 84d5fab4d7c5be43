// archi pki approve|revoke|nodes: the console's half of node enrollment (comm/pki/NodeEnrollment.h,
// docs/agent-api.md "Identities and files"). Thin wrappers: parse, call the engine, print.

#include <fmt/core.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "cli/CliContext.h"
#include "cli/Guarded.h"
#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/EnrollmentFiles.h"
#include "comm/pki/NodeEnrollment.h"
#include "comm/pki/NodePins.h"
#include "comm/pki/NodeRequest.h"
#include "comm/pki/PkiError.h"

namespace archi::cli {
namespace {

struct NodeOptions {
  std::string requestPath;
  bool yes = false;
  std::string nodeId;
};

// The operator's yes on the terminal; refused outright when nobody is at one.
bool operatorApproves() {
  if (::isatty(STDIN_FILENO) != 1) {
    throw pki::PkiError("stdin is not a terminal: compare the fingerprint with the node's, then "
                        "pass --yes to approve without asking");
  }
  fmt::print("approve? [y/N] ");
  std::fflush(stdout);
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

void approve(CliContext& context, const std::filesystem::path& pkiDirectory,
             const NodeOptions& options) {
  const auto ca = pki::CertificateAuthority::open(pkiDirectory);
  const pki::NodeRequest request = pki::readNodeRequest(options.requestPath);
  fmt::print("node:            {}\ndatacenter:      {}\nkey fingerprint: {}\n", request.nodeId,
             request.datacenterId, request.publicKeyFingerprint);
  const pki::NodePins pins(pkiDirectory);
  const auto previousPin = pins.pinFor(request.nodeId);
  if (previousPin && *previousPin != request.publicKeyPin)
    fmt::print("note: node {} is approved with another key; approving replaces it\n",
               request.nodeId);
  if (!options.yes && !operatorApproves()) {
    fmt::print("not approved\n");
    context.exitCode = 1;
    return;
  }
  const pki::ApprovedNode approved = pki::approveNodeRequest(ca, request, pkiDirectory);
  fmt::print(
      "approved {}: wrote {} and {}\n"
      "next: copy {} and {} to the node and run there\n"
      "  archi agent install-cert --state DIR --certificate {}.crt --ca ca.crt\n",
      approved.nodeId, approved.certificatePath.string(), approved.pinPath.string(),
      approved.certificatePath.string(), ca.certificatePath().string(), approved.nodeId);
}

void listNodes(const std::filesystem::path& pkiDirectory) {
  const std::vector<pki::NodeRecord> nodes = pki::NodePins(pkiDirectory).nodes();
  if (nodes.empty()) {
    fmt::print("no nodes enrolled in {}\n",
               pki::ApprovedNodeFiles(pkiDirectory).directory().string());
    return;
  }
  fmt::print("{:<24} {:<24} {:<9} {}\n", "NODE", "DATACENTER", "STATUS", "KEY FINGERPRINT");
  for (const pki::NodeRecord& node : nodes) {
    fmt::print("{:<24} {:<24} {:<9} {}\n", node.nodeId, node.datacenterId,
               node.status == pki::NodeStatus::Revoked ? "revoked" : "approved",
               node.publicKeyFingerprint);
  }
}

}  // namespace

void registerPkiNodeCommands(CLI::App& pki, CliContext& context,
                             std::shared_ptr<const std::string> directory) {
  auto options = std::make_shared<NodeOptions>();

  auto* approveCommand = pki.add_subcommand(
      "approve", "Sign a node's request (from `archi agent enroll`) and pin its public key");
  approveCommand->add_option("request", options->requestPath, "the node's node.csr")
      ->required()
      ->check(CLI::ExistingFile);
  approveCommand->add_flag("--yes", options->yes, "approve without asking on the terminal");
  approveCommand->callback([&context, options, directory] {
    runGuarded(context, "pki approve", [&] { approve(context, *directory, *options); });
  });

  auto* revoke = pki.add_subcommand(
      "revoke", "Revoke a node: the console refuses it from now on (its certificate stays)");
  revoke->add_option("node", options->nodeId, "node id")->required();
  revoke->callback([&context, options, directory] {
    runGuarded(context, "pki revoke", [&] {
      pki::revokeNode(*directory, options->nodeId);
      fmt::print("revoked {}: its pin moved to {}\n", options->nodeId,
                 pki::ApprovedNodeFiles(*directory).revokedPin(options->nodeId).string());
    });
  });

  auto* nodes = pki.add_subcommand("nodes", "List enrolled nodes: datacenter, key, status");
  nodes->callback([&context, directory] {
    runGuarded(context, "pki nodes", [&] { listNodes(*directory); });
  });
}

}  // namespace archi::cli
