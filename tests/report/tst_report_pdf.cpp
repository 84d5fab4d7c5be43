// The report on paper: a PDF (A4, at least one page) from the same report as the HTML, the
// charts drawn from their SVG (not blank), a clear error for a file that cannot be written,
// and `archi report --pdf` working with no display.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

#include "ReportDocument.h"
#include "ReportPdf.h"
#include "common/ReportStore.h"
#include "report/ReportPalette.h"
#include "report/RunReport.h"

using namespace archi;

namespace {

QByteArray readAll(const QString& file) {
  QFile in(file);
  return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
}

// Page objects counted independently of report_pdf's own counter.
int pageObjects(const QByteArray& pdf) {
  int pages = 0;
  static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
  for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next()) ++pages;
  return pages;
}

bool hasColour(const QImage& image, QRgb rgb) {
  for (int y = 0; y < image.height(); y += 2) {
    for (int x = 0; x < image.width(); x += 2) {
      if ((image.pixel(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) return true;
    }
  }
  return false;
}

}  // namespace

class ReportPdfTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    store_ = std::make_unique<RunStore>(dir_.filePath("runs.db").toStdString());
    run_ = writeReportStore(*store_);
  }

  void writesAnA4Pdf() {
    const RunReport report = buildRunReport(*store_, run_.id);
    const QString file = dir_.filePath("report.pdf");
    const int pages = report_pdf::writeReportPdf(report, file.toStdString());
    QVERIFY(pages >= 1);
    const QByteArray pdf = readAll(file);
    QVERIFY(pdf.startsWith("%PDF-"));
    QCOMPARE(pageObjects(pdf), pages);
    QVERIFY(pdf.contains("/MediaBox [0 0 595"));  // A4 width in points
  }

  void chartsAreDrawnFromTheirSvg() {
    const RunReport report = buildRunReport(*store_, run_.id);
    const report_pdf::RenderedReport rendered = report_pdf::renderReport(report);
    QVERIFY(rendered.charts.size() >= 5);
    // The throughput chart's measured bar of Beijing in Beijing's colour: the SVG was drawn.
    QVERIFY(hasColour(rendered.charts[0], report::datacenterRgb(0)));
    QVERIFY(!rendered.html.contains(QStringLiteral("<svg")));
  }

  void unwritableFileIsNamed() {
    const RunReport report = buildRunReport(*store_, run_.id);
    const QString file = dir_.filePath("missing-folder/report.pdf");
    try {
      report_pdf::writeReportPdf(report, file.toStdString());
      QFAIL("writing into a missing folder succeeded");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(file), e.what());
    }
  }

  void commandLineWithoutDisplay() {
    const QString archi = qEnvironmentVariable("ARCHI_BIN");
    if (archi.isEmpty()) QSKIP("ARCHI_BIN is not set (run through ctest)");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    const QString pdf = dir_.filePath("cli.pdf");
    const QString html = dir_.filePath("cli.html");
    process.start(archi, {"report", "report-run", "--store", dir_.filePath("runs.db"), "--pdf", pdf, "--html", html, "--csv",
                          dir_.filePath("csv")});
    QVERIFY(process.waitForFinished(60000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(process.exitCode() == 0, qPrintable(out + QString::fromUtf8(process.readAllStandardError())));
    QVERIFY(out.contains(QStringLiteral("efficiency against the ideal: 37.0%")));
    QVERIFY(out.contains(QStringLiteral("page(s)")));
    QVERIFY(out.contains(QStringLiteral("steps.csv: 8 rows")));
    QVERIFY(readAll(pdf).startsWith("%PDF-"));
    QVERIFY(readAll(html).contains("<svg"));
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<RunStore> store_;
  ReportStoreRun run_;
};

QTEST_MAIN(ReportPdfTest)
#include "tst_report_pdf.moc"
