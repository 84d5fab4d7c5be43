#pragma once
// Client of the leader's rendezvous store, shaped as Gloo's rendezvous::Store so Gloo's own
// connectFullMesh can use it. Each request opens a connection (retrying until the deadline
// while the leader starts), sends one frame and reads one reply: no state survives a failed
// request. Every connection first proves the run's secret both ways (StoreHandshake.h).
// Failures throw RendezvousError naming the store address, the operation and the key.

#include <gloo/rendezvous/store.h>

#include <chrono>
#include <string>
#include <vector>

#include "comm/gloo/KvProtocol.h"
#include "comm/gloo/RendezvousSecret.h"
#include "comm/gloo/StoreSockets.h"

namespace archi::comm {

class RendezvousClient final : public gloo::rendezvous::Store {
 public:
  // `requestTimeout` bounds connecting plus one request; `defaultWait` is used by the
  // timeout-less wait() and by get(), which waits for its key like Gloo's own stores.
  // Without a set `secret` every request throws RendezvousError (Authentication).
  RendezvousClient(HostPort server, RendezvousSecret secret, std::chrono::milliseconds requestTimeout,
                   std::chrono::milliseconds defaultWait, kv::Limits limits = {});

  void set(const std::string& key, const std::vector<char>& data) override;
  std::vector<char> get(const std::string& key) override;
  void wait(const std::vector<std::string>& keys) override;
  void wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) override;

  // The value if present now, without waiting.
  std::optional<std::vector<char>> tryGet(const std::string& key);
  const HostPort& server() const { return server_; }

 private:
  kv::Reply transact(const std::vector<std::uint8_t>& frame, std::chrono::milliseconds serverWait,
                     const std::string& what);
  void checkKeyOrThrow(const std::string& key, const std::string& what) const;

  HostPort server_;
  RendezvousSecret secret_;
  std::chrono::milliseconds requestTimeout_;
  std::chrono::milliseconds defaultWait_;
  kv::Limits limits_;
};

}  // namespace archi::comm
