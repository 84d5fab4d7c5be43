// Issue 15 item 4, end to end: leader certificates that live 15 s in a run of about 40 s. The
// launcher renews them into the run's pki/ folder; leader b is killed after the first
// certificates have expired and restarted. Re-joining needs new TLS connections from leader a,
// whose context was built at start: it can only pass b's check with the renewed certificate.

#include <QtTest>

#include "FaultRun.h"
#include "common/TestProject.h"

using namespace archi;

class CertificateRenewalTest : public QObject {
  Q_OBJECT

 private slots:
  void leadersReformAfterTheirFirstCertificatesExpired();
};

void CertificateRenewalTest::leadersReformAfterTheirFirstCertificatesExpired() {
  QTemporaryDir dir;
  const Project project = TestProject("renewal")
                              .datacenter("a", 7831, {"RTX-4090", 1, true})
                              .datacenter("b", 7832, {"RTX-4090", 1, true})
                              .link("a", "b", 0.1, 20.0)
                              .batchTokens(32 * 8 * 2)
                              .innerSteps(6)
                              .outerLoop(0.7, 0.5)
                              .sync(SyncMode::DiLoCo)
                              .project();
  Fault kill;
  kill.kind = FaultKind::KillWorker;
  kill.worker_id = "b/b-node/0";
  kill.at_s = 20.0;  // the certificates issued at start expired at ~15 s
  kill.restart_after_s = 2.0;
  // 2 devices × 2000 tokens/s (emulated pace): about 40 s of training.
  const RunSummary summary = runLocallyWithFaults(dir, project, 160000, {{"RTX-4090", 2000.0}}, {kill}, std::chrono::seconds(150),
                                                  std::chrono::seconds(30), nullptr,
                                                  [](LaunchOptions& launch) { launch.leader_certificate_lifetime = std::chrono::seconds(15); });
  RunStore store(dataLayoutIn(dir).storePath(), RunStore::Access::ReadOnly);
  const std::vector<RunEvent> events = storedEvents(store, summary.run_id);
  QVERIFY2(summary.state == RunState::Completed, summary.failures.empty() ? "not completed" : summary.failures.front().c_str());
  int renewed = 0;
  for (const RunEvent& e : events) renewed += e.kind == EventKind::CertificateRenewed ? 1 : 0;
  QVERIFY2(renewed >= 2 * 2, "each leader's certificate is renewed at least twice in 40 s with a 15 s life");
  QVERIFY2(findEvent(events, EventKind::WorkerRestarted, [](const RunEvent& e) { return e.text("worker") == "b/b-node/0"; }),
           "the launcher did not restart leader b");
  QVERIFY2(findEvent(events, EventKind::WanGroupFormed,
                     [](const RunEvent& e) { return e.text("why") == "re-joining the run" && e.names("members").size() == 2; }),
           "leader b did not re-join after the first certificates expired");
}

QTEST_GUILESS_MAIN(CertificateRenewalTest)
#include "tst_certificate_renewal.moc"
