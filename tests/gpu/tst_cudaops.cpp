// Every op of the CUDA backend against the CPU backend on fresh random inputs, forward and
// backward, in fp32 and in bf16 precision. The error measure is max |gpu − cpu| / rms(cpu);
// the tolerance of each op and precision is written at its check. Ops whose arithmetic is
// fp32 in both precisions (everything but the matrix products) have one tolerance.

#include <QtTest>

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "core/Rng.h"
#include "gpu/GpuTestMain.h"
#include "model/BackendFactory.h"
#include "model/cpu/CpuBackend.h"

using namespace archi;

namespace {

using Vec = std::vector<float>;
using Tokens = std::vector<std::int32_t>;

Vec randomVec(std::size_t n, Rng& rng, double scale = 1.0) {
  Vec v(n);
  for (float& x : v) x = static_cast<float>((2.0 * rng.uniform() - 1.0) * scale);
  return v;
}

Tokens randomTokens(std::size_t n, int V, Rng& rng) {
  Tokens t(n);
  // Few distinct tokens so rows share embedding rows (the scatter-add's hard case).
  for (std::int32_t& x : t) x = static_cast<std::int32_t>(rng.below(17) * 13 % static_cast<std::uint64_t>(V));
  return t;
}

double relativeError(const Vec& got, const Vec& want) {
  double rms = 0, worst = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    rms += static_cast<double>(want[i]) * want[i];
    const double e = std::abs(static_cast<double>(got[i]) - want[i]);
    worst = std::isfinite(e) ? std::max(worst, e) : INFINITY;
  }
  rms = std::sqrt(rms / static_cast<double>(want.empty() ? 1 : want.size()));
  return worst / (rms > 0 ? rms : 1.0);
}

bool sameBits(const Vec& a, const Vec& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// The device side of one test: buffers in and out of the CUDA backend.
class Device {
 public:
  explicit Device(cuda::Precision precision) {
    BackendChoice choice;
    choice.kind = BackendChoice::Kind::Cuda;
    choice.precision = precision;
    backend_ = makeBackend(choice);
  }
  Backend& be() { return *backend_; }
  // A copy of `host` on the device; `offset` floats into its buffer (an unaligned pointer, as
  // tensors inside the flat parameter buffer are).
  float* put(const Vec& host, std::size_t offset = 0) {
    buffers_.push_back(backend_->allocate((host.size() + offset + 1) * sizeof(float)));
    float* p = buffers_.back().as<float>() + offset;
    backend_->upload(p, host.data(), host.size() * sizeof(float));
    return p;
  }
  std::int32_t* put(const Tokens& host) {
    buffers_.push_back(backend_->allocate(host.size() * sizeof(std::int32_t) + 4));
    auto* p = buffers_.back().as<std::int32_t>();
    backend_->upload(p, host.data(), host.size() * sizeof(std::int32_t));
    return p;
  }
  Vec get(const float* p, std::size_t n) {
    Vec host(n);
    backend_->download(host.data(), p, n * sizeof(float));
    return host;
  }

 private:
  std::unique_ptr<Backend> backend_;
  std::vector<DeviceBuffer> buffers_;
};

cuda::Precision precisionOf(const QString& name) { return name == "bf16" ? cuda::Precision::Bf16 : cuda::Precision::Fp32; }

#define CHECK_CLOSE(got, want, tolerance, what)                                                               \
  do {                                                                                                        \
    const double error_ = relativeError(got, want);                                                           \
    QVERIFY2(error_ <= (tolerance),                                                                           \
             qPrintable(QString("%1: error %2 (max |gpu-cpu| / rms) above the tolerance %3").arg(what).arg(error_) \
                            .arg(tolerance)));                                                                \
  } while (false)

}  // namespace

class TestCudaOps : public QObject {
  Q_OBJECT

  cpu::CpuBackend cpu_{2};
  Rng rng_{20261130};

  static void precisions() {
    QTest::addColumn<QString>("precision");
    QTest::newRow("fp32") << "fp32";
    QTest::newRow("bf16") << "bf16";
  }

