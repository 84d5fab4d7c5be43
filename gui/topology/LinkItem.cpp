#include "topology/LinkItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "bridge/LiveRunState.h"
#include "topology/ItemPainting.h"
#include <QPainterPathStroker>
#include "topology/DatacenterItem.h"

using namespace item_painting;

LinkItem::LinkItem(const ItemKey& key, DatacenterItem* a, DatacenterItem* b, double gbit, const QString& label)
    : KeyedItem(key, nullptr), a_(a), b_(b), width_(visual_style::linkWidth(gbit)), gbit_(gbit), label_(label) {
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
  const double lines = liveLabel_.isEmpty() ? 1.0 : 2.0;
  const double textWidth = std::max(metrics.horizontalAdvance(label_), QFontMetricsF(pixelFont(11, true)).horizontalAdvance(liveLabel_));
  const double meter = liveLabel_.isEmpty() ? 0.0 : 6.0;  // the share-of-bandwidth bar under the live line
  const QSizeF labelSize(textWidth + 16, lines * metrics.height() + 8 + meter);
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
  const QColor liveColor = waitedOn_ ? visual_style::warningColor() : visual_style::busyColor();
  if (!liveLabel_.isEmpty() && liveShare_ > 0.0) {
    // The measured share of the bandwidth, filled from each end towards the middle.
    painter->setPen(QPen(liveColor, std::max(3.0, width_ * 0.7), Qt::SolidLine, Qt::FlatCap));
    const QPointF middle = line_.center();
    painter->drawLine(QLineF(middle, line_.p1()).pointAt(1.0 - liveShare_), line_.p1());
    painter->drawLine(QLineF(middle, line_.p2()).pointAt(1.0 - liveShare_), line_.p2());
  }

  const bool marked = isSelected() || problem() != Problem::None;
  painter->setPen(QPen(marked ? lineColor : waitedOn_ ? liveColor : palette.color(QPalette::Mid), waitedOn_ && !marked ? 2.0 : 1.2));
  painter->setBrush(palette.color(QPalette::Base));
  painter->drawRoundedRect(labelRect_, 6, 6);
  painter->setPen(palette.color(QPalette::Text));
  painter->setFont(pixelFont(11));
  if (liveLabel_.isEmpty()) {
    painter->drawText(labelRect_, Qt::AlignCenter, label_);
    return;
  }
  const QRectF inner = labelRect_.adjusted(0, 4, 0, -10);
  const QRectF top(inner.left(), inner.top(), inner.width(), inner.height() / 2);
  const QRectF bottom(inner.left(), top.bottom(), inner.width(), inner.height() / 2);
  painter->drawText(top, Qt::AlignCenter, label_);
  painter->setFont(pixelFont(11, true));
  painter->setPen(waitedOn_ ? liveColor.darker(visual_style::isDark(palette) ? 100 : 130) : palette.color(QPalette::Text));
  painter->drawText(bottom, Qt::AlignCenter, liveLabel_);
  const QRectF track(labelRect_.left() + 8, labelRect_.bottom() - 8, labelRect_.width() - 16, 3.5);
  QColor trackColor = palette.color(QPalette::Mid);
  trackColor.setAlphaF(0.5);
  painter->setPen(Qt::NoPen);
  painter->setBrush(trackColor);
  painter->drawRoundedRect(track, 1.75, 1.75);
  painter->setBrush(liveColor);
  painter->drawRoundedRect(QRectF(track.left(), track.top(), std::max(track.height(), track.width() * liveShare_), track.height()), 1.75, 1.75);
}

void LinkItem::setLive(const LiveLink* link, const QString& runName) {
  if (link == nullptr) {
    if (liveLabel_.isEmpty()) return;
    liveLabel_.clear();
    liveShare_ = 0.0;
    waitedOn_ = false;
    setStateNote(QString());
    updateGeometry();
    return;
  }
  // The link as drawn when the runtime did not say which bandwidth it measured against.
  const double bandwidthMbit = link->bandwidthMbit > 0.0 ? link->bandwidthMbit : gbit_ * 1000.0;
  liveShare_ = bandwidthMbit > 0.0 ? std::clamp(link->mbitPerSecond / bandwidthMbit, 0.0, 1.0) : 0.0;
  waitedOn_ = link->waitedOn;
  const QLocale locale;
  const QString rate = visual_style::formatBandwidth(link->mbitPerSecond / 1000.0);
  const QString percent = locale.toString(qRound(100.0 * liveShare_));
  liveLabel_ = waitedOn_ ? QObject::tr("%1 · %2% · waited on").arg(rate, percent) : QObject::tr("%1 · %2%").arg(rate, percent);
  QString note = QObject::tr("Run %1: %2 of %3 (%4% of the bandwidth)")
                     .arg(runName, rate, visual_style::formatBandwidth(bandwidthMbit / 1000.0), percent);
  if (waitedOn_) note += QObject::tr("\nthe latest outer round waited on this link longer than on the others");
  setStateNote(note);
  updateGeometry();
}
