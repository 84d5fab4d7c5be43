#include "topology/LinkHandleItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "topology/ItemPainting.h"

using namespace item_painting;

LinkHandleItem::LinkHandleItem(QGraphicsItem* parent) : QGraphicsItem(parent) {
  setCursor(Qt::CrossCursor);
  setToolTip(QObject::tr("Drag to another datacenter to draw a WAN link"));
  setAcceptedMouseButtons(Qt::NoButton);  // the scene handles the drag
}

QRectF LinkHandleItem::boundingRect() const { return {-kRadius - 1, -kRadius - 1, 2 * kRadius + 2, 2 * kRadius + 2}; }

void LinkHandleItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const QPalette palette = paletteOf(this);
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setPen(QPen(palette.color(QPalette::Mid), 1.2));
  painter->setBrush(palette.color(QPalette::Base));
  painter->drawEllipse(QPointF(0, 0), kRadius, kRadius);
  painter->setPen(QPen(palette.color(QPalette::Text), 1.6, Qt::SolidLine, Qt::RoundCap));
  painter->drawLine(QPointF(-4.5, 0), QPointF(4.5, 0));
  painter->drawLine(QPointF(1.5, -3), QPointF(4.5, 0));
  painter->drawLine(QPointF(1.5, 3), QPointF(4.5, 0));
}
