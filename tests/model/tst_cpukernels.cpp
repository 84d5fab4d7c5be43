// Every op of the CPU backend: its backward against central finite differences of its own
// forward, in double precision (the same template code the float training path runs), on
// fresh random inputs; the float builds (generic and AVX2) against the double one.

#include <QtTest>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "core/Rng.h"
#include "model/cpu/CpuBackend.h"
#include "model/cpu/CpuKernels.h"

using namespace archi;

namespace {

using Vec = std::vector<double>;

// Central differences: step 1e-6 gives truncation ~1e-12 and round-off ~1e-10·|loss| in
// double; a correct backward passes |numeric − analytic| <= 1e-6 + 1e-5·|numeric| easily,
// a wrong one misses by orders of magnitude.
constexpr double kStep = 1e-6;
constexpr double kAbsTolerance = 1e-6;
constexpr double kRelTolerance = 1e-5;

Vec randomVec(Rng& rng, std::size_t n, double scale = 1.0) {
  Vec v(n);
  for (double& x : v) x = rng.normal() * scale;
  return v;
}

double dot(const Vec& a, const Vec& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// Empty when analytic matches d loss / d x for every element of x.
std::string checkGradient(const char* what, Vec& x, const Vec& analytic, const std::function<double()>& loss) {
  if (analytic.size() != x.size()) return std::string(what) + ": size mismatch";
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double saved = x[i];
    x[i] = saved + kStep;
    const double plus = loss();
    x[i] = saved - kStep;
    const double minus = loss();
    x[i] = saved;
    const double numeric = (plus - minus) / (2 * kStep);
    if (std::abs(numeric - analytic[i]) > kAbsTolerance + kRelTolerance * std::abs(numeric))
      return std::string(what) + "[" + std::to_string(i) + "]: analytic " + std::to_string(analytic[i]) +
             " vs numeric " + std::to_string(numeric);
  }
  return {};
}

Vec minus(const Vec& a, const Vec& b) {
  Vec d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  return d;
}

}  // namespace

class TestCpuKernels : public QObject {
  Q_OBJECT

 private slots:
  void matmul_data() {
    QTest::addColumn<int>("N");
    QTest::addColumn<int>("C");
    QTest::addColumn<int>("OC");
    QTest::addColumn<bool>("accumulate");
    QTest::addColumn<bool>("withBias");
    QTest::newRow("odd rows, overwrite, bias") << 7 << 5 << 6 << false << true;
    QTest::newRow("accumulate, bias") << 9 << 4 << 3 << true << true;
    QTest::newRow("no bias (tied output)") << 5 << 6 << 11 << false << false;
  }
  void matmul() {
    QFETCH(int, N);
    QFETCH(int, C);
    QFETCH(int, OC);
    QFETCH(bool, accumulate);
    QFETCH(bool, withBias);
    Rng rng(static_cast<std::uint64_t>(N * 131 + C));
    cpu::CpuBackendT<double> be(2);
    Vec inp = randomVec(rng, static_cast<std::size_t>(N * C));
    Vec w = randomVec(rng, static_cast<std::size_t>(OC * C));
    Vec b = randomVec(rng, static_cast<std::size_t>(OC));
    const Vec start = randomVec(rng, static_cast<std::size_t>(N * OC));
    const Vec R = randomVec(rng, static_cast<std::size_t>(N * OC));
    auto loss = [&] {
      Vec out = start;
      be.matmulForward(out.data(), inp.data(), w.data(), withBias ? b.data() : nullptr, N, C, OC, accumulate);
      return dot(out, R);
    };
    Vec dinp = randomVec(rng, inp.size());  // garbage: must be overwritten
    Vec dw(w.size(), 0.0), db(b.size(), 0.0);
    be.matmulBackward(dinp.data(), dw.data(), withBias ? db.data() : nullptr, R.data(), inp.data(), w.data(), N, C, OC);
    std::string e = checkGradient("dinp", inp, dinp, loss);
    QVERIFY2(e.empty(), e.c_str());
    e = checkGradient("dweight", w, dw, loss);
    QVERIFY2(e.empty(), e.c_str());
    if (withBias) {
      e = checkGradient("dbias", b, db, loss);
      QVERIFY2(e.empty(), e.c_str());
    }
  }

