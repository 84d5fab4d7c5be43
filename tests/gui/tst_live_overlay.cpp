// The live overlay on the topology canvas, offscreen: known figures in a LiveRunState show up on
// the device chips (percentage, a collapsed chip the mean of its devices), on the links (Mbit/s,
// "waited on") and on a left-out datacenter ("left out"), with the figures in the tooltips; the
// overlay survives a rebuild of the scene, and a state that is not running removes it.

#include <QtTest>

#include <QDockWidget>
#include <QTabWidget>

#include <algorithm>
#include <map>

#include "app/MainWindow.h"
#include "bridge/LiveRunState.h"
#include "bridge/ProjectDocument.h"
#include "store/RunStore.h"
#include "topology/TopologyItems.h"
#include "topology/TopologyScene.h"
#include "topology/TopologyView.h"

class LiveOverlayTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void showsDeviceLinkAndDatacenterFigures();
  void collapsedChipShowsTheMean();
  void emptyStateClearsTheOverlay();
  void screenshotFromADemoStore();

 private:
  static QString demoPath() { return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json"); }
};

namespace {

template <typename T>
T* itemAt(TopologyScene& scene, const ItemKey& key) {
  return dynamic_cast<T*>(scene.itemFor(key));
}

LiveDevice device(double utilisation, double tokensPerSecond = 1000.0, double stepMs = 250.0) {
  LiveDevice d;
  d.utilisation = utilisation;
  d.tokensPerSecond = tokensPerSecond;
  d.stepMs = stepMs;
  return d;
}

// The demo (beijing: 2 × A100 then 2 × H20 on bj-node-01; guiyang; ulanqab) with known figures.
LiveRunState knownState() {
  LiveRunState s;
  s.running = true;
  s.runName = "demo-a";
  s.devices.insert("beijing/bj-node-01/0", device(0.73));
  s.devices.insert("beijing/bj-node-01/1", device(0.69));
  s.devices.insert("beijing/bj-node-01/2", device(0.41));
  LiveDevice stalled = device(0.05);
  stalled.stalled = true;
  s.devices.insert("beijing/bj-node-01/3", stalled);
  LiveLink link;
  link.mbitPerSecond = 42.0;
  link.bandwidthMbit = 100.0;
  link.waitedOn = true;
  s.links.insert(LiveRunState::linkKey("guiyang", "beijing"), link);
  LiveDatacenter out;
  out.leftOut = true;
  out.round = 14;
  s.datacenters.insert("guiyang", out);
  LiveDatacenter in;
  in.round = 15;
  in.tokensPerSecond = 12'000;
  s.datacenters.insert("beijing", in);
  return s;
}

}  // namespace

void LiveOverlayTest::showsDeviceLinkAndDatacenterFigures() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(document.open(demoPath()));
  TopologyScene scene(document);
  scene.setLiveState(knownState());

  // The worker ids follow the engine's numbering across a node's groups.
  auto* a100 = itemAt<DeviceGroupItem>(scene, ItemKey::deviceGroup(0, 0, 0));
  auto* h20 = itemAt<DeviceGroupItem>(scene, ItemKey::deviceGroup(0, 0, 1));
  QVERIFY(a100 && h20);
  QCOMPARE(h20->deviceIds(), QStringList({"beijing/bj-node-01/2", "beijing/bj-node-01/3"}));
  QVERIFY(a100->isLive());
  QVERIFY2(a100->liveText(0).startsWith("73%"), qPrintable(a100->liveText(0)));
  QVERIFY2(a100->liveText(1).startsWith("69%"), qPrintable(a100->liveText(1)));
  QVERIFY(a100->liveText(0).contains("emul"));  // still marked emulated on the chip
  QVERIFY(a100->toolTip().contains("73%"));
  QVERIFY(a100->toolTip().contains("emulated"));
  QVERIFY(a100->toolTip().contains("demo-a"));
  QVERIFY2(h20->liveText(1).contains("stalled"), qPrintable(h20->liveText(1)));  // in words, not only amber

  auto* link = itemAt<LinkItem>(scene, ItemKey::wanLink(0));  // beijing ↔ guiyang
  QVERIFY(link);
  QVERIFY2(link->liveText().contains("42 Mbit/s"), qPrintable(link->liveText()));
  QVERIFY(link->liveText().contains("42%"));
  QVERIFY(link->liveText().contains("waited on"));
  QVERIFY(link->isWaitedOn());
  QVERIFY(link->toolTip().contains("100 Mbit/s"));
  auto* quiet = itemAt<LinkItem>(scene, ItemKey::wanLink(2));  // no figures for guiyang ↔ ulanqab
  QVERIFY(quiet->liveText().isEmpty());

  auto* guiyang = itemAt<DatacenterItem>(scene, ItemKey::datacenter(1));
  auto* beijing = itemAt<DatacenterItem>(scene, ItemKey::datacenter(0));
  QCOMPARE(guiyang->liveText(), QStringLiteral("left out"));
  QVERIFY(guiyang->toolTip().contains("left out"));
  QVERIFY(beijing->liveText().isEmpty());
  QVERIFY(beijing->toolTip().contains("round 15"));

  // An edit rebuilds the scene; the overlay is drawn on the new items too.
  archi::Project moved = *document.project();
  moved.topology.datacenters[0].position.x += 20;
  document.applyEdit("move", moved);
  a100 = itemAt<DeviceGroupItem>(scene, ItemKey::deviceGroup(0, 0, 0));
  QVERIFY(a100->liveText(0).startsWith("73%"));
  QCOMPARE(itemAt<DatacenterItem>(scene, ItemKey::datacenter(1))->liveText(), QStringLiteral("left out"));
}

