#include "monitor/ConsoleBench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "bridge/MonitorService.h"
#include "core/WallClock.h"
#include "monitor/MonitorView.h"
#include "store/RunStore.h"

namespace {

struct BenchOptions {
  int seconds = 60;
  int baselineSeconds = 15;
  int workers = 256;
  double hz = 2.0;
  int datacenters = 4;
  int innerSteps = 20;  // steps per outer round
};

struct Latency {
  double p50_ms = 0.0;
  double p99_ms = 0.0;
  double max_ms = 0.0;
  std::size_t samples = 0;
};

Latency summarize(std::vector<double> lateness_ms) {
  Latency out;
  out.samples = lateness_ms.size();
  if (lateness_ms.empty()) return out;
  std::sort(lateness_ms.begin(), lateness_ms.end());
  auto at = [&](double q) { return lateness_ms[std::min(lateness_ms.size() - 1, static_cast<std::size_t>(q * (lateness_ms.size() - 1) + 0.5))]; };
  out.p50_ms = at(0.50);
  out.p99_ms = at(0.99);
  out.max_ms = lateness_ms.back();
  return out;
}

// The project the run claims to be: datacenters dc0..dcN-1, a ring of 1 Gbit/s links.
std::string benchProject(int datacenters) {
  std::string dcs, links;
  for (int i = 0; i < datacenters; ++i) {
    dcs += fmt::format(R"({}{{"id": "dc{}", "name": "DC {}", "region": "bench", "position": {{"x": 0, "y": 0}}, "nodes": []}})", i ? "," : "", i, i);
    if (datacenters > 1 && (i + 1 < datacenters || datacenters > 2)) {
      links += fmt::format(R"({}{{"a": "dc{}", "b": "dc{}", "gbit": 1, "rtt_ms": 40, "loss_pct": 0}})", i ? "," : "", i, (i + 1) % datacenters);
    }
  }
  return fmt::format(R"({{"format": 1, "name": "bench-console", "datacenters": [{}], "links": [{}]}})", dcs, links);
}

// Writes what a run of `workers` workers reporting at `hz` stores, until told to stop.
class BenchWriter {
 public:
  BenchWriter(const std::filesystem::path& store, std::int64_t runId, const BenchOptions& options)
      : store_(store), runId_(runId), options_(options) {}
  ~BenchWriter() { stop(); }
  void start() { thread_ = std::thread([this] { run(); }); }
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::int64_t rows() const { return rows_; }

 private:
  void run() {
    archi::RunStore store(store_);
    const auto period = std::chrono::duration<double>(1.0 / options_.hz);
    auto next = std::chrono::steady_clock::now();
    std::vector<archi::StepMetric> batch;
    while (!stopping_) {
      const double now_s = archi::unixSeconds();
      batch.clear();
      for (int w = 0; w < options_.workers; ++w) {
        const int dc = w % options_.datacenters;
        // Each datacenter's devices are a little slower than the one before: the heat map shows it.
        const double compute_ms = 300.0 + 40.0 * dc + (w % 7);
        const double idle_ms = std::max(0.0, 500.0 / options_.hz * 2 - compute_ms - 40.0);
        batch.push_back({runId_, fmt::format("dc{}/node-{}/{}", dc, w / 8, w % 8), step_, now_s, 4096,
                         5.5 / (1.0 + 0.01 * static_cast<double>(step_)) + 0.02 * dc, compute_ms, 25.0, 15.0, idle_ms});
      }
      store.insertStepMetrics(batch);
      rows_ += static_cast<std::int64_t>(batch.size());
      if (step_ > 0 && step_ % options_.innerSteps == 0) {
        const std::int64_t round = step_ / options_.innerSteps;
        std::vector<archi::OuterRound> rounds;
        std::vector<archi::LinkSample> links;
        for (int dc = 0; dc < options_.datacenters; ++dc) {
          rounds.push_back({runId_, round, fmt::format("dc{}", dc), now_s, options_.innerSteps, 4096LL * options_.workers * options_.innerSteps,
                            2'000'000, 0.25, 180.0, options_.datacenters});
          links.push_back({runId_, fmt::format("dc{}", dc), fmt::format("dc{}", (dc + 1) % options_.datacenters), now_s, 2'000'000,
                           600.0 + 50.0 * dc, 40.0});
        }
        store.insertOuterRounds(rounds);
        store.insertLinkSamples(links);
        store.addValidation({runId_, "dc0", step_, round, now_s, 4096LL * options_.workers * step_, 5.0 / (1.0 + 0.01 * static_cast<double>(step_))});
        archi::EventRecord event;
        event.run_id = runId_;
        event.wall_time_s = now_s;
        event.source = "dc0/node-0/0";
        event.text = fmt::format("outer round {} done", round);
        store.addEvent(event);
      }
      ++step_;
      next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
      std::this_thread::sleep_until(next);
    }
  }

