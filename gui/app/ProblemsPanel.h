#pragma once
// The problems dock: what validation found, most severe first, each with the item it is about
// in words and its JSON pointer. Activating a row selects that item on the canvas.

#include <QTreeWidget>

#include "bridge/ItemKey.h"

class ProjectDocument;

class ProblemsPanel : public QTreeWidget {
  Q_OBJECT

 public:
  explicit ProblemsPanel(ProjectDocument& document, QWidget* parent = nullptr);

 signals:
  void problemActivated(const ItemKey& key);

 private:
  void rebuild();
  QString describe(const ItemKey& key) const;

  ProjectDocument& document_;
};
