#pragma once
// Small drawing helpers shared by the canvas items.

#include <QFont>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QPalette>
#include <QPointF>
#include <QRectF>

#include <algorithm>
#include <cmath>

namespace item_painting {

inline QPalette paletteOf(const QGraphicsItem* item) {
  return item->scene() != nullptr ? item->scene()->palette() : QPalette();
}

inline QFont pixelFont(int pixels, bool bold = false, bool italic = false) {
  QFont font;
  font.setPixelSize(pixels);
  font.setBold(bold);
  font.setItalic(italic);
  return font;
}

// Where the segment from the centre of `rect` towards `outside` leaves the rectangle.
inline QPointF exitPoint(const QRectF& rect, const QPointF& outside) {
  const QPointF c = rect.center();
  const QPointF d = outside - c;
  if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9) return c;
  const double sx = std::abs(d.x()) > 1e-9 ? (rect.width() / 2) / std::abs(d.x()) : 1e18;
  const double sy = std::abs(d.y()) > 1e-9 ? (rect.height() / 2) / std::abs(d.y()) : 1e18;
  const double s = std::min(std::min(sx, sy), 1.0);
  return c + d * s;
}

}  // namespace item_painting
