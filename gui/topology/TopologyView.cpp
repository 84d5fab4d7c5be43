#include "topology/TopologyView.h"

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "topology/TopologyEdits.h"
#include "topology/TopologyItems.h"
#include "topology/TopologyScene.h"

namespace {
constexpr double kZoomStep = 1.2;
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 6.0;
constexpr double kGridSpacing = 40.0;
}  // namespace

TopologyView::TopologyView(TopologyScene* scene, ProjectDocument& document, QWidget* parent)
    : QGraphicsView(scene, parent), scene_(scene), document_(document) {
  setObjectName("topologyView");
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
  setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setResizeAnchor(QGraphicsView::AnchorViewCenter);
  setDragMode(QGraphicsView::NoDrag);
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
  setSceneRect(QRectF(-5000, -5000, 10000, 10000));
  setAccessibleName(tr("Topology canvas"));
}

void TopologyView::scaleBy(double factor) {
  const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
  const double applied = target / zoom();
  scale(applied, applied);
}

void TopologyView::zoomIn() { scaleBy(kZoomStep); }
void TopologyView::zoomOut() { scaleBy(1.0 / kZoomStep); }
void TopologyView::resetZoom() { setTransform(QTransform()); }

void TopologyView::fitToContent() {
  const QRectF content = scene_->contentRect();
  if (content.isEmpty()) {
    resetZoom();
    centerOn(0, 0);
    return;
  }
  fitInView(content.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
  if (zoom() > 1.5) {  // a single small datacenter should not be blown up
    setTransform(QTransform::fromScale(1.5, 1.5));
    centerOn(content.center());
  }
}

void TopologyView::wheelEvent(QWheelEvent* event) {
  if (event->angleDelta().y() == 0) {
    QGraphicsView::wheelEvent(event);
    return;
  }
  scaleBy(std::pow(kZoomStep, event->angleDelta().y() / 120.0));
  event->accept();
}

void TopologyView::mousePressEvent(QMouseEvent* event) {
  const bool onItem = itemAt(event->pos()) != nullptr;
  const bool panButton = event->button() == Qt::MiddleButton ||
                         (event->button() == Qt::LeftButton && !onItem && !(event->modifiers() & Qt::ShiftModifier) &&
                          !scene_->connectMode());
  if (panButton) {
    panning_ = true;
    pannedSincePress_ = false;
    lastPanPos_ = event->pos();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  if (event->button() == Qt::LeftButton && !onItem) setDragMode(QGraphicsView::RubberBandDrag);
  QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPoint delta = event->pos() - lastPanPos_;
    lastPanPos_ = event->pos();
    pannedSincePress_ = pannedSincePress_ || delta.manhattanLength() > 0;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    event->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_) {
    panning_ = false;
    viewport()->unsetCursor();
    // A click on the empty background (no drag) clears the selection, as operators expect.
    if (!pannedSincePress_ && event->button() == Qt::LeftButton) scene_->clearSelection();
    event->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
  setDragMode(QGraphicsView::NoDrag);
}

void TopologyView::keyPressEvent(QKeyEvent* event) {
  const double step = (event->modifiers() & Qt::ShiftModifier) ? 5 * DatacenterItem::kGrid : DatacenterItem::kGrid;
  switch (event->key()) {
    case Qt::Key_Left: scene_->nudgeSelection(-step, 0); return;
    case Qt::Key_Right: scene_->nudgeSelection(step, 0); return;
    case Qt::Key_Up: scene_->nudgeSelection(0, -step); return;
    case Qt::Key_Down: scene_->nudgeSelection(0, step); return;
    default: break;
  }
  QGraphicsView::keyPressEvent(event);
}

void TopologyView::setDropTarget(NodeItem* node) {
  if (dropTarget_ == node) return;
  if (dropTarget_ && dropTarget_->scene() == scene_) dropTarget_->setDropTarget(false);
  dropTarget_ = node;
  if (dropTarget_) dropTarget_->setDropTarget(true);
}

void TopologyView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kGpuTypeMimeType)) {
    event->acceptProposedAction();
    return;
  }
  QGraphicsView::dragEnterEvent(event);
}

void TopologyView::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(kGpuTypeMimeType)) {
    setDropTarget(scene_->nodeAt(mapToScene(event->position().toPoint())));
    event->acceptProposedAction();
    return;
  }
  QGraphicsView::dragMoveEvent(event);
}

void TopologyView::dragLeaveEvent(QDragLeaveEvent* event) {
  setDropTarget(nullptr);
  QGraphicsView::dragLeaveEvent(event);
}

void TopologyView::dropEvent(QDropEvent* event) {
  if (!event->mimeData()->hasFormat(kGpuTypeMimeType)) {
    QGraphicsView::dropEvent(event);
    return;
  }
  setDropTarget(nullptr);
  const QString type = QString::fromUtf8(event->mimeData()->data(kGpuTypeMimeType));
  if (dropGpuType(type, mapToScene(event->position().toPoint()))) event->acceptProposedAction();
}

