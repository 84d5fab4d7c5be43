// Fuzzes a leader's WAN admission (comm/wan/WanConnector.h: answerPendingKnocks, what a group
// runs between rounds on its listener): the bytes anyone on the network can send to a leader's
// WAN port. The first byte's low bit picks where they arrive:
//   0  before TLS: raw bytes on a fresh TCP connection, read by the TLS server handshake;
//   1  after TLS: sent by leader 1 of the run (a valid certificate) once the handshake is done,
//      read as the hello or knock frame that admits a stream.
// Either way the leader must drop or refuse the connection, or admit it, within its handshake
// deadline and without a crash. One CA, two leaders' certificates and the listener are made
// once per process (in a temporary folder removed at exit).

#include <sys/socket.h>
#include <unistd.h>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <span>
#include <string>
#include <thread>

#include "comm/pki/CertificateAuthority.h"
#include "comm/wan/TlsStream.h"
#include "comm/wan/WanConnector.h"

namespace wan = archi::wan;
namespace pki = archi::pki;

namespace {

constexpr const char* kRunId = "fuzz-run";

// Leader 0 listening, as a group between rounds; leader 1's TLS context to speak to it.
class TwoLeaders {
 public:
  TwoLeaders() : folder_(makeFolder()), listener_(wan::listenTcp("127.0.0.1", 0)) {
    const auto ca = pki::CertificateAuthority::create(folder_ / "pki", "fuzz-ca");
    for (const char* name : {"leader-0", "leader-1"}) {
      ca.issueToDirectory({pki::PeerRole::Worker, name, kRunId, {}, {}, std::chrono::hours(24 * 365)}, folder_ / "pki");
    }
    // Refusals are logged at warning level for every input: keep them out of the fuzzer's output.
    logger_ = std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
    config_.rank = 0;
    config_.leaders = {{"leader-0", "127.0.0.1", listener_.port}, {"leader-1", "127.0.0.1", 0}};
    config_.identity = identity("leader-0");
    config_.policy = {pki::PeerRole::Worker, kRunId};
    config_.chunkElements = 1024;
    config_.logger = logger_;
    server_ = std::make_unique<wan::TlsContext>(config_.identity, config_.policy, logger_);
    client_ = std::make_unique<wan::TlsContext>(identity("leader-1"), config_.policy, logger_);
  }
  ~TwoLeaders() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  // Delivers `bytes` to leader 0 and lets it answer the pending connection.
  void deliver(bool afterTls, std::span<const std::uint8_t> bytes) {
    const auto deadline = wan::Clock::now() + std::chrono::seconds(5);
    wan::Fd socket = wan::connectTcp("127.0.0.1", listener_.port, deadline);  // queued on the listener at once
    if (!afterTls) {
      sendAndHalfClose(socket.get(), bytes);
      answer();
      return;
    }
    // Leader 1 keeps its end open until leader 0 is done, so that closing it never resets the
    // connection while leader 0 still reads.
    std::promise<void> answered;
    std::thread leader1([&, socket = std::move(socket)]() mutable {
      try {
        wan::TlsStream stream(*client_, std::move(socket), wan::TlsStream::Side::Client, "leader 0", "leader-0",
                              deadline);
        stream.writeAll(bytes, deadline, "fuzz input");
        stream.shutdown();
        answered.get_future().wait();
      } catch (const wan::WanError&) {
        // Leader 0 dropped us during the handshake or the write: its answer is what is tested.
      }
    });
    answer();
    answered.set_value();
    leader1.join();
  }

 private:
  static std::filesystem::path makeFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "archi-fuzz-wan-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    return pattern;
  }
  wan::TlsIdentity identity(const std::string& name) const {
    return {folder_ / "pki/ca.crt", folder_ / "pki" / (name + ".crt"), folder_ / "pki" / (name + ".key")};
  }
  static void sendAndHalfClose(int fd, std::span<const std::uint8_t> bytes) {
    // A leader that stops reading fills the socket buffer; the bytes then left unsent never reach it.
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n <= 0) break;
      bytes = bytes.subspan(static_cast<std::size_t>(n));
    }
    ::shutdown(fd, SHUT_WR);
  }
  void answer() {
    const bool wanted = wan::answerPendingKnocks(config_, *server_, listener_, wan::maxWanPayloadBytes(config_),
                                                 [](int) { return false; });
    (void)wanted;
  }

  std::filesystem::path folder_;
  wan::Listener listener_;
  std::shared_ptr<spdlog::logger> logger_;
  wan::WanGroupConfig config_;
  std::unique_ptr<wan::TlsContext> server_;
  std::unique_ptr<wan::TlsContext> client_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static TwoLeaders leaders;
  leaders.deliver((data[0] & 1) != 0, std::span(data + 1, size - 1));
  return 0;
}
