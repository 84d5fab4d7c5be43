#pragma once
// The canvas view: zoom (wheel, Ctrl +/-), pan (drag the background or the middle button),
// rubber-band selection with Shift, fit to view, keyboard nudging, and drops of GPU types
// from the catalog palette onto nodes (or datacenters, or empty space).

#include <QGraphicsView>

class ProjectDocument;
class TopologyScene;
class NodeItem;

inline constexpr const char* kGpuTypeMimeType = "application/x-archipelago-gpu-type";

class TopologyView : public QGraphicsView {
  Q_OBJECT

 public:
  TopologyView(TopologyScene* scene, ProjectDocument& document, QWidget* parent = nullptr);

  // Actions offered by the right-click menu (the window's own, so shortcuts match).
  void setContextActions(const QList<QAction*>& actions) { contextActions_ = actions; }

  void zoomIn();
  void zoomOut();
  void resetZoom();
  void fitToContent();
  double zoom() const { return transform().m11(); }

  // What a drop of `type` at `scenePos` does; public so tests can drive it without a drag.
  bool dropGpuType(const QString& type, const QPointF& scenePos);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dragLeaveEvent(QDragLeaveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;
  // A small fixed legend in the corner: what the colours and the dashed outline mean.
  void drawForeground(QPainter* painter, const QRectF& rect) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void scrollContentsBy(int dx, int dy) override;

 private:
  void scaleBy(double factor);
  void setDropTarget(NodeItem* node);

  TopologyScene* scene_;
  ProjectDocument& document_;
  bool panning_ = false;
  bool pannedSincePress_ = false;
  QPoint lastPanPos_;
  NodeItem* dropTarget_ = nullptr;
  QList<QAction*> contextActions_;
};
