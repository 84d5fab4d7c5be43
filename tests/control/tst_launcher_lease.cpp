// Issue 15 item 3: a launcher that dies takes the workers it started with it, and its run is
// marked failed with a launcher-lost event instead of staying `running` for ever.

#include <QtTest>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "common/TestDataFolder.h"
#include "common/TestProject.h"
#include "control/LauncherLease.h"
#include "control/RunLauncher.h"
#include "core/GpuCatalog.h"

using namespace std::chrono_literals;

class LauncherLeaseTest : public QObject {
  Q_OBJECT

 private slots:
  void runIdsCarryARandomPart();
  void judgesTheHolder();
  void marksOnlyRunsWithNothingAlive();
  void aKilledLauncherTakesItsWorkersAndIsMarked();
};

namespace {

pid_t endedProcess() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

std::int64_t runningRun(archi::RunStore& store, const std::string& name) {
  return store.createRun({0, name, "p", archi::RunState::Running, "diloco", true, 1.0, 1.0, {}});
}

}  // namespace

void LauncherLeaseTest::runIdsCarryARandomPart() {
  // Certificates are bound to the run id: two runs given the same name must not share one.
  const std::string a = archi::newRunId("demo");
  const std::string b = archi::newRunId("demo");
  QVERIFY(a != b);
  const QRegularExpression form("^demo-[0-9a-f]{8}$");
  QVERIFY2(form.match(QString::fromStdString(a)).hasMatch(), a.c_str());
  const std::string unsafe = archi::newRunId(std::string(100, 'x') + "/../é");
  QCOMPARE(unsafe.size(), std::size_t{64});
  QVERIFY(unsafe.find('/') == std::string::npos);
}

void LauncherLeaseTest::judgesTheHolder() {
  const archi::LauncherLeaseRecord self = archi::currentLauncherLease();
  QVERIFY(self.start_ticks > 0);
  QCOMPARE(archi::leaseHolder(self), archi::LeaseHolder::Alive);
  archi::LauncherLeaseRecord ended = self;
  ended.pid = endedProcess();
  QCOMPARE(archi::leaseHolder(ended), archi::LeaseHolder::Gone);
  archi::LauncherLeaseRecord reused = self;  // the same pid, started at another time: another process
  reused.start_ticks += 1;
  QCOMPARE(archi::leaseHolder(reused), archi::LeaseHolder::Gone);
  archi::LauncherLeaseRecord rebooted = self;
  rebooted.boot_id = "00000000-0000-0000-0000-000000000000";
  QCOMPARE(archi::leaseHolder(rebooted), archi::LeaseHolder::Gone);
  archi::LauncherLeaseRecord remote = self;
  remote.host = "another-host.invalid";
  QCOMPARE(archi::leaseHolder(remote), archi::LeaseHolder::Elsewhere);
}

void LauncherLeaseTest::marksOnlyRunsWithNothingAlive() {
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  archi::LauncherLeaseRecord dead = archi::currentLauncherLease();
  dead.pid = endedProcess();
  const std::int64_t lost = runningRun(store, "lost");
  store.takeLauncherLease(lost, dead);
  const std::int64_t onAgents = runningRun(store, "on-agents");  // its workers may still train on node agents
  store.takeLauncherLease(onAgents, dead);
  const archi::RunAgentRecord agent{"n0", "east", "127.0.0.1", 7000, true};
  store.saveRunAgents(onAgents, {&agent, 1});
  const std::int64_t alive = runningRun(store, "alive");
  store.takeLauncherLease(alive, archi::currentLauncherLease());
  const std::int64_t legacy = runningRun(store, "no-lease");  // from before leases: nothing to judge by

  QCOMPARE(archi::markRunsWithLostLaunchers(store), std::vector<std::string>{"lost"});
  QCOMPARE(store.findRunByName("lost")->state, archi::RunState::Failed);
  QVERIFY(store.findRunByName("lost")->ended_at_s.has_value());
  QVERIFY(!store.launcherLease(lost));
  const auto events = store.events(lost);
  QCOMPARE(events.size(), std::size_t{1});
  QCOMPARE(events[0].kind, std::string("launcher-lost"));
  QCOMPARE(events[0].event().integer("pid"), std::int64_t{dead.pid});
  for (const char* name : {"on-agents", "alive", "no-lease"}) QCOMPARE(store.findRunByName(name)->state, archi::RunState::Running);
  QVERIFY(store.launcherLease(onAgents) && store.launcherLease(alive) && !store.launcherLease(legacy));
  QVERIFY(archi::markRunsWithLostLaunchers(store).empty());  // once
}

