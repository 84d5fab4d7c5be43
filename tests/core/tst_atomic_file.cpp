// Atomic file writes (core/AtomicFile.h): the temporary file has an unpredictable name and is
// created exclusively, never through a link someone planted (issue 15 item 4).

#include <QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/AtomicFile.h"

class AtomicFileTest : public QObject {
  Q_OBJECT

 private slots:
  void replacesTheFileAndLeavesNoTemporary();
  void aPlantedLinkIsNotFollowed();
  void modes_data();
  void modes();
};

namespace {

std::string contents(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

void AtomicFileTest::replacesTheFileAndLeavesNoTemporary() {
  QTemporaryDir dir;
  const std::filesystem::path path = dir.filePath("spec.json").toStdString();
  archi::writeFileAtomically(path, "old\n");
  archi::writeFileAtomically(path, "new\n");
  QCOMPARE(contents(path), std::string("new\n"));
  QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()), std::filesystem::directory_iterator()), 1);
}

void AtomicFileTest::aPlantedLinkIsNotFollowed() {
  // The old temporary name was the target's plus ".tmp": another user of the folder could plant
  // a link there and have the write (of a key, as root) land in a file of their choice.
  QTemporaryDir dir;
  const std::filesystem::path victim = dir.filePath("victim").toStdString();
  { std::ofstream(victim) << "untouched"; }
  const std::filesystem::path path = dir.filePath("ca.key").toStdString();
  std::filesystem::create_symlink(victim, path.string() + ".tmp");
  archi::writePrivateFileAtomically(path, "secret\n");
  QCOMPARE(contents(victim), std::string("untouched"));
  QCOMPARE(contents(path), std::string("secret\n"));
  QVERIFY(std::filesystem::is_symlink(path.string() + ".tmp"));  // left as it was
}

void AtomicFileTest::modes_data() {
  QTest::addColumn<int>("which");
  QTest::addColumn<int>("expected");
  QTest::newRow("private") << 0 << 0600;
  QTest::newRow("exact 0644") << 1 << 0644;
}

void AtomicFileTest::modes() {
  QFETCH(int, which);
  QFETCH(int, expected);
  QTemporaryDir dir;
  const std::filesystem::path path = dir.filePath("f").toStdString();
  const mode_t old = ::umask(0);  // whatever the umask, the mode is exact
  if (which == 0) {
    archi::writePrivateFileAtomically(path, "x");
  } else {
    archi::writeFileAtomicallyWithMode(path, "x", 0644);
  }
  ::umask(old);
  struct stat info {};
  QCOMPARE(::stat(path.c_str(), &info), 0);
  QCOMPARE(int(info.st_mode & 0777), expected);
}

QTEST_GUILESS_MAIN(AtomicFileTest)
#include "tst_atomic_file.moc"
