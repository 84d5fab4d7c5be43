// Run events in the console's language (gui/bridge/EventText): every kind the engine makes is
// rendered from its kind and fields with the engine's own wording (compared with renderEvent
// under the C locale, so a field read under the wrong name or a dropped clause shows), the
// alerts' kinds have sentences, and a translation and the locale's digits apply.

#include <QtTest>

#include <QLocale>
#include <QTranslator>

#include <map>

#include "bridge/EventText.h"
#include "core/RunEvent.h"
#include "core/RunEvents.h"

namespace ev = archi::events;
using archi::EventKind;
using archi::EventLevel;
using archi::RunEvent;

class EventTextTest : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    // The engine's digits: no grouping, '.' for decimals.
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::OmitGroupSeparator);
    QLocale::setDefault(c);
  }
  void cleanup() { QLocale::setDefault(QLocale::system()); }
  void everyEngineKindHasASample();
  void matchesTheEngineSentence_data();
  void matchesTheEngineSentence();
  void alertsHaveSentences();
  void unknownKindsAndBrokenFieldsKeepTheStoredText();
  void speaksChineseWithATranslator();

 private:
  static std::map<EventKind, RunEvent> samples();
  static QString describe(const RunEvent& event, const QString& stored = QStringLiteral("stored sentence")) {
    return describeEvent(QString::fromStdString(std::string(archi::toString(event.kind))),
                         QString::fromStdString(event.fields.dump()), stored);
  }
};

