#include "topology/NodeItem.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

#include "app/VisualStyle.h"
#include "topology/ItemPainting.h"

using namespace item_painting;

namespace {

constexpr double kBadgeHeight = 16.0;
constexpr double kBadgeGap = 8.0;

}  // namespace

NodeItem::NodeItem(const ItemKey& key, const QString& id, const QString& endpoint, double width, double height,
                   QGraphicsItem* parent)
    : KeyedItem(key, parent), id_(id), endpoint_(endpoint), size_(width, height) {
  status_.nodeId = id;
}

QRectF NodeItem::boundingRect() const { return QRectF(QPointF(-2, -2), size_ + QSizeF(4, 4)); }

void NodeItem::setDropTarget(bool on) {
  dropTarget_ = on;
  update();
}

QString NodeItem::badgeGlyph(const NodeStatus& status) {
  if (status.notEnrolled) return QStringLiteral("–");
  if (status.localOnly) return QStringLiteral("⌂");
  switch (status.state) {
    case NodeStatus::State::Reachable: return QStringLiteral("✓");
    case NodeStatus::State::Unreachable: return QStringLiteral("✕");
    case NodeStatus::State::Mismatch: return QStringLiteral("!");
    case NodeStatus::State::Unchecked: break;
  }
  return QStringLiteral("?");
}

QString NodeItem::badgeText(const NodeStatus& status) {
  if (status.viaSlurm) {
    switch (status.state) {
      case NodeStatus::State::Reachable: return QCoreApplication::translate("NodeItem", "Slurm: free");
      case NodeStatus::State::Mismatch: return QCoreApplication::translate("NodeItem", "Slurm: would wait");
      case NodeStatus::State::Unreachable: return QCoreApplication::translate("NodeItem", "Slurm unreachable");
      case NodeStatus::State::Unchecked: return QCoreApplication::translate("NodeItem", "Slurm");
    }
  }
  switch (status.state) {
    case NodeStatus::State::Reachable: return status.version.isEmpty() ? QCoreApplication::translate("NodeItem", "agent up") : QCoreApplication::translate("NodeItem", "agent %1").arg(status.version);
    case NodeStatus::State::Unreachable:
      if (status.localOnly) return QCoreApplication::translate("NodeItem", "local");
      return status.notEnrolled ? QCoreApplication::translate("NodeItem", "not enrolled") : QCoreApplication::translate("NodeItem", "unreachable");
    case NodeStatus::State::Mismatch: return QCoreApplication::translate("NodeItem", "mismatch");
    case NodeStatus::State::Unchecked: break;
  }
  return QCoreApplication::translate("NodeItem", "not checked");
}

QColor NodeItem::badgeColor(const NodeStatus& status) {
  return status.notEnrolled || status.localOnly ? visual_style::unknownColor() : badgeColor(status.state);
}

QColor NodeItem::badgeColor(NodeStatus::State state) {
  switch (state) {
    case NodeStatus::State::Reachable: return visual_style::okColor();
    case NodeStatus::State::Unreachable: return visual_style::errorColor();
    case NodeStatus::State::Mismatch: return visual_style::warningColor();
    case NodeStatus::State::Unchecked: break;
  }
  return visual_style::unknownColor();
}

// The tooltip of a Slurm datacenter's node: its slurmrestd and partition, not an agent.
QString NodeItem::slurmNote(const NodeStatus& status) {
  switch (status.state) {
    case NodeStatus::State::Reachable:
      return QCoreApplication::translate("NodeItem", "Slurm %1 at %2: %3; the datacenter's job fits what is free now").arg(status.version, status.agentAddress, status.slurmFree);
    case NodeStatus::State::Mismatch:
      return QCoreApplication::translate("NodeItem", "Slurm %1 at %2: %3; the job would wait:\n%4").arg(status.version, status.agentAddress, status.slurmFree, status.mismatches.join('\n'));
    case NodeStatus::State::Unreachable: return QCoreApplication::translate("NodeItem", "Slurm: %1").arg(status.reason);
    case NodeStatus::State::Unchecked: break;
  }
  return QCoreApplication::translate("NodeItem", "Slurm: not checked yet");
}

