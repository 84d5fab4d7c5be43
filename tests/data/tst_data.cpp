// Tokenizer, corpus loading, the train/validation split and sharding by (rank, world, seed).

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>

#include "data/ByteTokenizer.h"
#include "data/Corpus.h"
#include "data/ShardedSampler.h"
#include "data/TokenDataset.h"

using namespace archi;

namespace {

void writeFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

std::vector<std::uint32_t> iota(std::uint32_t n) {
  std::vector<std::uint32_t> v(n);
  for (std::uint32_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

}  // namespace

class TestData : public QObject {
  Q_OBJECT

 private slots:
  void tokenizerRoundTrip() {
    const std::string text("Hello\n\xC3\xA9t\xC3\xA9 \x00\xFF!", 15);  // embedded NUL kept
    const auto tokens = ByteTokenizer::encode(text);
    QCOMPARE(tokens.size(), text.size());
    QCOMPARE(tokens[5], 10);
    QCOMPARE(tokens[tokens.size() - 2], 255);
    QCOMPARE(ByteTokenizer::decode(tokens), text);
    const std::vector<std::int32_t> bad = {65, 300};
    QCOMPARE(ByteTokenizer::decode(bad), std::string("A\xEF\xBF\xBD"));
  }

  void corpusFromDirectory() {
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    std::filesystem::create_directory(root / "sub");
    writeFile(root / "b", "BBB");
    writeFile(root / "a", "AA");
    writeFile(root / "a.dat", "index");
    writeFile(root / ".hidden", "H");
    writeFile(root / "sub" / "c", "C");
    std::filesystem::create_symlink(root / "a", root / "a.u8");
    const CorpusLoad load = loadCorpus(root);
    QVERIFY2(load.corpus.has_value(), load.error.c_str());
    const std::string text(load.corpus->bytes.begin(), load.corpus->bytes.end());
    QCOMPARE(text, std::string("AABBBC"));  // sorted, no .dat, no hidden file, symlink read once
    QCOMPARE(load.corpus->files.size(), std::size_t{3});
  }

  void corpusErrors() {
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    CorpusLoad load = loadCorpus(root / "missing");
    QVERIFY(!load.corpus);
    QVERIFY(load.error.find("no such file") != std::string::npos);
    writeFile(root / "x.dat", "only an index");
    load = loadCorpus(root);
    QVERIFY(!load.corpus);
    QVERIFY(load.error.find("no text") != std::string::npos);
  }

  void splitIsDisjointAndStable() {
    std::vector<std::uint8_t> tokens(10'001);
    for (std::size_t i = 0; i < tokens.size(); ++i) tokens[i] = static_cast<std::uint8_t>(i * 7);
    std::string error;
    const auto data = TokenDataset::create(tokens, 10, 0.1, error);
    QVERIFY2(data.has_value(), error.c_str());
    const auto& train = data->trainSequences();
    const auto& val = data->validationSequences();
    QCOMPARE(train.size() + val.size(), std::size_t{1000});
    QVERIFY(val.size() > 60 && val.size() < 140);
    std::set<std::uint32_t> all(train.begin(), train.end());
    for (auto v : val) QVERIFY(all.insert(v).second);
    const auto again = TokenDataset::create(tokens, 10, 0.1, error);
    QCOMPARE(again->validationSequences(), val);

    Batch batch;
    const std::vector<std::uint32_t> ids = {3, 0};
    data->fill(ids, batch);
    QCOMPARE(batch.sequences, 2);
    QCOMPARE(batch.inputs[0], static_cast<std::int32_t>(tokens[30]));
    QCOMPARE(batch.targets[9], static_cast<std::int32_t>(tokens[40]));  // last target: first token of the next
    QCOMPARE(batch.inputs[10], static_cast<std::int32_t>(tokens[0]));

    QVERIFY(!TokenDataset::create(std::vector<std::uint8_t>(5), 10, 0.1, error));
    QVERIFY(error.find("too small") != std::string::npos);
  }

  void shardsAreDisjointWithinAnEpoch_data() {
    QTest::addColumn<QList<int>>("shares");
    QTest::newRow("4 equal workers") << QList<int>{4, 4, 4, 4};
    QTest::newRow("heterogeneous shares") << QList<int>{5, 1, 3};
    QTest::newRow("single worker") << QList<int>{7};
  }
  void shardsAreDisjointWithinAnEpoch() {
    QFETCH(QList<int>, shares);
    const std::uint32_t count = 500;
    std::vector<int> perRank(shares.begin(), shares.end());
    int global = 0;
    for (int s : perRank) global += s;
    const int stepsPerEpoch = static_cast<int>(count) / global;
    std::vector<ShardedSampler> workers;
    for (int r = 0; r < static_cast<int>(perRank.size()); ++r) workers.emplace_back(iota(count), 99, perRank, r);
    std::set<std::uint32_t> seen;
    for (int step = 0; step < stepsPerEpoch; ++step) {
      for (std::size_t r = 0; r < workers.size(); ++r) {
        const auto ids = workers[r].next();
        QCOMPARE(static_cast<int>(ids.size()), perRank[r]);
        for (auto id : ids) QVERIFY2(seen.insert(id).second, "a sequence was read twice in one epoch");
        QCOMPARE(workers[r].cursor(), workers[0].cursor());
      }
    }
    QCOMPARE(static_cast<int>(seen.size()), stepsPerEpoch * global);
    // The next step opens epoch 1 with a different order.
    workers[0].next();
    QCOMPARE(workers[0].cursor().epoch, std::uint64_t{1});
  }

  void orderDependsOnSeedOnlyAndResumes() {
    auto a = ShardedSampler::equal(iota(300), 1, 2, 1, 4);
    auto b = ShardedSampler::equal(iota(300), 1, 2, 1, 4);
    auto c = ShardedSampler::equal(iota(300), 2, 2, 1, 4);
    std::vector<std::uint32_t> fromA, fromB, fromC;
    for (int i = 0; i < 100; ++i) {  // crosses two epoch boundaries
      for (auto x : a.next()) fromA.push_back(x);
      for (auto x : b.next()) fromB.push_back(x);
      for (auto x : c.next()) fromC.push_back(x);
    }
    QCOMPARE(fromA, fromB);
    QVERIFY(fromA != fromC);
    // A fresh sampler set to a saved cursor continues exactly.
    const DataCursor saved = a.cursor();
    const auto original = a.next();
    const std::vector<std::uint32_t> expected(original.begin(), original.end());
    auto resumed = ShardedSampler::equal(iota(300), 1, 2, 1, 4);
    resumed.setCursor(saved);
    const auto got = resumed.next();
    QCOMPARE(std::vector<std::uint32_t>(got.begin(), got.end()), expected);
  }

  void samplerRejectsImpossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShardedSampler::equal(iota(10), 1, 3, 0, 4));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShardedSampler::equal(iota(10), 1, 2, 2, 1));
  }
};

QTEST_GUILESS_MAIN(TestData)
#include "tst_data.moc"