// One event of each kind, with figures that exercise grouping, decimals and the optional clauses.
// Seconds avoid exact ties such as 4.25: fmt rounds those to even (4.2), QLocale away from zero (4.3).
std::map<EventKind, RunEvent> EventTextTest::samples() {
  return {
      {EventKind::Note, ev::note(EventLevel::Info, "free text from a lower layer")},
      {EventKind::WorkerStarting, ev::workerStarting("beijing/n0/g1", "A100-80G", 1, 4, "beijing", true, 1234.4)},
      {EventKind::WorkerStoppedBeforeGroup, ev::workerStoppedBeforeGroup("beijing/n0/g1")},
      {EventKind::WorkerDone, ev::workerDone("beijing/n0/g1", 1200, 40, 2500000, true)},
      {EventKind::WorkerFailed, ev::workerFailed("beijing/n0/g1", "CUDA error: out of memory")},
      {EventKind::DatacenterReady, ev::datacenterReady("beijing", 4, 32, 1024, 3, "diloco", true)},
      {EventKind::DatacenterGroupFailed, ev::datacenterGroupFailed(812, "peer closed the connection")},
      {EventKind::RegroupSyncFailed, ev::regroupSyncFailed(3, "timeout")},
      {EventKind::DatacenterLeaderRejoined, ev::datacenterLeaderRejoined(90, 4.27, 3)},
      {EventKind::WorkerLost, ev::workerLost("guiyang/n1/g0", 1500, 3, 24, 2.04)},
      {EventKind::WorkerRejoined, ev::workerRejoined("guiyang/n1/g0", 1600, 31.48, 1.27, 4, 32)},
      {EventKind::DatacenterRegrouped, ev::datacenterRegrouped(77, 4, 0.75)},
      {EventKind::LeaderTookDatacenterState, ev::leaderTookDatacenterState("beijing/n0/g0", 300, "beijing/n0/g2", true, 4)},
      {EventKind::EmulatedThrottle, ev::emulatedThrottle("beijing/n0/g1", 812.6, 0.5)},
      {EventKind::SharesRebalanced, ev::sharesRebalanced(400, {{"beijing/n0/g0", 8, 6}, {"beijing/n0/g1", 8, 10}}, "beijing/n0/g0", 900.2, 1200.7)},
      {EventKind::WanTransport, ev::wanTransport(3, 4, 30.0, "/tmp/cuts.json")},
      {EventKind::WanEmulation, ev::wanEmulation("beijing-guiyang 1 Gbit/s 40 ms")},
      {EventKind::WanGroupFormed, ev::wanGroupFormed("rejoin", {"beijing", "shanghai"}, {"guiyang"}, 7, false, 1.52, 12.27, 2)},
      {EventKind::WanGroupLeftOut, ev::wanGroupLeftOut("fault", 2, {"guiyang"}, "epoch 7 vs 8", 3.5)},
      {EventKind::OuterRoundFailed, ev::outerRoundFailed(12, 6.5, "connection reset")},
      {EventKind::OuterRoundRecovered, ev::outerRoundRecovered(12, 2, 8.27, "guiyang unreachable")},
      {EventKind::ContributionAlreadyMerged, ev::contributionAlreadyMerged(13, 14, 12)},
      {EventKind::LeftOutOfRound, ev::leftOutOfRound(14, true, 123456)},
      {EventKind::WanExchangeFailed, ev::wanExchangeFailed(15, "broken pipe")},
      {EventKind::DdpAllReduceFailed, ev::ddpAllReduceFailed("broken pipe")},
      {EventKind::StateShareFailed, ev::stateShareFailed("broken pipe")},
      {EventKind::GlobalStateTaken, ev::globalStateTaken("shanghai", 20, 18, 5000000, 65536)},
      {EventKind::RunLaunched, ev::runLaunched("run demo-a launched: 3 datacenters, 10 workers")},
      {EventKind::WorkerExitedAfterRun, ev::workerExitedAfterRun("beijing/n0/g1", "exited with code 1", "/tmp/w.log")},
      {EventKind::WorkerGaveUp, ev::workerGaveUp("beijing/n0/g1", "worker beijing/n0/g1 gave up after 5 restarts")},
      {EventKind::WorkerRestarting, ev::workerRestarting("beijing/n0/g1", "was killed by signal 9", 2, 4.0, "/tmp/w.log")},
      {EventKind::WorkerRestarted, ev::workerRestarted("beijing/n0/g1", 2, "beijing")},
      {EventKind::FaultInjected, ev::faultInjected("cut:beijing/guiyang@20+15", ": the link carries nothing for 15 s")},
      {EventKind::FaultSkipped, ev::faultSkipped("kill:nowhere/n0/g0@5", "no such worker")},
      {EventKind::LinkRestored, ev::linkRestored("beijing", "guiyang")},
      {EventKind::StopRequested, ev::stopRequested()},
      {EventKind::WorkersKilled, ev::workersKilled()},
      {EventKind::JournalProblem, ev::journalProblem(EventLevel::Warning, "journal line 12 is not JSON")},
      {EventKind::RunAttached, ev::runAttached("demo-a")},
      {EventKind::CheckpointRestored,
       ev::checkpointRestored("beijing", 6, 6, 150, 786432, "/runs/demo/checkpoints/beijing/round-00000006.outer")},
      {EventKind::CheckpointSkipped, ev::checkpointSkipped("guiyang", "round-00000007.outer: corrupted: SHA-256 of the payload does not match the header")},
      {EventKind::RunResumed, ev::runResumed("demo-a", "beijing round 6, guiyang round 5")},
      {EventKind::AgentWorkerStarted, ev::agentWorkerStarted("beijing/n0/g1", 123456, true)},
      {EventKind::AgentWorkerEnded, ev::agentWorkerEnded("beijing/n0/g1", "exited with code 0", true)},
  };
}

void EventTextTest::everyEngineKindHasASample() {
  // A kind added to the engine without a sentence here would show its English text for ever.
  const auto all = samples();
  for (int k = int(EventKind::Note); k <= int(EventKind::AgentWorkerEnded); ++k) {
    QVERIFY2(all.count(EventKind(k)), qPrintable(QStringLiteral("no sample of kind %1").arg(QString::fromUtf8(archi::toString(EventKind(k)).data()))));
  }
}