  std::filesystem::path store_;
  std::int64_t runId_ = 0;
  BenchOptions options_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> rows_{0};
  std::int64_t step_ = 0;
};

// Runs the event loop for `seconds` with a 10 ms timer and returns how late each tick was.
std::vector<double> probeEventLoop(int seconds) {
  constexpr int kTick_ms = 10;
  std::vector<double> lateness_ms;
  lateness_ms.reserve(static_cast<std::size_t>(seconds) * 100 + 16);
  QElapsedTimer clock;
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  tick.setInterval(kTick_ms);
  qint64 last_ns = 0;
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now_ns = clock.nsecsElapsed();
    lateness_ms.push_back(std::max(0.0, (now_ns - last_ns) / 1e6 - kTick_ms));
    last_ns = now_ns;
  });
  QEventLoop loop;
  QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
  clock.start();
  tick.start();
  loop.exec();
  return lateness_ms;
}

std::int64_t createBenchRun(archi::RunStore& store, const BenchOptions& options, const std::string& name) {
  const std::int64_t runId = store.createRun({0, name, "bench-console", archi::RunState::Running, "diloco", true, 0.0, {}, {}});
  store.setRunState(runId, archi::RunState::Running, archi::unixSeconds());
  store.saveTopology(runId, benchProject(options.datacenters));
  const double ideal = 4096.0 * options.hz * options.workers;
  store.savePlan(runId, fmt::format(R"({{"predicted_tokens_per_s": {}, "ideal_tokens_per_s": {}, "efficiency": 0.95}})", ideal * 0.95, ideal));
  std::vector<archi::WorkerRecord> workers;
  for (int w = 0; w < options.workers; ++w) {
    const int dc = w % options.datacenters;
    workers.push_back({runId, fmt::format("dc{}/node-{}/{}", dc, w / 8, w % 8), fmt::format("dc{}", dc), fmt::format("node-{}", w / 8),
                       w % 8, "H100", true});
  }
  store.addWorkers(workers);
  return runId;
}

}  // namespace

