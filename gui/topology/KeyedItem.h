#pragma once
// Base of every canvas item: carries the ItemKey of what it draws, a description for its
// tooltip, and the validation problems that mark it (outline colour + tooltip lines).

#include <QGraphicsItem>
#include <QString>
#include <QStringList>

#include "bridge/ItemKey.h"

class KeyedItem : public QGraphicsItem {
 public:
  enum class Problem { None, Warning, Error };

  KeyedItem(const ItemKey& key, QGraphicsItem* parent);
  const ItemKey& key() const { return key_; }

  // Sets the item's own description; problems are appended to it in the tooltip.
  void setDescription(const QString& text);
  // A line about the item's live state (e.g. its node agent), shown under the description.
  void setStateNote(const QString& text);
  void clearProblems();
  void addProblem(Problem level, const QString& message);
  Problem problem() const { return problem_; }

 protected:
  // Outline for the selection (palette highlight) and for problems (red or amber, thicker).
  void paintMarks(QPainter* painter, const QPainterPath& outline) const;

 private:
  void refreshToolTip();

  ItemKey key_;
  QString description_;
  QString stateNote_;
  QStringList problems_;
  Problem problem_ = Problem::None;
};