  void layerNorm() {
    Rng rng(7);
    cpu::CpuBackendT<double> be(2);
    const int N = 5, C = 7;
    Vec inp = randomVec(rng, N * C, 2.0);
    Vec w = randomVec(rng, C);
    Vec b = randomVec(rng, C);
    const Vec R = randomVec(rng, N * C);
    Vec out(N * C), mean(N), rstd(N);
    auto loss = [&] {
      be.layerNormForward(out.data(), mean.data(), rstd.data(), inp.data(), w.data(), b.data(), N, C);
      return dot(out, R);
    };
    loss();
    const Vec dinpStart = randomVec(rng, inp.size());  // backward accumulates into it
    Vec dinp = dinpStart, dw(C, 0.0), db(C, 0.0);
    be.layerNormBackward(dinp.data(), dw.data(), db.data(), R.data(), inp.data(), w.data(), mean.data(), rstd.data(), N,
                         C);
    std::string e = checkGradient("dinp", inp, minus(dinp, dinpStart), loss);
    QVERIFY2(e.empty(), e.c_str());
    e = checkGradient("dweight", w, dw, loss);
    QVERIFY2(e.empty(), e.c_str());
    e = checkGradient("dbias", b, db, loss);
    QVERIFY2(e.empty(), e.c_str());
  }

  void attention_data() {
    QTest::addColumn<int>("B");
    QTest::addColumn<int>("T");
    QTest::addColumn<int>("C");
    QTest::addColumn<int>("H");
    QTest::newRow("one block") << 2 << 9 << 8 << 2;
    QTest::newRow("several causal blocks (T > 64)") << 1 << 70 << 6 << 3;
    QTest::newRow("single head, T = 1") << 2 << 1 << 4 << 1;
  }
  void attention() {
    QFETCH(int, B);
    QFETCH(int, T);
    QFETCH(int, C);
    QFETCH(int, H);
    Rng rng(static_cast<std::uint64_t>(B * 1000 + T));
    cpu::CpuBackendT<double> be(2);
    Vec qkv = randomVec(rng, static_cast<std::size_t>(B * T * 3 * C));
    const Vec R = randomVec(rng, static_cast<std::size_t>(B * T * C));
    Vec out(static_cast<std::size_t>(B * T * C)), probs(static_cast<std::size_t>(B * H * T * T));
    auto loss = [&] {
      be.attentionForward(out.data(), probs.data(), qkv.data(), B, T, C, H);
      return dot(out, R);
    };
    loss();
    // Rows of the attention matrix are distributions over the past only.
    for (int bh = 0; bh < B * H; ++bh) {
      for (int i = 0; i < T; ++i) {
        double s = 0;
        for (int j = 0; j <= i; ++j) s += probs[static_cast<std::size_t>((bh * T + i) * T + j)];
        QVERIFY(std::abs(s - 1.0) < 1e-12);
      }
    }
    Vec dqkv = randomVec(rng, qkv.size());  // must be overwritten
    Vec dprobs(probs.size());
    be.attentionBackward(dqkv.data(), dprobs.data(), R.data(), out.data(), qkv.data(), probs.data(), B, T, C, H);
    const std::string e = checkGradient("dqkv", qkv, dqkv, loss);
    QVERIFY2(e.empty(), e.c_str());
  }

  void gelu() {
    Rng rng(11);
    cpu::CpuBackendT<double> be(2);
    Vec inp = randomVec(rng, 64, 2.5);
    const Vec R = randomVec(rng, 64);
    Vec out(64);
    auto loss = [&] {
      be.geluForward(out.data(), inp.data(), inp.size());
      return dot(out, R);
    };
    loss();
    QVERIFY(std::abs(out[0] - 0.5 * inp[0] * (1 + std::tanh(0.7978845608028654 * (inp[0] + 0.044715 * std::pow(inp[0], 3))))) < 1e-12);
    Vec dinp(64);
    be.geluBackward(dinp.data(), inp.data(), R.data(), inp.size());
    const std::string e = checkGradient("dinp", inp, dinp, loss);
    QVERIFY2(e.empty(), e.c_str());
  }