void LiveOverlayTest::collapsedChipShowsTheMean() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(document.open(demoPath()));
  archi::Project big = *document.project();
  big.topology.datacenters[2].nodes[0].devices[0].count = 12;  // more than a card shows chip by chip
  document.applyEdit("grow", big);
  TopologyScene scene(document);
  LiveRunState s;
  s.running = true;
  for (int i = 0; i < 12; ++i) s.devices.insert(QStringLiteral("ulanqab/uq-node-01/%1").arg(i), device(i % 2 == 0 ? 0.2 : 0.6));
  scene.setLiveState(s);
  auto* h20 = itemAt<DeviceGroupItem>(scene, ItemKey::deviceGroup(2, 0, 0));
  QVERIFY(h20);
  QCOMPARE(h20->deviceIds().size(), 12);
  QVERIFY2(h20->liveText(0).startsWith("40%"), qPrintable(h20->liveText(0)));
  QVERIFY(h20->toolTip().contains("ulanqab/uq-node-01/11: 60%"));
}

void LiveOverlayTest::emptyStateClearsTheOverlay() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(document.open(demoPath()));
  TopologyScene scene(document);
  auto* a100 = itemAt<DeviceGroupItem>(scene, ItemKey::deviceGroup(0, 0, 0));
  const QString quietTip = a100->toolTip();
  scene.setLiveState(knownState());
  QVERIFY(a100->toolTip() != quietTip);

  LiveRunState ended = knownState();
  ended.running = false;  // the run ended: figures still there, but no overlay
  scene.setLiveState(ended);
  QVERIFY(!a100->isLive());
  QVERIFY(a100->liveText(0).isEmpty());
  QCOMPARE(a100->toolTip(), quietTip);
  QVERIFY(itemAt<LinkItem>(scene, ItemKey::wanLink(0))->liveText().isEmpty());
  QVERIFY(!itemAt<LinkItem>(scene, ItemKey::wanLink(0))->toolTip().contains("Mbit/s of"));
  QVERIFY(itemAt<DatacenterItem>(scene, ItemKey::datacenter(1))->liveText().isEmpty());
  QVERIFY(!itemAt<DatacenterItem>(scene, ItemKey::datacenter(1))->toolTip().contains("left out"));

  scene.setLiveState(knownState());
  scene.setLiveState(LiveRunState{});
  QVERIFY(itemAt<DatacenterItem>(scene, ItemKey::datacenter(1))->liveText().isEmpty());
}

