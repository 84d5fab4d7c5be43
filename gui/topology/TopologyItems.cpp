#include "topology/TopologyItems.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

#include "app/VisualStyle.h"

namespace {

QPalette paletteOf(const QGraphicsItem* item) {
  return item->scene() != nullptr ? item->scene()->palette() : QPalette();
}

QFont pixelFont(int pixels, bool bold = false, bool italic = false) {
  QFont font;
  font.setPixelSize(pixels);
  font.setBold(bold);
  font.setItalic(italic);
  return font;
}

// Where the segment from the centre of `rect` towards `outside` leaves the rectangle.
QPointF exitPoint(const QRectF& rect, const QPointF& outside) {
  const QPointF c = rect.center();
  const QPointF d = outside - c;
  if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9) return c;
  const double sx = std::abs(d.x()) > 1e-9 ? (rect.width() / 2) / std::abs(d.x()) : 1e18;
  const double sy = std::abs(d.y()) > 1e-9 ? (rect.height() / 2) / std::abs(d.y()) : 1e18;
  const double s = std::min(std::min(sx, sy), 1.0);
  return c + d * s;
}

}  // namespace

// --- KeyedItem -------------------------------------------------------------------------------

KeyedItem::KeyedItem(const ItemKey& key, QGraphicsItem* parent) : QGraphicsItem(parent), key_(key) {
  setFlag(ItemIsSelectable);
}

void KeyedItem::setDescription(const QString& text) {
  description_ = text;
  refreshToolTip();
}

void KeyedItem::clearProblems() {
  if (problem_ == Problem::None && problems_.isEmpty()) return;
  problems_.clear();
  problem_ = Problem::None;
  refreshToolTip();
  update();
}

void KeyedItem::addProblem(Problem level, const QString& message) {
  problems_.append((level == Problem::Error ? QObject::tr("Error: %1") : QObject::tr("Warning: %1")).arg(message));
  if (int(level) > int(problem_)) problem_ = level;
  refreshToolTip();
  update();
}

void KeyedItem::refreshToolTip() {
  QString tip = description_;
  if (!problems_.isEmpty()) tip += QStringLiteral("\n\n") + problems_.join('\n');
  setToolTip(tip);
}

void KeyedItem::paintMarks(QPainter* painter, const QPainterPath& outline) const {
  painter->save();
  painter->setBrush(Qt::NoBrush);
  if (problem_ != Problem::None) {
    const QColor color = problem_ == Problem::Error ? visual_style::errorColor() : visual_style::warningColor();
    painter->setPen(QPen(color, 3.0));
    painter->drawPath(outline);
  }
  if (isSelected()) {
    QPen pen(paletteOf(this).color(QPalette::Highlight), 2.0, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawPath(outline);
  }
  painter->restore();
}

// --- LinkHandleItem --------------------------------------------------------------------------

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

// --- DatacenterItem --------------------------------------------------------------------------

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
  painter->setPen(QPen(color_, 1.6));
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

// --- NodeItem --------------------------------------------------------------------------------

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

// --- DeviceGroupItem -------------------------------------------------------------------------

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
    outline = QPen(style_.enabled ? fill.darker(190) : palette.color(QPalette::Text), 1.6, Qt::DashLine);
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

// --- LinkItem --------------------------------------------------------------------------------

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