  void crossEntropy() {
    Rng rng(13);
    cpu::CpuBackendT<double> be(2);
    const int N = 6, V = 9;
    const double scale = 0.7;
    Vec logits = randomVec(rng, N * V, 3.0);
    const std::vector<std::int32_t> targets = {0, 8, 3, 3, 5, 1};
    Vec rowLoss(N);
    auto loss = [&] {
      Vec copy = logits;
      be.crossEntropy(copy.data(), rowLoss.data(), targets.data(), N, V, 0.0);
      double s = 0;
      for (double l : rowLoss) s += l;
      return scale * s;
    };
    const double expected = loss();
    Vec grad = logits;
    be.crossEntropy(grad.data(), rowLoss.data(), targets.data(), N, V, scale);
    double s = 0;
    for (double l : rowLoss) s += l;
    QVERIFY(std::abs(scale * s - expected) < 1e-12);  // the same loss with and without the gradient
    const std::string e = checkGradient("dlogits", logits, grad, loss);
    QVERIFY2(e.empty(), e.c_str());
  }

  void embedding() {
    Rng rng(17);
    cpu::CpuBackendT<double> be(2);
    const int B = 2, T = 3, C = 5, V = 4;
    const std::vector<std::int32_t> tokens = {1, 3, 1, 0, 1, 2};  // repeats must accumulate
    Vec wte = randomVec(rng, V * C), wpe = randomVec(rng, T * C);
    const Vec R = randomVec(rng, B * T * C);
    Vec out(B * T * C);
    auto loss = [&] {
      be.embeddingForward(out.data(), tokens.data(), wte.data(), wpe.data(), B, T, C);
      return dot(out, R);
    };
    Vec dwte(wte.size(), 0.0), dwpe(wpe.size(), 0.0);
    be.embeddingBackward(dwte.data(), dwpe.data(), R.data(), tokens.data(), B, T, C);
    std::string e = checkGradient("dwte", wte, dwte, loss);
    QVERIFY2(e.empty(), e.c_str());
    e = checkGradient("dwpe", wpe, dwpe, loss);
    QVERIFY2(e.empty(), e.c_str());
  }

  // AdamW against the textbook formula (decoupled decay, bias correction) over three steps.
  void adamw() {
    Rng rng(19);
    cpu::CpuBackendT<double> be(2);
    const std::size_t n = 1001;
    Vec p = randomVec(rng, n), m(n, 0.0), v(n, 0.0);
    Vec rp = p, rm = m, rv = v;
    for (int t = 1; t <= 3; ++t) {
      const Vec g = randomVec(rng, n);
      AdamWStep s{0.01, 0.9, 0.95, 1e-8, 0.1, t, 0.5};
      be.adamw(p.data(), g.data(), m.data(), v.data(), n, s);
      for (std::size_t i = 0; i < n; ++i) {
        const double gi = g[i] * 0.5;
        rm[i] = 0.9 * rm[i] + 0.1 * gi;
        rv[i] = 0.95 * rv[i] + 0.05 * gi * gi;
        const double mh = rm[i] / (1 - std::pow(0.9, t));
        const double vh = rv[i] / (1 - std::pow(0.95, t));
        rp[i] -= 0.01 * (mh / (std::sqrt(vh) + 1e-8) + 0.1 * rp[i]);
      }
    }
    for (std::size_t i = 0; i < n; ++i) QVERIFY(std::abs(p[i] - rp[i]) < 1e-12);
  }