 private slots:
  void embedding_data() { precisions(); }
  void embedding() {
    QFETCH(QString, precision);
    Device gpu(precisionOf(precision));
    const int B = 3, Tn = 45, C = 80, V = 300, N = B * Tn;
    const Tokens tokens = randomTokens(N, V, rng_);
    const Vec wte = randomVec(std::size_t(V) * C, rng_), wpe = randomVec(std::size_t(Tn) * C, rng_);
    Vec out(std::size_t(N) * C);
    cpu_.embeddingForward(out.data(), tokens.data(), wte.data(), wpe.data(), B, Tn, C);
    float* gOut = gpu.put(Vec(out.size()));
    std::int32_t* gTokens = gpu.put(tokens);
    gpu.be().embeddingForward(gOut, gTokens, gpu.put(wte), gpu.put(wpe), B, Tn, C);
    CHECK_CLOSE(gpu.get(gOut, out.size()), out, 1e-7, "embedding forward");  // one addition: exact

    const Vec dout = randomVec(out.size(), rng_);
    Vec dwte = randomVec(wte.size(), rng_), dwpe = randomVec(wpe.size(), rng_);  // accumulates into these
    float* gDwte = gpu.put(dwte);
    float* gDwpe = gpu.put(dwpe);
    const float* gDout = gpu.put(dout);
    cpu_.embeddingBackward(dwte.data(), dwpe.data(), dout.data(), tokens.data(), B, Tn, C);
    gpu.be().embeddingBackward(gDwte, gDwpe, gDout, gTokens, B, Tn, C);
    // The same additions in the same (row) order as the CPU: equal up to rounding of the fma.
    CHECK_CLOSE(gpu.get(gDwte, dwte.size()), dwte, 1e-6, "embedding backward (tokens)");
    CHECK_CLOSE(gpu.get(gDwpe, dwpe.size()), dwpe, 1e-6, "embedding backward (positions)");
  }

  void layerNorm_data() { precisions(); }
  void layerNorm() {
    QFETCH(QString, precision);
    Device gpu(precisionOf(precision));
    const int N = 150, C = 200;
    const Vec inp = randomVec(std::size_t(N) * C, rng_, 3.0), w = randomVec(C, rng_), b = randomVec(C, rng_);
    Vec out(inp.size()), mean(N), rstd(N);
    cpu_.layerNormForward(out.data(), mean.data(), rstd.data(), inp.data(), w.data(), b.data(), N, C);
    float *gOut = gpu.put(Vec(out.size())), *gMean = gpu.put(Vec(N)), *gRstd = gpu.put(Vec(N));
    const float *gInp = gpu.put(inp), *gW = gpu.put(w, 1), *gB = gpu.put(b, 3);
    gpu.be().layerNormForward(gOut, gMean, gRstd, gInp, gW, gB, N, C);
    CHECK_CLOSE(gpu.get(gOut, out.size()), out, 1e-5, "layer norm forward");
    CHECK_CLOSE(gpu.get(gMean, N), mean, 1e-5, "layer norm mean");
    CHECK_CLOSE(gpu.get(gRstd, N), rstd, 1e-5, "layer norm rstd");

    const Vec dout = randomVec(out.size(), rng_);
    Vec dinp = randomVec(inp.size(), rng_), dw = randomVec(C, rng_), db = randomVec(C, rng_);
    float *gDinp = gpu.put(dinp), *gDw = gpu.put(dw), *gDb = gpu.put(db);
    cpu_.layerNormBackward(dinp.data(), dw.data(), db.data(), dout.data(), inp.data(), w.data(), mean.data(),
                           rstd.data(), N, C);
    const float* gDout = gpu.put(dout);
    gpu.be().layerNormBackward(gDinp, gDw, gDb, gDout, gInp, gW, gMean, gRstd, N, C);
    CHECK_CLOSE(gpu.get(gDinp, dinp.size()), dinp, 1e-5, "layer norm backward (input)");
    // Column sums over 150 rows in another order than the CPU's: float rounding only.
    CHECK_CLOSE(gpu.get(gDw, C), dw, 1e-5, "layer norm backward (weight)");
    CHECK_CLOSE(gpu.get(gDb, C), db, 1e-5, "layer norm backward (bias)");
  }

