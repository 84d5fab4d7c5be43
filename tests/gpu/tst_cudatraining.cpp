// Whole training on the CUDA backend against the CPU backend: one step's loss and gradient
// norm, determinism, 200 steps on the fortunes corpus, and checkpoints moved GPU → CPU → GPU.

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <numeric>
#include <vector>

#include "data/Corpus.h"
#include "data/TokenDataset.h"
#include "gpu/GpuTestMain.h"
#include "model/BackendFactory.h"
#include "train/Checkpoint.h"
#include "train/Trainer.h"

using namespace archi;

namespace {

const char* kFortunes = "/usr/share/games/fortunes";
const ModelConfig kModel{2, 4, 128, 64, 256};  // layers, heads, dim, context, vocab (bytes)
constexpr int kBatch = 8;
constexpr std::uint64_t kSeed = 99;

std::unique_ptr<Backend> backendFor(const QString& name) {
  BackendChoice choice;
  choice.threads = 2;
  if (name != "cpu") {
    choice.kind = BackendChoice::Kind::Cuda;
    choice.precision = name == "bf16" ? cuda::Precision::Bf16 : cuda::Precision::Fp32;
  }
  return makeBackend(choice);
}

OptimizerOptions optimizerFor(int steps) {
  OptimizerOptions o;
  o.schedule.peak = 3e-3;
  o.schedule.warmupSteps = 10;
  o.schedule.totalSteps = steps;
  return o;
}

// Consecutive batches of the fortunes corpus, the same on every backend.
class Fortunes {
 public:
  bool load() {
    const CorpusLoad corpus = loadCorpus(kFortunes);
    if (!corpus.corpus) return false;
    std::string error;
    dataset_ = TokenDataset::create(corpus.corpus->bytes, kModel.context, 0.0, error);
    return dataset_.has_value();
  }
  Batch batch(int index) const {
    const auto& ids = dataset_->trainSequences();
    std::vector<std::uint32_t> chosen;
    for (int i = 0; i < kBatch; ++i) chosen.push_back(ids[(static_cast<std::size_t>(index) * kBatch + i) * 7919 % ids.size()]);
    Batch b;
    dataset_->fill(chosen, b);
    return b;
  }

 private:
  std::optional<TokenDataset> dataset_;
};

std::vector<float> gradients(Trainer& t) {
  std::vector<float> g(t.parameterCount());
  t.model().getGradients(g);
  return g;
}

double relativeL2(const std::vector<float>& got, const std::vector<float>& want) {
  double diff = 0, norm = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    diff += (double(got[i]) - want[i]) * (double(got[i]) - want[i]);
    norm += double(want[i]) * want[i];
  }
  return std::sqrt(diff / norm);
}

}  // namespace

class TestCudaTraining : public QObject {
  Q_OBJECT
  Fortunes fortunes_;

  static void precisions() {
    QTest::addColumn<QString>("precision");
    QTest::addColumn<double>("tolerance");  // relative, on loss, gradient norm and the gradient vector
    QTest::newRow("fp32") << "fp32" << 1e-4;
    QTest::newRow("bf16") << "bf16" << 3e-2;  // bf16 matmul inputs: ~2^-9 per product, summed over layers
  }

 private slots:
  void initTestCase() {
    if (!fortunes_.load()) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
  }

  void stepMatchesCpu_data() { precisions(); }
  void stepMatchesCpu() {
    QFETCH(QString, precision);
    QFETCH(double, tolerance);
    auto cpuBackend = backendFor("cpu");
    auto gpuBackend = backendFor(precision);
    Trainer cpu(*cpuBackend, kModel, optimizerFor(10), kBatch, kSeed);
    Trainer gpu(*gpuBackend, kModel, optimizerFor(10), kBatch, kSeed);
    const Batch batch = fortunes_.batch(0);
    for (Trainer* t : {&cpu, &gpu}) {
      t->zeroGradients();
      t->forwardBackward(batch, static_cast<double>(batch.tokens()));
    }
    const double cpuLoss = cpu.evaluate(batch), gpuLoss = gpu.evaluate(batch);
    QVERIFY2(std::abs(gpuLoss - cpuLoss) <= tolerance * cpuLoss, qPrintable(QString("loss %1 vs %2").arg(gpuLoss).arg(cpuLoss)));
    const double cpuNorm = cpu.gradientNorm(), gpuNorm = gpu.gradientNorm();
    QVERIFY2(std::abs(gpuNorm - cpuNorm) <= tolerance * cpuNorm, qPrintable(QString("grad norm %1 vs %2").arg(gpuNorm).arg(cpuNorm)));
    const double gradError = relativeL2(gradients(gpu), gradients(cpu));
    QVERIFY2(gradError <= tolerance, qPrintable(QString("gradient relative L2 error %1").arg(gradError)));
    // A full step (clipping, AdamW) from the same state: the next loss agrees too.
    const StepStats cs = cpu.step(batch), gs = gpu.step(batch);
    QVERIFY2(std::abs(gs.loss - cs.loss) <= tolerance * cs.loss, qPrintable(QString("step loss %1 vs %2").arg(gs.loss).arg(cs.loss)));
    const Batch next = fortunes_.batch(1);
    QVERIFY(std::abs(gpu.evaluate(next) - cpu.evaluate(next)) <= tolerance * cpu.evaluate(next));
  }

