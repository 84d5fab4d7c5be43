#include "history/ReportView.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

#include "report/HtmlReport.h"
#include "store/RunCsvExport.h"
#include "store/RunStore.h"

ReportView::ReportView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  status_ = new QLabel(tr("No run selected."), this);
  exportHtml_ = new QPushButton(tr("Export HTML…"), this);
  exportHtml_->setToolTip(tr("Save the report as one self-contained HTML file"));
  exportPdf_ = new QPushButton(tr("Export PDF…"), this);
  exportPdf_->setToolTip(tr("Save the report as an A4 PDF"));
  exportCsv_ = new QPushButton(tr("Export CSV…"), this);
  exportCsv_->setToolTip(tr("Save every stored row of the run as CSV files into a folder"));
  bar->addWidget(status_, 1);
  bar->addWidget(exportHtml_);
  bar->addWidget(exportPdf_);
  bar->addWidget(exportCsv_);
  layout->addLayout(bar);
  browser_ = new QTextBrowser(this);
  browser_->setOpenLinks(false);
  layout->addWidget(browser_, 1);
  setExportsEnabled(false);

  connect(&loading_, &QFutureWatcher<std::shared_ptr<Loaded>>::finished, this, &ReportView::onLoaded);
  connect(exportHtml_, &QPushButton::clicked, this, &ReportView::exportHtml);
  connect(exportPdf_, &QPushButton::clicked, this, &ReportView::exportPdf);
  connect(exportCsv_, &QPushButton::clicked, this, &ReportView::exportCsv);
}

ReportView::~ReportView() { loading_.waitForFinished(); }

void ReportView::showRun(const QString& storePath, qint64 runId) {
  storePath_ = storePath;
  requested_ = runId;
  setExportsEnabled(false);
  status_->setText(tr("Reading the report of run %1…").arg(runId));
  // Everything that touches the store or lays out charts runs in a worker thread with its own
  // read-only connection (one RunStore per thread).
  const std::string path = storePath.toStdString();
  loading_.setFuture(QtConcurrent::run([path, runId]() -> std::shared_ptr<Loaded> {
    auto loaded = std::make_shared<Loaded>();
    loaded->run_id = runId;
    try {
      archi::RunStore store(path, archi::RunStore::Access::ReadOnly);
      loaded->report = archi::buildRunReport(store, runId);
      loaded->rendered = archi::report_pdf::renderReport(loaded->report);
    } catch (const std::exception& e) {
      loaded->error = QString::fromStdString(e.what());
    }
    return loaded;
  }));
}

void ReportView::onLoaded() {
  const std::shared_ptr<Loaded> loaded = loading_.result();
  if (loaded->run_id != requested_) return;  // a later showRun is on its way
  if (!loaded->error.isEmpty()) {
    loaded_.reset();
    browser_->clear();
    const QString message = tr("Could not read the report of run %1 from %2: %3").arg(requested_).arg(storePath_, loaded->error);
    status_->setText(message);
    emit reportFailed(message);
    return;
  }
  loaded_ = loaded;
  runId_ = requested_;
  // The browser owns its document; fill it as the PDF's is filled, so both show the same.
  archi::report_pdf::fillDocument(*browser_->document(), loaded->rendered);
  status_->setText(tr("Run %1 (id %2)").arg(QString::fromStdString(loaded->report.summary.run.name)).arg(runId_));
  setExportsEnabled(true);
  emit reportShown(runId_);
}

void ReportView::setExportsEnabled(bool enabled) {
  const bool on = enabled && exportsRunning_ == 0;
  exportHtml_->setEnabled(on);
  exportPdf_->setEnabled(on);
  exportCsv_->setEnabled(on);
}

void ReportView::runExport(const QString& file, std::function<QString()> job) {
  ++exportsRunning_;
  setExportsEnabled(false);
  status_->setText(tr("Writing %1…").arg(QDir::toNativeSeparators(file)));
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, file] {
    const QString error = watcher->result();
    watcher->deleteLater();
    --exportsRunning_;
    setExportsEnabled(loaded_ != nullptr);
    if (error.isEmpty()) {
      status_->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(file)));
    } else {
      status_->setText(tr("Export failed: %1").arg(QDir::toNativeSeparators(file)));
      QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1:\n%2").arg(QDir::toNativeSeparators(file), error));
    }
    emit exportFinished(file, error);
  });
  watcher->setFuture(QtConcurrent::run(std::move(job)));
}

void ReportView::exportHtml() {
  if (!loaded_) return;
  const QString file = QFileDialog::getSaveFileName(this, tr("Export the report as HTML"),
                                                    QString::fromStdString(loaded_->report.summary.run.name) + QStringLiteral(".html"),
                                                    tr("HTML files (*.html)"));
  if (file.isEmpty()) return;
  std::shared_ptr<const Loaded> loaded = loaded_;
  runExport(file, [loaded, file]() -> QString {
    const std::string html = archi::report::renderHtmlReport(loaded->report, archi::report::ChartMode::InlineSvg).html;
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) return out.errorString();
    if (out.write(html.data(), qint64(html.size())) != qint64(html.size())) return out.errorString();
    out.close();
    return out.error() == QFileDevice::NoError ? QString() : out.errorString();
  });
}

void ReportView::exportPdf() {
  if (!loaded_) return;
  const QString file = QFileDialog::getSaveFileName(this, tr("Export the report as PDF"),
                                                    QString::fromStdString(loaded_->report.summary.run.name) + QStringLiteral(".pdf"),
                                                    tr("PDF files (*.pdf)"));
  if (file.isEmpty()) return;
  std::shared_ptr<const Loaded> loaded = loaded_;
  runExport(file, [loaded, file]() -> QString {
    // A document of the worker thread's own, filled exactly as the one on screen.
    QTextDocument document;
    archi::report_pdf::fillDocument(document, loaded->rendered);
    QString error;
    return archi::report_pdf::printPdf(document, file, &error) > 0 ? QString() : error;
  });
}

void ReportView::exportCsv() {
  if (!loaded_) return;
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export every stored row as CSV into a folder"));
  if (dir.isEmpty()) return;
  const std::string storePath = storePath_.toStdString();
  const qint64 runId = runId_;
  runExport(dir, [storePath, runId, dir]() -> QString {
    try {
      archi::RunStore store(storePath, archi::RunStore::Access::ReadOnly);
      archi::exportRunCsv(store, runId, dir.toStdString());
      return {};
    } catch (const std::exception& e) {
      return QString::fromStdString(e.what());
    }
  });
}
