// An agent keeps a finished run's folder while the policy says so (newest N, or younger than D
// days) and never removes a run with a live worker; older finished runs go whole.

#include <QtTest>

#include <fstream>

#include "agent/RunRetention.h"

namespace {

void makeRun(const archi::agent::AgentLayout& layout, const std::string& run, double ageDays) {
  layout.prepareRun(run);
  const std::filesystem::path journal = layout.journalFile(run, "w_0");
  std::ofstream(journal) << "{\"kind\":\"step\"}\n";
  const auto when = std::filesystem::file_time_type::clock::now() -
                    std::chrono::duration_cast<std::filesystem::file_time_type::duration>(std::chrono::duration<double>(ageDays * 86400.0));
  for (const auto& entry : std::filesystem::recursive_directory_iterator(layout.runDirectory(run))) {
    std::filesystem::last_write_time(entry.path(), when);
  }
  std::filesystem::last_write_time(layout.runDirectory(run), when);
}

bool exists(const archi::agent::AgentLayout& layout, const std::string& run) {
  return std::filesystem::exists(layout.runDirectory(run));
}

}  // namespace

class RunRetentionTest : public QObject {
  Q_OBJECT

 private slots:
  void keepsNewestRecentAndActiveRuns();
};

void RunRetentionTest::keepsNewestRecentAndActiveRuns() {
  QTemporaryDir dir;
  const archi::agent::AgentLayout layout(dir.path().toStdString());
  makeRun(layout, "fresh", 0.5);       // recent: kept whatever the count
  makeRun(layout, "newest-old", 10);   // among the newest two
  makeRun(layout, "old", 20);
  makeRun(layout, "oldest", 30);
  makeRun(layout, "old-but-live", 40);  // a worker still runs

  const std::vector<std::string> removed =
      archi::agent::pruneFinishedRuns(layout, {"old-but-live"}, archi::agent::RetentionPolicy{2, 7.0});
  QCOMPARE(removed.size(), std::size_t{2});
  QVERIFY(exists(layout, "fresh"));
  QVERIFY(exists(layout, "newest-old"));
  QVERIFY(!exists(layout, "old"));
  QVERIFY(!exists(layout, "oldest"));
  QVERIFY(exists(layout, "old-but-live"));

  // Nothing more goes on a second pass; with everything recent, nothing goes at all.
  QVERIFY(archi::agent::pruneFinishedRuns(layout, {"old-but-live"}, archi::agent::RetentionPolicy{2, 7.0}).empty());
  QVERIFY(archi::agent::pruneFinishedRuns(layout, {}, archi::agent::RetentionPolicy{0, 365.0}).empty());
}

QTEST_GUILESS_MAIN(RunRetentionTest)
#include "tst_run_retention.moc"