void LauncherLeaseTest::aKilledLauncherTakesItsWorkersAndIsMarked() {
  // This process adopts orphans (a subreaper), so the workers of the killed launcher become its
  // children and their end can be waited for.
  QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  QTemporaryDir dir;
  const archi::DataLayout data = dataLayoutIn(dir);
  const archi::Project project = TestProject("lease-victim")
                                     .datacenter("east", 7821, {"RTX-4090", 2, true})
                                     .batchTokens(32 * 8 * 2)
                                     .project();
  QVERIFY2(QFile::exists(qEnvironmentVariable("ARCHI_BIN")), "ARCHI_BIN must name the archi executable (ctest sets it)");
  const pid_t launcherPid = ::fork();
  if (launcherPid == 0) {
    // The launcher: starts two workers and polls until it is killed.
    try {
      archi::Diagnostics problems;
      archi::LaunchOptions launch;
      launch.archi_binary = qEnvironmentVariable("ARCHI_BIN").toStdString();
      launch.runs_directory = data.runsDirectory();
      launch.store_path = data.storePath();
      launch.pki_directory = data.pkiDirectory();
      launch.token_budget = 100'000'000;  // far more than the test waits for
      launch.run_name = "victim";
      launch.emulation_paces = {{"RTX-4090", 2000.0}};
      const archi::GpuCatalog catalog = archi::GpuCatalog::fromFile(
          std::filesystem::path(ARCHIPELAGO_SOURCE_DIR) / "resources" / "gpu-catalog.json", problems);
      archi::RunLauncher launcher(project, catalog, launch, std::make_unique<archi::LocalSpawner>(launch.archi_binary));
      launcher.start();
      while (launcher.poll()) std::this_thread::sleep_for(100ms);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "victim launcher: %s\n", e.what());
    }
    ::_exit(3);  // ending on its own is a failure: the test kills it
  }

  // Wait until both workers train (their steps reach the store), then kill the launcher.
  std::int64_t runId = 0;
  const auto deadline = std::chrono::steady_clock::now() + 90s;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(200ms);
    try {
      archi::RunStore store(data.storePath(), archi::RunStore::Access::ReadOnly);
      const auto run = store.findRunByName("victim");
      if (!run) continue;
      runId = run->id;
      std::set<std::string> stepping;
      for (const archi::StepMetric& m : store.stepMetrics(runId)) stepping.insert(m.worker_id);
      if (stepping.size() == 2) break;
    } catch (const archi::StoreError&) {
      // not created yet, or being migrated
    }
  }
  QVERIFY2(runId != 0, "the launcher never recorded its run");
  int status = 0;
  QCOMPARE(::waitpid(launcherPid, &status, WNOHANG), 0);  // still polling
  QCOMPARE(::kill(launcherPid, SIGKILL), 0);
  QCOMPARE(::waitpid(launcherPid, &status, 0), launcherPid);

  // Its workers end (SIGTERM from the kernel: finish the step and exit) and come to us.
  int workersEnded = 0;
  const auto workersDeadline = std::chrono::steady_clock::now() + 30s;
  for (;;) {
    const pid_t ended = ::waitpid(-1, &status, WNOHANG);
    if (ended > 0) {
      ++workersEnded;
      continue;
    }
    if (ended < 0 && errno == ECHILD) break;  // no child left: every worker is gone
    QVERIFY2(std::chrono::steady_clock::now() < workersDeadline, "the killed launcher's workers are still running after 30 s");
    std::this_thread::sleep_for(50ms);
  }
  QCOMPARE(workersEnded, 2);

  archi::RunStore store(data.storePath());
  QCOMPARE(store.findRunByName("victim")->state, archi::RunState::Running);  // nobody has looked yet
  QCOMPARE(store.launcherLease(runId)->pid, std::int64_t{launcherPid});
  const std::string runName = store.findRunByName("victim")->name;  // "victim-" and its random suffix
  QCOMPARE(archi::markRunsWithLostLaunchers(store), std::vector<std::string>{runName});
  QCOMPARE(store.findRunByName("victim")->state, archi::RunState::Failed);
  bool lostEvent = false;
  for (const archi::EventRecord& e : store.events(runId)) lostEvent |= e.kind == "launcher-lost";
  QVERIFY(lostEvent);
}

QTEST_GUILESS_MAIN(LauncherLeaseTest)
#include "tst_launcher_lease.moc"
