#include "topology/LinkItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "topology/ItemPainting.h"
#include <QPainterPathStroker>
#include "topology/DatacenterItem.h"

using namespace item_painting;

LinkItem::LinkItem(const ItemKey& key, DatacenterItem* a, DatacenterItem* b, double gbit, const QString& label)
    : KeyedItem(key, nullptr), a_(a), b_(b), width_(visual_style::linkWidth(gbit)), label_(label) {
  setZValue(-1);
  a_->addLink(this);
  b_->addLink(this);
  updateGeometry();
}

void LinkItem::updateGeometry() {
  prepareGeometryChange();
  const QRectF ra = a_->mapRectToScene(QRectF(0, 0, DatacenterItem::kWidth, a_->boundingRect().height() - 6));
  const QRectF rb = b_->mapRectToScene(QRectF(0, 0, DatacenterItem::kWidth, b_->boundingRect().height() - 6));
  line_ = QLineF(exitPoint(ra, rb.center()), exitPoint(rb, ra.center()));
  const QFontMetricsF metrics(pixelFont(11));
  const QSizeF labelSize(metrics.horizontalAdvance(label_) + 16, metrics.height() + 8);
  labelRect_ = QRectF(line_.center() - QPointF(labelSize.width() / 2, labelSize.height() / 2), labelSize);
  update();
}

QRectF LinkItem::boundingRect() const {
  const double m = width_ + 6;
  return QRectF(line_.p1(), line_.p2()).normalized().adjusted(-m, -m, m, m).united(labelRect_.adjusted(-4, -4, 4, 4));
}

QPainterPath LinkItem::shape() const {
  QPainterPath line;
  line.moveTo(line_.p1());
  line.lineTo(line_.p2());
  QPainterPathStroker stroker;
  stroker.setWidth(std::max(width_, 10.0));
  QPainterPath path = stroker.createStroke(line);
  path.addRoundedRect(labelRect_, 6, 6);
  return path;
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const QPalette palette = paletteOf(this);
  painter->setRenderHint(QPainter::Antialiasing);
  QColor lineColor = palette.color(QPalette::WindowText);
  lineColor.setAlphaF(0.55);
  if (problem() == Problem::Error) lineColor = visual_style::errorColor();
  if (problem() == Problem::Warning) lineColor = visual_style::warningColor();
  if (isSelected()) lineColor = palette.color(QPalette::Highlight);
  painter->setPen(QPen(lineColor, width_, Qt::SolidLine, Qt::RoundCap));
  painter->drawLine(line_);

  painter->setPen(QPen(isSelected() || problem() != Problem::None ? lineColor : palette.color(QPalette::Mid), 1.2));
  painter->setBrush(palette.color(QPalette::Base));
  painter->drawRoundedRect(labelRect_, 6, 6);
  painter->setPen(palette.color(QPalette::Text));
  painter->setFont(pixelFont(11));
  painter->drawText(labelRect_, Qt::AlignCenter, label_);
}
