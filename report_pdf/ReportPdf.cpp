#include "ReportPdf.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextDocument>

#include <memory>
#include <stdexcept>

#include "ReportDocument.h"

namespace archi::report_pdf {

int writeReportPdf(const RunReport& report, const std::filesystem::path& file) {
  // Fonts and images need a QGuiApplication; a command-line run has none and maybe no display.
  std::unique_ptr<QGuiApplication> application;
  if (QCoreApplication::instance() == nullptr) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "archi";
    static char* argv[] = {name, nullptr};
    application = std::make_unique<QGuiApplication>(argc, argv);
  } else if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()) == nullptr) {
    throw std::runtime_error("writing the PDF report " + file.string() + " needs a QGuiApplication, not a QCoreApplication");
  }
  QTextDocument document;
  fillDocument(document, renderReport(report));
  QString error;
  const int pages = printPdf(document, QString::fromStdString(file.string()), &error);
  if (pages == 0) throw std::runtime_error(error.toStdString());
  return pages;
}

}  // namespace archi::report_pdf