void EventTextTest::matchesTheEngineSentence_data() {
  QTest::addColumn<QString>("kind");
  QTest::addColumn<QString>("fields");
  QTest::addColumn<QString>("english");
  const auto add = [](const RunEvent& e) {
    const std::string kind(archi::toString(e.kind));
    QTest::newRow(kind.c_str()) << QString::fromStdString(kind) << QString::fromStdString(e.fields.dump())
                                << QString::fromStdString(archi::renderEvent(e));
  };
  for (const auto& [kind, event] : samples()) add(event);
  // The optional clauses the other way round.
  QTest::newRow("worker-starting on hardware") << "worker-starting"
      << QString::fromStdString(ev::workerStarting("w", "H20", 0, 2, "dc", false, 0).fields.dump())
      << QString::fromStdString(archi::renderEvent(ev::workerStarting("w", "H20", 0, 2, "dc", false, 0)));
  const auto row = [](const char* name, const RunEvent& e) {
    QTest::newRow(name) << QString::fromUtf8(archi::toString(e.kind).data()) << QString::fromStdString(e.fields.dump())
                        << QString::fromStdString(archi::renderEvent(e));
  };
  row("worker-done not stopped", ev::workerDone("w", 1, 1, 10, false));
  row("datacenter-ready unpaced", ev::datacenterReady("dc", 1, 8, 512, 1, "ddp", false));
  row("worker-rejoined unknown downtime", ev::workerRejoined("w", 5, -1.0, 0.5, 2, 16));
  row("leader-took-state without parameters", ev::leaderTookDatacenterState("w", 3, "v", false, 2));
  row("wan-transport without cuts", ev::wanTransport(2, 1, 10.0, ""));
  row("wan-group-formed full", ev::wanGroupFormed("start", {"a", "b", "c"}, {}, 1, true, 0.27, 0.0, 0));
  row("wan-group-left-out bare", ev::wanGroupLeftOut("fault", 2, {}, "", 1.0));
  row("left-out-of-round after failures", ev::leftOutOfRound(3, false, 10));
  row("agent-worker-started fresh", ev::agentWorkerStarted("w", 42, false));
}

void EventTextTest::matchesTheEngineSentence() {
  QFETCH(QString, kind);
  QFETCH(QString, fields);
  QFETCH(QString, english);
  // Free-text kinds hand back the stored sentence, which is the engine's.
  QCOMPARE(describeEvent(kind, fields, english), english);
}

void EventTextTest::alertsHaveSentences() {
  const QString stored = QStringLiteral("stored");
  const QString spike = describeEvent("alert-loss-spike", R"({"worker":"beijing/n0/g1","step":1500,"loss":7.25,"z":6.2})", stored);
  QCOMPARE(spike, QStringLiteral("alert: loss spike on worker beijing/n0/g1 at step 1500: loss 7.2500, z-score 6.2"));
  QVERIFY(describeEvent("alert-loss-spike", R"({"worker":"w","step":3,"loss":null,"z":null})", stored).contains("NaN"));
  QCOMPARE(describeEvent("alert-stall", R"({"worker":"w","seconds":95.4})", stored), QStringLiteral("alert: worker w stalled, no step for 95 s"));
  QCOMPARE(describeEvent("alert-throughput", R"({"percent_of_plan":62.4,"rounds":3})", stored),
           QStringLiteral("alert: throughput at 62% of the plan for 3 round(s)"));
  QCOMPARE(describeEvent("alert-link", R"({"link":"beijing–guiyang","percent_of_bandwidth":18})", stored),
           QStringLiteral("alert: link beijing–guiyang carries 18% of its bandwidth"));
}

void EventTextTest::unknownKindsAndBrokenFieldsKeepTheStoredText() {
  QCOMPARE(describeEvent("kind-of-a-newer-writer", R"({"x":1})", "as stored"), QStringLiteral("as stored"));
  QCOMPARE(describeEvent("worker-lost", "{not json", "as stored"), QStringLiteral("as stored"));
  QCOMPARE(describeEvent("worker-lost", "[1,2]", "as stored"), QStringLiteral("as stored"));
}

void EventTextTest::speaksChineseWithATranslator() {
  QTranslator translator;
  QVERIFY2(translator.load(QStringLiteral(ARCHIPELAGO_BINARY_DIR "/gui/archipelago_zh_CN.qm")),
           "archipelago_zh_CN.qm not built (target archipelago_lrelease)");
  QCoreApplication::installTranslator(&translator);
  QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
  const QString lost = describe(ev::workerLost("guiyang/n1/g0", 15000, 3, 24, 2.04));
  QCoreApplication::removeTranslator(&translator);
  QCOMPARE(lost, QStringLiteral("工作进程 guiyang/n1/g0 在第 15,000 步丢失：数据中心以 3 个工作进程、每步 24 个序列继续（重组耗时 2.0 秒）"));
}

QTEST_GUILESS_MAIN(EventTextTest)
#include "tst_event_text.moc"
