#include "topology/KeyedItem.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "app/VisualStyle.h"
#include "topology/ItemPainting.h"

using namespace item_painting;

KeyedItem::KeyedItem(const ItemKey& key, QGraphicsItem* parent) : QGraphicsItem(parent), key_(key) {
  setFlag(ItemIsSelectable);
}

void KeyedItem::setDescription(const QString& text) {
  description_ = text;
  refreshToolTip();
}

void KeyedItem::setStateNote(const QString& text) {
  stateNote_ = text;
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
  if (!stateNote_.isEmpty()) tip += QStringLiteral("\n") + stateNote_;
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
