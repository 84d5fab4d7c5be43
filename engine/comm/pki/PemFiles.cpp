#include "comm/pki/PemFiles.h"

#include <fcntl.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "comm/pki/OpenSslError.h"
#include "comm/pki/PkiError.h"
#include "core/AtomicFile.h"

namespace archi::pki {
namespace {

std::string osReason() {
  return std::strerror(errno);
}

std::string bioContents(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

BioPtr openForReading(const std::filesystem::path& path, const char* what) {
  BIO* bio = BIO_new_file(path.c_str(), "rb");
  if (bio == nullptr) {
    takeOpenSslErrors();
    throw PkiError(path.string() + ": cannot open " + what + ": " + osReason());
  }
  return BioPtr(bio);
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, const std::string& contents,
                         unsigned mode) {
  try {
    archi::writeFileAtomicallyWithMode(path, contents, mode);  // one atomic write for the engine (core/AtomicFile.h)
  } catch (const std::runtime_error& e) {
    throw PkiError(path.string() + ": cannot write file: " + e.what());
  }
}

void writePrivateKeyFile(const std::filesystem::path& path, EVP_PKEY* key) {
  BioPtr bio(opensslCheck(BIO_new(BIO_s_mem()), "BIO_new"));
  opensslCheck(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
               "PEM_write_bio_PrivateKey");
  writeFileAtomically(path, bioContents(bio.get()), 0600);
}

void writeCertificateFile(const std::filesystem::path& path, X509* certificate) {
  BioPtr bio(opensslCheck(BIO_new(BIO_s_mem()), "BIO_new"));
  opensslCheck(PEM_write_bio_X509(bio.get(), certificate), "PEM_write_bio_X509");
  writeFileAtomically(path, bioContents(bio.get()), 0644);
}

PkeyPtr readPrivateKeyFile(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw PkiError(path.string() + ": cannot read private key: " + osReason());
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw PkiError(path.string() + ": private key is accessible to group or others (mode " + mode +
                   "); run `chmod 600 " + path.string() + "`");
  }
  BioPtr bio = openForReading(path, "private key");
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr)
    throw PkiError(path.string() + ": not a PEM private key: " + takeOpenSslErrors());
  return PkeyPtr(key);
}

X509Ptr readCertificateFile(const std::filesystem::path& path) {
  BioPtr bio = openForReading(path, "certificate");
  X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (certificate == nullptr)
    throw PkiError(path.string() + ": not a PEM certificate: " + takeOpenSslErrors());
  return X509Ptr(certificate);
}

unsigned filePermissions(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw PkiError(path.string() + ": cannot stat: " + osReason());
  return static_cast<unsigned>(info.st_mode & 07777);
}

}  // namespace archi::pki
