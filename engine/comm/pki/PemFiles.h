#pragma once
// PEM files of keys and certificates. Private keys are written 0600 through a temporary
// file and a rename, and are refused on reading when group or others may read them.

#include <filesystem>
#include <string>

#include "comm/pki/OpenSslHandles.h"

namespace archi::pki {

// Writes `contents` through a sibling temporary file created with `mode`, fsynced, then renamed
// over `path`: a crash leaves the old file or the new one, never half of one.
void writeFileAtomically(const std::filesystem::path& path, const std::string& contents,
                         unsigned mode);

void writePrivateKeyFile(const std::filesystem::path& path, EVP_PKEY* key);
void writeCertificateFile(const std::filesystem::path& path, X509* certificate);

PkeyPtr readPrivateKeyFile(const std::filesystem::path& path);
X509Ptr readCertificateFile(const std::filesystem::path& path);

// Permission bits of a file (e.g. 0600), for checks and tests.
unsigned filePermissions(const std::filesystem::path& path);

}  // namespace archi::pki
