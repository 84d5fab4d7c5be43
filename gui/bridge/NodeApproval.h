#pragma once
// Approve Node… (issue 12, enrollment): the console's half of `archi pki approve`. A node's
// certificate request is read as untrusted input and shown (node, datacenter, key fingerprint);
// only what was shown is signed, once the operator has compared the fingerprint with the one
// `archi agent enroll` printed on the node.

#include <QString>

#include <memory>
#include <optional>

namespace archi::pki {
struct NodeRequest;
}

class NodeApproval {
 public:
  // The request in `csrPath`, or nullopt with why it was refused in `error`.
  static std::optional<NodeApproval> read(const QString& csrPath, QString* error);

  QString nodeId() const;
  QString datacenterId() const;
  QString fingerprint() const;

  struct Approved {
    QString certificatePath;  // PKI/nodes/<node>.crt
    QString caCertificatePath;
    bool replacedKey = false;  // the node was approved before with another key
    QString installCommand;    // what to run on the node
  };
  // Signs with the console's CA in `pkiDirectory` (created on first use); nullopt and `error`
  // when the request is refused (e.g. a revoked node).
  std::optional<Approved> approve(const QString& pkiDirectory, QString* error) const;

 private:
  std::shared_ptr<const archi::pki::NodeRequest> request_;
};
