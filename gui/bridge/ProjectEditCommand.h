#pragma once
// One undoable edit of the open project, kept as the project before and after it.

#include <QUndoCommand>

#include "core/Project.h"

class ProjectDocument;

class ProjectEditCommand : public QUndoCommand {
 public:
  ProjectEditCommand(ProjectDocument& document, const QString& text, archi::Project before, archi::Project after,
                     int mergeId);

  void redo() override;
  void undo() override;
  int id() const override { return mergeId_ == 0 ? -1 : mergeId_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument& document_;
  archi::Project before_;
  archi::Project after_;
  int mergeId_;
};
