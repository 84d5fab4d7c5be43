// archi agent enroll|install-cert: the node's half of enrollment (comm/pki/NodeRequest.h,
// NodeEnrollment.h). The node's private key is made here and never leaves --state.

#include <fmt/core.h>

#include <string>

#include "cli/CliContext.h"
#include "cli/Guarded.h"
#include "comm/pki/EnrollmentFiles.h"
#include "comm/pki/NodeEnrollment.h"
#include "comm/pki/NodeRequest.h"

namespace archi::cli {
namespace {

struct EnrollOptions {
  std::string stateDirectory;
  std::string nodeId;
  std::string datacenterId;
  bool replaceKey = false;
  std::string certificatePath;
  std::string caCertificatePath;
};

void enroll(const EnrollOptions& options) {
  const pki::NodeRequest request = pki::createNodeRequest(
      options.stateDirectory, options.nodeId, options.datacenterId, options.replaceKey);
  const pki::NodeStateFiles files(options.stateDirectory);
  fmt::print(
      "wrote {} (private, stays on this machine)\n"
      "request:         {}\n"
      "node:            {}\n"
      "datacenter:      {}\n"
      "key fingerprint: {}\n"
      "next: copy {} to the console and run there `archi pki approve node.csr`; check that it "
      "shows this fingerprint.\n"
      "then bring back {}.crt and ca.crt and run here\n"
      "  archi agent install-cert --state {} --certificate {}.crt --ca ca.crt\n",
      files.key().string(), files.request().string(), request.nodeId, request.datacenterId,
      request.publicKeyFingerprint, files.request().string(), request.nodeId,
      options.stateDirectory, request.nodeId);
}

void installCertificate(const EnrollOptions& options) {
  const pki::CertificateInfo info = pki::installNodeCertificate(
      options.stateDirectory, options.certificatePath, options.caCertificatePath);
  const pki::NodeStateFiles files(options.stateDirectory);
  fmt::print("installed {} (node {}, datacenter {}) and {}\n", files.certificate().string(),
             info.nodeId, info.datacenter, files.caCertificate().string());
}

}  // namespace

void registerAgentEnrollCommands(CLI::App& agent, CliContext& context) {
  auto options = std::make_shared<EnrollOptions>();

  auto* enrollCommand = agent.add_subcommand(
      "enroll", "Make this node's key and a certificate request for the console to approve");
  enrollCommand->add_option("--state", options->stateDirectory, "the agent's state folder")
      ->required();
  enrollCommand->add_option("--node", options->nodeId, "this node's id (certificate CN)")
      ->required();
  enrollCommand->add_option("--datacenter", options->datacenterId, "this node's datacenter")
      ->required();
  enrollCommand->add_flag("--replace-key", options->replaceKey,
                          "replace an existing node.key (the console must approve again)");
  enrollCommand->callback([&context, options] {
    runGuarded(context, "agent enroll", [&] { enroll(*options); });
  });

  auto* install = agent.add_subcommand(
      "install-cert", "Install the certificate the console issued for this node's request");
  install->add_option("--state", options->stateDirectory, "the agent's state folder")->required();
  install->add_option("--certificate", options->certificatePath, "<node>.crt from the console")
      ->required()
      ->check(CLI::ExistingFile);
  install->add_option("--ca", options->caCertificatePath, "the console's ca.crt")
      ->required()
      ->check(CLI::ExistingFile);
  install->callback([&context, options] {
    runGuarded(context, "agent install-cert", [&] { installCertificate(*options); });
  });
}

}  // namespace archi::cli