void NodeItem::setAgentStatus(const NodeStatus& status) {
  status_ = status;
  QString note;
  if (status.viaSlurm) {
    note = slurmNote(status);
    if (status.checkedAt_s > 0) {
      note += QCoreApplication::translate("NodeItem", "\nChecked at %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(status.checkedAt_s * 1000)).time(), QLocale::ShortFormat));
    }
    setStateNote(note);
    update();
    return;
  }
  switch (status.state) {
    case NodeStatus::State::Reachable: note = QCoreApplication::translate("NodeItem", "Agent: reachable, archi %1").arg(status.version); break;
    case NodeStatus::State::Unreachable:
      note = status.localOnly ? QCoreApplication::translate("NodeItem",
                                                            "Agent: none at the project's address between runs; Run on This Machine "
                                                            "starts this node's agent on a port of its own.\n(%1)")
                                    .arg(status.reason)
                              : QCoreApplication::translate("NodeItem", "Agent: %1").arg(status.reason);
      break;
    case NodeStatus::State::Mismatch: note = QCoreApplication::translate("NodeItem", "Agent: reachable (archi %1), inventory mismatch:\n%2").arg(status.version, status.mismatches.join('\n')); break;
    case NodeStatus::State::Unchecked: note = QCoreApplication::translate("NodeItem", "Agent: not checked yet"); break;
  }
  if (status.viaRun) note += QCoreApplication::translate("NodeItem", "\nAsked at %1, the agent of the live run").arg(status.agentAddress);
  if (status.checkedAt_s > 0) {
    note += QCoreApplication::translate("NodeItem", "\nChecked at %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(status.checkedAt_s * 1000)).time(), QLocale::ShortFormat));
  }
  setStateNote(note);
  update();
}

void NodeItem::paintBadge(QPainter* painter, const QRectF& room) const {
  const QFont font = pixelFont(10, true);
  const QFontMetricsF metrics(font);
  const QString text = badgeText(status_);
  const double textWidth = std::min(metrics.horizontalAdvance(text), room.width() - kBadgeHeight - 8);
  if (textWidth < 12) return;  // no room on a narrow card: the tooltip still says it
  const QRectF pill(room.left(), room.center().y() - kBadgeHeight / 2, kBadgeHeight + 6 + textWidth + 6, kBadgeHeight);
  const QColor color = badgeColor(status_);
  QColor fill = color;
  fill.setAlphaF(0.14);
  painter->save();
  painter->setPen(QPen(color, 1.0));
  painter->setBrush(fill);
  painter->drawRoundedRect(pill, kBadgeHeight / 2, kBadgeHeight / 2);
  const QRectF dot(pill.left() + 2, pill.top() + 2, kBadgeHeight - 4, kBadgeHeight - 4);
  painter->setPen(Qt::NoPen);
  painter->setBrush(color);
  painter->drawEllipse(dot);
  painter->setFont(pixelFont(9, true));
  painter->setPen(visual_style::textOn(color));
  painter->drawText(dot, Qt::AlignCenter, badgeGlyph(status_));
  painter->setFont(font);
  painter->setPen(paletteOf(this).color(QPalette::Text));
  painter->drawText(QRectF(dot.right() + 4, pill.top(), textWidth + 2, pill.height()), Qt::AlignVCenter | Qt::AlignLeft,
                    metrics.elidedText(text, Qt::ElideRight, textWidth));
  painter->restore();
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  const QPalette palette = paletteOf(this);
  painter->setRenderHint(QPainter::Antialiasing);
  const QRectF rect(QPointF(0, 0), size_);
  painter->setPen(QPen(dropTarget_ ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid),
                       dropTarget_ ? 2.5 : 1.0));
  painter->setBrush(palette.color(QPalette::Base));
  painter->drawRoundedRect(rect, 7, 7);
  const QFont idFont = pixelFont(12, true);
  const QFont endpointFont = pixelFont(11);
  const double idWidth = std::min(QFontMetricsF(idFont).horizontalAdvance(id_), size_.width() / 2 - kPadding);
  const double endpointWidth = QFontMetricsF(endpointFont).horizontalAdvance(endpoint_);
  painter->setPen(palette.color(QPalette::Text));
  painter->setFont(idFont);
  painter->drawText(QRectF(kPadding, 0, idWidth + 1, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
                    QFontMetricsF(idFont).elidedText(id_, Qt::ElideRight, idWidth + 1));
  QColor muted = palette.color(QPalette::Text);
  muted.setAlphaF(0.62);
  painter->setPen(muted);
  painter->setFont(endpointFont);
  painter->drawText(QRectF(size_.width() / 2, 0, size_.width() / 2 - kPadding, kHeaderHeight),
                    Qt::AlignVCenter | Qt::AlignRight, endpoint_);
  const double badgeLeft = kPadding + idWidth + kBadgeGap;
  const double badgeRight = size_.width() - kPadding - endpointWidth - kBadgeGap;
  paintBadge(painter, QRectF(badgeLeft, 0, std::max(0.0, badgeRight - badgeLeft), kHeaderHeight));
  QPainterPath outline;
  outline.addRoundedRect(rect, 7, 7);
  paintMarks(painter, outline);
}
