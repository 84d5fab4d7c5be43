#pragma once
// The tiny project the run tests share, built in a line or two: datacenters of one node each on
// loopback, a GPT of one layer, two heads, width 32 and context 32 over bytes, trained on the
// fortunes file at lr 3e-3. Run settings a test does not set keep RunSpec's defaults.
//
//   const QString file = TestProject("tiny-two-dc")
//                            .datacenter("east", 7801, {"CPU", 2, false})
//                            .datacenter("west", 7802, {"CPU", 2, false})
//                            .link("east", "west", 1.0, 5.0)
//                            .write(dir);

#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <string>
#include <utility>

#include "core/Project.h"
#include "core/ProjectJson.h"

class TestProject {
 public:
  explicit TestProject(std::string name) {
    project_.name = std::move(name);
    project_.run.model = {1, 2, 32, 32, 256};
    project_.run.data.corpus = "/usr/share/games/fortunes";
    project_.run.train.lr = 3e-3;
  }

  // Datacenter `id` (also its name): one node "<id>-node" at 127.0.0.1:agentPort with `devices`.
  TestProject& datacenter(const std::string& id, int agentPort, archi::DeviceGroup devices) {
    archi::Datacenter dc;
    dc.id = id;
    dc.name = id;
    dc.nodes.push_back({id + "-node", "127.0.0.1", agentPort, {std::move(devices)}});
    project_.topology.datacenters.push_back(std::move(dc));
    return *this;
  }
  // How datacenter `id` is reached (a Slurm job, say); it must have been added before.
  TestProject& launch(const std::string& id, archi::DatacenterLaunch launch) {
    for (archi::Datacenter& dc : project_.topology.datacenters) {
      if (dc.id == id) dc.launch = std::move(launch);
    }
    return *this;
  }
  TestProject& link(const std::string& a, const std::string& b, double gbit, double rtt_ms) {
    project_.topology.links.push_back({a, b, gbit, rtt_ms, 0.0});
    return *this;
  }

  TestProject& tokens(std::int64_t tokens) {
    project_.run.train.tokens = tokens;
    return *this;
  }
  TestProject& batchTokens(std::int64_t batchTokens) {
    project_.run.train.batch_tokens = batchTokens;
    return *this;
  }
  TestProject& innerSteps(int innerSteps) {
    project_.run.train.inner_steps = innerSteps;
    return *this;
  }
  TestProject& outerLoop(double outerLr, double outerMomentum) {
    project_.run.train.outer_lr = outerLr;
    project_.run.train.outer_momentum = outerMomentum;
    return *this;
  }
  TestProject& sync(archi::SyncMode mode) {
    project_.run.train.sync = mode;
    return *this;
  }

  const archi::Project& project() const { return project_; }

  // Saves the project as <dir>/tiny.archipelago.json and returns that path.
  QString write(const QTemporaryDir& dir) const {
    const QString path = dir.filePath("tiny.archipelago.json");
    archi::saveProjectFile(project_, path.toStdString());
    return path;
  }

 private:
  archi::Project project_;
};
