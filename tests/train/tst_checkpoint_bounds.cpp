// The checkpoint reader sizes nothing from a file before the header's payload size agrees with
// the file's (docs/architecture.md#limits-on-outside-input): a header claiming more than the
// file, or a sparse terabyte behind a small header, is refused without allocating it.

#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/ByteCodec.h"
#include "core/ModelMemory.h"
#include "train/Checkpoint.h"

namespace {

constexpr std::uint64_t kTerabyte = std::uint64_t{1} << 40;
constexpr std::uint64_t kHeaderBytes = 56;  // magic, format, reserved, payload size, SHA-256

// A checkpoint header announcing `payloadBytes`, in a file of `fileBytes` (sparse past what is
// written). With `model`, the payload starts with its fixed fields: that model, step, seed, data
// cursor and RNG state zero, and the parameter counts the model has.
void writeCheckpointHeader(const std::string& path, std::uint64_t payloadBytes, std::uint64_t fileBytes,
                           const archi::ModelConfig* model = nullptr) {
  std::vector<std::uint8_t> header = {'A', 'R', 'C', 'H', 'I', 'C', 'K', 'P'};
  archi::le::put<std::uint32_t>(header, 1);
  archi::le::put<std::uint32_t>(header, 0);
  archi::le::put<std::uint64_t>(header, payloadBytes);
  header.resize(kHeaderBytes);
  if (model != nullptr) {
    for (const int dimension : {model->layers, model->heads, model->dim, model->context, model->vocab}) {
      archi::le::put<std::uint32_t>(header, std::uint32_t(dimension));
    }
    header.resize(header.size() + 8 + 8 + 2 * 8 + 4 * 8);
    const auto parameters = std::uint64_t(archi::parameterCount(*model));
    archi::le::put<std::uint64_t>(header, parameters);
    archi::le::put<std::uint64_t>(header, 2 * parameters);
  }
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(header.data()), std::streamsize(header.size()));
  }
  std::filesystem::resize_file(path, fileBytes);
}

}  // namespace

class CheckpointBoundsTest : public QObject {
  Q_OBJECT

 private slots:
  void refusedBeforeAllocating_data() {
    QTest::addColumn<quint64>("payloadBytes");
    QTest::addColumn<quint64>("fileBytes");
    QTest::addColumn<bool>("withModel");  // the fixed fields hold a valid model and its counts
    QTest::addColumn<QString>("expected");
    QTest::newRow("header claims more than the file") << quint64(kTerabyte) << quint64(kHeaderBytes + 100) << false
                                                      << "truncated: header announces 1099511627776 payload bytes, file holds 100";
    QTest::newRow("a sparse terabyte behind a small header") << quint64(100) << quint64(kTerabyte) << false
                                                             << "unexpected bytes after the payload";
    QTest::newRow("a sparse terabyte its header agrees with") << quint64(kTerabyte - kHeaderBytes) << quint64(kTerabyte) << false
                                                              << "stored model config is invalid";
    QTest::newRow("a terabyte for a model of 7536 parameters") << quint64(kTerabyte - kHeaderBytes) << quint64(kTerabyte) << true
                                                               << "payload size does not match its parameter count";
  }

  void refusedBeforeAllocating() {
    QFETCH(quint64, payloadBytes);
    QFETCH(quint64, fileBytes);
    QFETCH(bool, withModel);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::string path = dir.filePath("dc.ckpt").toStdString();
    const archi::ModelConfig tiny{1, 2, 16, 8, 256};
    writeCheckpointHeader(path, payloadBytes, fileBytes, withModel ? &tiny : nullptr);
    const archi::CheckpointLoad load = archi::loadCheckpoint(path);
    QVERIFY(!load.state);
    QVERIFY2(QString::fromStdString(load.error).contains(expected), load.error.c_str());
  }
};

QTEST_GUILESS_MAIN(CheckpointBoundsTest)
#include "tst_checkpoint_bounds.moc"
