#pragma once
// The console's report of one run (issue 13, item 11): the same report `archi report` writes,
// built off the GUI thread from its own read-only RunStore, shown as the same document the PDF
// prints, with exports to HTML, PDF and CSV.

#include <QFutureWatcher>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>

#include "ReportDocument.h"
#include "report/RunReport.h"

class QLabel;
class QPushButton;
class QTextBrowser;

class ReportView : public QWidget {
  Q_OBJECT

 public:
  explicit ReportView(QWidget* parent = nullptr);
  ~ReportView() override;

  // Reads the run's report in a worker thread and shows it when ready; a later call wins.
  void showRun(const QString& storePath, qint64 runId);

  // The report shown, when one is (tests and exports read it).
  const archi::RunReport* report() const { return loaded_ ? &loaded_->report : nullptr; }

 signals:
  void reportShown(qint64 runId);
  void reportFailed(const QString& message);
  void exportFinished(const QString& file, const QString& error);  // error empty on success

 private:
  struct Loaded {
    qint64 run_id = 0;
    archi::RunReport report;
    archi::report_pdf::RenderedReport rendered;
    QString error;
  };

  void onLoaded();
  void exportHtml();
  void exportPdf();
  void exportCsv();
  // Runs `job` (returns an error, empty on success) in a worker thread and reports on `file`.
  void runExport(const QString& file, std::function<QString()> job);
  void setExportsEnabled(bool enabled);

  QLabel* status_ = nullptr;
  QTextBrowser* browser_ = nullptr;
  QPushButton* exportHtml_ = nullptr;
  QPushButton* exportPdf_ = nullptr;
  QPushButton* exportCsv_ = nullptr;
  QFutureWatcher<std::shared_ptr<Loaded>> loading_;
  std::shared_ptr<const Loaded> loaded_;
  QString storePath_;
  qint64 runId_ = 0;
  qint64 requested_ = 0;  // the run of the latest showRun: older results are dropped
  int exportsRunning_ = 0;
};
