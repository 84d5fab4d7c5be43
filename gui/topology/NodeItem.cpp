#include "topology/NodeItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "topology/ItemPainting.h"

using namespace item_painting;

NodeItem::NodeItem(const ItemKey& key, const QString& id, const QString& endpoint, double width, double height,
                   QGraphicsItem* parent)
    : KeyedItem(key, parent), id_(id), endpoint_(endpoint), size_(width, height) {}

QRectF NodeItem::boundingRect() const { return QRectF(QPointF(-2, -2), size_ + QSizeF(4, 4)); }

void NodeItem::setDropTarget(bool on) {
  dropTarget_ = on;
  update();
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const QPalette palette = paletteOf(this);
  painter->setRenderHint(QPainter::Antialiasing);
  const QRectF rect(QPointF(0, 0), size_);
  painter->setPen(QPen(dropTarget_ ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid),
                       dropTarget_ ? 2.5 : 1.0));
  painter->setBrush(palette.color(QPalette::Base));
  painter->drawRoundedRect(rect, 7, 7);
  painter->setPen(palette.color(QPalette::Text));
  painter->setFont(pixelFont(12, true));
  painter->drawText(QRectF(kPadding, 0, size_.width() / 2, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft, id_);
  QColor muted = palette.color(QPalette::Text);
  muted.setAlphaF(0.62);
  painter->setPen(muted);
  painter->setFont(pixelFont(11));
  painter->drawText(QRectF(size_.width() / 2, 0, size_.width() / 2 - kPadding, kHeaderHeight),
                    Qt::AlignVCenter | Qt::AlignRight, endpoint_);
  QPainterPath outline;
  outline.addRoundedRect(rect, 7, 7);
  paintMarks(painter, outline);
}
