// The resumable checkpoint set of a datacenter (train/CheckpointSet.h, OuterCheckpoint.h): both
// files round-trip bit for bit; a damaged newest set is passed over, by name, for the one before
// it; a set of another model or leader count is refused; only the newest sets are kept.

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/Rng.h"
#include "model/cpu/CpuBackend.h"
#include "train/CheckpointSet.h"
#include "train/Trainer.h"

using namespace archi;

namespace {

const ModelConfig kModel{1, 2, 16, 8, 32};

CheckpointState innerState(std::int64_t step) {
  cpu::CpuBackend backend(1);
  Trainer trainer(backend, kModel, OptimizerOptions{}, 1, 42);
  trainer.setStepsDone(step);
  Rng rng(7);
  return captureCheckpoint(trainer, 1234, DataCursor{2, static_cast<std::uint64_t>(step) * 3}, rng);
}

OuterState outerState(std::int64_t round, std::size_t parameters, std::size_t leaders) {
  OuterState state;
  state.version = static_cast<std::uint64_t>(round) + 10;
  state.round = round;
  state.globalTokens = 1000 * round;
  state.unsyncedTokens = 17;
  Rng rng(static_cast<std::uint64_t>(round));
  for (std::size_t i = 0; i < parameters; ++i) {
    state.global.push_back(static_cast<float>(rng.uniform()));
    state.momentum.push_back(static_cast<float>(rng.uniform() - 0.5));
  }
  for (std::size_t rank = 0; rank < leaders; ++rank) state.mergedFrom.push_back(rank * 3 + 1);
  return state;
}

// Flips one byte in the middle of a file, as a bad disk block would.
void flipMiddleByte(const std::filesystem::path& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(0, std::ios::end);
  const auto middle = static_cast<std::streamoff>(file.tellg()) / 2;
  file.seekg(middle);
  char byte = 0;
  file.read(&byte, 1);
  byte = static_cast<char>(byte ^ 0x5A);
  file.seekp(middle);
  file.write(&byte, 1);
}

void cutToAThird(const std::filesystem::path& path) {
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 3);
}

}  // namespace

class CheckpointSetTest : public QObject {
  Q_OBJECT