  void reductions() {
    Rng rng(23);
    cpu::CpuBackendT<double> be(2);
    const Vec x = randomVec(rng, 100'003);
    double s = 0, ss = 0;
    for (double xi : x) {
      s += xi;
      ss += xi * xi;
    }
    QVERIFY(std::abs(be.sum(x.data(), x.size()) - s) < 1e-9);
    QVERIFY(std::abs(be.sumOfSquares(x.data(), x.size()) - ss) < 1e-9 * ss);
  }

  // The vectorisable float exp stays within a few ulps of libm over the range softmax uses.
  void floatExp() {
    for (const auto& table : floatTables()) {
      double worst = 0;
      for (double x = -80.0; x <= 80.0; x += 0.01) {
        const double got = table.exp(static_cast<float>(x));
        const double want = std::exp(static_cast<double>(static_cast<float>(x)));
        worst = std::max(worst, std::abs(got - want) / want);
      }
      QVERIFY2(worst < 5e-7, (std::string(table.isa) + ": worst relative error " + std::to_string(worst)).c_str());
    }
  }

  // The float builds compute what the (finite-difference checked) double build computes.
  void floatMatchesDouble() {
    const int B = 2, T = 70, C = 16, H = 2, N = B * T;
    Rng rng(29);
    const Vec qkv = randomVec(rng, static_cast<std::size_t>(N * 3 * C));
    const Vec x = randomVec(rng, static_cast<std::size_t>(N * C), 2.0);
    const Vec R = randomVec(rng, static_cast<std::size_t>(N * C));
    const Vec w = randomVec(rng, static_cast<std::size_t>(C));
    const Vec bias = randomVec(rng, static_cast<std::size_t>(C));
    const auto d = cpu::genericKernels<double>();
    Vec att(N * C), probs(B * H * T * T), dqkv(qkv.size()), dprobs(probs.size()), ln(N * C), mean(N), rstd(N), gelu(N * C);
    d.attentionForward(2, att.data(), probs.data(), qkv.data(), B, T, C, H);
    d.attentionBackward(2, dqkv.data(), dprobs.data(), R.data(), qkv.data(), probs.data(), B, T, C, H);
    d.layerNormForward(2, ln.data(), mean.data(), rstd.data(), x.data(), w.data(), bias.data(), N, C);
    d.geluForward(2, gelu.data(), x.data(), x.size());
    auto toFloat = [](const Vec& v) { return std::vector<float>(v.begin(), v.end()); };
    auto maxDiff = [](const std::vector<float>& a, const Vec& b) {
      double m = 0;
      for (std::size_t i = 0; i < b.size(); ++i) m = std::max(m, std::abs(static_cast<double>(a[i]) - b[i]));
      return m;
    };
    for (const auto& f : floatTables()) {
      const auto fq = toFloat(qkv), fx = toFloat(x), fR = toFloat(R), fw = toFloat(w), fb = toFloat(bias);
      std::vector<float> a(att.size()), p(probs.size()), dq(dqkv.size()), dp(dprobs.size()), l(ln.size()), mu(N), rs(N),
          g(gelu.size());
      f.attentionForward(2, a.data(), p.data(), fq.data(), B, T, C, H);
      f.attentionBackward(2, dq.data(), dp.data(), fR.data(), fq.data(), p.data(), B, T, C, H);
      f.layerNormForward(2, l.data(), mu.data(), rs.data(), fx.data(), fw.data(), fb.data(), N, C);
      f.geluForward(2, g.data(), fx.data(), fx.size());
      QVERIFY2(maxDiff(a, att) < 1e-5, f.isa);
      QVERIFY2(maxDiff(dq, dqkv) < 1e-4, f.isa);
      QVERIFY2(maxDiff(l, ln) < 1e-5, f.isa);
      QVERIFY2(maxDiff(g, gelu) < 1e-5, f.isa);
    }
  }

 private:
  static std::vector<cpu::CpuKernels<float>> floatTables() {
    std::vector<cpu::CpuKernels<float>> tables{cpu::genericKernels<float>()};
    if (cpu::cpuSupportsAvx2Fma()) tables.push_back(cpu::avx2Kernels());
    return tables;
  }
};

QTEST_GUILESS_MAIN(TestCpuKernels)
#include "tst_cpukernels.moc"
