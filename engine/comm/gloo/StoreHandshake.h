#pragma once
// The rendezvous store's challenge-response: both ends prove the run's secret
// (RendezvousSecret) at the start of every connection, before any key or value is sent.
//
//   client -> Hello(cn)                                 cn, sn: 32 fresh random bytes
//   server -> Challenge(sn, HMAC-SHA256(secret, "AKVS2 server proof" || cn || sn))
//   client -> Auth(HMAC-SHA256(secret, "AKVS2 client proof" || sn || cn)), then its requests
//
// The client checks the server's proof before it sends anything else, so a listener that is
// not this run's store (a process squatting the port, a store of another run) is named in an
// error instead of receiving keys. Distinct labels keep one side's proof from being replayed
// as the other's. Proofs are compared in constant time (CRYPTO_memcmp).

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "comm/gloo/KvProtocol.h"
#include "comm/gloo/RendezvousSecret.h"
#include "comm/gloo/StoreSockets.h"

namespace archi::comm {

using StoreToken = std::array<std::uint8_t, kv::kTokenBytes>;

// Fresh bytes from RAND_bytes; throws pki::OpenSslError when the generator fails.
StoreToken randomStoreNonce();
StoreToken serverProof(const RendezvousSecret& secret, std::span<const std::uint8_t> clientNonce,
                       std::span<const std::uint8_t> serverNonce);
StoreToken clientProof(const RendezvousSecret& secret, std::span<const std::uint8_t> serverNonce,
                       std::span<const std::uint8_t> clientNonce);
// Constant-time; false when the sizes differ.
bool proofMatches(std::span<const std::uint8_t> expected, std::span<const std::uint8_t> received);

// Reads one reply frame. Throws RendezvousError: Protocol for bytes that are not a reply,
// Io/Timeout from the socket.
kv::Reply receiveReply(int fd, const kv::Limits& limits, SteadyClock::time_point deadline);

// Client side on a connected socket: Hello, checks the Challenge, then sends Auth followed by
// `firstRequest` in one write. Throws RendezvousError of kind Authentication naming `server`
// when the peer does not prove the secret, Rejected when a store refuses the connection
// (busy), Io/Timeout from the socket.
void authenticateToStore(int fd, const HostPort& server, const RendezvousSecret& secret, const kv::Limits& limits,
                         SteadyClock::time_point deadline, std::span<const std::uint8_t> firstRequest);

}  // namespace archi::comm
