// The GPT as a whole: its flat layout agrees with core's parameterCount, bad configs are
// refused, the initial loss is that of a uniform guess, the whole model's gradient matches
// finite differences (double), and a tiny model can memorise one batch.

#include <QtTest>

#include <cmath>
#include <vector>

#include "core/ModelMemory.h"
#include "core/Rng.h"
#include "model/Gpt.h"
#include "model/ModelShape.h"
#include "model/cpu/CpuBackend.h"

using namespace archi;

namespace {

std::vector<std::int32_t> randomTokens(Rng& rng, std::size_t n, int vocab) {
  std::vector<std::int32_t> t(n);
  for (auto& x : t) x = static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(vocab)));
  return t;
}

}  // namespace

class TestGpt : public QObject {
  Q_OBJECT

 private slots:
  void parameterCountMatchesCore_data() {
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("context");
    QTest::addColumn<int>("vocab");
    QTest::newRow("default") << 4 << 4 << 256 << 256 << 256;
    QTest::newRow("L6 C384") << 6 << 6 << 384 << 256 << 256;
    QTest::newRow("GPT-2 small") << 12 << 12 << 768 << 1024 << 50257;
    QTest::newRow("tiny") << 1 << 1 << 4 << 3 << 7;
  }
  void parameterCountMatchesCore() {
    QFETCH(int, layers);
    QFETCH(int, heads);
    QFETCH(int, dim);
    QFETCH(int, context);
    QFETCH(int, vocab);
    const ModelConfig config{layers, heads, dim, context, vocab};
    const ParameterLayout layout(config);
    QCOMPARE(static_cast<std::int64_t>(layout.totalCount()), parameterCount(config));
    // Views tile the buffer exactly, in order.
    std::size_t next = 0;
    for (const TensorView& t : layout.tensors()) {
      QCOMPARE(t.offset, next);
      next += t.count();
    }
    QCOMPARE(next, layout.totalCount());
    QVERIFY(layout.find("blocks.0.attn.qkv.weight") != nullptr);
    QCOMPARE(layout.find("blocks.0.attn.qkv.weight")->count(), static_cast<std::size_t>(3 * dim * dim));
  }

  void invalidConfigsRefused_data() {
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("context");
    QTest::addColumn<QString>("field");
    QTest::newRow("dim not divisible by heads") << 2 << 3 << 64 << 16 << "divisible";
    QTest::newRow("no layers") << 0 << 2 << 64 << 16 << "layers";
    QTest::newRow("no context") << 2 << 2 << 64 << 0 << "context";
  }
  void invalidConfigsRefused() {
    QFETCH(int, layers);
    QFETCH(int, heads);
    QFETCH(int, dim);
    QFETCH(int, context);
    QFETCH(QString, field);
    const ModelConfig config{layers, heads, dim, context, 256};
    const std::string problem = validateModelConfig(config);
    QVERIFY2(QString::fromStdString(problem).contains(field), problem.c_str());
    cpu::CpuBackend backend(1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Gpt(backend, config, 1));
  }

  void initialLossIsUniform() {
    cpu::CpuBackend backend(2);
    const ModelConfig config{2, 4, 128, 64, 256};
    Gpt model(backend, config, 4);
    model.initialize(1);
    Rng rng(5);
    const auto tokens = randomTokens(rng, 4 * 64, 256);
    const auto targets = randomTokens(rng, 4 * 64, 256);
    const double loss = model.forward(tokens, targets, 4, 64, 0.0f) / (4 * 64);
    QVERIFY2(std::abs(loss - std::log(256.0)) < 0.1, std::to_string(loss).c_str());
  }

  // d(mean loss)/d(every parameter) of a tiny model, against central differences in double.
  void wholeModelGradient() {
    cpu::CpuBackendT<double> backend(2);
    const ModelConfig config{2, 2, 8, 5, 11};
    const int B = 2, T = 5;
    GptT<double> model(backend, config, B);
    model.initialize(3);
    // Larger weights than the initialisation so every path carries a visible gradient.
    std::vector<double> params(model.parameterCount());
    model.getParameters(params);
    Rng rng(9);
    for (double& p : params) p += 0.2 * rng.normal();
    model.setParameters(params);
    const auto tokens = randomTokens(rng, B * T, config.vocab);
    const auto targets = randomTokens(rng, B * T, config.vocab);
    const double scale = 1.0 / (B * T);

    model.zeroGradients();
    model.forward(tokens, targets, B, T, scale);
    model.backward();
    std::vector<double> analytic(model.parameterCount());
    model.getGradients(analytic);

    constexpr double kStep = 1e-6;  // tolerance |num − ana| <= 1e-7 + 1e-5·|num|
    for (std::size_t i = 0; i < params.size(); ++i) {
      const double saved = params[i];
      params[i] = saved + kStep;
      model.setParameters(params);
      const double plus = model.forward(tokens, targets, B, T, 0.0) * scale;
      params[i] = saved - kStep;
      model.setParameters(params);
      const double minus = model.forward(tokens, targets, B, T, 0.0) * scale;
      params[i] = saved;
      const double numeric = (plus - minus) / (2 * kStep);
      if (std::abs(numeric - analytic[i]) > 1e-7 + 1e-5 * std::abs(numeric)) {
        std::string name;
        for (const TensorView& t : model.layout().tensors())
          if (i >= t.offset && i < t.offset + t.count()) name = t.name;
        QFAIL(("parameter " + std::to_string(i) + " (" + name + "): analytic " + std::to_string(analytic[i]) +
               " vs numeric " + std::to_string(numeric))
                  .c_str());
      }
    }
  }

  // Gradients add up over calls until zeroed, which gradient accumulation relies on.
  void gradientsAccumulate() {
    cpu::CpuBackend backend(2);
    const ModelConfig config{1, 2, 16, 8, 32};
    Gpt model(backend, config, 2);
    model.initialize(4);
    Rng rng(6);
    const auto tokens = randomTokens(rng, 16, 32);
    const auto targets = randomTokens(rng, 16, 32);
    std::vector<float> once(model.parameterCount()), twice(model.parameterCount());
    model.zeroGradients();
    model.forward(tokens, targets, 2, 8, 1.0f);
    model.backward();
    model.getGradients(once);
    model.forward(tokens, targets, 2, 8, 1.0f);
    model.backward();
    model.getGradients(twice);
    for (std::size_t i = 0; i < once.size(); ++i) QVERIFY(std::abs(twice[i] - 2 * once[i]) <= 1e-5f + 1e-4f * std::abs(once[i]));
  }

  void rejectsTokensOutsideVocabulary() {
    cpu::CpuBackend backend(1);
    Gpt model(backend, ModelConfig{1, 1, 8, 4, 16}, 1);
    const std::vector<std::int32_t> bad = {1, 2, 16, 3};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model.forwardLogits(bad, 1, 4));
  }
};

QTEST_GUILESS_MAIN(TestGpt)
#include "tst_gpt.moc"
