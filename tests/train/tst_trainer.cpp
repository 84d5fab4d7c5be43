// The training loop end to end: memorising one batch, learning the fortunes corpus,
// checkpoint resume giving the very same losses, refusal of damaged checkpoints, the
// learning-rate schedule, and deterministic sampling.

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/Rng.h"
#include "data/ByteTokenizer.h"
#include "model/TextSampler.h"
#include "model/cpu/CpuBackend.h"
#include "train/Checkpoint.h"
#include "train/LocalRun.h"
#include "train/Trainer.h"

using namespace archi;

namespace {

const char* kFortunes = "/usr/share/games/fortunes";

LocalRunOptions smallRun(const std::filesystem::path& corpus) {
  LocalRunOptions o;
  o.spec.model = {2, 4, 64, 64, 256};
  o.spec.data.corpus = corpus.string();
  o.spec.data.val_frac = 0.05;
  o.spec.train.lr = 3e-3;
  o.spec.seed = 77;
  o.batchSequences = 8;
  o.threads = 2;
  o.validateEvery = 0;
  o.validationBatches = 4;
  o.sampleTokens = 0;
  return o;
}

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT

 private slots:
  void scheduleWarmsUpThenDecays() {
    const LearningRateSchedule s{1e-3, 10, 110, 0.1};
    QVERIFY(std::abs(s.at(0) - 1e-4) < 1e-12);
    QVERIFY(std::abs(s.at(9) - 1e-3) < 1e-12);
    QVERIFY(std::abs(s.at(60) - 0.55e-3) < 1e-12);  // half-way down the cosine
    QVERIFY(std::abs(s.at(110) - 1e-4) < 1e-12);
    QVERIFY(std::abs(s.at(500) - 1e-4) < 1e-12);
  }

  void overfitsOneBatch() {
    cpu::CpuBackend backend(2);
    OptimizerOptions o;
    o.schedule = {3e-3, 10, 400, 1.0};
    o.weightDecay = 0.0;
    Trainer trainer(backend, ModelConfig{2, 2, 32, 16, 256}, o, 2, 5);
    Batch batch;
    const std::string text = "the quick brown fox jumps over the lazy dog!";
    batch.sequences = 2;
    batch.length = 16;
    for (int s = 0; s < 2; ++s) {
      for (int t = 0; t < 16; ++t) {
        batch.inputs.push_back(static_cast<unsigned char>(text[static_cast<std::size_t>(s * 17 + t)]));
        batch.targets.push_back(static_cast<unsigned char>(text[static_cast<std::size_t>(s * 17 + t + 1)]));
      }
    }
    const double first = trainer.step(batch).loss;
    QVERIFY(std::abs(first - std::log(256.0)) < 0.1);
    double last = first;
    for (int i = 0; i < 399 && last >= 0.05; ++i) last = trainer.step(batch).loss;
    QVERIFY2(last < 0.05, std::to_string(last).c_str());
  }

  void learnsFortunes() {
    if (!std::filesystem::exists(kFortunes)) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
    LocalRunOptions o = smallRun(kFortunes);
    o.spec.train.tokens = 500LL * 8 * 64;  // 500 steps
    o.validationBatches = 16;
    const LocalRunResult r = runLocalTraining(o, {});
    qInfo("fortunes: validation loss %.4f -> %.4f nats/byte after %lld steps", r.firstValidationLoss,
          r.lastValidationLoss, static_cast<long long>(r.steps));
    QVERIFY(r.firstValidationLoss > 5.3);
    // Unigram byte statistics alone give about 2.9 nats; this needs context.
    QVERIFY2(r.lastValidationLoss < 2.7, std::to_string(r.lastValidationLoss).c_str());
  }

