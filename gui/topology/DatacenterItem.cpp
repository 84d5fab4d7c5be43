#include "topology/DatacenterItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "bridge/LiveRunState.h"
#include "topology/ItemPainting.h"
#include "topology/LinkHandleItem.h"
#include "topology/LinkItem.h"

using namespace item_painting;

DatacenterItem::DatacenterItem(const ItemKey& key, const QColor& color, const DatacenterSummary& summary)
    : KeyedItem(key, nullptr), color_(color), summary_(summary) {
  setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
  setZValue(0);
  setCacheMode(DeviceCoordinateCache);
  auto* handle = new LinkHandleItem(this);
  handle->setPos(kWidth - 22, 22);
}

void DatacenterItem::setContentHeight(double height) {
  prepareGeometryChange();
  height_ = kHeaderHeight + kPadding + height + kPadding;
}

QRectF DatacenterItem::boundingRect() const { return QRectF(-3, -3, kWidth + 6, height_ + 6); }

QPainterPath DatacenterItem::shape() const {
  QPainterPath path;
  path.addRoundedRect(QRectF(0, 0, kWidth, height_), 12, 12);
  return path;
}

void DatacenterItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const QPalette palette = paletteOf(this);
  const bool dark = visual_style::isDark(palette);
  painter->setRenderHint(QPainter::Antialiasing);
  const QRectF rect(0, 0, kWidth, height_);
  QColor fill = color_;
  fill.setAlpha(dark ? 48 : 30);
  const bool leftOut = !liveLabel_.isEmpty();
  painter->setPen(leftOut ? QPen(visual_style::warningColor(), 2.4, Qt::DashLine) : QPen(color_, 1.6));
  painter->setBrush(fill);
  painter->drawRoundedRect(rect, 12, 12);

  // Header: a colour bar, the name and region, then the totals.
  painter->setPen(Qt::NoPen);
  painter->setBrush(color_);
  painter->drawRoundedRect(QRectF(kPadding, 14, 5, 32), 2.5, 2.5);
  const QColor text = palette.color(QPalette::WindowText);
  QColor muted = text;
  muted.setAlphaF(0.68);
  painter->setPen(text);
  const QFont nameFont = pixelFont(15, true);
  painter->setFont(nameFont);
  const double textLeft = kPadding + 13;
  const double nameWidth = QFontMetricsF(nameFont).horizontalAdvance(summary_.name);
  painter->drawText(QPointF(textLeft, 28), summary_.name);
  painter->setPen(muted);
  painter->setFont(pixelFont(12));
  painter->drawText(QPointF(textLeft + nameWidth + 8, 28), summary_.region);
  QString totals = visual_style::count(summary_.nodes, QObject::tr("node"), QObject::tr("nodes")) + QStringLiteral(" · ");
  if (summary_.enabledDevices == summary_.devices) {
    totals += visual_style::count(summary_.devices, QObject::tr("device"), QObject::tr("devices"));
  } else {
    totals += QObject::tr("%1 of %2 enabled").arg(summary_.enabledDevices).arg(visual_style::count(summary_.devices, QObject::tr("device"), QObject::tr("devices")));
  }
  totals += QObject::tr(" · %1 peak").arg(visual_style::formatFlops(summary_.peakTflops));
  painter->drawText(QPointF(textLeft, 46), totals);

  if (leftOut) {
    // A pill left of the link handle: a "no entry" glyph drawn as shapes, then the words.
    const QFont font = pixelFont(12, true);
    const double textWidth = QFontMetricsF(font).horizontalAdvance(liveLabel_);
    const QRectF pill(kWidth - 40 - textWidth - 26, 12, textWidth + 30, 22);
    painter->setPen(Qt::NoPen);
    painter->setBrush(visual_style::warningColor());
    painter->drawRoundedRect(pill, 11, 11);
    const QColor ink = visual_style::textOn(visual_style::warningColor());
    const QRectF glyph(pill.left() + 6, pill.top() + 4, 14, 14);
    painter->setPen(QPen(ink, 1.8));
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(glyph);
    painter->drawLine(QLineF(glyph.center() - QPointF(4.5, 0), glyph.center() + QPointF(4.5, 0)));
    painter->setFont(font);
    painter->drawText(QRectF(glyph.right() + 4, pill.top(), textWidth + 2, pill.height()), Qt::AlignVCenter | Qt::AlignLeft, liveLabel_);
  }

  paintMarks(painter, shape());
}

QVariant DatacenterItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionChange) {
    const QPointF p = value.toPointF();
    return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
  }
  if (change == ItemPositionHasChanged) {
    for (LinkItem* link : links_) link->updateGeometry();
  }
  return KeyedItem::itemChange(change, value);
}

void DatacenterItem::setLive(const LiveDatacenter* live, const QString& runName) {
  const QString label = live != nullptr && live->leftOut ? QObject::tr("left out") : QString();
  if (live == nullptr) {
    setStateNote(QString());
  } else {
    QString note = QObject::tr("Run %1: round %2 · %3").arg(runName).arg(live->round).arg(visual_style::formatRate(live->tokensPerSecond));
    if (live->leftOut) note += QObject::tr("\nleft out of the latest outer group (cut off, or re-joining): its steps do not reach the global model until it is back");
    setStateNote(note);
  }
  if (label == liveLabel_) return;
  liveLabel_ = label;
  update();
}