  void matmul_data() {
    QTest::addColumn<QString>("precision");
    QTest::addColumn<bool>("accumulate");
    QTest::addColumn<bool>("withBias");
    QTest::addColumn<int>("offset");  // floats: an unaligned weight pointer, as inside the parameter buffer
    for (const char* p : {"fp32", "bf16"}) {
      QTest::addRow("%s bias", p) << p << false << true << 0;
      QTest::addRow("%s accumulate bias unaligned", p) << p << true << true << 1;
      QTest::addRow("%s no bias unaligned", p) << p << false << false << 3;
    }
  }
  void matmul() {
    QFETCH(QString, precision);
    QFETCH(bool, accumulate);
    QFETCH(bool, withBias);
    QFETCH(int, offset);
    Device gpu(precisionOf(precision));
    // bf16 keeps 8 bits of mantissa: a product over C terms is off by about 2^-9·sqrt(C) of its
    // size; fp32 (no TF32) only by float rounding.
    const double tolerance = precision == "bf16" ? 3e-2 : 2e-5;
    const int N = 134, C = 96, OC = 288;
    const Vec inp = randomVec(std::size_t(N) * C, rng_), w = randomVec(std::size_t(OC) * C, rng_),
              bias = randomVec(OC, rng_);
    Vec out = randomVec(std::size_t(N) * OC, rng_);
    float* gOut = gpu.put(out, static_cast<std::size_t>(offset));
    const float *gInp = gpu.put(inp), *gW = gpu.put(w, static_cast<std::size_t>(offset)),
                *gBias = withBias ? gpu.put(bias, static_cast<std::size_t>(offset)) : nullptr;
    cpu_.matmulForward(out.data(), inp.data(), w.data(), withBias ? bias.data() : nullptr, N, C, OC, accumulate);
    gpu.be().matmulForward(gOut, gInp, gW, gBias, N, C, OC, accumulate);
    CHECK_CLOSE(gpu.get(gOut, out.size()), out, tolerance, "matmul forward");

    const Vec dout = randomVec(out.size(), rng_);
    Vec dinp(inp.size()), dw = randomVec(w.size(), rng_), db = randomVec(OC, rng_);
    float *gDinp = gpu.put(dinp), *gDw = gpu.put(dw, static_cast<std::size_t>(offset)), *gDb = gpu.put(db);
    const float* gDout = gpu.put(dout);
    cpu_.matmulBackward(dinp.data(), dw.data(), withBias ? db.data() : nullptr, dout.data(), inp.data(), w.data(), N, C,
                        OC);
    gpu.be().matmulBackward(gDinp, gDw, withBias ? gDb : nullptr, gDout, gInp, gW, N, C, OC);
    CHECK_CLOSE(gpu.get(gDinp, dinp.size()), dinp, tolerance, "matmul backward (input)");
    CHECK_CLOSE(gpu.get(gDw, dw.size()), dw, tolerance, "matmul backward (weight)");
    CHECK_CLOSE(gpu.get(gDb, OC), db, 1e-5, "matmul backward (bias, fp32 in both precisions)");

    // Deterministic: the same backward again gives the same bits.
    float* gDw2 = gpu.put(dw, static_cast<std::size_t>(offset));
    gpu.be().matmulBackward(gDinp, gDw2, nullptr, gDout, gInp, gW, N, C, OC);
    float* gDw3 = gpu.put(dw, static_cast<std::size_t>(offset));
    gpu.be().matmulBackward(gDinp, gDw3, nullptr, gDout, gInp, gW, N, C, OC);
    QVERIFY(sameBits(gpu.get(gDw2, dw.size()), gpu.get(gDw3, dw.size())));
  }

  void matmulGelu_data() { precisions(); }
  void matmulGelu() {
    QFETCH(QString, precision);
    Device gpu(precisionOf(precision));
    const double tolerance = precision == "bf16" ? 3e-2 : 2e-5;  // as matmul; cuBLASLt's GELU epilogue is the tanh form
    const int N = 70, C = 64, OC = 256;
    const Vec inp = randomVec(std::size_t(N) * C, rng_), w = randomVec(std::size_t(OC) * C, rng_, 0.3),
              bias = randomVec(OC, rng_);
    Vec pre(std::size_t(N) * OC), out(pre.size());
    cpu_.matmulGeluForward(pre.data(), out.data(), inp.data(), w.data(), bias.data(), N, C, OC);
    float *gPre = gpu.put(pre), *gOut = gpu.put(out);
    gpu.be().matmulGeluForward(gPre, gOut, gpu.put(inp), gpu.put(w, 2), gpu.put(bias), N, C, OC);
    CHECK_CLOSE(gpu.get(gPre, pre.size()), pre, tolerance, "matmul+GELU (pre-activation)");
    CHECK_CLOSE(gpu.get(gOut, out.size()), out, tolerance, "matmul+GELU (output)");
  }

