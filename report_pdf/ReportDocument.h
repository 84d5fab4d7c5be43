#pragma once
// The report as a QTextDocument: the engine's HTML (report/HtmlReport.h) with every chart
// drawn from its SVG by QSvgRenderer into an image resource. The PDF prints this document and
// the console's report view shows it, so both show the same thing.

#include <QImage>
#include <QList>
#include <QString>

#include "report/RunReport.h"

class QTextDocument;

namespace archi::report_pdf {

struct RenderedReport {
  QString html;           // charts referenced as <img src="chart-N.svg">
  QList<QImage> charts;   // chart N, drawn at twice its size on the page
};

// HTML and chart images; touches no widget or document, so it may run on any thread.
RenderedReport renderReport(const RunReport& report);

// Loads `rendered` into `document` (on the document's thread).
void fillDocument(QTextDocument& document, const RenderedReport& rendered);

// Prints `document` to `file` as an A4 PDF (paginating it to the page first). Returns the
// number of pages, or 0 with `error` naming the file and the reason.
int printPdf(QTextDocument& document, const QString& file, QString* error);

// Pages in a PDF as Qt writes it (one "/Type /Page" object per page).
int countPdfPages(const QByteArray& pdf);

}  // namespace archi::report_pdf