  // Stopping, saving and resuming gives exactly the losses of an uninterrupted run.
  void resumeReproducesLosses() {
    if (!std::filesystem::exists(kFortunes)) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
    QTemporaryDir dir;
    const std::filesystem::path ckpt = std::filesystem::path(dir.path().toStdString()) / "run.ckpt";
    LocalRunOptions o = smallRun(kFortunes);
    o.spec.train.tokens = 24LL * 8 * 64;
    std::vector<double> straight, resumed;
    LocalRunCallbacks collect;
    collect.step = [&](const StepStats& s, std::int64_t) { straight.push_back(s.loss); };
    runLocalTraining(o, collect);
    QCOMPARE(straight.size(), std::size_t{24});

    LocalRunOptions first = o;
    first.maxSteps = 10;
    first.checkpointPath = ckpt;
    LocalRunCallbacks toResumed;
    toResumed.step = [&](const StepStats& s, std::int64_t) { resumed.push_back(s.loss); };
    runLocalTraining(first, toResumed);
    LocalRunOptions second = o;
    second.resumeFrom = ckpt;
    runLocalTraining(second, toResumed);
    QCOMPARE(resumed.size(), straight.size());
    for (std::size_t i = 0; i < straight.size(); ++i) QCOMPARE(resumed[i], straight[i]);
  }

  void damagedCheckpointsRefused_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated payload") << "truncate" << "truncated";
    QTest::newRow("truncated header") << "header" << "truncated";
    QTest::newRow("flipped byte") << "flip" << "corrupted";
    QTest::newRow("foreign file") << "magic" << "not an Archipelago checkpoint";
    QTest::newRow("other model") << "config" << "incompatible";
    QTest::newRow("intact") << "none" << "";
  }
  void damagedCheckpointsRefused() {
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::filesystem::path file = std::filesystem::path(dir.path().toStdString()) / "x.ckpt";
    cpu::CpuBackend backend(1);
    const ModelConfig config{1, 2, 16, 8, 256};
    Trainer trainer(backend, config, OptimizerOptions{}, 1, 3);
    Rng rng(4);
    saveCheckpoint(file, captureCheckpoint(trainer, 3, DataCursor{2, 5}, rng));
    const auto size = std::filesystem::file_size(file);
    auto poke = [&](std::uintmax_t offset) {
      std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(static_cast<std::streamoff>(offset));
      char c = 0;
      f.get(c);
      f.seekp(static_cast<std::streamoff>(offset));
      f.put(static_cast<char>(c ^ 0x40));
    };
    if (damage == "truncate") std::filesystem::resize_file(file, size - 100);
    if (damage == "header") std::filesystem::resize_file(file, 20);
    if (damage == "flip") poke(size / 2);
    if (damage == "magic") poke(0);
    ModelConfig wanted = config;
    if (damage == "config") wanted.layers = 2;
    const CheckpointLoad load = loadCheckpoint(file, &wanted);
    if (expected.isEmpty()) {
      QVERIFY2(load.state.has_value(), load.error.c_str());
      QCOMPARE(load.state->cursor, (DataCursor{2, 5}));
      QCOMPARE(load.state->rng, rng.state());
      QCOMPARE(load.state->params.size(), trainer.parameterCount());
    } else {
      QVERIFY(!load.state);
      QVERIFY2(QString::fromStdString(load.error).contains(expected), load.error.c_str());
    }
  }

  void samplingIsDeterministic() {
    cpu::CpuBackend backend(2);
    Gpt model(backend, ModelConfig{1, 2, 32, 32, 256}, 1);
    model.initialize(8);
    const SampleOptions o{40, 1.0, 20};
    auto run = [&](std::uint64_t seed) {
      Rng rng(seed);
      return generateTokens(model, ByteTokenizer::encode("Hello"), o, rng);
    };
    const auto a = run(1);
    QCOMPARE(a.size(), std::size_t{40});
    QCOMPARE(run(1), a);
    QVERIFY(run(2) != a);
    // Longer than the context: the window slides instead of failing.
    Rng rng(3);
    QCOMPARE(generateTokens(model, ByteTokenizer::encode("x"), SampleOptions{50, 0.0, 0}, rng).size(), std::size_t{50});
  }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