// Only when refreshing docs/screenshots: the demo on the canvas with figures taken from the last
// rows of a real demo run's store (ARCHIPELAGO_DEMO_STORE, e.g. from `archi run ... --store`).
void LiveOverlayTest::screenshotFromADemoStore() {
  const QString shots = qEnvironmentVariable("ARCHIPELAGO_SCREENSHOT_DIR");
  const QString storePath = qEnvironmentVariable("ARCHIPELAGO_DEMO_STORE");
  if (shots.isEmpty() || storePath.isEmpty()) QSKIP("set ARCHIPELAGO_SCREENSHOT_DIR and ARCHIPELAGO_DEMO_STORE");
  archi::RunStore store(storePath.toStdString(), archi::RunStore::Access::ReadOnly);
  const std::vector<archi::RunRecord> runs = store.listRuns();
  QVERIFY(!runs.empty());
  const archi::RunRecord& run = *std::max_element(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });

  LiveRunState s;
  s.running = true;
  s.runName = QString::fromStdString(run.name);
  // Per worker, the last five steps: compute time over step time, tokens over time. The demo's
  // devices are emulated: their pacing (idle_ms) stretches compute to the emulated speed, so it
  // counts as the device computing.
  std::map<std::string, std::vector<archi::StepMetric>> byWorker;
  for (const archi::StepMetric& m : store.stepMetrics(run.id)) byWorker[m.worker_id].push_back(m);
  for (auto& [worker, steps] : byWorker) {
    std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.step < b.step; });
    double compute = 0, total = 0, tokens = 0;
    int n = 0;
    for (auto it = steps.rbegin(); it != steps.rend() && n < 5; ++it, ++n) {
      compute += it->compute_ms + it->idle_ms;
      total += it->compute_ms + it->intra_ms + it->inter_ms + it->idle_ms;
      tokens += double(it->tokens);
    }
    s.devices.insert(QString::fromStdString(worker), device(total > 0 ? compute / total : 0.0, total > 0 ? tokens / (total / 1000.0) : 0.0,
                                                            n > 0 ? total / n : 0.0));
  }
  // Per link, its latest sample against the bandwidth drawn; the busiest link is the one the round waited on.
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(demoPath()));
  const archi::Project& project = *document.project();
  for (const archi::LinkSample& sample : store.linkSamples(run.id)) {
    LiveLink link;
    link.mbitPerSecond = sample.mbit_per_s;
    for (const archi::WanLink& drawn : project.topology.links) {
      if ((drawn.a == sample.link_a && drawn.b == sample.link_b) || (drawn.a == sample.link_b && drawn.b == sample.link_a)) {
        link.bandwidthMbit = drawn.gbit * 1000.0;
      }
    }
    s.links.insert(LiveRunState::linkKey(QString::fromStdString(sample.link_a), QString::fromStdString(sample.link_b)), link);
  }
  if (s.links.isEmpty()) {
    // A store without link samples (written before the runtime stored them): each link gets the
    // rate of its first end's latest outer-round exchange, bytes on the wire over its duration.
    std::map<std::string, archi::OuterRound> latest;
    for (const archi::OuterRound& r : store.outerRounds(run.id)) {
      if (r.duration_ms > 0 && (!latest.contains(r.datacenter_id) || r.round >= latest[r.datacenter_id].round)) latest[r.datacenter_id] = r;
    }
    for (const archi::WanLink& drawn : project.topology.links) {
      if (!latest.contains(drawn.a)) continue;
      const archi::OuterRound& r = latest[drawn.a];
      LiveLink link;
      link.mbitPerSecond = double(r.bytes_on_wire) * 8.0 / (r.duration_ms * 1000.0);
      link.bandwidthMbit = drawn.gbit * 1000.0;
      s.links.insert(LiveRunState::linkKey(QString::fromStdString(drawn.a), QString::fromStdString(drawn.b)), link);
    }
  }
  auto busiest = std::max_element(s.links.begin(), s.links.end(), [](const LiveLink& a, const LiveLink& b) { return a.mbitPerSecond < b.mbitPerSecond; });
  if (busiest != s.links.end()) busiest->waitedOn = true;
  // Round and speed per datacenter from its last outer round; the fault's far end is left out.
  for (const archi::OuterRound& r : store.outerRounds(run.id)) {
    LiveDatacenter& dc = s.datacenters[QString::fromStdString(r.datacenter_id)];
    if (r.round < dc.round) continue;
    dc.round = r.round;
    dc.tokensPerSecond = r.duration_ms > 0 ? double(r.tokens) / (r.duration_ms / 1000.0) : 0.0;
  }
  s.datacenters["guiyang"].leftOut = true;
  qInfo() << "devices" << s.devices.size() << "links" << s.links.size() << "datacenters" << s.datacenters.size();

  window.resize(1500, 950);
  window.show();
  window.tabs()->setCurrentWidget(window.topologyView());
  window.scene()->setLiveState(s);
  window.topologyView()->fitToContent();
  QTest::qWait(300);
  QVERIFY(window.grab().save(QDir(shots).filePath("topology-overlay.png")));
}

QTEST_MAIN(LiveOverlayTest)
#include "tst_live_overlay.moc"
