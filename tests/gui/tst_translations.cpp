// The console's translations (translations/*.ts) are complete and current: every message has a
// finished translation that keeps the source's %1, %L1 and %n markers and has the language's number of
// plural forms; the files hold exactly the messages of the sources lupdate reads (the SOURCES of
// qt_add_translations in gui/CMakeLists.txt), and every file of gui/ with a tr() is among those
// sources. The formatters print numbers in the locale's digits and separators.
// How to translate a new message: docs/translations.md.

#include <QtTest>

#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include "app/VisualStyle.h"

namespace {

struct Message {
  QString context;
  QString source;
  QString comment;
  bool numerus = false;
  QString type;            // the translation's type attribute: "", unfinished, vanished, obsolete
  QStringList forms;       // one string, or the numerus forms
  QString location;        // file:line of its first location, for the failure messages
  QString key() const { return context + QStringLiteral(" | ") + source + (comment.isEmpty() ? QString() : QStringLiteral(" | ") + comment); }
};

struct TsFile {
  QString language;
  QList<Message> messages;
  QString error;
};

TsFile readTs(const QString& path) {
  TsFile ts;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    ts.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
    return ts;
  }
  QXmlStreamReader xml(&file);
  QString context;
  QString lastFile;
  Message message;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("TS")) {
      ts.language = xml.attributes().value("language").toString();
    } else if (name == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      message = Message{context, {}, {}, xml.attributes().value("numerus") == QLatin1String("yes"), {}, {}, {}};
    } else if (name == QLatin1String("location")) {
      // With relative locations a file is named once and later entries only give a line offset.
      if (xml.attributes().hasAttribute("filename")) lastFile = xml.attributes().value("filename").toString();
      if (message.location.isEmpty()) message.location = lastFile + QLatin1Char(':') + xml.attributes().value("line").toString();
    } else if (name == QLatin1String("source")) {
      message.source = xml.readElementText();
    } else if (name == QLatin1String("comment")) {
      message.comment = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      message.type = xml.attributes().value("type").toString();
      if (message.numerus) {
        while (xml.readNextStartElement()) {
          if (xml.name() == QLatin1String("numerusform")) {
            message.forms.append(xml.readElementText());
          } else {
            xml.skipCurrentElement();
          }
        }
      } else {
        message.forms = {xml.readElementText()};
      }
      ts.messages.append(message);
    }
  }
  if (xml.hasError()) ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
  return ts;
}

// %1..%99, %L1.., and %n: what QString::arg and tr() fill in.
QStringList argumentMarkers(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("%(L?[0-9]{1,2}|n)"));
  QStringList found;
  for (auto it = pattern.globalMatch(text); it.hasNext();) found.append(it.next().captured(0));
  found.sort();
  found.removeDuplicates();
  return found;
}

QString tsPath(const QString& language) {
  return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/translations/archipelago_%1.ts").arg(language);
}

QString listed(const QStringList& lines) {
  const qsizetype shown = std::min<qsizetype>(lines.size(), 40);
  QString text = lines.mid(0, shown).join(QLatin1Char('\n'));
  if (lines.size() > shown) text += QStringLiteral("\n… and %1 more").arg(lines.size() - shown);
  return text;
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void everyMessageIsTranslated_data();
  void everyMessageIsTranslated();
  void filesMatchTheSources_data();
  void filesMatchTheSources();
  void everyTranslatableFileIsASource();
  void formatsFollowTheLocale_data();
  void formatsFollowTheLocale();

 private:
  // Runs lupdate; the messages it found, keyed as Message::key().
  QMap<QString, Message> extract(const QStringList& arguments, const QString& tsName);
  // The messages of qt_add_translations' SOURCES, read once.
  const QMap<QString, Message>& projectMessages();
  QTemporaryDir scratch_;
  QString lupdate_;
  QMap<QString, Message> fromProject_;  // the messages of qt_add_translations' SOURCES
};

void TranslationsTest::initTestCase() {
  QVERIFY(scratch_.isValid());
  lupdate_ = qEnvironmentVariable("ARCHIPELAGO_LUPDATE");
}

