#pragma once
// SHA-256 through OpenSSL's EVP interface, fed in pieces.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace archi {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
 public:
  Sha256();  // throws std::runtime_error if OpenSSL cannot set up the digest
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t bytes);
  Sha256Digest finish();

 private:
  EVP_MD_CTX* context_;
};

}  // namespace archi
