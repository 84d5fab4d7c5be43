// archi pki init|issue|show (approve|revoke|nodes in PkiNodeCommands.cpp): the console's CA and the certificates it hands to nodes and
// workers (docs/architecture.md#security). Keys are written 0600; nothing shells out to `openssl`.

#include <fmt/core.h>

#include <filesystem>

#include "cli/CliContext.h"
#include "cli/Guarded.h"
#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/CertificateInfo.h"
#include "comm/pki/PemFiles.h"
#include "core/DataLayout.h"

namespace archi::cli {
namespace {

struct PkiOptions {
  std::string directory = DataLayout::fromEnvironment().pkiDirectory().string();
  std::string caName = "console";
  std::string role = "worker";
  std::string name;
  std::string runId;
  std::vector<std::string> hosts;
  int days = 365;
  std::string outDirectory;
  std::string certificate;
};

}  // namespace

void registerPkiCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<PkiOptions>();
  auto* pki = app.add_subcommand(
      "pki", "The console's certificate authority and the certificates it issues");
  pki->require_subcommand(1);
  pki->add_option("--dir", options->directory, "CA folder (ca.key, ca.crt)")->capture_default_str();
  registerPkiNodeCommands(*pki, context,
                          std::shared_ptr<const std::string>(options, &options->directory));

  auto* init = pki->add_subcommand("init", "Create this console's CA (Ed25519 key, 0600)");
  init->add_option("--name", options->caName, "CA name, part of its subject")
      ->capture_default_str();
  init->callback([&context, options] {
    runGuarded(context, "pki init", [&] {
      const auto ca = pki::CertificateAuthority::create(options->directory, options->caName);
      fmt::print("created CA in {}\n{}", ca.directory().string(),
                 pki::formatCertificateInfo(pki::describeCertificate(ca.certificate())));
    });
  });

  auto* issue =
      pki->add_subcommand("issue", "Issue a certificate for the console, a node or a worker");
  issue->add_option("--role", options->role, "console, node or worker")
      ->check(CLI::IsMember({"console", "node", "worker"}))
      ->capture_default_str();
  issue->add_option("--name", options->name, "holder's name (certificate CN and file stem)")
      ->required();
  issue->add_option("--run-id", options->runId,
                    "run the certificate is bound to (required for workers)");
  issue->add_option("--host", options->hosts,
                    "extra subject alternative names: IPv4 addresses or DNS names");
  issue->add_option("--days", options->days, "validity in days")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  issue->add_option("--out", options->outDirectory,
                    "folder for <name>.key, <name>.crt and ca.crt (default: the CA folder)");
  issue->callback([&context, options] {
    runGuarded(context, "pki issue", [&] {
      const auto ca = pki::CertificateAuthority::open(options->directory);
      pki::CertificateRequest request;
      request.role = *pki::parsePeerRole(options->role);
      request.name = options->name;
      request.runId = options->runId;
      request.hosts = options->hosts;
      request.validity = std::chrono::hours(24) * options->days;
      const std::filesystem::path out = options->outDirectory.empty()
                                            ? ca.directory()
                                            : std::filesystem::path(options->outDirectory);
      const std::filesystem::path certificatePath = ca.issueToDirectory(request, out);
      const auto certificate = pki::readCertificateFile(certificatePath);
      fmt::print("issued {} (key {}, mode 0600)\n{}", certificatePath.string(),
                 (out / (options->name + ".key")).string(),
                 pki::formatCertificateInfo(pki::describeCertificate(certificate.get())));
    });
  });

  auto* show = pki->add_subcommand(
      "show", "Show a certificate: subject, role, run id, validity; check it against the CA");
  show->add_option("certificate", options->certificate, "PEM certificate (default: the CA's own)");
  show->callback([&context, options] {
    runGuarded(context, "pki show", [&] {
      const std::filesystem::path caDirectory = options->directory;
      const std::filesystem::path path =
          options->certificate.empty() ? caDirectory / pki::CertificateAuthority::kCertificateFile
                                       : std::filesystem::path(options->certificate);
      const auto certificate = pki::readCertificateFile(path);
      fmt::print("{}:\n{}", path.string(),
                 pki::formatCertificateInfo(pki::describeCertificate(certificate.get())));
      if (std::filesystem::exists(caDirectory / pki::CertificateAuthority::kKeyFile)) {
        const auto ca = pki::CertificateAuthority::open(caDirectory);
        if (auto problem = ca.verify(certificate.get())) {
          fmt::print("chain:       NOT valid under {}: {}\n", ca.certificatePath().string(),
                     *problem);
          context.exitCode = 1;
        } else {
          fmt::print("chain:       valid under {}\n", ca.certificatePath().string());
        }
      }
    });
  });
}

}  // namespace archi::cli
