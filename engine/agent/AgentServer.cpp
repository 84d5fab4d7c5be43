#include "agent/AgentServer.h"

#include <httplib.h>

#include <stdexcept>

#include "agent/AgentApi.h"
#include "agent/AgentRoutes.h"
#include "agent/AgentTls.h"
#include "agent/BoundedTaskQueue.h"
#include "agent/NodeIdentity.h"
#include "agent/NodeRuns.h"
#include "core/AtomicFile.h"

namespace archi::agent {
namespace {

// The error body of a response cpp-httplib answered by itself (no route, oversized, malformed).
std::string defaultError(int status, const AgentLimits& limits) {
  switch (status) {
    case 400: return "malformed request";
    case 404: return "no such route";
    case 405: return "method not allowed";
    case 413: return "request body larger than " + std::to_string(limits.maxBodyBytes) + " bytes";
    case 414: return "request line too long";
    default: return "request refused";
  }
}

}  // namespace

AgentServer::AgentServer(AgentOptions options, std::shared_ptr<spdlog::logger> logger)
    : options_(std::move(options)), layout_(options_.state), logger_(std::move(logger)) {
  for (const auto& file : {layout_.nodeCertificate(), layout_.nodeKey(), layout_.caCertificate()}) {
    if (!std::filesystem::exists(file)) {
      throw std::runtime_error(file.string() + " is missing: run `archi agent enroll` first");
    }
  }
  makePrivateDirectory(layout_.root());
  makePrivateDirectory(layout_.runsDirectory());
  const NodeIdentity identity = readNodeIdentity(layout_.nodeCertificate());
  std::string tlsProblem;
  server_ = std::make_unique<httplib::SSLServer>([&](SSL_CTX& context) {
    try {
      configureAgentTls(context, layout_, *logger_);
      return true;
    } catch (const std::exception& e) {
      tlsProblem = e.what();
      return false;
    }
  });
  if (!server_->is_valid()) throw std::runtime_error("cannot set up TLS: " + tlsProblem);
  runs_ = std::make_unique<NodeRuns>(layout_, options_.archiBinary, logger_);
  api_ = std::make_unique<AgentApi>(layout_, identity, options_.host, options_.catalog, *runs_);

  httplib::SSLServer& server = *server_;
  const AgentLimits& limits = options_.limits;
  server.set_payload_max_length(limits.maxBodyBytes);
  server.set_read_timeout(limits.ioTimeout_s, 0);
  server.set_write_timeout(limits.ioTimeout_s, 0);
  server.set_keep_alive_max_count(limits.keepAliveMaxRequests);
  server.set_keep_alive_timeout(limits.keepAliveTimeout_s);
  server.new_task_queue = [this, limits] {
    return new BoundedTaskQueue(
        limits.threads, limits.maxQueuedConnections, [] { currentConnection() = {}; },
        [this, limits] {
          const ConnectionTrace& trace = currentConnection();
          if (trace.handshakeDone && trace.requests == 0) {
            logger_->warn("closed {}: no complete request within {} s (slow or idle client)", trace.peer, limits.ioTimeout_s);
          }
        },
        [limits](const std::function<void()>& task) {
          currentConnection() = {};
          currentConnection().refusal = "all " + std::to_string(limits.threads) + " serving threads busy and " +
                                        std::to_string(limits.maxQueuedConnections) + " connections queued";
          task();
          currentConnection() = {};
        });
  };
  server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    ++currentConnection().requests;
    const std::string peer = currentConnection().peer;
    if (response.status >= 400) {
      logger_->warn("{} {} {} -> {} {}", peer, request.method, request.path.substr(0, 200), response.status, response.body.substr(0, 300));
    } else if (request.method == "GET") {
      // Reads come several times a second per stream while a run is followed: debug only.
      logger_->debug("{} {} {} -> {}", peer, request.method, request.path.substr(0, 200), response.status);
    } else {
      logger_->info("{} {} {} -> {}", peer, request.method, request.path.substr(0, 200), response.status);
    }
  });
  server.set_error_handler([limits](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    AgentApi::answerError(response, response.status, defaultError(response.status, limits), request.path.substr(0, 200));
  });
  server.set_exception_handler([this](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    logger_->error("{} {}: {}", request.method, request.path.substr(0, 200), what);
    AgentApi::answerError(response, 500, what, request.path.substr(0, 200));
  });
  for (const AgentRoute& route : agentRoutes()) {
    const Handler handler = api_->handlerFor(route.path);
    if (route.method == "GET") server.Get(route.pattern, handler);
    if (route.method == "POST") server.Post(route.pattern, handler);
    if (route.method == "PUT") server.Put(route.pattern, handler);
  }
}

AgentServer::~AgentServer() {
  stop();
  server_.reset();
}

int AgentServer::bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.host);
  } else if (!server_->bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port <= 0) throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port));
  writeFileAtomically(layout_.portFile(), std::to_string(port) + "\n");
  logger_->info("node agent listening on {}:{} (state {})", options_.host, port, layout_.root().string());
  return port;
}

void AgentServer::serve() { server_->listen_after_bind(); }

void AgentServer::stop() {
  if (server_) server_->stop();
}

bool AgentServer::idle() const { return runs_->activeRuns() == 0; }

NodeRuns& AgentServer::runs() { return *runs_; }

}  // namespace archi::agent