QMap<QString, Message> TranslationsTest::extract(const QStringList& arguments, const QString& tsName) {
  const QString out = scratch_.filePath(tsName);
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(lupdate_, arguments + QStringList{"-no-obsolete", "-locations", "absolute", "-ts", out});
  if (!process.waitForFinished(60000) || process.exitCode() != 0) {
    qWarning().noquote() << lupdate_ << arguments.join(' ') << "failed:" << process.readAll();
    return {};
  }
  QMap<QString, Message> messages;
  for (const Message& m : readTs(out).messages) messages.insert(m.key(), m);
  return messages;
}

const QMap<QString, Message>& TranslationsTest::projectMessages() {
  if (!fromProject_.isEmpty()) return fromProject_;
  // The same project description the build's update_translations target hands to lupdate.
  const QString json = scratch_.filePath(QStringLiteral("project.json"));
  QProcess cmake;
  cmake.setProcessChannelMode(QProcess::MergedChannels);
  cmake.start(qEnvironmentVariable("ARCHIPELAGO_CMAKE"), {"-DIN_FILE=" + qEnvironmentVariable("ARCHIPELAGO_LUPDATE_PROJECT"),
                                                          "-DOUT_FILE=" + json, "-P", qEnvironmentVariable("ARCHIPELAGO_LUPDATE_GENERATOR")});
  if (!cmake.waitForFinished(60000) || cmake.exitCode() != 0) {
    qWarning().noquote() << "writing the lupdate project file failed:" << cmake.readAll();
    return fromProject_;
  }
  fromProject_ = extract({"-project", json}, QStringLiteral("from_project.ts"));
  return fromProject_;
}

void TranslationsTest::everyMessageIsTranslated_data() {
  QTest::addColumn<QString>("language");
  QTest::addColumn<int>("pluralForms");
  QTest::newRow("zh_CN") << "zh_CN" << 1;  // Chinese has no grammatical number
  QTest::newRow("it") << "it" << 2;        // singular, plural
}

void TranslationsTest::everyMessageIsTranslated() {
  QFETCH(QString, language);
  QFETCH(int, pluralForms);
  const TsFile ts = readTs(tsPath(language));
  QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
  QCOMPARE(ts.language, language);
  QVERIFY(ts.messages.size() > 100);
  QStringList problems;
  for (const Message& m : ts.messages) {
    const QString where = QStringLiteral("%1 (%2): \"%3\"").arg(m.context, m.location, m.source.left(70));
    if (!m.type.isEmpty()) {
      problems << where + QStringLiteral(": translation is %1").arg(m.type);
      continue;
    }
    if (m.forms.size() != (m.numerus ? pluralForms : 1)) {
      problems << where + QStringLiteral(": %1 plural form(s), %2 has %3").arg(m.forms.size()).arg(language).arg(pluralForms);
      continue;
    }
    QStringList wanted = argumentMarkers(m.source);
    for (const QString& form : m.forms) {
      if (form.trimmed().isEmpty()) {
        problems << where + QStringLiteral(": empty translation");
        continue;
      }
      // A singular form may spell the number out ("un worker"): %n is required in the last form only.
      QStringList got = argumentMarkers(form);
      QStringList need = wanted;
      if (m.numerus && &form != &m.forms.constLast()) need.removeAll(QStringLiteral("%n"));
      for (const QString& p : need) {
        if (!got.contains(p)) problems << where + QStringLiteral(": translation \"%1\" lacks %2").arg(form.left(70), p);
      }
      for (const QString& p : got) {
        if (!wanted.contains(p)) problems << where + QStringLiteral(": translation \"%1\" adds %2").arg(form.left(70), p);
      }
      // A mnemonic in the source keeps one in the translation (the menu stays keyboard-usable).
      const bool sourceMnemonic = QString(m.source).remove(QStringLiteral("&&")).contains(QLatin1Char('&'));
      if (sourceMnemonic && !QString(form).remove(QStringLiteral("&&")).contains(QLatin1Char('&'))) {
        problems << where + QStringLiteral(": translation \"%1\" lost the & mnemonic").arg(form);
      }
    }
  }
  QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problem(s) in %2 (docs/translations.md says how to fix them):\n%3")
                                              .arg(problems.size())
                                              .arg(tsPath(language), listed(problems))));
}

void TranslationsTest::filesMatchTheSources_data() { everyMessageIsTranslated_data(); }

