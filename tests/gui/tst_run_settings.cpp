// Run > Run Settings…, offscreen: the dialog shows the project's run, an invalid value shows the
// validator's sentence under its own field and disables OK, OK applies one undoable edit, and
// the settings survive save and reopen.

#include <QtTest>

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>

#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "settings/RunSettingsDialog.h"

class RunSettingsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void init() { QSettings().clear(); }
  void showsTheProjectsValues();
  void invalidValueShowsOnItsField_data();
  void invalidValueShowsOnItsField();
  void applyIsOneUndoableEditKeptBySave();
  void screenshot();

 private:
  static QString demoPath() { return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json"); }
};

namespace {

template <typename T>
T* fieldOf(RunSettingsDialog* dialog, const char* pointer) {
  auto* widget = qobject_cast<T*>(dialog->field(QString::fromLatin1(pointer)));
  if (widget == nullptr) qWarning() << "no field of that kind at" << pointer;
  return widget;
}

}  // namespace

void RunSettingsTest::showsTheProjectsValues() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(demoPath()));
  QAction* action = window.action("actionRunSettings");
  QVERIFY(action && action->isEnabled());
  QVERIFY(!action->shortcut().isEmpty());
  action->trigger();
  auto* dialog = window.findChild<RunSettingsDialog*>();
  QVERIFY(dialog);
  QVERIFY(dialog->isVisible());
  // The demo's run (resources/examples/local-demo.archipelago.json).
  QCOMPARE(fieldOf<QSpinBox>(dialog, "/run/model/layers")->value(), 2);
  QCOMPARE(fieldOf<QSpinBox>(dialog, "/run/model/dim")->value(), 128);
  QCOMPARE(fieldOf<QComboBox>(dialog, "/run/model")->currentText(), QStringLiteral("Demo"));
  QCOMPARE(fieldOf<QLineEdit>(dialog, "/run/data/corpus")->text(), QStringLiteral("/usr/share/games/fortunes"));
  QCOMPARE(fieldOf<QSpinBox>(dialog, "/run/train/inner_steps")->value(), 25);
  QCOMPARE(fieldOf<QDoubleSpinBox>(dialog, "/run/train/outer_lr")->value(), 0.7);
  QCOMPARE(fieldOf<QDoubleSpinBox>(dialog, "/run/train/outer_momentum")->value(), 0.5);
  QCOMPARE(fieldOf<QSpinBox>(dialog, "/run/train/validate_every_rounds")->value(), 1);
  QCOMPARE(dialog->runSpec(), document.project()->run);  // nothing lost on the way in
  QVERIFY(dialog->okButton()->isEnabled());
  for (const char* pointer : {"/run/model", "/run/train/tokens", "/run/train/inner_steps", "/run/train/outer_lr"}) {
    QVERIFY2(dialog->problemAt(pointer).isEmpty(), pointer);
  }
  // Cancel changes nothing.
  fieldOf<QSpinBox>(dialog, "/run/train/inner_steps")->setValue(40);
  dialog->reject();
  QCOMPARE(document.project()->run.train.inner_steps, 25);
  QVERIFY(!document.isModified());
}

void RunSettingsTest::invalidValueShowsOnItsField_data() {
  QTest::addColumn<QString>("pointer");  // the field set
  QTest::addColumn<QVariant>("value");
  QTest::addColumn<QString>("shownAt");  // the field the problem is shown under
  QTest::addColumn<QString>("message");
  QTest::newRow("inner steps 0") << "/run/train/inner_steps" << QVariant(0) << "/run/train/inner_steps" << "must be in 1..1000000";
  QTest::newRow("negative outer lr") << "/run/train/outer_lr" << QVariant(-0.5) << "/run/train/outer_lr" << "must be > 0";
  QTest::newRow("momentum of 1") << "/run/train/outer_momentum" << QVariant(1.0) << "/run/train/outer_momentum" << "must be in [0, 1)";
  QTest::newRow("validate every 0 rounds") << "/run/train/validate_every_rounds" << QVariant(0) << "/run/train/validate_every_rounds" << "must be > 0";
  QTest::newRow("heads do not divide the width") << "/run/model/heads" << QVariant(3) << "/run/model/dim" << "not divisible by heads 3";
  QTest::newRow("token budget not a number") << "/run/train/tokens" << QVariant("lots") << "/run/train/tokens" << "whole number";
  QTest::newRow("zero token budget") << "/run/train/tokens" << QVariant("0") << "/run/train/tokens" << "must be > 0";
  QTest::newRow("no corpus") << "/run/data/corpus" << QVariant("") << "/run/data/corpus" << "must name a text file";
  QTest::newRow("model fits no device") << "/run/model/dim" << QVariant(16384) << "/run/model" << "cannot hold it";
}