 private slots:
  void outerStateRoundTripsExactly() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("state.outer").toStdString();
    const OuterState saved = outerState(5, 300, 3);
    saveOuterState(path, saved);
    const OuterStateLoad loaded = loadOuterState(path, 300, 3);
    QVERIFY2(loaded.state, loaded.error.c_str());
    QVERIFY(*loaded.state == saved);
    QVERIFY((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read) == std::filesystem::perms::none);
  }

  void outerStateRefusesWhatDoesNotFit_data() {
    QTest::addColumn<int>("parameters");
    QTest::addColumn<int>("leaders");
    QTest::addColumn<QString>("damage");  // "", "flip", "truncate"
    QTest::addColumn<QString>("expected");
    QTest::newRow("other model") << 301 << 3 << "" << "incompatible";
    QTest::newRow("other leader count") << 300 << 4 << "" << "incompatible";
    QTest::newRow("flipped byte") << 300 << 3 << "flip" << "corrupted: SHA-256";
    QTest::newRow("truncated") << 300 << 3 << "truncate" << "truncated";
  }
  void outerStateRefusesWhatDoesNotFit() {
    QFETCH(int, parameters);
    QFETCH(int, leaders);
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("state.outer").toStdString();
    saveOuterState(path, outerState(5, 300, 3));
    if (damage == "flip") flipMiddleByte(path);
    if (damage == "truncate") cutToAThird(path);
    const OuterStateLoad loaded = loadOuterState(path, static_cast<std::size_t>(parameters), static_cast<std::size_t>(leaders));
    QVERIFY(!loaded.state);
    QVERIFY2(QString::fromStdString(loaded.error).contains(expected), loaded.error.c_str());
    QVERIFY2(QString::fromStdString(loaded.error).contains("state.outer"), "the error names the file");
  }

  // The newest set that loads is taken; newer damaged ones are reported, not used.
  void newestLoadableSetIsTaken_data() {
    QTest::addColumn<QString>("damaged");  // which file of the newest set: "", "inner", "outer", "outer-missing"
    QTest::addColumn<int>("expectedRound");
    QTest::addColumn<int>("skipped");
    QTest::newRow("all good") << "" << 6 << 0;
    QTest::newRow("newest inner damaged") << "inner" << 4 << 1;
    QTest::newRow("newest outer truncated") << "outer" << 4 << 1;
    QTest::newRow("newest outer never written") << "outer-missing" << 4 << 0;
  }
  void newestLoadableSetIsTaken() {
    QFETCH(QString, damaged);
    QFETCH(int, expectedRound);
    QFETCH(int, skipped);
    QTemporaryDir dir;
    const std::filesystem::path folder = datacenterCheckpointFolder(dir.path().toStdString(), "beijing");
    const std::size_t parameters = innerState(0).params.size();
    for (const std::int64_t round : {2, 4, 6}) writeCheckpointSet(folder, round, innerState(round * 5), outerState(round, parameters, 3));
    const CheckpointSetPaths newest = checkpointSetPaths(folder, 6);
    if (damaged == "inner") flipMiddleByte(newest.inner);
    if (damaged == "outer") cutToAThird(newest.outer);
    if (damaged == "outer-missing") std::filesystem::remove(newest.outer);

    const NewestCheckpointSet found = loadNewestCheckpointSet(folder, kModel, parameters, 3);
    QVERIFY(found.set);
    QCOMPARE(found.set->round, std::int64_t(expectedRound));
    QCOMPARE(found.set->inner.step, std::int64_t(expectedRound) * 5);
    QCOMPARE(found.set->inner.cursor.position, std::uint64_t(expectedRound) * 15);
    QVERIFY(found.set->outer == outerState(expectedRound, parameters, 3));
    QCOMPARE(int(found.skipped.size()), skipped);
  }

  void aSetOfAnotherModelIsNotTaken() {
    QTemporaryDir dir;
    const std::filesystem::path folder = dir.path().toStdString();
    const std::size_t parameters = innerState(0).params.size();
    writeCheckpointSet(folder, 3, innerState(15), outerState(3, parameters, 3));
    ModelConfig other = kModel;
    other.dim = 32;
    const NewestCheckpointSet found = loadNewestCheckpointSet(folder, other, parameters, 3);
    QVERIFY(!found.set);
    QCOMPARE(int(found.skipped.size()), 1);
    QVERIFY2(QString::fromStdString(found.skipped[0]).contains("incompatible"), found.skipped[0].c_str());
  }

  void onlyTheNewestSetsAreKept() {
    QTemporaryDir dir;
    const std::filesystem::path folder = dir.path().toStdString();
    const std::size_t parameters = innerState(0).params.size();
    for (std::int64_t round = 1; round <= 5; ++round) writeCheckpointSet(folder, round, innerState(round), outerState(round, parameters, 2));
    QCOMPARE(checkpointSetRounds(folder), (std::vector<std::int64_t>{5, 4}));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++files;
    QCOMPARE(files, std::size_t(2 * kCheckpointSetsKept));  // no temporary left behind either
  }

  void roundIsReadFromTheName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("round");  // -1: not a set file
    QTest::newRow("set") << "round-00000012.outer" << 12;
    QTest::newRow("inner file") << "round-00000012.ckpt" << -1;
    QTest::newRow("temporary") << "round-00000012.outer.tmp-77" << -1;
    QTest::newRow("negative") << "round--0000001.outer" << -1;
    QTest::newRow("no digits") << "round-.outer" << -1;
  }
  void roundIsReadFromTheName() {
    QFETCH(QString, name);
    QFETCH(int, round);
    const std::optional<std::int64_t> parsed = checkpointSetRound(name.toStdString());
    QCOMPARE(parsed.value_or(-1), std::int64_t(round));
  }
};

QTEST_GUILESS_MAIN(CheckpointSetTest)
#include "tst_checkpoint_set.moc"