  void deterministic() {
    std::vector<std::vector<float>> runs;
    std::vector<double> losses;
    for (int run = 0; run < 2; ++run) {
      auto backend = backendFor("bf16");
      Trainer t(*backend, kModel, optimizerFor(5), kBatch, kSeed);
      for (int s = 0; s < 4; ++s) losses.push_back(t.step(fortunes_.batch(s)).loss);
      std::vector<float> params(t.parameterCount());
      t.model().getParameters(params);
      runs.push_back(params);
    }
    QVERIFY(std::memcmp(runs[0].data(), runs[1].data(), runs[0].size() * sizeof(float)) == 0);
    for (int s = 0; s < 4; ++s) QCOMPARE(losses[static_cast<std::size_t>(s) + 4], losses[static_cast<std::size_t>(s)]);
  }

  // 200 steps: the GPU's loss falls like the CPU's (same data, same initialisation).
  void trainsLikeCpu_data() {
    QTest::addColumn<QString>("precision");
    QTest::newRow("bf16") << "bf16";
  }
  void trainsLikeCpu() {
    QFETCH(QString, precision);
    constexpr int kSteps = 200;
    auto meanOfLast = [](const std::vector<double>& v, int n) {
      return std::accumulate(v.end() - n, v.end(), 0.0) / n;
    };
    std::vector<double> cpuLoss, gpuLoss;
    for (const QString& name : {QString("cpu"), precision}) {
      auto backend = backendFor(name);
      Trainer t(*backend, kModel, optimizerFor(kSteps), kBatch, kSeed);
      std::vector<double>& losses = name == "cpu" ? cpuLoss : gpuLoss;
      for (int s = 0; s < kSteps; ++s) {
        const StepStats stats = t.step(fortunes_.batch(s));
        QVERIFY2(std::isfinite(stats.loss), qPrintable(QString("%1 step %2: loss %3").arg(name).arg(s).arg(stats.loss)));
        losses.push_back(stats.loss);
      }
    }
    const double cpuEnd = meanOfLast(cpuLoss, 20), gpuEnd = meanOfLast(gpuLoss, 20);
    qInfo("200 steps on fortunes: cpu %.4f -> %.4f, gpu (%s) %.4f -> %.4f nats/byte", cpuLoss.front(), cpuEnd,
          qPrintable(precision), gpuLoss.front(), gpuEnd);
    QVERIFY2(gpuEnd < gpuLoss.front() - 1.5, "the GPU run did not learn");  // from ~5.5 (uniform over 256)
    QVERIFY2(std::abs(gpuEnd - cpuEnd) <= 0.03 * cpuEnd, qPrintable(QString("gpu %1 vs cpu %2").arg(gpuEnd).arg(cpuEnd)));
  }

  // A checkpoint written on the GPU resumes on the CPU with the same loss, and back.
  void checkpointCrossesBackends_data() { precisions(); }
  void checkpointCrossesBackends() {
    QFETCH(QString, precision);
    QFETCH(double, tolerance);
    QTemporaryDir dir;
    const std::filesystem::path fromGpu = std::filesystem::path(dir.path().toStdString()) / "gpu.ckpt";
    const std::filesystem::path fromCpu = std::filesystem::path(dir.path().toStdString()) / "cpu.ckpt";
    const Batch probe = fortunes_.batch(1000);
    const Rng rng(5);

    auto gpuBackend = backendFor(precision);
    Trainer gpu(*gpuBackend, kModel, optimizerFor(40), kBatch, kSeed);
    for (int s = 0; s < 20; ++s) gpu.step(fortunes_.batch(s));
    saveCheckpoint(fromGpu, captureCheckpoint(gpu, kSeed, DataCursor{}, rng));
    const double gpuLoss = gpu.evaluate(probe);

    auto cpuBackend = backendFor("cpu");
    Trainer cpu(*cpuBackend, kModel, optimizerFor(40), kBatch, kSeed + 1);  // other init: the checkpoint must win
    CheckpointLoad load = loadCheckpoint(fromGpu, &kModel);
    QVERIFY2(load.state.has_value(), load.error.c_str());
    restoreCheckpoint(cpu, *load.state);
    QCOMPARE(cpu.stepsDone(), std::int64_t{20});
    const double cpuLoss = cpu.evaluate(probe);
    QVERIFY2(std::abs(cpuLoss - gpuLoss) <= tolerance * gpuLoss, qPrintable(QString("cpu %1 vs gpu %2").arg(cpuLoss).arg(gpuLoss)));

    for (int s = 20; s < 25; ++s) cpu.step(fortunes_.batch(s));
    saveCheckpoint(fromCpu, captureCheckpoint(cpu, kSeed, DataCursor{}, rng));
    const double cpuAfter = cpu.evaluate(probe);
    auto backBackend = backendFor(precision);
    Trainer back(*backBackend, kModel, optimizerFor(40), kBatch, kSeed + 2);
    load = loadCheckpoint(fromCpu, &kModel);
    QVERIFY2(load.state.has_value(), load.error.c_str());
    restoreCheckpoint(back, *load.state);
    const double backLoss = back.evaluate(probe);
    QVERIFY2(std::abs(backLoss - cpuAfter) <= tolerance * cpuAfter, qPrintable(QString("gpu %1 vs cpu %2").arg(backLoss).arg(cpuAfter)));
    // The optimizer state came along: the next step agrees as well.
    const double a = back.step(fortunes_.batch(25)).loss, b = cpu.step(fortunes_.batch(25)).loss;
    QVERIFY2(std::abs(a - b) <= tolerance * b, qPrintable(QString("gpu %1 vs cpu %2").arg(a).arg(b)));
  }
};

ARCHI_GPU_TEST_MAIN(TestCudaTraining)
#include "tst_cudatraining.moc"