void TranslationsTest::filesMatchTheSources() {
  QFETCH(QString, language);
  if (lupdate_.isEmpty() || qEnvironmentVariable("ARCHIPELAGO_LUPDATE_PROJECT").isEmpty()) {
    QSKIP("lupdate or the build's lupdate project file was not found at configure time");
  }
  const QMap<QString, Message>& fromProject = projectMessages();
  QVERIFY2(!fromProject.isEmpty(), "lupdate found no messages in the project's sources");
  const TsFile ts = readTs(tsPath(language));
  QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
  QSet<QString> committed;
  for (const Message& m : ts.messages) committed.insert(m.key());
  QStringList missing, stale;
  for (const Message& m : fromProject) {
    if (!committed.contains(m.key())) missing << QStringLiteral("%1 (%2): \"%3\"").arg(m.context, m.location, m.source.left(90));
  }
  for (const Message& m : ts.messages) {
    if (!fromProject.contains(m.key())) stale << QStringLiteral("%1: \"%2\"").arg(m.context, m.source.left(90));
  }
  QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 message(s) of the sources are not in %2; run tools/i18n/update-translations.sh "
                                                        "and translate them (docs/translations.md):\n%3")
                                             .arg(missing.size())
                                             .arg(tsPath(language), listed(missing))));
  QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("%1 message(s) of %2 are in no source any more; run tools/i18n/update-translations.sh:\n%3")
                                           .arg(stale.size())
                                           .arg(tsPath(language), listed(stale))));
}

void TranslationsTest::everyTranslatableFileIsASource() {
  // A file of gui/ with tr() strings that is not in qt_add_translations' SOURCES would never be
  // translated, and lupdate would never say so.
  if (lupdate_.isEmpty() || qEnvironmentVariable("ARCHIPELAGO_LUPDATE_PROJECT").isEmpty()) {
    QSKIP("lupdate or the build's lupdate project file was not found at configure time");
  }
  const QMap<QString, Message>& fromProject = projectMessages();
  QVERIFY(!fromProject.isEmpty());
  const auto fromTree = extract({QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/gui")}, QStringLiteral("from_tree.ts"));
  QVERIFY(!fromTree.isEmpty());
  QStringList unlisted;
  for (const Message& m : fromTree) {
    if (!fromProject.contains(m.key())) unlisted << QStringLiteral("%1: \"%2\"").arg(m.location, m.source.left(80));
  }
  QVERIFY2(unlisted.isEmpty(), qPrintable(QStringLiteral("tr() strings in files missing from qt_add_translations(... SOURCES) in "
                                                         "gui/CMakeLists.txt:\n%1")
                                              .arg(listed(unlisted))));
}

void TranslationsTest::formatsFollowTheLocale_data() {
  QTest::addColumn<QString>("locale");
  QTest::addColumn<QString>("bytes");
  QTest::addColumn<QString>("rate");
  QTest::addColumn<QString>("duration");
  QTest::addColumn<QString>("counted");
  QTest::addColumn<QString>("bandwidth");
  QTest::newRow("en_US") << "en_US" << "1.5 KiB" << "2.5k tok/s" << "2.50 s" << "12,345 devices" << "2.5 Gbit/s";
  QTest::newRow("it") << "it_IT" << "1,5 KiB" << "2,5k tok/s" << "2,50 s" << "12.345 devices" << "2,5 Gbit/s";
  QTest::newRow("zh_CN") << "zh_CN" << "1.5 KiB" << "2.5k tok/s" << "2.50 s" << "12,345 devices" << "2.5 Gbit/s";
  QTest::newRow("de (no translation, still its digits)") << "de_DE" << "1,5 KiB" << "2,5k tok/s" << "2,50 s" << "12.345 devices"
                                                        << "2,5 Gbit/s";
}

void TranslationsTest::formatsFollowTheLocale() {
  QFETCH(QString, locale);
  QLocale::setDefault(QLocale(locale));
  const auto restore = qScopeGuard([] { QLocale::setDefault(QLocale::system()); });
  QTEST(visual_style::formatBytes(1536.0), "bytes");
  QTEST(visual_style::formatRate(2500.0), "rate");
  QTEST(visual_style::formatDuration(2500.0), "duration");
  QTEST(visual_style::count(12345, QStringLiteral("device"), QStringLiteral("devices")), "counted");
  QTEST(visual_style::formatBandwidth(2.5), "bandwidth");
}

QTEST_MAIN(TranslationsTest)
#include "tst_translations.moc"