void RunSettingsTest::invalidValueShowsOnItsField() {
  QFETCH(QString, pointer);
  QFETCH(QVariant, value);
  QFETCH(QString, shownAt);
  QFETCH(QString, message);
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(document.open(demoPath()));
  RunSettingsDialog dialog(*document.project(), document.catalog());
  QVERIFY(dialog.okButton()->isEnabled());
  QWidget* field = dialog.field(pointer);
  QVERIFY(field);
  auto set = [&](const QVariant& v) {
    if (auto* box = qobject_cast<QSpinBox*>(field)) box->setValue(v.toInt());
    if (auto* box = qobject_cast<QDoubleSpinBox*>(field)) box->setValue(v.toDouble());
    if (auto* edit = qobject_cast<QLineEdit*>(field)) edit->setText(v.toString());
  };
  const QVariant before = field->property(qobject_cast<QLineEdit*>(field) ? "text" : "value");
  set(value);
  QVERIFY2(dialog.problemAt(shownAt).contains(message), qPrintable(dialog.problemAt(shownAt)));
  QVERIFY(dialog.problemAt(shownAt).startsWith("Error: "));  // said in words, not colour alone
  QVERIFY(!dialog.okButton()->isEnabled());
  // Only that field complains.
  for (const char* other : {"/run/train/inner_steps", "/run/train/outer_lr", "/run/data/corpus", "/run/train/tokens", "/run/model"}) {
    if (QLatin1String(other) != shownAt) QVERIFY2(dialog.problemAt(other).isEmpty(), other);
  }
  // Putting the value back clears the error and enables OK again.
  set(before);
  QVERIFY2(dialog.problemAt(shownAt).isEmpty(), qPrintable(dialog.problemAt(shownAt)));
  QVERIFY(dialog.okButton()->isEnabled());
}

void RunSettingsTest::applyIsOneUndoableEditKeptBySave() {
  QTemporaryDir dir;
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  QVERIFY(window.openProject(demoPath()));
  const archi::RunSpec original = document.project()->run;
  const int undoSteps = document.undoStack()->count();

  RunSettingsDialog* dialog = window.showRunSettings();
  QVERIFY(dialog);
  auto* preset = fieldOf<QComboBox>(dialog, "/run/model");
  preset->setCurrentIndex(preset->findText("Tiny"));
  emit preset->activated(preset->currentIndex());
  QCOMPARE(fieldOf<QSpinBox>(dialog, "/run/model/layers")->value(), 4);
  fieldOf<QLineEdit>(dialog, "/run/train/tokens")->setText("3000000");
  fieldOf<QSpinBox>(dialog, "/run/train/inner_steps")->setValue(50);
  fieldOf<QDoubleSpinBox>(dialog, "/run/train/outer_lr")->setValue(0.5);
  fieldOf<QDoubleSpinBox>(dialog, "/run/train/outer_momentum")->setValue(0.8);
  fieldOf<QSpinBox>(dialog, "/run/train/validate_every_rounds")->setValue(3);
  auto* sync = fieldOf<QComboBox>(dialog, "/run/train/sync");
  sync->setCurrentIndex(sync->findData(int(archi::SyncMode::Ddp)));
  auto* wire = fieldOf<QComboBox>(dialog, "/run/train/compression");
  wire->setCurrentIndex(wire->findData(int(archi::Compression::Bf16)));
  QVERIFY(dialog->okButton()->isEnabled());
  dialog->okButton()->click();

  archi::RunSpec expected = original;
  expected.model.layers = 4;
  expected.model.heads = 4;
  expected.model.dim = 256;
  expected.model.context = 256;
  expected.train.tokens = 3'000'000;
  expected.train.inner_steps = 50;
  expected.train.outer_lr = 0.5;
  expected.train.outer_momentum = 0.8;
  expected.train.validate_every_rounds = 3;
  expected.train.sync = archi::SyncMode::Ddp;
  expected.train.compression = archi::Compression::Bf16;
  QCOMPARE(document.project()->run, expected);
  QCOMPARE(document.undoStack()->count(), undoSteps + 1);  // one edit for all the fields
  QVERIFY(document.isModified());

  window.action("actionUndo")->trigger();
  QCOMPARE(document.project()->run, original);
  window.action("actionRedo")->trigger();
  QCOMPARE(document.project()->run, expected);

  const QString saved = dir.filePath("settings.archipelago.json");
  QVERIFY(window.saveAs(saved));
  ProjectDocument reopened;
  QVERIFY(reopened.loadCatalog());
  QVERIFY(reopened.open(saved));
  QCOMPARE(reopened.project()->run, expected);
  QVERIFY(!reopened.problems().hasErrors());
}

// Only when refreshing docs/screenshots: the dialog with one field in error.
void RunSettingsTest::screenshot() {
  const QString shots = qEnvironmentVariable("ARCHIPELAGO_SCREENSHOT_DIR");
  if (shots.isEmpty()) QSKIP("set ARCHIPELAGO_SCREENSHOT_DIR to write docs/screenshots/run-settings.png");
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(document.open(demoPath()));
  RunSettingsDialog dialog(*document.project(), document.catalog());
  fieldOf<QSpinBox>(&dialog, "/run/train/inner_steps")->setValue(0);
  dialog.show();
  dialog.resize(dialog.sizeHint().expandedTo(QSize(560, 0)));
  QTest::qWait(100);
  QVERIFY(dialog.grab().save(QDir(shots).filePath("run-settings.png")));
}

QTEST_MAIN(RunSettingsTest)
#include "tst_run_settings.moc"
