#include "topology/DeviceGroupItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "topology/ItemPainting.h"

using namespace item_painting;

DeviceGroupItem::DeviceGroupItem(const ItemKey& key, const ChipStyle& style, const QList<QRectF>& chips,
                                 int countBadge, QGraphicsItem* parent)
    : KeyedItem(key, parent), style_(style), chips_(chips), countBadge_(countBadge) {
  for (const QRectF& chip : chips_) shape_.addRoundedRect(chip, 5, 5);
  setCacheMode(DeviceCoordinateCache);
}

QRectF DeviceGroupItem::boundingRect() const { return shape_.boundingRect().adjusted(-3, -8, 8, 3); }

QPainterPath DeviceGroupItem::shape() const { return shape_; }

void DeviceGroupItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const QPalette palette = paletteOf(this);
  painter->setRenderHint(QPainter::Antialiasing);
  QColor fill = visual_style::vendorColor(style_.vendor);
  QColor text = visual_style::textOn(fill);
  if (!style_.enabled) {
    // Left out of the run: drawn faded and labelled, so colour is not the only cue.
    fill = palette.color(QPalette::Window);
    text = palette.color(QPalette::Text);
    text.setAlphaF(0.6);
  }
  QPen outline(style_.enabled ? fill.darker(140) : palette.color(QPalette::Mid), 1.0);
  if (style_.emulate) {
    // The dash must read against the card: dark vendor shade on light cards, light text colour on dark ones.
    const QColor dash = style_.enabled && !visual_style::isDark(palette) ? fill.darker(190) : palette.color(QPalette::Text);
    outline = QPen(dash, 1.6, Qt::DashLine);
  }
  const QString second = !style_.enabled ? QObject::tr("disabled")
                         : style_.emulate ? QObject::tr("emulated")
                         : !style_.known  ? QObject::tr("unknown type")
                                          : QObject::tr("%1 GiB").arg(QLocale().toString(style_.memoryGib, 'f', 0));
  for (const QRectF& chip : chips_) {
    painter->setPen(outline);
    painter->setBrush(fill);
    painter->drawRoundedRect(chip.adjusted(0.8, 0.8, -0.8, -0.8), 5, 5);
    painter->setPen(text);
    const QRectF top(chip.left() + 2, chip.top() + 4, chip.width() - 4, chip.height() / 2 - 2);
    // Long type names ("Ascend-910B") get a smaller font before they get elided.
    int pixels = 11;
    while (pixels > 8 && QFontMetricsF(pixelFont(pixels, true)).horizontalAdvance(style_.type) > top.width()) --pixels;
    painter->setFont(pixelFont(pixels, true));
    painter->drawText(top, Qt::AlignCenter,
                      QFontMetrics(painter->font()).elidedText(style_.type, Qt::ElideRight, int(top.width())));
    painter->setFont(pixelFont(10, false, style_.emulate));
    painter->drawText(QRectF(chip.left() + 2, chip.center().y(), chip.width() - 4, chip.height() / 2 - 3),
                      Qt::AlignCenter, second);
  }
  if (countBadge_ > 1 && !chips_.isEmpty()) {
    const QRectF chip = chips_.front();
    const QString badge = QStringLiteral("×%1").arg(countBadge_);
    painter->setFont(pixelFont(10, true));
    const double w = QFontMetricsF(painter->font()).horizontalAdvance(badge) + 8;
    const QRectF badgeRect(chip.right() - w + 5, chip.top() - 7, w, 15);
    painter->setPen(QPen(palette.color(QPalette::Base), 1.2));
    painter->setBrush(palette.color(QPalette::Text));
    painter->drawRoundedRect(badgeRect, 7.5, 7.5);
    painter->setPen(palette.color(QPalette::Base));
    painter->drawText(badgeRect, Qt::AlignCenter, badge);
  }
  paintMarks(painter, shape_);
}
