#include "ReportDocument.h"

#include <QFile>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include "report/HtmlReport.h"
#include "report/SvgChart.h"

namespace archi::report_pdf {
namespace {

// Twice the size the page shows it at, so that print and high-DPI screens stay sharp.
constexpr int kImageScale = 2;

QImage drawSvg(const std::string& svg) {
  QSvgRenderer renderer(QByteArray::fromStdString(svg));
  QImage image(report::kChartWidth * kImageScale, report::kChartHeight * kImageScale, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  if (!renderer.isValid()) return image;
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  renderer.render(&painter);
  return image;
}

}  // namespace

RenderedReport renderReport(const RunReport& report) {
  const report::HtmlReport html = report::renderHtmlReport(report, report::ChartMode::ImageLinks);
  RenderedReport rendered;
  rendered.html = QString::fromStdString(html.html);
  for (const std::string& svg : html.charts) rendered.charts.push_back(drawSvg(svg));
  return rendered;
}

void fillDocument(QTextDocument& document, const RenderedReport& rendered) {
  for (qsizetype i = 0; i < rendered.charts.size(); ++i) {
    document.addResource(QTextDocument::ImageResource, QUrl(QString::fromStdString(report::chartResourceName(std::size_t(i)))),
                         rendered.charts[i]);
  }
  document.setHtml(rendered.html);
}

int printPdf(QTextDocument& document, const QString& file, QString* error) {
  QFile out(file);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    if (error) *error = QStringLiteral("cannot write the PDF report to %1: %2").arg(file, out.errorString());
    return 0;
  }
  {
    QPdfWriter writer(&out);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer.setTitle(document.metaInformation(QTextDocument::DocumentTitle));
    writer.setCreator(QStringLiteral("Archipelago"));
    // Lay the pages out at the screen's 96 dpi (the size the charts' <img> widths are given in)
    // on the page's printable area; print() then scales each page to the writer. Without a page
    // size, print() would add a margin of its own and lay out at the printer's resolution.
    const QRectF printable_pt = writer.pageLayout().paintRect(QPageLayout::Point);
    constexpr double kPixelsPerPoint = 96.0 / 72.0;
    document.setPageSize(QSizeF(printable_pt.width() * kPixelsPerPoint, printable_pt.height() * kPixelsPerPoint));
    document.print(&writer);
  }
  out.close();
  if (out.error() != QFileDevice::NoError) {
    if (error) *error = QStringLiteral("cannot write the PDF report to %1: %2").arg(file, out.errorString());
    return 0;
  }
  QFile written(file);
  if (!written.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("cannot read back the PDF report %1: %2").arg(file, written.errorString());
    return 0;
  }
  const int pages = countPdfPages(written.readAll());
  if (pages == 0 && error) *error = QStringLiteral("the PDF report %1 came out without a page").arg(file);
  return pages;
}

int countPdfPages(const QByteArray& pdf) {
  static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
  int pages = 0;
  for (QRegularExpressionMatchIterator it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next()) ++pages;
  return pages;
}

}  // namespace archi::report_pdf
