#pragma once
// The problems dock: what validation found, most severe first, each with the item it is about
// in words and its JSON pointer, then (as warnings) the nodes whose agents are unreachable or
// hold other devices than the project says. Activating a row selects that item on the canvas.

#include <QTreeWidget>

#include "bridge/ItemKey.h"
#include "bridge/NodeStatus.h"

class ProjectDocument;

class ProblemsPanel : public QTreeWidget {
  Q_OBJECT

 public:
  explicit ProblemsPanel(ProjectDocument& document, QWidget* parent = nullptr);
  void setNodeStatuses(const NodeStatuses& statuses);

 signals:
  void problemActivated(const ItemKey& key);

 private:
  void rebuild();
  void addNodeRows();
  ItemKey nodeKey(const QString& nodeId) const;
  QString describe(const ItemKey& key) const;

  ProjectDocument& document_;
  NodeStatuses nodeStatuses_;
};