  void attention_data() {
    QTest::addColumn<QString>("precision");
    QTest::addColumn<int>("B");
    QTest::addColumn<int>("Tn");
    QTest::addColumn<int>("C");
    QTest::addColumn<int>("H");
    for (const char* p : {"fp32", "bf16"}) {
      QTest::addRow("%s head 24, T 67", p) << p << 2 << 67 << 96 << 4;
      QTest::addRow("%s head 64, T 130", p) << p << 1 << 130 << 128 << 2;
      QTest::addRow("%s head 128, T 40", p) << p << 1 << 40 << 256 << 2;
      QTest::addRow("%s head 8, T 1", p) << p << 3 << 1 << 16 << 2;
    }
  }
  void attention() {
    QFETCH(QString, precision);
    QFETCH(int, B);
    QFETCH(int, Tn);
    QFETCH(int, C);
    QFETCH(int, H);
    Device gpu(precisionOf(precision));
    const std::size_t N = std::size_t(B) * Tn;
    const Vec qkv = randomVec(N * 3 * C, rng_, 2.0);
    Vec out(N * C), probs(cpu_.attentionStateCount(B, Tn, H));
    cpu_.attentionForward(out.data(), probs.data(), qkv.data(), B, Tn, C, H);
    float* gOut = gpu.put(out);
    float* gState = gpu.put(Vec(gpu.be().attentionStateCount(B, Tn, H)));
    const float* gQkv = gpu.put(qkv);
    gpu.be().attentionForward(gOut, gState, gQkv, B, Tn, C, H);
    // fp32 on CUDA cores in both precisions; the online softmax rescales in another order.
    CHECK_CLOSE(gpu.get(gOut, out.size()), out, 1e-4, "attention forward");

    const Vec dout = randomVec(out.size(), rng_);
    Vec dqkv(qkv.size()), dprobs(cpu_.attentionScratchCount(B, Tn, H));
    cpu_.attentionBackward(dqkv.data(), dprobs.data(), dout.data(), out.data(), qkv.data(), probs.data(), B, Tn, C, H);
    float* gDqkv = gpu.put(randomVec(dqkv.size(), rng_));  // overwritten, garbage before
    float* gScratch = gpu.put(Vec(gpu.be().attentionScratchCount(B, Tn, H)));
    gpu.be().attentionBackward(gDqkv, gScratch, gpu.put(dout), gOut, gQkv, gState, B, Tn, C, H);
    CHECK_CLOSE(gpu.get(gDqkv, dqkv.size()), dqkv, 2e-4, "attention backward");
    // The fused kernel keeps a row statistic, not the [B,H,T,T] softmax.
    QVERIFY(gpu.be().attentionStateCount(B, Tn, H) <= std::size_t(B) * H * Tn);
  }

  void gelu_data() { precisions(); }
  void gelu() {
    QFETCH(QString, precision);
    Device gpu(precisionOf(precision));
    const std::size_t n = 10007;
    const Vec inp = randomVec(n, rng_, 5.0), dout = randomVec(n, rng_);
    Vec out(n), dinp(n);
    cpu_.geluForward(out.data(), inp.data(), n);
    cpu_.geluBackward(dinp.data(), inp.data(), dout.data(), n);
    const float* gInp = gpu.put(inp);
    float* gOut = gpu.put(out);
    gpu.be().geluForward(gOut, gInp, n);
    CHECK_CLOSE(gpu.get(gOut, n), out, 1e-5, "GELU forward");  // tanhf against the CPU's exp-based tanh
    float* gD = gpu.put(dout);
    gpu.be().geluBackward(gD, gInp, gD, n);  // in place, as the model calls it
    CHECK_CLOSE(gpu.get(gD, n), dinp, 1e-5, "GELU backward");
  }

  void crossEntropy_data() {
    QTest::addColumn<QString>("precision");
    QTest::addColumn<float>("gradScale");
    QTest::addColumn<int>("V");
    for (const char* p : {"fp32", "bf16"}) {
      QTest::addRow("%s loss only", p) << p << 0.0f << 256;
      QTest::addRow("%s with gradient", p) << p << 0.01f << 256;
      QTest::addRow("%s GPT-2 vocabulary", p) << p << 0.5f << 50257;
    }
  }
  void crossEntropy() {
    QFETCH(QString, precision);
    QFETCH(float, gradScale);
    QFETCH(int, V);
    Device gpu(precisionOf(precision));
    const int N = 37;
    Vec logits = randomVec(std::size_t(N) * V, rng_, 8.0), loss(N);
    Tokens targets(N);
    for (std::int32_t& t : targets) t = static_cast<std::int32_t>(rng_.below(static_cast<std::uint64_t>(V)));
    float* gLogits = gpu.put(logits);
    float* gLoss = gpu.put(loss);
    cpu_.crossEntropy(logits.data(), loss.data(), targets.data(), N, V, gradScale);
    gpu.be().crossEntropy(gLogits, gLoss, gpu.put(targets), N, V, gradScale);
    CHECK_CLOSE(gpu.get(gLoss, N), loss, 1e-5, "cross-entropy loss");
    CHECK_CLOSE(gpu.get(gLogits, logits.size()), logits, 1e-5,
                gradScale != 0 ? "cross-entropy gradient" : "cross-entropy leaves logits");
  }

