// Choosing a backend (model/BackendFactory) and finding the CUDA plugin (cuda/CudaPluginLoader):
// the CPU path, the lookup order, and the errors an operator meets on a machine without CUDA or
// with a broken plugin. Runs everywhere; the GPU itself is tested in tests/gpu.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <fstream>

#include "cuda/CudaPluginLoader.h"
#include "model/BackendFactory.h"

using namespace archi;

namespace {

struct Outcome {
  int exitCode = -1;
  QString out, err;
};

Outcome runArchi(const QStringList& arguments, const QProcessEnvironment& environment) {
  QProcess process;
  process.setProcessEnvironment(environment);
  process.start(qEnvironmentVariable("ARCHI_BIN"), arguments);
  Outcome outcome;
  if (!process.waitForFinished(120000)) return outcome;
  outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  outcome.out = QString::fromUtf8(process.readAllStandardOutput());
  outcome.err = QString::fromUtf8(process.readAllStandardError());
  return outcome;
}

// A plugin that loads and sees a device; a driver error counts as no GPU.
bool gpuPresent() {
  try {
    return cuda::cudaPluginAvailable() && !cuda::cudaPlugin().devices().empty();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

class TestBackendFactory : public QObject {
  Q_OBJECT

 private slots:
  void cpuIsTheDefault() {
    BackendChoice choice;
    choice.threads = 2;
    const auto backend = makeBackend(choice);
    QVERIFY(backend->name().starts_with("cpu ("));
    QCOMPARE(backend->threads(), 2);
  }

  void pluginLookupOrder() {
    qputenv("ARCHIPELAGO_CUDA_PLUGIN", "/somewhere/libarchipelago-cuda.so");
    const auto candidates = cuda::cudaPluginCandidates();
    qunsetenv("ARCHIPELAGO_CUDA_PLUGIN");
    QVERIFY(candidates.size() >= 3);
    QCOMPARE(candidates[0].string(), std::string("/somewhere/libarchipelago-cuda.so"));
    QCOMPARE(candidates[1].filename().string(), std::string("libarchipelago-cuda.so"));
    QVERIFY(candidates[2].string().find("lib/archipelago") != std::string::npos);
  }

  // Without a GPU (or without the plugin) asking for CUDA is a clear error, never a crash.
  void cudaWithoutGpuIsAClearError() {
    if (gpuPresent()) QSKIP("this machine has a GPU");
    BackendChoice choice;
    choice.kind = BackendChoice::Kind::Cuda;
    try {
      makeBackend(choice);
      QFAIL("a CUDA backend without a GPU");
    } catch (const std::runtime_error& e) {
      const QString text = e.what();
      QVERIFY2(text.contains("no CUDA backend") || text.contains("no CUDA device") || text.contains("CUDA plugin") ||
                   text.contains("NVIDIA driver"),
               e.what());
    }
  }

  void benchTrainCudaFailsClearlyWithoutGpu() {
    if (gpuPresent()) QSKIP("this machine has a GPU");
    const Outcome result = runArchi({"bench", "train", "--backend", "cuda", "--steps", "1"},
                                 QProcessEnvironment::systemEnvironment());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("archi bench train:") && result.err.contains("CUDA"), qPrintable(result.err));
    QVERIFY(!result.out.contains("RESULT gpu_"));
  }

  void brokenPluginNamesTheFileAndTheReason() {
    QTemporaryDir dir;
    const QString fake = dir.filePath("libarchipelago-cuda.so");
    std::ofstream(fake.toStdString()) << "not a shared library";
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("ARCHIPELAGO_CUDA_PLUGIN", fake);
    const Outcome result = runArchi({"bench", "train", "--backend", "cuda", "--steps", "1"}, environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("cannot load the CUDA plugin " + fake), qPrintable(result.err));
  }
};

QTEST_GUILESS_MAIN(TestBackendFactory)
#include "tst_backendfactory.moc"
