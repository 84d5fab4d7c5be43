// The console's report view shows the same figures as summarizeRun, formatted as the console
// formats them elsewhere (VisualStyle), and says which run it could not read.

#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>
#include <QtTest>

#include "app/VisualStyle.h"
#include "common/ReportStore.h"
#include "history/ReportView.h"
#include "report/ReportFormat.h"
#include "report/RunSummary.h"
#include "report/SvgChart.h"

using namespace archi;

class ReportViewTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // The report is written in English; the console's formats agree with it in that locale.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(dir_.isValid());
    RunStore store(dir_.filePath("runs.db").toStdString());
    run_ = writeReportStore(store);
    summary_ = summarizeRun(store, run_.id);
  }

  void showsSummarizeRunsFigures() {
    ReportView view;
    view.resize(1000, 800);
    view.show();
    QSignalSpy shown(&view, &ReportView::reportShown);
    view.showRun(dir_.filePath("runs.db"), run_.id);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.first().first().toLongLong(), run_.id);
    const QString text = view.findChild<QTextBrowser*>()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("Run report: report-run")));
    // Tokens and throughput exactly as the console's formatters write summarizeRun's numbers.
    QVERIFY2(text.contains(QLocale().toString(qint64(summary_.tokens))), qPrintable(QLocale().toString(qint64(summary_.tokens))));
    QVERIFY(text.contains(visual_style::formatRate(*summary_.tokens_per_s)));
    QCOMPARE(visual_style::formatRate(*summary_.tokens_per_s), QString::fromStdString(report::formatRate(*summary_.tokens_per_s)));
    QVERIFY(text.contains(QStringLiteral("%1%").arg(QLocale().toString(100.0 * *summary_.efficiency, 'f', 1))));  // "37.0%"
    QVERIFY(text.contains(QString::fromStdString(report::formatSignedPercent(*summary_.planner_error))));
    QVERIFY(text.contains(QString::fromUtf8(kHostileText)));  // shown as text, not run as markup
    // The charts are in the view, drawn from their SVG like the PDF's.
    const QTextDocument* document = view.findChild<QTextBrowser*>()->document();
    const QImage firstChart = document->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart-0.svg"))).value<QImage>();
    QCOMPARE(firstChart.width(), 2 * report::kChartWidth);
    QVERIFY(view.report() != nullptr);
    QCOMPARE(view.report()->summary.tokens, summary_.tokens);
    for (QPushButton* button : view.findChildren<QPushButton*>()) QVERIFY(button->isEnabled());
  }

  void namesARunItCannotRead() {
    ReportView view;
    QSignalSpy failed(&view, &ReportView::reportFailed);
    view.showRun(dir_.filePath("runs.db"), run_.id + 1000);
    QVERIFY(failed.wait(20000));
    QVERIFY(failed.first().first().toString().contains(QString::number(run_.id + 1000)));
    QVERIFY(view.report() == nullptr);
    for (QPushButton* button : view.findChildren<QPushButton*>()) QVERIFY(!button->isEnabled());
  }

 private:
  QTemporaryDir dir_;
  ReportStoreRun run_;
  RunSummary summary_;
};

QTEST_MAIN(ReportViewTest)
#include "tst_report_view.moc"
