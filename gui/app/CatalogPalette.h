#pragma once
// The GPU catalog palette: every known accelerator type with its vendor colour and headline
// figures. Drag one onto a node on the canvas, or press Enter / double-click to add it to the
// node selected there.

#include <QListWidget>

namespace archi {
class GpuCatalog;
}

class CatalogPalette : public QListWidget {
  Q_OBJECT

 public:
  explicit CatalogPalette(const archi::GpuCatalog& catalog, QWidget* parent = nullptr);

 signals:
  void typeActivated(const QString& type);

 protected:
  QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
  QStringList mimeTypes() const override;
};
