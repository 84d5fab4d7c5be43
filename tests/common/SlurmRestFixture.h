#pragma once
// A slurmrestd for tests that need one answering well (the hostile answers are tst_slurm_rest's):
// a cpp-httplib server on loopback that speaks v0.0.38 of Slurm 22.05.8 with one partition "gpu"
// of three nodes — g1 idle with 4 GPUs, g2 half used (2 of 4 GPUs, 16 of 32 CPUs), g3 down — so
// the partition has 1 of 3 nodes idle, 48 CPUs and 6 GPUs free. Plus a 0600 token file.

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <httplib.h>

class SlurmRestFixture {
 public:
  explicit SlurmRestFixture(const std::filesystem::path& folder) : tokenFile_(folder / "slurm.jwt") {
    std::ofstream(tokenFile_) << "header.payload.signature\n";
    ::chmod(tokenFile_.c_str(), 0600);
    answer("/openapi/v3", R"({"paths": {"/slurm/v0.0.38/ping": {}}})");
    answer("/slurm/v0.0.38/ping", R"({"meta": {"plugin": {"type": "openapi/v0.0.38"}, "Slurm": {"release": "22.05.8"}},
        "errors": [], "pings": [{"hostname": "vm", "ping": "UP"}]})");
    answer("/slurm/v0.0.38/nodes", R"json({"nodes": [
        {"name": "g1", "state": "idle", "cpus": 32, "alloc_cpus": 0, "gres": "gpu:a100:4", "gres_used": "gpu:a100:0", "partitions": ["gpu"]},
        {"name": "g2", "state": "mixed", "cpus": 32, "alloc_cpus": 16, "gres": "gpu:a100:4", "gres_used": "gpu:a100:2(IDX:0-1)", "partitions": ["gpu"]},
        {"name": "g3", "state": "down", "cpus": 32, "alloc_cpus": 0, "gres": "gpu:a100:4", "partitions": ["gpu"]}]})json");
    answer("/slurm/v0.0.38/partitions", R"({"partitions": [{"name": "gpu", "state": "UP", "total_nodes": 3, "total_cpus": 96}]})");
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ > 0) thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 200 && port_ > 0 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~SlurmRestFixture() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  SlurmRestFixture(const SlurmRestFixture&) = delete;
  SlurmRestFixture& operator=(const SlurmRestFixture&) = delete;

  bool running() const { return port_ > 0 && server_.is_running(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& tokenFile() const { return tokenFile_; }

 private:
  void answer(const std::string& path, std::string body) {
    server_.Get(path, [body = std::move(body)](const httplib::Request&, httplib::Response& response) {
      response.set_content(body, "application/json");
    });
  }

  std::filesystem::path tokenFile_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};
