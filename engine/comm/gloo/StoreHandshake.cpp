#include "comm/gloo/StoreHandshake.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <fmt/core.h>

#include <memory>
#include <string_view>

#include "comm/pki/OpenSslError.h"

namespace archi::comm {
namespace {

using pki::opensslCheck;

struct MacDeleter {
  void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
  void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};

StoreToken hmacSha256(const RendezvousSecret& secret, std::string_view label, std::span<const std::uint8_t> first,
                      std::span<const std::uint8_t> second) {
  std::unique_ptr<EVP_MAC, MacDeleter> mac(opensslCheck(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "EVP_MAC_fetch HMAC"));
  std::unique_ptr<EVP_MAC_CTX, MacDeleter> context(opensslCheck(EVP_MAC_CTX_new(mac.get()), "EVP_MAC_CTX_new"));
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  const auto key = secret.bytes();
  opensslCheck(EVP_MAC_init(context.get(), key.data(), key.size(), params), "EVP_MAC_init HMAC-SHA256");
  opensslCheck(EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(label.data()), label.size()),
               "EVP_MAC_update");
  opensslCheck(EVP_MAC_update(context.get(), first.data(), first.size()), "EVP_MAC_update");
  opensslCheck(EVP_MAC_update(context.get(), second.data(), second.size()), "EVP_MAC_update");
  StoreToken out{};
  std::size_t length = 0;
  opensslCheck(EVP_MAC_final(context.get(), out.data(), &length, out.size()), "EVP_MAC_final");
  if (length != out.size()) pki::throwOpenSslError("HMAC-SHA256 length", {__FILE__, __LINE__});
  return out;
}

RendezvousError notOurStore(const HostPort& server, const std::string& why) {
  return RendezvousError(RendezvousError::Kind::Authentication,
                         fmt::format("the listener at {} is not this run's rendezvous store: {}; another process may "
                                     "be squatting the rendezvous port, or it is the store of another run",
                                     formatHostPort(server), why));
}

}  // namespace

StoreToken randomStoreNonce() {
  StoreToken nonce{};
  opensslCheck(RAND_bytes(nonce.data(), static_cast<int>(nonce.size())), "RAND_bytes for a store nonce");
  return nonce;
}

StoreToken serverProof(const RendezvousSecret& secret, std::span<const std::uint8_t> clientNonce,
                       std::span<const std::uint8_t> serverNonce) {
  return hmacSha256(secret, "AKVS2 server proof", clientNonce, serverNonce);
}

StoreToken clientProof(const RendezvousSecret& secret, std::span<const std::uint8_t> serverNonce,
                       std::span<const std::uint8_t> clientNonce) {
  return hmacSha256(secret, "AKVS2 client proof", serverNonce, clientNonce);
}

bool proofMatches(std::span<const std::uint8_t> expected, std::span<const std::uint8_t> received) {
  return expected.size() == received.size() && CRYPTO_memcmp(expected.data(), received.data(), expected.size()) == 0;
}

kv::Reply receiveReply(int fd, const kv::Limits& limits, SteadyClock::time_point deadline) {
  std::array<std::uint8_t, kv::kHeaderBytes> headerBytes{};
  receiveExact(fd, headerBytes, deadline);
  auto header = kv::decodeHeader(headerBytes, limits);
  if (auto* error = std::get_if<kv::DecodeError>(&header)) {
    throw RendezvousError(RendezvousError::Kind::Protocol,
                          fmt::format("bad reply at byte {}: {}", error->byteOffset, error->message));
  }
  const kv::FrameHeader replyHeader = std::get<kv::FrameHeader>(header);
  std::vector<std::uint8_t> payload(replyHeader.payloadBytes);
  receiveExact(fd, payload, deadline);
  auto reply = kv::decodeReply(replyHeader.kind, payload, limits);
  if (auto* error = std::get_if<kv::DecodeError>(&reply)) {
    throw RendezvousError(RendezvousError::Kind::Protocol,
                          fmt::format("bad reply at byte {}: {}", error->byteOffset, error->message));
  }
  return std::move(std::get<kv::Reply>(reply));
}

void authenticateToStore(int fd, const HostPort& server, const RendezvousSecret& secret, const kv::Limits& limits,
                         SteadyClock::time_point deadline, std::span<const std::uint8_t> firstRequest) {
  const StoreToken clientNonce = randomStoreNonce();
  sendAll(fd, kv::encodeHello(clientNonce), deadline);
  kv::Reply challenge;
  try {
    challenge = receiveReply(fd, limits, deadline);
  } catch (const RendezvousError& e) {
    if (e.kind() == RendezvousError::Kind::Protocol) throw notOurStore(server, e.what());
    throw RendezvousError(e.kind(), fmt::format("waiting for the store's authentication challenge: {}", e.what()));
  }
  if (challenge.kind == kv::FrameKind::Error) {
    throw RendezvousError(RendezvousError::Kind::Rejected, fmt::format("server refused: {}", challenge.message));
  }
  if (challenge.kind == kv::FrameKind::AuthFailed) {
    throw RendezvousError(RendezvousError::Kind::Authentication,
                          fmt::format("server refused the handshake: {}", challenge.message));
  }
  if (challenge.kind != kv::FrameKind::Challenge) {
    throw notOurStore(server, fmt::format("it answered Hello with frame kind 0x{:02x} instead of a challenge",
                                          static_cast<unsigned>(challenge.kind)));
  }
  if (!proofMatches(serverProof(secret, clientNonce, challenge.nonce), challenge.proof)) {
    throw notOurStore(server, "its proof of the rendezvous secret is wrong");
  }
  std::vector<std::uint8_t> frames = kv::encodeAuth(clientProof(secret, challenge.nonce, clientNonce));
  frames.insert(frames.end(), firstRequest.begin(), firstRequest.end());
  sendAll(fd, frames, deadline);
}

}  // namespace archi::comm