  void reductions_data() { precisions(); }
  void reductions() {
    QFETCH(QString, precision);
    Device gpu(precisionOf(precision));
    for (const std::size_t n : {std::size_t(1), std::size_t(1000), std::size_t(3000001)}) {
      const Vec x = randomVec(n, rng_, 2.0);
      const float* gX = gpu.put(x);
      double exactSum = 0, exactSquares = 0;
      for (const float v : x) {
        exactSum += v;
        exactSquares += static_cast<double>(v) * v;
      }
      const double s = gpu.be().sum(gX, n), q = gpu.be().sumOfSquares(gX, n);
      // Double accumulation: far below float rounding of the inputs' own sum.
      QVERIFY2(std::abs(s - exactSum) <= 1e-9 * (1.0 + exactSquares), qPrintable(QString::number(s - exactSum)));
      QVERIFY2(std::abs(q - exactSquares) <= 1e-9 * exactSquares, qPrintable(QString::number(q - exactSquares)));
      QVERIFY(std::abs(q - cpu_.sumOfSquares(x.data(), n)) <= 1e-6 * exactSquares);
      // Deterministic: a fixed tree, the same bits every call.
      QCOMPARE(gpu.be().sum(gX, n), s);
      QCOMPARE(gpu.be().sumOfSquares(gX, n), q);
    }
  }

  void adamw_data() { precisions(); }
  void adamw() {
    QFETCH(QString, precision);
    Device gpu(precisionOf(precision));
    const std::size_t n = 5003;
    Vec p = randomVec(n, rng_), g = randomVec(n, rng_), m = randomVec(n, rng_, 0.1), v = randomVec(n, rng_, 0.1);
    for (float& x : v) x = std::abs(x);
    float *gP = gpu.put(p, 1), *gM = gpu.put(m), *gV = gpu.put(v);
    const float* gG = gpu.put(g, 1);
    AdamWStep step;
    step.learningRate = 3e-3;
    step.weightDecay = 0.1;
    step.step = 7;
    step.gradScale = 0.5;
    cpu_.adamw(p.data(), g.data(), m.data(), v.data(), n, step);
    gpu.be().adamw(gP, gG, gM, gV, n, step);
    CHECK_CLOSE(gpu.get(gP, n), p, 1e-6, "AdamW parameters");
    CHECK_CLOSE(gpu.get(gM, n), m, 1e-6, "AdamW first moments");
    CHECK_CLOSE(gpu.get(gV, n), v, 1e-6, "AdamW second moments");
  }

  void fillCopyAndBadDevice() {
    Device gpu(cuda::Precision::Fp32);
    const Vec x = randomVec(999, rng_);
    float* a = gpu.put(x);
    float* b = gpu.put(Vec(x.size()));
    gpu.be().copy(b, a, x.size());
    QVERIFY(sameBits(gpu.get(b, x.size()), x));
    gpu.be().fill(b, -2.5f, x.size());
    QVERIFY(sameBits(gpu.get(b, x.size()), Vec(x.size(), -2.5f)));
    // A device that does not exist: a clear error naming it.
    BackendChoice missing;
    missing.kind = BackendChoice::Kind::Cuda;
    missing.device = 4096;
    try {
      makeBackend(missing);
      QFAIL("device 4096 accepted");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("4096"), e.what());
    }
  }

  void outOfMemoryNamesDeviceAndModel() {
    Device gpu(cuda::Precision::Bf16);
    try {
      gpu.be().checkFits(std::int64_t(1) << 50, "model test-shape");  // a petabyte
      QFAIL("a petabyte fits");
    } catch (const std::runtime_error& e) {
      const QString text = e.what();
      QVERIFY2(text.contains("CUDA device 0") && text.contains("model test-shape") && text.contains("GiB"), e.what());
    }
  }
};

ARCHI_GPU_TEST_MAIN(TestCudaOps)
#include "tst_cudaops.moc"
