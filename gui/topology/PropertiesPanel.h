#pragma once
// The properties dock: a form for the selected datacenter, node, device group or link (or the
// project when nothing is selected). Every change becomes one undoable edit; the form follows
// undo/redo and keeps the keyboard focus on the field being worked on.

#include <QWidget>

#include <functional>

#include "bridge/ItemKey.h"
#include "core/Project.h"

class ProjectDocument;
class QFormLayout;
class QScrollArea;

class PropertiesPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PropertiesPanel(ProjectDocument& document, QWidget* parent = nullptr);

  void setSelection(const ItemKeys& keys);
  const ItemKeys& selection() const { return keys_; }

 private:
  void scheduleRebuild();
  void rebuild();
  void buildProject(QFormLayout* form);
  void buildDatacenter(QFormLayout* form, int dc);
  void buildNode(QFormLayout* form, int dc, int node);
  void buildDeviceGroup(QFormLayout* form, int dc, int node, int group);
  void buildLink(QFormLayout* form, int link);
  void buildMultiple(QFormLayout* form);

  // Field editors: each applies `change` to a copy of the project and pushes it as `what`.
  using Change = std::function<void(archi::Project&, const QVariant&)>;
  void addText(QFormLayout* form, const QString& name, const QString& label, const std::string& value, Change change);
  void addInt(QFormLayout* form, const QString& name, const QString& label, int value, int min, int max, Change change);
  void addDouble(QFormLayout* form, const QString& name, const QString& label, double value, double min, double max,
                 int decimals, const QString& suffix, Change change);
  void addCheck(QFormLayout* form, const QString& name, const QString& label, Qt::CheckState state, Change change);
  void addChoice(QFormLayout* form, const QString& name, const QString& label, const QStringList& choices,
                 const QString& value, bool editable, Change change);
  void apply(const QString& what, const Change& change, const QVariant& value);

  ProjectDocument& document_;
  ItemKeys keys_;
  QScrollArea* scroll_ = nullptr;
  QWidget* form_ = nullptr;
  bool rebuildPending_ = false;
};
