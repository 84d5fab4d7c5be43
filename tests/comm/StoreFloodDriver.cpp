// Drives a rendezvous store (in a child process, with its production limits) with clients that
// pipeline Get requests for a 1 MiB value and never read the replies, for --seconds, and prints
// the store's resident memory (VmRSS of /proc/PID/status) every --sample-s seconds. A client the
// store closes (write deadline) reconnects at once, so the pressure never stops.
//
//   store_flood_driver --seconds 60 --clients 4
//
// Prints "t_s rss_kib" lines, then RESULT lines (docs/architecture.md#limits-on-servers).

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "comm/gloo/KvProtocol.h"
#include "comm/gloo/RendezvousClient.h"
#include "comm/gloo/RendezvousServer.h"
#include "comm/gloo/StoreHandshake.h"

using namespace archi::comm;
using namespace std::chrono_literals;

namespace {

long residentKib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

// The child: serves until its parent closes the pipe.
[[noreturn]] void serveStore(const RendezvousSecret& secret, int portPipe) {
  RendezvousServerOptions options;
  options.secret = secret;
  RendezvousServer server(options);
  const std::uint16_t port = server.address().port;
  if (::write(portPipe, &port, sizeof port) != sizeof port) std::_Exit(1);
  char ignored;
  while (::read(portPipe, &ignored, 1) > 0) {
  }
  std::_Exit(0);
}

struct Flooder {
  UniqueFd fd;
  std::uint64_t bytesSent = 0;
  int connections = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Floods a rendezvous store with clients that never read their replies"};
  double seconds = 60.0;
  double sample_s = 5.0;
  int clients = 4;
  app.add_option("--seconds", seconds, "how long to flood")->check(CLI::PositiveNumber);
  app.add_option("--sample-s", sample_s, "seconds between RSS samples")->check(CLI::PositiveNumber);
  app.add_option("--clients", clients, "connections that pipeline without reading")->check(CLI::Range(1, 256));
  CLI11_PARSE(app, argc, argv);

  const RendezvousSecret secret = RendezvousSecret::generate();
  int pipes[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pipes) != 0) return 1;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipes[0]);
    serveStore(secret, pipes[1]);
  }
  ::close(pipes[1]);
  std::uint16_t port = 0;
  if (::read(pipes[0], &port, sizeof port) != sizeof port) {
    fmt::print(stderr, "the store did not start\n");
    return 1;
  }
  const HostPort store{"127.0.0.1", port};
  const std::vector<char> value((1u << 20) - 64, 'x');
  RendezvousClient(store, secret, 5000ms, 5000ms).set("flood/value", value);
  const long before_kib = residentKib(child);
  fmt::print("store pid {} on {}; RSS before the flood {} KiB; {} clients pipelining Get of a {} byte value\n", child,
             formatHostPort(store), before_kib, clients, value.size());

  const std::vector<std::uint8_t> get = kv::encodeGet("flood/value");
  std::vector<std::uint8_t> burst;
  for (int i = 0; i < 4096; ++i) burst.insert(burst.end(), get.begin(), get.end());
  std::vector<Flooder> flooders(static_cast<std::size_t>(clients));
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  auto nextSample = start;
  long max_kib = 0;
  long last_kib = 0;
  fmt::print("t_s rss_kib\n");
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= nextSample) {
      last_kib = residentKib(child);
      max_kib = std::max(max_kib, last_kib);
      fmt::print("{:.0f} {}\n", std::chrono::duration<double>(now - start).count(), last_kib);
      std::fflush(stdout);
      nextSample += std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(sample_s));
      if (now >= end) break;
    }
    for (Flooder& f : flooders) {
      if (!f.fd.valid()) {
        try {
          const auto deadline = std::chrono::steady_clock::now() + 5s;
          f.fd = connectTcp(store, deadline);
          authenticateToStore(f.fd.get(), store, secret, kv::Limits{}, deadline, {});
          ++f.connections;
        } catch (const std::exception& e) {
          f.fd = {};
          continue;
        }
      }
      const ssize_t n = ::send(f.fd.get(), burst.data(), burst.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0) f.bytesSent += static_cast<std::uint64_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) f.fd = {};  // closed by the store: reconnect
    }
    std::this_thread::sleep_for(20ms);
  }
  std::uint64_t sent = 0;
  int connections = 0;
  for (const Flooder& f : flooders) {
    sent += f.bytesSent;
    connections += f.connections;
  }
  flooders.clear();
  ::close(pipes[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  fmt::print("{} request bytes sent ({} Get requests) on {} connections\n", sent, sent / get.size(), connections);
  fmt::print("RESULT store_flood_rss_before {} KiB\n", before_kib);
  fmt::print("RESULT store_flood_rss_max {} KiB\n", max_kib);
  fmt::print("RESULT store_flood_rss_last {} KiB\n", last_kib);
  return 0;
}
