#include "app/CatalogPalette.h"

#include <QLocale>
#include <QMimeData>
#include <QPainter>

#include "app/VisualStyle.h"
#include "core/GpuCatalog.h"
#include "topology/TopologyView.h"

namespace {

QIcon chipIcon(const QColor& color) {
  QPixmap pixmap(32, 32);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QPen(color.darker(140), 1.5));
  painter.setBrush(color);
  painter.drawRoundedRect(QRectF(3, 7, 26, 18), 4, 4);
  return QIcon(pixmap);
}

}  // namespace

CatalogPalette::CatalogPalette(const archi::GpuCatalog& catalog, QWidget* parent) : QListWidget(parent) {
  setObjectName("catalogPalette");
  setDragEnabled(true);
  setDragDropMode(QAbstractItemView::DragOnly);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setIconSize(QSize(24, 24));
  setAlternatingRowColors(true);
  setAccessibleName(tr("GPU catalog"));
  const QLocale locale;
  for (const archi::GpuSpec& spec : catalog.entries()) {
    const QString type = QString::fromStdString(spec.type);
    const QString vendor = QString::fromStdString(spec.vendor);
    auto* item = new QListWidgetItem(chipIcon(visual_style::vendorColor(vendor)),
                                     tr("%1\n%2 · %3 GiB · %4").arg(type, vendor, locale.toString(spec.memory_gib, 'f', 0),
                                                                    visual_style::formatFlops(spec.bf16_tflops)),
                                     this);
    item->setData(Qt::UserRole, type);
    QString tip = tr("%1 (%2)\nSource: %3").arg(type, vendor, QString::fromStdString(spec.source));
    if (!spec.official) tip += tr("\nFigures are not vendor-published");
    if (!spec.note.empty()) tip += '\n' + QString::fromStdString(spec.note);
    tip += tr("\n\nDrag onto a node to add a device, or press Enter to add one to the selected node.");
    item->setToolTip(tip);
  }
  connect(this, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { emit typeActivated(item->data(Qt::UserRole).toString()); });
}

QStringList CatalogPalette::mimeTypes() const { return {kGpuTypeMimeType, QStringLiteral("text/plain")}; }

QMimeData* CatalogPalette::mimeData(const QList<QListWidgetItem*>& items) const {
  if (items.isEmpty()) return nullptr;
  auto* data = new QMimeData;
  const QString type = items.front()->data(Qt::UserRole).toString();
  data->setData(kGpuTypeMimeType, type.toUtf8());
  data->setText(type);
  return data;
}
