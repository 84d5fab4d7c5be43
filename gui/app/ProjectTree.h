#pragma once
// The project tree dock: datacenters, nodes and device groups, then WAN links, with the
// selection kept in step with the canvas.

#include <QTreeWidget>

#include "bridge/ItemKey.h"

class ProjectDocument;

class ProjectTree : public QTreeWidget {
  Q_OBJECT

 public:
  explicit ProjectTree(ProjectDocument& document, QWidget* parent = nullptr);

  void selectKeys(const ItemKeys& keys);
  ItemKeys selectedKeys() const;

 signals:
  void selectionKeysChanged(const ItemKeys& keys);

 private:
  void rebuild();

  ProjectDocument& document_;
  bool updating_ = false;
};
