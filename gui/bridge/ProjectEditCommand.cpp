#include "bridge/ProjectEditCommand.h"

#include "bridge/ProjectDocument.h"

ProjectEditCommand::ProjectEditCommand(ProjectDocument& document, const QString& text, archi::Project before,
                                       archi::Project after, int mergeId)
    : QUndoCommand(text), document_(document), before_(std::move(before)), after_(std::move(after)), mergeId_(mergeId) {}

void ProjectEditCommand::redo() { document_.restoreSnapshot(after_); }

void ProjectEditCommand::undo() { document_.restoreSnapshot(before_); }

bool ProjectEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* edit = static_cast<const ProjectEditCommand*>(other);
  after_ = edit->after_;
  return true;
}