bool TopologyView::dropGpuType(const QString& type, const QPointF& scenePos) {
  if (!document_.project() || type.isEmpty()) return false;
  archi::Project project = *document_.project();
  ItemKey created;
  QString text;
  if (NodeItem* node = scene_->nodeAt(scenePos)) {
    created = topology_edits::addDevice(project, node->key().dc, node->key().node, type.toStdString());
    text = tr("Add %1").arg(type);
  } else if (DatacenterItem* dc = scene_->datacenterAt(scenePos)) {
    const ItemKey nodeKey = topology_edits::addNode(project, dc->key().dc);
    created = topology_edits::addDevice(project, nodeKey.dc, nodeKey.node, type.toStdString());
    text = tr("Add node with %1").arg(type);
  } else {
    const ItemKey dcKey = topology_edits::addDatacenter(
        project, {std::round(scenePos.x() / DatacenterItem::kGrid) * DatacenterItem::kGrid,
                  std::round(scenePos.y() / DatacenterItem::kGrid) * DatacenterItem::kGrid});
    created = topology_edits::addDevice(project, dcKey.dc, 0, type.toStdString());
    text = tr("Add datacenter with %1").arg(type);
  }
  if (!created.isValid()) return false;
  document_.applyEdit(text, project);
  scene_->selectKeys({created});
  emit scene_->selectionKeysChanged(scene_->selectedKeys());
  return true;
}

void TopologyView::scrollContentsBy(int dx, int dy) {
  QGraphicsView::scrollContentsBy(dx, dy);
  // Scrolling blits the viewport, legend included: repaint the strip where the legend lives.
  viewport()->update(QRect(0, viewport()->height() - 44, viewport()->width(), 44));
}

void TopologyView::contextMenuEvent(QContextMenuEvent* event) {
  // Right-click acts on what is under the mouse: select it first unless it is already selected.
  if (QGraphicsItem* item = itemAt(event->pos())) {
    for (QGraphicsItem* up = item; up; up = up->parentItem()) {
      if (up->flags() & QGraphicsItem::ItemIsSelectable) {
        if (!up->isSelected()) {
          scene_->clearSelection();
          up->setSelected(true);
        }
        break;
      }
    }
  }
  if (contextActions_.isEmpty()) return;
  QMenu menu(this);
  for (QAction* action : std::as_const(contextActions_)) {
    if (action) {
      menu.addAction(action);
    } else {
      menu.addSeparator();
    }
  }
  menu.exec(event->globalPos());
}

void TopologyView::drawForeground(QPainter* painter, const QRectF&) {
  painter->save();
  painter->resetTransform();  // viewport coordinates: the legend does not zoom or pan
  painter->setRenderHint(QPainter::Antialiasing);
  QFont font = painter->font();
  font.setPixelSize(11);
  painter->setFont(font);
  const QFontMetrics metrics(font);
  const QPalette pal = palette();
  struct Entry {
    QColor color;
    QString text;
    bool dashed;
  };
  const QList<Entry> entries = {{visual_style::vendorColor("NVIDIA"), tr("NVIDIA"), false},
                                {visual_style::vendorColor("Huawei"), tr("Huawei Ascend"), false},
                                {visual_style::vendorColor("AMD"), tr("AMD"), false},
                                {visual_style::vendorColor("CPU"), tr("CPU / other"), false},
                                {pal.color(QPalette::Base), tr("emulated"), true}};
  int width = 12;
  for (const Entry& e : entries) width += 18 + metrics.horizontalAdvance(e.text) + 12;
  const QRect box(10, viewport()->height() - 34, width, 24);
  QColor background = pal.color(QPalette::Base);
  background.setAlphaF(0.92);
  painter->setPen(QPen(pal.color(QPalette::Mid), 1));
  painter->setBrush(background);
  painter->drawRoundedRect(box, 6, 6);
  int x = box.left() + 10;
  for (const Entry& e : entries) {
    const QRectF swatch(x, box.top() + 6, 14, 12);
    painter->setPen(e.dashed ? QPen(pal.color(QPalette::Text), 1.2, Qt::DashLine) : QPen(e.color.darker(140), 1));
    painter->setBrush(e.color);
    painter->drawRoundedRect(swatch, 3, 3);
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(QPointF(x + 18, box.top() + 16), e.text);
    x += 18 + metrics.horizontalAdvance(e.text) + 12;
  }
  painter->restore();
}

void TopologyView::drawBackground(QPainter* painter, const QRectF& rect) {
  const QPalette pal = palette();
  painter->fillRect(rect, pal.color(QPalette::Base));
  // A faint dot grid: orientation while panning, and a hint that positions snap.
  if (zoom() < 0.35) return;
  QColor dot = pal.color(QPalette::Text);
  dot.setAlphaF(visual_style::isDark(pal) ? 0.16 : 0.13);
  painter->setPen(QPen(dot, 2.0 / zoom()));
  const double left = std::floor(rect.left() / kGridSpacing) * kGridSpacing;
  const double top = std::floor(rect.top() / kGridSpacing) * kGridSpacing;
  QVector<QPointF> points;
  for (double x = left; x < rect.right(); x += kGridSpacing) {
    for (double y = top; y < rect.bottom(); y += kGridSpacing) points.append(QPointF(x, y));
  }
  painter->drawPoints(points.constData(), int(points.size()));
}
