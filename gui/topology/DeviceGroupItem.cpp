#include "topology/DeviceGroupItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "bridge/LiveRunState.h"
#include "topology/ItemPainting.h"

using namespace item_painting;

DeviceGroupItem::DeviceGroupItem(const ItemKey& key, const ChipStyle& style, const QList<QRectF>& chips,
                                 int countBadge, QGraphicsItem* parent)
    : KeyedItem(key, parent), style_(style), chips_(chips), countBadge_(countBadge) {
  for (const QRectF& chip : chips_) shape_.addRoundedRect(chip, 5, 5);
  chipUtilisation_.fill(-1.0, chips_.size());
  chipStalled_.fill(false, chips_.size());
  for (qsizetype i = 0; i < chips_.size(); ++i) chipLabels_.append(QString());
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
  for (qsizetype index = 0; index < chips_.size(); ++index) {
    const QRectF& chip = chips_.at(index);
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
    if (live_ && chipUtilisation_.at(index) >= 0.0) {
      paintLive(painter, chip, index, text);
    } else {
      painter->drawText(QRectF(chip.left() + 2, chip.center().y(), chip.width() - 4, chip.height() / 2 - 3),
                        Qt::AlignCenter, second);
    }
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

void DeviceGroupItem::paintLive(QPainter* painter, const QRectF& chip, qsizetype index, const QColor& text) const {
  // Percentage on the second line, a bar under it: the chip keeps its vendor colour and dash.
  painter->drawText(QRectF(chip.left() + 2, chip.center().y() - 2, chip.width() - 4, chip.height() / 2 - 6),
                    Qt::AlignCenter, chipLabels_[index]);
  const QRectF track(chip.left() + 5, chip.bottom() - 7, chip.width() - 10, 3.5);
  QColor trackColor = text;
  trackColor.setAlphaF(0.3);
  painter->setPen(Qt::NoPen);
  painter->setBrush(trackColor);
  painter->drawRoundedRect(track, 1.75, 1.75);
  const double share = std::clamp(chipUtilisation_[index], 0.0, 1.0);
  painter->setBrush(chipStalled_[index] ? visual_style::warningColor() : text);
  painter->drawRoundedRect(QRectF(track.left(), track.top(), track.width() * share, track.height()), 1.75, 1.75);
}

void DeviceGroupItem::setLiveState(const LiveRunState& state) {
  const bool wasLive = live_;
  live_ = state.running && !deviceIds_.isEmpty();
  if (!live_) {
    if (wasLive) {
      setStateNote(QString());
      update();
    }
    return;
  }
  // One chip per device when expanded; a collapsed group's single chip shows their mean.
  const bool perDevice = chips_.size() == deviceIds_.size();
  QStringList lines;
  double sum = 0.0;
  int reporting = 0;
  bool anyStalled = false;
  const QLocale locale;
  for (qsizetype i = 0; i < deviceIds_.size(); ++i) {
    const auto it = state.devices.constFind(deviceIds_[i]);
    if (it == state.devices.constEnd()) {
      if (perDevice) chipUtilisation_[i] = -1.0;
      lines.append(QObject::tr("%1: no figures yet").arg(deviceIds_[i]));
      continue;
    }
    const LiveDevice& d = it.value();
    sum += d.utilisation;
    ++reporting;
    anyStalled = anyStalled || d.stalled;
    if (perDevice) {
      chipUtilisation_[i] = d.utilisation;
      chipStalled_[i] = d.stalled;
    }
    QString line = QObject::tr("%1: %2% busy · %3 · step %4")
                       .arg(deviceIds_[i], locale.toString(qRound(100.0 * d.utilisation)), visual_style::formatRate(d.tokensPerSecond),
                            visual_style::formatDuration(d.stepMs));
    if (d.stalled) line += QObject::tr(" · stalled");
    lines.append(line);
  }
  if (!perDevice && !chips_.isEmpty()) {
    chipUtilisation_[0] = reporting > 0 ? sum / reporting : -1.0;
    chipStalled_[0] = anyStalled;
  }
  for (qsizetype i = 0; i < chips_.size(); ++i) {
    if (chipUtilisation_[i] < 0.0) {
      chipLabels_[i].clear();
      continue;
    }
    const QString percent = locale.toString(qRound(100.0 * chipUtilisation_[i]));
    chipLabels_[i] = chipStalled_[i] ? QObject::tr("%1% stalled").arg(percent)
                     : style_.emulate ? QObject::tr("%1% emul.").arg(percent)
                                      : QObject::tr("%1%").arg(percent);
  }
  QString note = reporting == 0 ? QObject::tr("Run %1: no figures for these devices yet").arg(state.runName)
                                : QObject::tr("Run %1: utilisation %2% (compute time / step time)")
                                      .arg(state.runName, locale.toString(qRound(100.0 * sum / reporting)));
  if (style_.emulate) note += QObject::tr("\nemulated: the share of each step spent computing on this machine's CPU");
  setStateNote(note + QStringLiteral("\n") + lines.join('\n'));
  update();
}