int runConsoleBench(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("archi bench console: the monitor's event-loop latency under a live run"));
  parser.addHelpOption();
  const QCommandLineOption seconds("seconds", QStringLiteral("how long the monitor follows the run (s)"), "s", "60");
  const QCommandLineOption baseline("baseline-seconds", QStringLiteral("how long the baseline (no monitor) runs (s)"), "s", "15");
  const QCommandLineOption workers("workers", QStringLiteral("workers reporting"), "n", "256");
  const QCommandLineOption hz("hz", QStringLiteral("steps per second per worker"), "hz", "2");
  const QCommandLineOption datacenters("datacenters", QStringLiteral("datacenters the workers are spread over"), "n", "4");
  parser.addOptions({seconds, baseline, workers, hz, datacenters});
  QStringList argv = arguments;
  argv.removeAll(QStringLiteral("--bench-console"));
  parser.process(argv);
  BenchOptions options;
  options.seconds = std::max(1, parser.value(seconds).toInt());
  options.baselineSeconds = std::max(1, parser.value(baseline).toInt());
  options.workers = std::max(1, parser.value(workers).toInt());
  options.hz = std::max(0.1, parser.value(hz).toDouble());
  options.datacenters = std::clamp(parser.value(datacenters).toInt(), 1, options.workers);

  QTemporaryDir scratch;
  if (!scratch.isValid()) {
    fmt::print(stderr, "bench console: cannot make a scratch folder: {}\n", scratch.errorString().toStdString());
    return 1;
  }
  const std::filesystem::path storePath = std::filesystem::path(scratch.path().toStdString()) / "runs.db";
  fmt::print("bench console: {} workers x {} Hz into {} ({} datacenters), platform {}\n", options.workers, options.hz, storePath.string(),
             options.datacenters, QGuiApplication::platformName().toStdString());
  try {
    archi::RunStore store(storePath);

    // Baseline: the same writer, no monitor.
    const std::int64_t baselineRun = createBenchRun(store, options, "baseline");
    Latency base;
    {
      BenchWriter writer(storePath, baselineRun, options);
      writer.start();
      base = summarize(probeEventLoop(options.baselineSeconds));
      writer.stop();
      fmt::print("baseline (no monitor), {} s, {} rows written: event-loop lateness p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms ({} ticks)\n",
                 options.baselineSeconds, writer.rows(), base.p50_ms, base.p99_ms, base.max_ms, base.samples);
    }

    const std::int64_t runId = createBenchRun(store, options, "monitored");
    MonitorView view;
    view.resize(1600, 1000);
    view.show();
    BenchWriter writer(storePath, runId, options);
    writer.start();
    view.followRun(QString::fromStdString(storePath.string()), runId);
    const Latency monitored = summarize(probeEventLoop(options.seconds));
    writer.stop();
    // Let the reader catch up with the last rows, then check it saw every one once.
    QElapsedTimer catchUp;
    catchUp.start();
    while (catchUp.elapsed() < 5000 && (!view.shownSnapshot() || view.shownSnapshot()->stepRows < writer.rows())) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    const qint64 folded = view.shownSnapshot() ? view.shownSnapshot()->stepRows : 0;
    const double pointsPerSecond = static_cast<double>(view.pointsDrawn()) / options.seconds;
    fmt::print("monitor following, {} s, {} rows written, {} folded: event-loop lateness p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms ({} ticks)\n",
               options.seconds, writer.rows(), folded, monitored.p50_ms, monitored.p99_ms, monitored.max_ms, monitored.samples);
    fmt::print("redraws: {} ({:.1f}/s), points drawn: {} ({:.0f}/s)\n", view.redrawCount(),
               static_cast<double>(view.redrawCount()) / options.seconds, view.pointsDrawn(), pointsPerSecond);
    view.stop();
    fmt::print("RESULT console_event_loop_p50_ms {:.2f} ms\n", monitored.p50_ms);
    fmt::print("RESULT console_event_loop_p99_ms {:.2f} ms\n", monitored.p99_ms);
    fmt::print("RESULT console_event_loop_max_ms {:.2f} ms\n", monitored.max_ms);
    fmt::print("RESULT console_points_drawn_per_s {:.0f} points/s\n", pointsPerSecond);
    fmt::print("RESULT console_redraws_per_s {:.1f} /s\n", static_cast<double>(view.redrawCount()) / options.seconds);
    fmt::print("RESULT console_event_loop_baseline_p99_ms {:.2f} ms\n", base.p99_ms);
    fmt::print("RESULT console_event_loop_p99_vs_baseline_ratio {:.2f}\n", base.p99_ms > 0.0 ? monitored.p99_ms / base.p99_ms : 0.0);
    if (folded != writer.rows()) {
      fmt::print(stderr, "bench console: the monitor folded {} of {} rows\n", folded, writer.rows());
      return 1;
    }
  } catch (const std::exception& error) {
    fmt::print(stderr, "bench console: {}\n", error.what());
    return 1;
  }
  return 0;
}
