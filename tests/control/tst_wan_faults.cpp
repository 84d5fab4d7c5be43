// A fault between datacenters end to end, as a smoke test of the processes: three
// datacenters through RunLauncher whose leaders talk TLS over loopback, one leader SIGKILLed
// mid-run (the other two complete their rounds without it; the launcher restarts it and it
// re-joins from a peer's global state). The event must carry its time cost, every leader must
// end the run with the same token count, and the run must still learn. The outer loop's fault
// scenarios (partitions, one-way loss, lost views and confirmations, missed round ends,
// restarts) are deterministic in-process tests: tests/train/tst_outer_faults.cpp; a real kernel
// link cut is tests/netns/tst_netns_run.cpp.

#include <QtTest>

#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "FaultRun.h"
#include "common/TestDataFolder.h"
#include "common/TestProject.h"
#include "control/RunLauncher.h"
#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "store/RunStore.h"

using namespace archi;

namespace {

struct Outcome {
  RunSummary summary;
  std::vector<EventRecord> events;
  std::vector<ValidationRecord> validation;
  std::map<std::string, std::int64_t> leaderTokens;  // datacenter leader -> run tokens it ended with
};

// Three datacenters of emulated RTX-4090s (paced, so step times do not depend on this
// machine's load); "b" has two workers so that its leader's loss also regroups a datacenter.
Project threeDatacenters() {
  return TestProject("wan-faults")
      .datacenter("a", 7821, {"RTX-4090", 1, true})
      .datacenter("b", 7822, {"RTX-4090", 2, true})
      .datacenter("c", 7823, {"RTX-4090", 1, true})
      .link("a", "b", 0.1, 40.0)
      .link("a", "c", 0.1, 50.0)
      .link("b", "c", 0.1, 60.0)
      .batchTokens(32 * 8 * 4)
      .innerSteps(6)
      .outerLoop(0.7, 0.5)
      .sync(SyncMode::DiLoCo)
      .project();
}

Outcome runWithFaults(const QTemporaryDir& dir, std::int64_t tokens, const std::vector<Fault>& faults) {
  Outcome outcome;
  // A step of 8 × 32 tokens: ~128 ms (emulated pace).
  outcome.summary = runLocallyWithFaults(dir, threeDatacenters(), tokens, {{"RTX-4090", 2000.0}}, faults,
                                         std::chrono::seconds(150), std::chrono::seconds(30));

  RunStore store(dataLayoutIn(dir).storePath(), RunStore::Access::ReadOnly);
  outcome.events = store.events(outcome.summary.run_id);
  outcome.validation = store.validation(outcome.summary.run_id);
  const double start = outcome.events.empty() ? 0.0 : outcome.events.front().wall_time_s;
  for (const EventRecord& record : outcome.events) {
    const RunEvent e = record.event();
    // A datacenter leader is the worker of rank 0: "<datacenter>/<node>/0".
    const std::string worker = e.text("worker");
    if (e.kind == EventKind::WorkerDone && worker.size() > 2 && worker.ends_with("/0")) {
      outcome.leaderTokens[worker.substr(0, worker.find('/'))] = e.integer("run_tokens");
    }
    if (record.level != "debug" && e.kind != EventKind::Note) {
      qInfo("%6.1f s %s [%s] %s: %s", record.wall_time_s - start, record.kind.c_str(), record.level.c_str(), record.source.c_str(),
            record.fields.c_str());
    }
  }
  return outcome;
}

// Whether `source` reported an event of `kind` whose fields satisfy `matches`.
bool anyEvent(const Outcome& outcome, const std::string& source, EventKind kind,
              const std::function<bool(const RunEvent&)>& matches = [](const RunEvent&) { return true; }) {
  return std::any_of(outcome.events.begin(), outcome.events.end(), [&](const EventRecord& record) {
    const RunEvent e = record.event();
    return record.source == source && e.kind == kind && matches(e);
  });
}

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void checkCompletedAndLearned(const Outcome& outcome) {
  QVERIFY2(outcome.summary.state == RunState::Completed,
           qPrintable(QString("run ended %1: %2")
                          .arg(QString::fromStdString(toString(outcome.summary.state)))
                          .arg(QString::fromStdString(outcome.summary.failures.empty() ? "" : outcome.summary.failures.front()))));
  // Every leader ends with the same count: they merged the same rounds (no silent divergence).
  QCOMPARE(outcome.leaderTokens.size(), std::size_t(3));
  for (const auto& [dc, tokens] : outcome.leaderTokens) {
    QVERIFY2(tokens == outcome.leaderTokens.begin()->second,
             qPrintable(QString("leader %1 ended with %2 tokens, leader %3 with %4")
                            .arg(QString::fromStdString(dc)).arg(tokens)
                            .arg(QString::fromStdString(outcome.leaderTokens.begin()->first))
                            .arg(outcome.leaderTokens.begin()->second)));
  }
  QVERIFY(outcome.validation.size() >= 2);
  QVERIFY2(outcome.validation.back().loss < outcome.validation.front().loss - 0.5,
           qPrintable(QString("validation %1 -> %2").arg(outcome.validation.front().loss).arg(outcome.validation.back().loss)));
}

}  // namespace

class WanFaultsTest : public QObject {
  Q_OBJECT

 private slots:
  void killedLeaderRejoinsFromPeerState() {
    QTemporaryDir dir;
    Fault kill;
    kill.kind = FaultKind::KillWorker;
    kill.worker_id = "b/b-node/0";
    kill.at_s = 5.0;
    // Restarted after the others have re-formed without it (reform_timeout 10 s), so that
    // they must complete rounds on their own; an earlier restart may join that very re-forming.
    kill.restart_after_s = 14.0;
    const Outcome outcome = runWithFaults(dir, 200000, {kill});
    checkCompletedAndLearned(outcome);
    QVERIFY2(anyEvent(outcome, "launcher", EventKind::WorkerRestarted,
                      [](const RunEvent& e) { return e.text("worker") == "b/b-node/0"; }),
             "the launcher did not restart the leader");
    // The other two completed a round without b, and said what the fault cost.
    QVERIFY2(anyEvent(outcome, "a/a-node/0", EventKind::OuterRoundRecovered,
                      [](const RunEvent& e) { return e.integer("leaders") == 2 && e.number("cost_s") > 0.0; }),
             "leader a did not complete a round without b");
    QVERIFY2(anyEvent(outcome, "c/c-node/0", EventKind::WanGroupFormed,
                      [](const RunEvent& e) { return lists(e.names("left_out"), "leader-b"); }),
             "leader c did not re-form without b");
    // The restarted leader knocked, was let in and took the global state from a peer.
    QVERIFY2(anyEvent(outcome, "b/b-node/0", EventKind::WanGroupFormed,
                      [](const RunEvent& e) { return e.text("why") == "re-joining the run" && e.names("members").size() == 3; }),
             "the restarted leader did not re-join");
    QVERIFY2(anyEvent(outcome, "b/b-node/0", EventKind::GlobalStateTaken,
                      [](const RunEvent& e) { return e.integer("version") > e.integer("own_version"); }),
             "the restarted leader kept its fresh state");
  }
};

QTEST_GUILESS_MAIN(WanFaultsTest)
#include "tst_wan_faults.moc"
